package io.tributary.broker.partition;

import io.tributary.broker.controller.ControllerChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AssignReplicasToDirsRequestData;
import org.apache.kafka.common.message.AssignReplicasToDirsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AssignReplicasToDirsRequest;
import org.apache.kafka.common.requests.AssignReplicasToDirsResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the active controller that replicas of this broker are in a failed log dir: AssignReplicasToDirs to
 * Kafka's reserved LOST directory, upon which the controller takes this broker out of their ISRs and elects other
 * leaders. Retried until the controller accepted it (a partition or topic deleted meanwhile counts as done).
 */
public final class OfflineReplicaReporter {

    /** Kafka's {@code DirectoryId.LOST}: an unspecified offline directory. */
    static final Uuid LOST_DIRECTORY = new Uuid(0L, 2L);
    private static final Logger LOG = LoggerFactory.getLogger(OfflineReplicaReporter.class);
    private static final long RETRY_DELAY_MS = 1000;

    private final ControllerChannel channel;
    private final int localBrokerId;
    private final LongSupplier brokerEpoch;

    public OfflineReplicaReporter(ControllerChannel channel, int localBrokerId, LongSupplier brokerEpoch) {
        this.channel = channel;
        this.localBrokerId = localBrokerId;
        this.brokerEpoch = brokerEpoch;
    }

    /** Reports the replicas; completes once the controller accepted them. */
    public CompletableFuture<Void> report(Collection<TopicIdPartition> replicas) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        attempt(List.copyOf(replicas), done);
        return done;
    }

    private void attempt(List<TopicIdPartition> replicas, CompletableFuture<Void> done) {
        if (replicas.isEmpty()) {
            done.complete(null);
            return;
        }
        channel.send(request(replicas)).whenComplete((response, error) -> {
            Errors outcome = error != null ? Errors.forException(error)
                    : firstError((AssignReplicasToDirsResponse) response);
            if (outcome == Errors.NONE) {
                LOG.info("The controller moved {} replica(s) in a failed log dir away from broker {}",
                        replicas.size(), localBrokerId);
                done.complete(null);
            } else {
                LOG.warn("Reporting {} replica(s) in a failed log dir failed ({}); retrying", replicas.size(),
                        outcome);
                CompletableFuture.delayedExecutor(RETRY_DELAY_MS, TimeUnit.MILLISECONDS)
                        .execute(() -> attempt(replicas, done));
            }
        });
    }

    private AssignReplicasToDirsRequest request(List<TopicIdPartition> replicas) {
        Map<Uuid, List<AssignReplicasToDirsRequestData.PartitionData>> byTopic = new HashMap<>();
        for (TopicIdPartition replica : replicas) {
            byTopic.computeIfAbsent(replica.topicId(), id -> new ArrayList<>())
                    .add(new AssignReplicasToDirsRequestData.PartitionData().setPartitionIndex(replica.partition()));
        }
        AssignReplicasToDirsRequestData.DirectoryData dir =
                new AssignReplicasToDirsRequestData.DirectoryData().setId(LOST_DIRECTORY);
        byTopic.forEach((topicId, partitions) -> dir.topics().add(
                new AssignReplicasToDirsRequestData.TopicData().setTopicId(topicId).setPartitions(partitions)));
        return new AssignReplicasToDirsRequest.Builder(new AssignReplicasToDirsRequestData()
                .setBrokerId(localBrokerId)
                .setBrokerEpoch(brokerEpoch.getAsLong())
                .setDirectories(List.of(dir))).build();
    }

    /** The first error that is worth a retry; deleted topics and partitions need no more reporting. */
    private static Errors firstError(AssignReplicasToDirsResponse response) {
        AssignReplicasToDirsResponseData data = response.data();
        if (data.errorCode() != Errors.NONE.code()) {
            return Errors.forCode(data.errorCode());
        }
        for (AssignReplicasToDirsResponseData.DirectoryData dir : data.directories()) {
            for (AssignReplicasToDirsResponseData.TopicData topic : dir.topics()) {
                for (AssignReplicasToDirsResponseData.PartitionData p : topic.partitions()) {
                    Errors error = Errors.forCode(p.errorCode());
                    if (error != Errors.NONE && error != Errors.UNKNOWN_TOPIC_ID
                            && error != Errors.UNKNOWN_TOPIC_OR_PARTITION && error != Errors.NOT_LEADER_OR_FOLLOWER) {
                        return error;
                    }
                }
            }
        }
        return Errors.NONE;
    }
}
