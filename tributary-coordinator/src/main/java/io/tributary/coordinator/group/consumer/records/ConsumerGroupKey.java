package io.tributary.coordinator.group.consumer.records;

import io.tributary.coordinator.group.records.FieldWriter;
import io.tributary.coordinator.group.records.RecordKey;

/** The key of a consumer group's group-wide records (metadata, target assignment epoch). */
public record ConsumerGroupKey(short type, String groupId) implements RecordKey {

    @Override
    public void writeFields(FieldWriter out) {
        out.writeString(groupId);
    }
}
