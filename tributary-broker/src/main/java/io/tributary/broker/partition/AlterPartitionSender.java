package io.tributary.broker.partition;

import io.tributary.broker.controller.ControllerChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AlterPartitionRequestData;
import org.apache.kafka.common.message.AlterPartitionRequestData.BrokerState;
import org.apache.kafka.common.message.AlterPartitionResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AlterPartitionRequest;
import org.apache.kafka.common.requests.AlterPartitionResponse;

/** Asks the active controller to change a partition's ISR (Kafka's AlterPartition, sent by the leader). */
public final class AlterPartitionSender {

    /** One ISR member as the controller checks it: broker id and the broker epoch it fetched with. */
    public record IsrMember(int brokerId, long brokerEpoch) {
    }

    /** The controller's answer for the partition: an error, or its new state. */
    public record Outcome(Errors error, int leaderId, int leaderEpoch, int[] isr, int partitionEpoch) {
    }

    private final ControllerChannel channel;
    private final int localBrokerId;
    private final LongSupplier brokerEpoch;
    private final IntPredicate eligibleReplica;

    public AlterPartitionSender(ControllerChannel channel, int localBrokerId, LongSupplier brokerEpoch) {
        this(channel, localBrokerId, brokerEpoch, brokerId -> true);
    }

    /**
     * @param eligibleReplica whether a broker may join an ISR now (registered, unfenced, not shutting down, as the
     *                        local image says): the controller would refuse the others with INELIGIBLE_REPLICA,
     *                        so proposing them on every fetch would only flood it (KIP-841)
     */
    public AlterPartitionSender(ControllerChannel channel, int localBrokerId, LongSupplier brokerEpoch,
                                IntPredicate eligibleReplica) {
        this.channel = channel;
        this.localBrokerId = localBrokerId;
        this.brokerEpoch = brokerEpoch;
        this.eligibleReplica = eligibleReplica;
    }

    boolean isEligible(int brokerId) {
        return eligibleReplica.test(brokerId);
    }

    long brokerEpoch() {
        return brokerEpoch.getAsLong();
    }

    CompletableFuture<Outcome> send(Uuid topicId, int partition, int leaderEpoch, int partitionEpoch,
                                    List<IsrMember> newIsr) {
        List<BrokerState> members = new ArrayList<>(newIsr.size());
        newIsr.forEach(m -> members.add(new BrokerState().setBrokerId(m.brokerId()).setBrokerEpoch(m.brokerEpoch())));
        AlterPartitionRequestData data = new AlterPartitionRequestData()
                .setBrokerId(localBrokerId)
                .setBrokerEpoch(brokerEpoch.getAsLong());
        data.topics().add(new AlterPartitionRequestData.TopicData()
                .setTopicId(topicId)
                .setPartitions(List.of(new AlterPartitionRequestData.PartitionData()
                        .setPartitionIndex(partition)
                        .setLeaderEpoch(leaderEpoch)
                        .setPartitionEpoch(partitionEpoch)
                        .setNewIsrWithEpochs(members))));
        AlterPartitionRequest request = new AlterPartitionRequest.Builder(data)
                .build(ApiKeys.ALTER_PARTITION.latestVersion());
        return channel.send(request).thenApply(response -> outcome((AlterPartitionResponse) response, partition));
    }

    private static Outcome outcome(AlterPartitionResponse response, int partition) {
        AlterPartitionResponseData data = response.data();
        if (data.errorCode() != Errors.NONE.code()) {
            return failed(Errors.forCode(data.errorCode()));
        }
        for (AlterPartitionResponseData.TopicData topic : data.topics()) {
            for (AlterPartitionResponseData.PartitionData p : topic.partitions()) {
                if (p.partitionIndex() != partition) {
                    continue;
                }
                if (p.errorCode() != Errors.NONE.code()) {
                    return failed(Errors.forCode(p.errorCode()));
                }
                int[] isr = p.isr().stream().mapToInt(Integer::intValue).toArray();
                return new Outcome(Errors.NONE, p.leaderId(), p.leaderEpoch(), isr, p.partitionEpoch());
            }
        }
        return failed(Errors.UNKNOWN_SERVER_ERROR);
    }

    private static Outcome failed(Errors error) {
        return new Outcome(error, -1, -1, new int[0], -1);
    }
}
