package io.tributary.coordinator.group.consumer.assignor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.Uuid;

/**
 * Kafka's "range" server-side assignor: for each topic, its subscribers (in member id order) get contiguous
 * ranges of partitions, the first ones one extra when the count doesn't divide. Members subscribed to the same
 * co-partitioned topics get the same partition numbers of each, which joins rely on.
 */
public final class RangeAssignor implements PartitionAssignor {

    public static final String NAME = "range";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GroupAssignment assign(GroupSpec group, TopicPartitionCounts topics) {
        Map<String, Map<Uuid, Set<Integer>>> result = new HashMap<>();
        group.members().keySet().forEach(member -> result.put(member, new HashMap<>()));
        Map<Uuid, List<String>> subscribers = new HashMap<>();
        group.members().forEach((member, subscription) -> subscription.subscribedTopics()
                .forEach(topic -> subscribers.computeIfAbsent(topic, t -> new ArrayList<>()).add(member)));
        subscribers.forEach((topic, members) -> {
            int partitions = topics.partitionCount(topic);
            if (partitions <= 0) {
                return;
            }
            members.sort(null);
            int base = partitions / members.size();
            int extra = partitions % members.size();
            int next = 0;
            for (int i = 0; i < members.size(); i++) {
                int count = base + (i < extra ? 1 : 0);
                if (count == 0) {
                    continue;
                }
                Set<Integer> range = new TreeSet<>();
                for (int p = next; p < next + count; p++) {
                    range.add(p);
                }
                next += count;
                result.get(members.get(i)).put(topic, range);
            }
        });
        return new GroupAssignment(result);
    }
}
