package io.tributary.metadata.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AssignReplicasToDirsRequestData;
import org.apache.kafka.common.message.AssignReplicasToDirsResponseData;
import org.apache.kafka.common.protocol.Errors;

import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionChangeRecord;

/**
 * AssignReplicasToDirs (KIP-858) as far as Tributary tracks directories: a replica assigned to Kafka's reserved
 * {@link #LOST} directory ("an offline directory") sits in a log dir that failed on its broker, so, as Kafka's
 * controller does for a replica in an offline directory, the broker leaves the partition's ISR (unless it is its
 * last member) and, where it led, another ISR replica is elected (none: leader -1, or an unclean leader if the
 * topic allows it). Assignments to online directories are acknowledged; placement inside a broker is not recorded.
 */
public final class ReplicaDirectories {

    /** Kafka's {@code DirectoryId.LOST}: an unspecified offline directory. */
    public static final Uuid LOST = new Uuid(0L, 2L);

    private final BrokerPartitionChanges partitionChanges;

    ReplicaDirectories(BrokerPartitionChanges partitionChanges) {
        this.partitionChanges = partitionChanges;
    }

    public ControllerResult<AssignReplicasToDirsResponseData> assign(MetadataImage image,
                                                                     AssignReplicasToDirsRequestData request) {
        AssignReplicasToDirsResponseData response = new AssignReplicasToDirsResponseData();
        Optional<BrokerRegistration> broker = image.brokers().get(request.brokerId());
        if (broker.isEmpty()) {
            return new ControllerResult<>(List.of(), response.setErrorCode(Errors.BROKER_ID_NOT_REGISTERED.code()));
        }
        if (broker.get().epoch() != request.brokerEpoch()) {
            return new ControllerResult<>(List.of(), response.setErrorCode(Errors.STALE_BROKER_EPOCH.code()));
        }
        int brokerId = request.brokerId();
        List<MetadataRecord> records = new ArrayList<>();
        for (AssignReplicasToDirsRequestData.DirectoryData dir : request.directories()) {
            boolean offline = LOST.equals(dir.id());
            AssignReplicasToDirsResponseData.DirectoryData dirResult =
                new AssignReplicasToDirsResponseData.DirectoryData().setId(dir.id());
            for (AssignReplicasToDirsRequestData.TopicData topicData : dir.topics()) {
                Optional<TopicImage> topic = image.topics().get(topicData.topicId());
                AssignReplicasToDirsResponseData.TopicData topicResult =
                    new AssignReplicasToDirsResponseData.TopicData().setTopicId(topicData.topicId());
                for (AssignReplicasToDirsRequestData.PartitionData partitionData : topicData.partitions()) {
                    int index = partitionData.partitionIndex();
                    PartitionRegistration p = topic.map(t -> t.partitions().get(index)).orElse(null);
                    Errors error = Errors.NONE;
                    if (topic.isEmpty()) {
                        error = Errors.UNKNOWN_TOPIC_ID;
                    } else if (p == null) {
                        error = Errors.UNKNOWN_TOPIC_OR_PARTITION;
                    } else if (!p.isReplica(brokerId)) {
                        error = Errors.NOT_LEADER_OR_FOLLOWER;
                    } else if (offline) {
                        PartitionRegistration next = withoutReplica(image, topic.get(), p, brokerId);
                        if (!next.equals(p)) {
                            records.add(PartitionChangeRecord.between(topic.get().id(), index, p, next));
                        }
                    }
                    topicResult.partitions().add(new AssignReplicasToDirsResponseData.PartitionData()
                        .setPartitionIndex(index).setErrorCode(error.code()));
                }
                dirResult.topics().add(topicResult);
            }
            response.directories().add(dirResult);
        }
        return new ControllerResult<>(records, response);
    }

    /** The partition without {@code brokerId} in its ISR (unless last) or as its leader. */
    private PartitionRegistration withoutReplica(MetadataImage image, TopicImage topic, PartitionRegistration p,
                                                 int brokerId) {
        int[] isr = p.isr().length > 1 ? PartitionElection.without(p.isr(), brokerId) : p.isr();
        int leader = p.leader();
        if (leader == brokerId || leader == PartitionRegistration.NO_LEADER) {
            int[] candidates = PartitionElection.without(p.replicas(), brokerId);
            leader = PartitionElection.cleanLeader(candidates, isr, image.brokers());
            if (leader == PartitionRegistration.NO_LEADER && partitionChanges.uncleanAllowed(image, topic.name())) {
                leader = PartitionElection.uncleanLeader(candidates, image.brokers());
                if (leader != PartitionRegistration.NO_LEADER) {
                    isr = new int[] {leader};
                }
            }
        }
        return PartitionElection.with(p, p.replicas(), isr, leader);
    }
}
