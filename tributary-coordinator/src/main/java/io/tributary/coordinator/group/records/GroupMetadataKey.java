package io.tributary.coordinator.group.records;

/** Key of a classic group's metadata (its completed generation). */
public record GroupMetadataKey(String groupId) implements RecordKey {

    public static final short TYPE = 2;
    public static final RecordType RECORD_TYPE = new RecordType(TYPE,
            in -> new GroupMetadataKey(in.readString()),
            GroupMetadataValue::read);

    @Override
    public short type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        out.writeString(groupId);
    }
}
