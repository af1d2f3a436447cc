package io.tributary.coordinator.share.group;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.Uuid;

/**
 * The "simple" share assignor, as Kafka's: per topic, its partitions are spread evenly over the members
 * subscribed to it; with more members than partitions each member still gets one partition, shared with others
 * (share groups consume a partition together), so every member has work and every partition is consumed. It is
 * sticky: what a member had stays with it as far as the balance allows, because a partition that moves leaves
 * the records its former member had fetched locked for a while.
 */
final class SimpleAssignor {

    static final String NAME = "simple";

    private SimpleAssignor() {
    }

    /**
     * @param subscribers topic id -> subscribed member ids
     * @param partitions  topic id -> partition count
     * @param previous    the current assignment, member id -> topic id -> partitions
     * @return member id -> topic id -> partitions
     */
    static Map<String, Map<Uuid, List<Integer>>> assign(Map<Uuid, List<String>> subscribers,
                                                         Map<Uuid, Integer> partitions,
                                                         Map<String, Map<Uuid, List<Integer>>> previous) {
        Map<String, Map<Uuid, List<Integer>>> result = new HashMap<>();
        for (Map.Entry<Uuid, List<String>> entry : new TreeMap<>(subscribers).entrySet()) {
            Uuid topicId = entry.getKey();
            int count = partitions.getOrDefault(topicId, 0);
            List<String> members = new ArrayList<>(new TreeSet<>(entry.getValue()));
            if (count == 0 || members.isEmpty()) {
                continue;
            }
            List<Integer> all = new ArrayList<>();
            for (int p = 0; p < count; p++) {
                all.add(p);
            }
            if (count >= members.size()) {
                // Each partition has one member; members get count / members partitions, some one more.
                Map<Integer, String> before = new HashMap<>();
                for (String member : members) {
                    previousOf(previous, member, topicId).forEach(p -> before.putIfAbsent(p, member));
                }
                balance(all, members, before).forEach((p, member) -> add(result, member, topicId, p));
            } else {
                // Each member has one partition; partitions get members / count members, some one more.
                Map<String, Integer> before = new HashMap<>();
                for (String member : members) {
                    List<Integer> had = previousOf(previous, member, topicId);
                    if (!had.isEmpty()) {
                        before.put(member, had.get(0));
                    }
                }
                balance(members, all, before).forEach((member, p) -> add(result, member, topicId, p));
            }
        }
        result.values().forEach(topics -> topics.values().forEach(list -> list.sort(null)));
        return result;
    }

    /**
     * Gives each item one bin so that bin loads differ by at most one, keeping each item's previous bin where
     * the balance allows.
     */
    private static <I, B> Map<I, B> balance(List<I> items, List<B> bins, Map<I, B> previous) {
        int base = items.size() / bins.size();
        int extraSlots = items.size() % bins.size();
        Map<B, Integer> load = new HashMap<>();
        bins.forEach(bin -> load.put(bin, 0));
        Map<I, B> result = new HashMap<>();
        for (I item : items) { // keep up to the base load
            B bin = previous.get(item);
            if (bin != null && load.containsKey(bin) && load.get(bin) < base) {
                result.put(item, bin);
                load.merge(bin, 1, Integer::sum);
            }
        }
        for (I item : items) { // keep one more where extra slots remain
            B bin = previous.get(item);
            if (!result.containsKey(item) && bin != null && load.containsKey(bin) && load.get(bin) == base
                    && extraSlots > 0) {
                result.put(item, bin);
                load.merge(bin, 1, Integer::sum);
                extraSlots--;
            }
        }
        for (I item : items) { // the rest to the least loaded bins
            if (result.containsKey(item)) {
                continue;
            }
            B least = bins.get(0);
            for (B bin : bins) {
                if (load.get(bin) < load.get(least)) {
                    least = bin;
                }
            }
            result.put(item, least);
            load.merge(least, 1, Integer::sum);
        }
        return result;
    }

    private static List<Integer> previousOf(Map<String, Map<Uuid, List<Integer>>> previous, String member,
                                            Uuid topicId) {
        return previous.getOrDefault(member, Map.of()).getOrDefault(topicId, List.of());
    }

    private static void add(Map<String, Map<Uuid, List<Integer>>> result, String member, Uuid topicId, int p) {
        result.computeIfAbsent(member, k -> new HashMap<>()).computeIfAbsent(topicId, k -> new ArrayList<>()).add(p);
    }
}
