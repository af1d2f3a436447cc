package io.tributary.broker.partition;

import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.singleflight.SingleFlightSender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
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
import org.apache.kafka.common.requests.AbstractResponse;
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
    /** Changes waiting for the request in flight to end (guarded by the sender). */
    private final List<Pending> queued = new ArrayList<>();
    private final SingleFlightSender<List<Pending>, AbstractResponse> sender =
            new SingleFlightSender<>(this::takeQueued, this::sendBatch, this::answered);

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

    /**
     * Asks for one partition's new ISR. As Kafka's AlterPartitionManager: one request in flight, and the changes
     * asked for meanwhile (other partitions: a broker that restarts rejoins thousands of ISRs) go together in the
     * next one, which the controller commits as one metadata batch.
     */
    CompletableFuture<Outcome> send(Uuid topicId, int partition, int leaderEpoch, int partitionEpoch,
                                    List<IsrMember> newIsr) {
        Pending pending = new Pending(topicId, partition, leaderEpoch, partitionEpoch, newIsr,
                new CompletableFuture<>());
        return sender.enqueue(() -> {
            // One change per partition in a request: a newer one (a new leadership) replaces one still queued.
            Pending replaced = null;
            for (int i = 0; i < queued.size(); i++) {
                Pending q = queued.get(i);
                if (q.partition() == partition && q.topicId().equals(topicId)) {
                    replaced = queued.remove(i);
                    break;
                }
            }
            queued.add(pending);
            if (replaced != null) {
                replaced.result().complete(failed(Errors.OPERATION_NOT_ATTEMPTED));
            }
            return pending.result();
        });
    }

    /** One partition's asked-for change and the caller waiting for its outcome. */
    private record Pending(Uuid topicId, int partition, int leaderEpoch, int partitionEpoch, List<IsrMember> newIsr,
                           CompletableFuture<Outcome> result) {
    }

    private List<Pending> takeQueued() {
        if (queued.isEmpty()) {
            return null;
        }
        List<Pending> batch = new ArrayList<>(queued);
        queued.clear();
        return batch;
    }

    private CompletableFuture<AbstractResponse> sendBatch(List<Pending> batch) {
        return channel.send(requestFor(batch));
    }

    private void answered(List<Pending> batch, AbstractResponse response, Throwable error) {
        for (Pending pending : batch) {
            if (error != null) {
                pending.result().completeExceptionally(error);
            } else {
                pending.result().complete(outcome((AlterPartitionResponse) response, pending));
            }
        }
    }

    private AlterPartitionRequest requestFor(List<Pending> batch) {
        Map<Uuid, AlterPartitionRequestData.TopicData> topics = new LinkedHashMap<>();
        for (Pending p : batch) {
            List<BrokerState> members = new ArrayList<>(p.newIsr().size());
            p.newIsr().forEach(m -> members.add(new BrokerState().setBrokerId(m.brokerId())
                    .setBrokerEpoch(m.brokerEpoch())));
            topics.computeIfAbsent(p.topicId(), id -> new AlterPartitionRequestData.TopicData().setTopicId(id)
                    .setPartitions(new ArrayList<>()))
                    .partitions().add(new AlterPartitionRequestData.PartitionData()
                            .setPartitionIndex(p.partition())
                            .setLeaderEpoch(p.leaderEpoch())
                            .setPartitionEpoch(p.partitionEpoch())
                            .setNewIsrWithEpochs(members));
        }
        AlterPartitionRequestData data = new AlterPartitionRequestData()
                .setBrokerId(localBrokerId)
                .setBrokerEpoch(brokerEpoch.getAsLong())
                .setTopics(new ArrayList<>(topics.values()));
        return new AlterPartitionRequest.Builder(data).build(ApiKeys.ALTER_PARTITION.latestVersion());
    }

    private static Outcome outcome(AlterPartitionResponse response, Pending pending) {
        AlterPartitionResponseData data = response.data();
        if (data.errorCode() != Errors.NONE.code()) {
            return failed(Errors.forCode(data.errorCode()));
        }
        for (AlterPartitionResponseData.TopicData topic : data.topics()) {
            if (!pending.topicId().equals(topic.topicId())) {
                continue;
            }
            for (AlterPartitionResponseData.PartitionData p : topic.partitions()) {
                if (p.partitionIndex() != pending.partition()) {
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
