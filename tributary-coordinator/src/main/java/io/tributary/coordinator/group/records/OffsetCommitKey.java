package io.tributary.coordinator.group.records;

/** Key of a committed offset: one per group and topic partition. */
public record OffsetCommitKey(String groupId, String topic, int partition) implements RecordKey {

    public static final short TYPE = 1;
    public static final RecordType RECORD_TYPE = new RecordType(TYPE,
            in -> new OffsetCommitKey(in.readString(), in.readString(), in.readInt()),
            OffsetCommitValue::read);

    @Override
    public short type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        out.writeString(groupId).writeString(topic).writeInt(partition);
    }
}
