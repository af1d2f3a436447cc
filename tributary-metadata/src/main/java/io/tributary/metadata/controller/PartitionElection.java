package io.tributary.metadata.controller;

import java.util.Arrays;
import java.util.List;

import io.tributary.metadata.image.BrokersImage;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.replay.MetadataReplayer;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.record.MetadataRecord;

/**
 * Kafka's leader election rules. Clean: the first replica, in replica order, that is in the ISR and active
 * (registered, unfenced, not shutting down). Unclean (when the topic allows it and no clean leader exists): the
 * first active replica, which becomes the whole ISR.
 */
final class PartitionElection {

    private PartitionElection() {
    }

    static int cleanLeader(int[] replicas, int[] isr, BrokersImage brokers) {
        for (int replica : replicas) {
            if (PartitionRegistration.contains(isr, replica) && brokers.isActive(replica)) {
                return replica;
            }
        }
        return PartitionRegistration.NO_LEADER;
    }

    static int uncleanLeader(int[] replicas, BrokersImage brokers) {
        for (int replica : replicas) {
            if (brokers.isActive(replica)) {
                return replica;
            }
        }
        return PartitionRegistration.NO_LEADER;
    }

    /**
     * The partition with a leader elected among {@code isr} (keeping the current leader if it is still
     * acceptable), or an unclean leader if allowed and needed; leader -1 when nobody is eligible.
     */
    static PartitionRegistration elect(PartitionRegistration p, int[] replicas, int[] isr, BrokersImage brokers,
                                       boolean uncleanAllowed) {
        int leader = p.leader();
        if (leader == PartitionRegistration.NO_LEADER || !PartitionRegistration.contains(isr, leader)
            || !brokers.isActive(leader)) {
            leader = cleanLeader(replicas, isr, brokers);
        }
        if (leader == PartitionRegistration.NO_LEADER && uncleanAllowed) {
            leader = uncleanLeader(replicas, brokers);
            if (leader != PartitionRegistration.NO_LEADER) {
                isr = new int[] {leader};
            }
        }
        return with(p, replicas, isr, leader);
    }

    static PartitionRegistration with(PartitionRegistration p, int[] replicas, int[] isr, int leader) {
        return new PartitionRegistration(replicas, isr, leader, p.leaderEpoch(), p.partitionEpoch(),
            p.addingReplicas(), p.removingReplicas());
    }

    static int[] without(int[] ids, int id) {
        return Arrays.stream(ids).filter(v -> v != id).toArray();
    }

    /** The image {@code records} would produce: later steps of one operation build on earlier ones. */
    static MetadataImage applied(MetadataImage image, List<MetadataRecord> records) {
        MetadataReplayer replayer = new MetadataReplayer(image);
        records.forEach(record -> replayer.replay(record, image.offset()));
        return replayer.build(image.offset());
    }
}
