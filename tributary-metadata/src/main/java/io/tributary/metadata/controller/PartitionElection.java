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
 * (registered, unfenced, not shutting down), or with KIP-966 on and an empty ISR, in the ELR. With KIP-966 on and
 * neither ISR nor ELR left: the last known leader once active. Unclean (when the topic allows it and no clean
 * leader exists): the first active replica, which becomes the whole ISR.
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
                // An unclean leader starts the partition's history over: no replica is eligible any more.
                return with(p, replicas, new int[] {leader}, leader).withElr(null, null);
            }
        }
        return with(p, replicas, isr, leader);
    }

    /**
     * Kafka's PartitionChangeBuilder for the ISR, leader and ELR: the ELR follows {@code isr} (see
     * {@link EligibleLeaders#targetElr}); the current leader stays if still valid, else a clean election runs
     * (from the ELR when the ISR is empty: the winner becomes the ISR), else an unclean one if allowed (which
     * clears the ELR). With KIP-966 off this is {@link #elect(PartitionRegistration, int[], int[], BrokersImage,
     * boolean)} and the ELR empties.
     */
    static PartitionRegistration elect(PartitionRegistration p, int[] replicas, int[] isr, BrokersImage brokers,
                                       boolean uncleanAllowed, EligibleLeaders rules) {
        int[] elr = rules.targetElr(p, isr);
        int leader = p.leader();
        if (!validLeader(leader, isr, elr, brokers, rules)) {
            leader = PartitionRegistration.NO_LEADER;
            for (int replica : replicas) {
                if (validLeader(replica, isr, elr, brokers, rules)) {
                    leader = replica;
                    break;
                }
            }
        }
        if (leader != PartitionRegistration.NO_LEADER && !PartitionRegistration.contains(isr, leader)) {
            isr = new int[] {leader}; // elected from the ELR
            elr = without(elr, leader);
        } else if (leader == PartitionRegistration.NO_LEADER) {
            leader = lastKnownLeader(p, isr, elr, brokers, rules);
            if (leader == PartitionRegistration.NO_LEADER && uncleanAllowed) {
                leader = firstActive(replicas, brokers, rules);
            }
            if (leader != PartitionRegistration.NO_LEADER) {
                // Unclean: the new leader's log is the partition's history from now on.
                isr = new int[] {leader};
                elr = new int[0];
            }
        }
        return withElr(p, replicas, isr, leader, elr, rules);
    }

    /**
     * Kafka's "balanced recovery" with KIP-966 on: when no ISR or ELR member is left at all, the partition's last
     * leader (kept in its last-known-ELR field) leads again once it is back, even if it stopped uncleanly: it is
     * the replica most likely to hold the most (and the only one for a single replica). Not while it is the
     * broker whose unclean shutdown is being handled, nor while any ELR member remains.
     */
    private static int lastKnownLeader(PartitionRegistration p, int[] isr, int[] elr, BrokersImage brokers,
                                       EligibleLeaders rules) {
        if (!rules.enabled() || isr.length > 0 || elr.length > 0 || p.lastKnownElr().length != 1) {
            return PartitionRegistration.NO_LEADER;
        }
        int last = p.lastKnownElr()[0];
        return last != rules.uncleanShutdown() && brokers.isActive(last) ? last : PartitionRegistration.NO_LEADER;
    }

    /** The change to {@code isr} keeping {@code leader}, with the ELR maintained by {@code rules}. */
    static PartitionRegistration withElr(PartitionRegistration p, int[] replicas, int[] isr, int leader,
                                         EligibleLeaders rules) {
        return withElr(p, replicas, isr, leader, rules.targetElr(p, isr), rules);
    }

    private static PartitionRegistration withElr(PartitionRegistration p, int[] replicas, int[] isr, int leader,
                                                 int[] elr, EligibleLeaders rules) {
        int[] lastKnownElr = rules.lastKnownElr(p, isr, leader);
        return new PartitionRegistration(replicas, isr, leader, p.leaderEpoch(), p.partitionEpoch(),
            p.addingReplicas(), p.removingReplicas(), rules.enabled() ? elr : new int[0], lastKnownElr);
    }

    private static boolean validLeader(int replica, int[] isr, int[] elr, BrokersImage brokers,
                                       EligibleLeaders rules) {
        if (replica == PartitionRegistration.NO_LEADER || replica == rules.uncleanShutdown()
            || !brokers.isActive(replica)) {
            return false;
        }
        return PartitionRegistration.contains(isr, replica)
            || (isr.length == 0 && PartitionRegistration.contains(elr, replica));
    }

    private static int firstActive(int[] replicas, BrokersImage brokers, EligibleLeaders rules) {
        for (int replica : replicas) {
            if (replica != rules.uncleanShutdown() && brokers.isActive(replica)) {
                return replica;
            }
        }
        return PartitionRegistration.NO_LEADER;
    }

    /** The change keeping the ELR fields as they are (callers that do not move replicas in or out of the ISR). */
    static PartitionRegistration with(PartitionRegistration p, int[] replicas, int[] isr, int leader) {
        return new PartitionRegistration(replicas, isr, leader, p.leaderEpoch(), p.partitionEpoch(),
            p.addingReplicas(), p.removingReplicas(), p.elr(), p.lastKnownElr());
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
