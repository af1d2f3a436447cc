package io.tributary.broker.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.Uuid;

import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.log.MetadataBatch;

/**
 * The safety properties, checked on every committed batch (and on whole images at checkpoints):
 * <ul>
 *   <li>one leader per (partition, leader epoch): an epoch never goes back, and an unchanged epoch keeps its
 *       leader;</li>
 *   <li>the ISR is never empty and only holds replicas; a leader is an active broker in the ISR;</li>
 *   <li>no partition is leaderless while an ISR member is active (there is no ELR yet: the ISR rules as
 *       today);</li>
 *   <li>committed metadata is never lost: a controller writes only from an image holding every committed batch
 *       (checked by the quorum model at each append), and every controller or broker image equals the replay of
 *       the committed log at its offset (checked at checkpoints).</li>
 * </ul>
 */
final class Invariants implements CommittedLog.Observer {

    private static final int MAX_REPORTED = 20;

    private final List<String> violations = new ArrayList<>();
    private long violationCount;
    private long partitionStatesChecked;

    List<String> violations() {
        return violations;
    }

    long violationCount() {
        return violationCount;
    }

    long partitionStatesChecked() {
        return partitionStatesChecked;
    }

    void violation(String message) {
        violationCount++;
        if (violations.size() < MAX_REPORTED) {
            violations.add(message);
        }
    }

    @Override
    public void onCommitted(int index, MetadataBatch batch, MetadataDelta delta, MetadataImage after) {
        check(delta.createdPartitions(), delta.previousImage(), after, batch);
        check(delta.changedPartitions(), delta.previousImage(), after, batch);
    }

    private void check(Map<Uuid, Set<Integer>> partitions, MetadataImage before, MetadataImage after,
                       MetadataBatch batch) {
        partitions.forEach((topicId, indexes) -> {
            Optional<TopicImage> topic = after.topics().get(topicId);
            if (topic.isEmpty()) {
                return;
            }
            Optional<TopicImage> previousTopic = before.topics().get(topicId);
            for (int i : indexes) {
                PartitionRegistration p = topic.get().partitions().get(i);
                PartitionRegistration previous = previousTopic.flatMap(t -> t.partition(i)).orElse(null);
                String where = topic.get().name() + "-" + i + " at offset " + batch.lastOffset();
                checkState(where, p, after);
                if (previous != null) {
                    checkEpochs(where, previous, p);
                }
            }
        });
    }

    private void checkEpochs(String where, PartitionRegistration previous, PartitionRegistration p) {
        if (p.leaderEpoch() < previous.leaderEpoch()) {
            violation(where + ": leader epoch went back from " + previous.leaderEpoch() + " to " + p.leaderEpoch());
        } else if (p.leaderEpoch() == previous.leaderEpoch() && p.leader() != previous.leader()) {
            violation(where + ": two leaders (" + previous.leader() + ", " + p.leader() + ") in leader epoch "
                + p.leaderEpoch());
        }
        if (!p.equals(previous) && p.partitionEpoch() <= previous.partitionEpoch()) {
            violation(where + ": changed without a new partition epoch (" + previous.partitionEpoch() + ")");
        }
    }

    /** The state rules of one partition in one image. */
    void checkState(String where, PartitionRegistration p, MetadataImage image) {
        partitionStatesChecked++;
        if (p.isr().length == 0) {
            violation(where + ": empty ISR " + p);
        }
        for (int member : p.isr()) {
            if (!p.isReplica(member)) {
                violation(where + ": ISR member " + member + " is not a replica " + p);
            }
        }
        if (p.hasLeader()) {
            if (!p.isInIsr(p.leader())) {
                violation(where + ": leader outside the ISR " + p);
            }
            if (!image.brokers().isActive(p.leader())) {
                violation(where + ": leader " + p.leader() + " is not an active broker " + p);
            }
        } else {
            for (int member : p.isr()) {
                if (image.brokers().isActive(member)) {
                    violation(where + ": leaderless while ISR member " + member + " is active " + p);
                }
            }
        }
    }

    /** Checks every partition of {@code image} (a checkpoint). */
    void checkWholeImage(String label, MetadataImage image) {
        for (TopicImage topic : image.topics().all()) {
            topic.partitions().forEach((i, p) -> checkState(label + " " + topic.name() + "-" + i, p, image));
        }
    }

    /** An image built elsewhere (a controller's applier, a broker) must equal the committed log's replay. */
    void checkSameAsCommitted(String who, MetadataImage image, MetadataImage committed) {
        if (committed == null) {
            return;
        }
        if (image.offset() != committed.offset() || !image.sameContentAs(committed)) {
            violation(who + ": image at offset " + image.offset() + " differs from the committed log's replay at "
                + committed.offset());
        }
    }
}
