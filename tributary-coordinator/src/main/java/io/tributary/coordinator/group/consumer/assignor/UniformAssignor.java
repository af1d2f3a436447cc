package io.tributary.coordinator.group.consumer.assignor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.Uuid;

/**
 * Kafka's default "uniform" server-side assignor: spreads all subscribed partitions as evenly as the
 * subscriptions allow, and is sticky: a member keeps what it owns unless balance requires moving it. With equal
 * subscriptions, member partition counts differ by at most one.
 */
public final class UniformAssignor implements PartitionAssignor {

    public static final String NAME = "uniform";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GroupAssignment assign(GroupSpec group, TopicPartitionCounts topics) {
        Map<String, MemberSubscription> members = group.members();
        Map<TopicIdPartition, String> owner = new LinkedHashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        members.keySet().forEach(m -> counts.put(m, 0));
        keepCurrentOwnership(members, topics, owner, counts);
        for (TopicIdPartition partition : subscribedPartitions(members, topics)) {
            if (!owner.containsKey(partition)) {
                leastLoadedEligible(members, counts, partition.topicId(), null)
                        .ifPresent(m -> move(owner, counts, partition, m));
            }
        }
        balance(members, owner, counts);
        return toAssignment(members, owner);
    }

    private static void keepCurrentOwnership(Map<String, MemberSubscription> members, TopicPartitionCounts topics,
                                             Map<TopicIdPartition, String> owner, Map<String, Integer> counts) {
        members.forEach((member, subscription) -> subscription.currentAssignment().forEach((topic, partitions) -> {
            if (!subscription.subscribedTopics().contains(topic)) {
                return;
            }
            int count = topics.partitionCount(topic);
            for (int p : new TreeSet<>(partitions)) {
                TopicIdPartition tp = new TopicIdPartition(topic, p, null);
                if (p < count && !owner.containsKey(tp)) {
                    move(owner, counts, tp, member);
                }
            }
        }));
    }

    private static List<TopicIdPartition> subscribedPartitions(Map<String, MemberSubscription> members,
                                                                TopicPartitionCounts topics) {
        Set<Uuid> subscribed = new TreeSet<>();
        members.values().forEach(s -> subscribed.addAll(s.subscribedTopics()));
        List<TopicIdPartition> all = new ArrayList<>();
        for (Uuid topic : subscribed) {
            int count = topics.partitionCount(topic);
            for (int p = 0; p < count; p++) {
                all.add(new TopicIdPartition(topic, p, null));
            }
        }
        return all;
    }

    /** Moves partitions from fuller to emptier eligible members until no move narrows the gap. */
    private static void balance(Map<String, MemberSubscription> members, Map<TopicIdPartition, String> owner,
                                Map<String, Integer> counts) {
        boolean moved = true;
        int passes = 0;
        while (moved && passes++ < 1000) {
            moved = false;
            for (Map.Entry<TopicIdPartition, String> entry : new ArrayList<>(owner.entrySet())) {
                String current = entry.getValue();
                String candidate = leastLoadedEligible(members, counts, entry.getKey().topicId(), current)
                        .orElse(null);
                if (candidate != null && counts.get(candidate) + 1 < counts.get(current)) {
                    move(owner, counts, entry.getKey(), candidate);
                    moved = true;
                }
            }
        }
    }

    private static Optional<String> leastLoadedEligible(Map<String, MemberSubscription> members,
                                                                  Map<String, Integer> counts, Uuid topic,
                                                                  String excluded) {
        String best = null;
        for (Map.Entry<String, MemberSubscription> member : members.entrySet()) {
            if (member.getKey().equals(excluded) || !member.getValue().subscribedTopics().contains(topic)) {
                continue;
            }
            if (best == null || counts.get(member.getKey()) < counts.get(best)) {
                best = member.getKey();
            }
        }
        return Optional.ofNullable(best);
    }

    private static void move(Map<TopicIdPartition, String> owner, Map<String, Integer> counts,
                             TopicIdPartition partition, String member) {
        String previous = owner.put(partition, member);
        if (previous != null) {
            counts.merge(previous, -1, Integer::sum);
        }
        counts.merge(member, 1, Integer::sum);
    }

    private static GroupAssignment toAssignment(Map<String, MemberSubscription> members,
                                                Map<TopicIdPartition, String> owner) {
        Map<String, Map<Uuid, Set<Integer>>> result = new HashMap<>();
        members.keySet().forEach(m -> result.put(m, new HashMap<>()));
        owner.forEach((tp, member) -> result.get(member)
                .computeIfAbsent(tp.topicId(), t -> new TreeSet<>()).add(tp.partition()));
        return new GroupAssignment(result);
    }
}
