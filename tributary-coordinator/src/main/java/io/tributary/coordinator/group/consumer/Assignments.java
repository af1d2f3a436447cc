package io.tributary.coordinator.group.consumer;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.common.Uuid;

/**
 * Partition assignments as topic id to partitions. Kept normalized (no topic with an empty set, immutable) so
 * that equal assignments compare equal.
 */
public final class Assignments {

    private Assignments() {
    }

    public static Map<Uuid, Set<Integer>> normalize(Map<Uuid, Set<Integer>> assignment) {
        Map<Uuid, Set<Integer>> result = new LinkedHashMap<>();
        assignment.forEach((topic, partitions) -> {
            if (!partitions.isEmpty()) {
                result.put(topic, Collections.unmodifiableSet(new TreeSet<>(partitions)));
            }
        });
        return Collections.unmodifiableMap(result);
    }

    /** From a request's list of topic partitions; null stays null ("unchanged since the last heartbeat"). */
    public static <T> Map<Uuid, Set<Integer>> fromList(List<T> topics, Function<T, Uuid> topicId,
                                                      Function<T, Collection<Integer>> partitions) {
        if (topics == null) {
            return null;
        }
        Map<Uuid, Set<Integer>> result = new LinkedHashMap<>();
        for (T topic : topics) {
            result.computeIfAbsent(topicId.apply(topic), t -> new HashSet<>()).addAll(partitions.apply(topic));
        }
        return normalize(result);
    }

    public static boolean containsAny(Map<Uuid, Set<Integer>> owned, Map<Uuid, Set<Integer>> partitions) {
        for (Map.Entry<Uuid, Set<Integer>> topic : partitions.entrySet()) {
            Set<Integer> ownedOfTopic = owned.getOrDefault(topic.getKey(), Set.of());
            if (topic.getValue().stream().anyMatch(ownedOfTopic::contains)) {
                return true;
            }
        }
        return false;
    }

    public static boolean isSubset(Map<Uuid, Set<Integer>> subset, Map<Uuid, Set<Integer>> of) {
        for (Map.Entry<Uuid, Set<Integer>> topic : subset.entrySet()) {
            if (!of.getOrDefault(topic.getKey(), Set.of()).containsAll(topic.getValue())) {
                return false;
            }
        }
        return true;
    }
}
