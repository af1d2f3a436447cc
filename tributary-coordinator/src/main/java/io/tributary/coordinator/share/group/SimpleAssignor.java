package io.tributary.coordinator.share.group;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.Uuid;

/**
 * Kafka's "simple" share assignor in spirit: per topic, its partitions are spread over the members subscribed to
 * it; with more members than partitions each member still gets a partition, shared with others (share groups
 * consume a partition together), so every subscribed member has work and every partition is consumed.
 */
final class SimpleAssignor {

    static final String NAME = "simple";

    private SimpleAssignor() {
    }

    /**
     * @param subscribers topic id -> subscribed member ids
     * @param partitions  topic id -> partition count
     * @return member id -> topic id -> partitions
     */
    static Map<String, Map<Uuid, List<Integer>>> assign(Map<Uuid, List<String>> subscribers,
                                                         Map<Uuid, Integer> partitions) {
        Map<String, Map<Uuid, List<Integer>>> result = new HashMap<>();
        for (Map.Entry<Uuid, List<String>> entry : new TreeMap<>(subscribers).entrySet()) {
            Uuid topicId = entry.getKey();
            int count = partitions.getOrDefault(topicId, 0);
            List<String> members = new ArrayList<>(new TreeSet<>(entry.getValue()));
            if (count == 0 || members.isEmpty()) {
                continue;
            }
            // Rotate the start per topic so that topics with few partitions don't all land on the first member.
            int offset = Math.floorMod(topicId.hashCode(), members.size());
            if (count >= members.size()) {
                for (int p = 0; p < count; p++) {
                    add(result, members.get((p + offset) % members.size()), topicId, p);
                }
            } else {
                for (int m = 0; m < members.size(); m++) {
                    add(result, members.get((m + offset) % members.size()), topicId, m % count);
                }
            }
        }
        return result;
    }

    private static void add(Map<String, Map<Uuid, List<Integer>>> result, String member, Uuid topicId, int p) {
        result.computeIfAbsent(member, k -> new HashMap<>()).computeIfAbsent(topicId, k -> new ArrayList<>()).add(p);
    }
}
