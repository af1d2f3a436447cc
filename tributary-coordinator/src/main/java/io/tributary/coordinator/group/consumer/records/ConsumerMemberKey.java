package io.tributary.coordinator.group.consumer.records;

import io.tributary.coordinator.group.records.FieldWriter;
import io.tributary.coordinator.group.records.RecordKey;

/** The key of a consumer group's per-member records (metadata, target and current assignment). */
public record ConsumerMemberKey(short type, String groupId, String memberId) implements RecordKey {

    @Override
    public void writeFields(FieldWriter out) {
        out.writeString(groupId).writeString(memberId);
    }
}
