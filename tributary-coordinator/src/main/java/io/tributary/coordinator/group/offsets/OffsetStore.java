package io.tributary.coordinator.group.offsets;

import io.tributary.coordinator.group.records.OffsetCommitKey;
import io.tributary.coordinator.group.records.OffsetCommitValue;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** The committed offsets of one shard: group, then topic, then partition. Changed only by replaying records. */
public final class OffsetStore {

    private final Map<String, Map<String, Map<Integer, OffsetCommitValue>>> offsets = new HashMap<>();

    public void replay(OffsetCommitKey key, OffsetCommitValue value) {
        if (value == null) {
            Map<String, Map<Integer, OffsetCommitValue>> topics = offsets.get(key.groupId());
            if (topics == null) {
                return;
            }
            Map<Integer, OffsetCommitValue> partitions = topics.get(key.topic());
            if (partitions != null && partitions.remove(key.partition()) != null && partitions.isEmpty()) {
                topics.remove(key.topic());
                if (topics.isEmpty()) {
                    offsets.remove(key.groupId());
                }
            }
            return;
        }
        offsets.computeIfAbsent(key.groupId(), g -> new HashMap<>())
                .computeIfAbsent(key.topic(), t -> new TreeMap<>())
                .put(key.partition(), value);
    }

    /** The committed offset, or null. */
    public OffsetCommitValue get(String groupId, String topic, int partition) {
        Map<Integer, OffsetCommitValue> partitions = offsets.getOrDefault(groupId, Map.of()).get(topic);
        return partitions == null ? null : partitions.get(partition);
    }

    /** Topic → partition (ascending) → offset; empty when the group has none. Not to be modified. */
    public Map<String, Map<Integer, OffsetCommitValue>> offsetsOf(String groupId) {
        return offsets.getOrDefault(groupId, Map.of());
    }

    /** Every group with committed offsets. Not to be modified. */
    public java.util.Set<String> groupIds() {
        return offsets.keySet();
    }

    public boolean hasOffsets(String groupId) {
        return offsets.containsKey(groupId);
    }
}
