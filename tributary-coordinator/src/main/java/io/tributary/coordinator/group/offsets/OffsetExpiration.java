package io.tributary.coordinator.group.offsets;

import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.group.GroupRegistry;
import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.group.records.OffsetCommitKey;
import io.tributary.coordinator.group.records.OffsetCommitValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Deletes offsets past retention (offsets.retention.minutes from when the group became empty, or from the
 * commit for simple groups and unconsumed topics), then empty groups left without offsets.
 */
public final class OffsetExpiration {

    private final GroupRegistry groups;
    private final OffsetStore offsets;
    private final long retentionMs;

    public OffsetExpiration(GroupRegistry groups, OffsetStore offsets, long retentionMs) {
        this.groups = groups;
        this.offsets = offsets;
        this.retentionMs = retentionMs;
    }

    public List<GroupRecord> expire(long now) {
        List<GroupRecord> records = new ArrayList<>();
        for (Group group : List.copyOf(groups.all())) {
            Optional<ToLongFunction<OffsetCommitValue>> base = group.offsetExpirationBase();
            if (base.isEmpty()) {
                continue;
            }
            int remaining = 0;
            for (Map.Entry<String, Map<Integer, OffsetCommitValue>> topic
                    : offsets.offsetsOf(group.groupId()).entrySet()) {
                boolean subscribed = group.isSubscribedTo(topic.getKey());
                for (Map.Entry<Integer, OffsetCommitValue> partition : topic.getValue().entrySet()) {
                    if (!subscribed && isExpired(partition.getValue(), base.get(), now)) {
                        records.add(GroupRecord.tombstone(
                                new OffsetCommitKey(group.groupId(), topic.getKey(), partition.getKey())));
                    } else {
                        remaining++;
                    }
                }
            }
            if (remaining == 0 && group.isEmpty() && "Empty".equals(group.stateName())) {
                records.addAll(group.deletionRecords());
            }
        }
        return records;
    }

    private boolean isExpired(OffsetCommitValue value, ToLongFunction<OffsetCommitValue> base, long now) {
        if (value.expireTimestamp() >= 0) {
            return now >= value.expireTimestamp(); // the commit asked for its own retention (v2-v4)
        }
        return now - base.applyAsLong(value) >= retentionMs;
    }
}
