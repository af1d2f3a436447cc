package io.tributary.metadata.controller;

import java.util.Map;
import java.util.TreeSet;

import io.tributary.metadata.config.EffectiveConfigResolver;
import io.tributary.metadata.image.Features;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;

/**
 * KIP-966 rules for one partition change, as Kafka's PartitionChangeBuilder applies them: whether eligible leader
 * replicas are on, the partition's effective min ISR (min.insync.replicas bounded by its replication factor) and the
 * replica that registered after an unclean shutdown (-1: none), which may neither stay in the ELR nor lead.
 */
record EligibleLeaders(boolean enabled, int minIsr, int uncleanShutdown) {

    static final EligibleLeaders DISABLED = new EligibleLeaders(false, 1, PartitionRegistration.NO_LEADER);

    private static final int[] NONE = new int[0];
    private static final String MIN_ISR = "min.insync.replicas";

    /** The rules for a partition of {@code topic} in {@code image}. */
    static EligibleLeaders of(MetadataImage image, EffectiveConfigResolver resolver, String topic,
                              PartitionRegistration p, int uncleanShutdown) {
        if (!Features.eligibleLeaderReplicasEnabled(image)) {
            return DISABLED;
        }
        return new EligibleLeaders(true, effectiveMinIsr(resolver.effectiveTopicConfig(image, topic), p),
            uncleanShutdown);
    }

    static int effectiveMinIsr(Map<String, Object> topicConfig, PartitionRegistration p) {
        Object configured = topicConfig.get(MIN_ISR);
        int minIsr = configured instanceof Number n ? n.intValue() : 1;
        return Math.max(1, Math.min(minIsr, p.replicas().length));
    }

    EligibleLeaders withUncleanShutdown(int brokerId) {
        return new EligibleLeaders(enabled, minIsr, brokerId);
    }

    /**
     * The ELR before the election (Kafka's maybePopulateTargetElr): empty once the ISR reaches min ISR; below it,
     * the current ELR and ISR members that leave the ISR, except the uncleanly shut down replica.
     */
    int[] targetElr(PartitionRegistration p, int[] targetIsr) {
        if (!enabled || targetIsr.length >= minIsr) {
            return NONE;
        }
        TreeSet<Integer> elr = new TreeSet<>();
        for (int member : p.elr()) {
            elr.add(member);
        }
        for (int member : p.isr()) {
            elr.add(member);
        }
        return elr.stream().mapToInt(Integer::intValue)
            .filter(r -> !PartitionRegistration.contains(targetIsr, r) && r != uncleanShutdown)
            .toArray();
    }

    /**
     * The last-known-ELR field after the change (Kafka's maybeUpdateLastKnownLeader): the last leader, stored the
     * first time the ISR becomes empty; cleared once the partition has a leader again.
     */
    int[] lastKnownElr(PartitionRegistration before, int[] isr, int leader) {
        if (!enabled) {
            return before.lastKnownElr();
        }
        boolean isrEmptied = isr.length == 0 && before.isr().length > 0;
        // A partition already leaderless (its last ISR member fenced before KIP-966 was on) remembers that member.
        int last = before.hasLeader() ? before.leader()
            : before.isr().length == 1 ? before.isr()[0] : PartitionRegistration.NO_LEADER;
        if (isrEmptied && last != PartitionRegistration.NO_LEADER
            && !(before.lastKnownElr().length == 1 && before.lastKnownElr()[0] == last)) {
            return new int[] {last};
        }
        if (leader != PartitionRegistration.NO_LEADER) {
            return NONE;
        }
        return before.lastKnownElr();
    }
}
