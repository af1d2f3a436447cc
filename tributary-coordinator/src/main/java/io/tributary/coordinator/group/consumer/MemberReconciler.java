package io.tributary.coordinator.group.consumer;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.common.Uuid;

/**
 * Moves a member towards its target assignment (KIP-848 reconciliation): partitions it must give up are
 * revoked first, at its current epoch; once it no longer owns them it moves to the assignment epoch and gets
 * the target partitions that no other member still owns (the rest follow as their owners release them).
 */
final class MemberReconciler {

    /** Who owns a partition now (null when free). */
    @FunctionalInterface
    interface PartitionOwners {
        String ownerOf(Uuid topicId, int partition);
    }

    private MemberReconciler() {
    }

    /**
     * @param owned   what the member reports it owns now; null when the heartbeat didn't say (unchanged)
     * @param isOwnId whether an owner id is this member (a replacing static member also owns its predecessor's)
     */
    static ConsumerGroupMember reconcile(ConsumerGroupMember member, int targetEpoch, Map<Uuid, Set<Integer>> target,
                                         Map<Uuid, Set<Integer>> owned, PartitionOwners owners,
                                         Predicate<String> isOwnId) {
        if (member.state() == MemberState.UNREVOKED_PARTITIONS && stillOwns(owned, member.pendingRevocation())) {
            return member; // it must first confirm the revocation
        }
        if (member.state() == MemberState.STABLE && member.memberEpoch() == targetEpoch
                && member.pendingRevocation().isEmpty()) {
            return member;
        }
        return nextAssignment(member, targetEpoch, target, owned, owners, isOwnId);
    }

    private static ConsumerGroupMember nextAssignment(ConsumerGroupMember member, int targetEpoch,
                                                      Map<Uuid, Set<Integer>> target,
                                                      Map<Uuid, Set<Integer>> owned, PartitionOwners owners,
                                                      Predicate<String> isOwnId) {
        Map<Uuid, Set<Integer>> kept = new HashMap<>();
        Map<Uuid, Set<Integer>> revoking = new HashMap<>();
        Map<Uuid, Set<Integer>> claimable = new HashMap<>();
        boolean unreleased = false;
        Set<Uuid> topics = new HashSet<>(target.keySet());
        topics.addAll(member.assigned().keySet());
        for (Uuid topic : topics) {
            Set<Integer> current = member.assigned().getOrDefault(topic, Set.of());
            Set<Integer> wanted = target.getOrDefault(topic, Set.of());
            for (int partition : current) {
                (wanted.contains(partition) ? kept : revoking).computeIfAbsent(topic, t -> new HashSet<>())
                        .add(partition);
            }
            for (int partition : wanted) {
                if (current.contains(partition)) {
                    continue;
                }
                String owner = owners.ownerOf(topic, partition);
                if (owner == null || isOwnId.test(owner)) {
                    claimable.computeIfAbsent(topic, t -> new HashSet<>()).add(partition);
                } else {
                    unreleased = true;
                }
            }
        }
        if (!revoking.isEmpty() && stillOwns(owned, revoking)) {
            // Revoke first, staying at the current epoch; new partitions come once the revocation is done.
            return member.withAssignment(member.memberEpoch(), member.previousMemberEpoch(),
                    MemberState.UNREVOKED_PARTITIONS, kept, revoking);
        }
        claimable.forEach((topic, partitions) -> kept.computeIfAbsent(topic, t -> new HashSet<>()).addAll(partitions));
        int previousEpoch = member.memberEpoch() == targetEpoch ? member.previousMemberEpoch() : member.memberEpoch();
        return member.withAssignment(targetEpoch, previousEpoch,
                unreleased ? MemberState.UNRELEASED_PARTITIONS : MemberState.STABLE, kept, Map.of());
    }

    /** Without a report of what it owns, the member is assumed to still own what it was told to revoke. */
    private static boolean stillOwns(Map<Uuid, Set<Integer>> owned, Map<Uuid, Set<Integer>> revoking) {
        return owned == null || Assignments.containsAny(owned, revoking);
    }
}
