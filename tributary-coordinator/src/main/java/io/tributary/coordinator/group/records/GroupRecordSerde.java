package io.tributary.coordinator.group.records;

import io.tributary.coordinator.runtime.RecordSerde;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/** Encodes group coordinator records; decodes by the key's type id through a registry of record types. */
public final class GroupRecordSerde implements RecordSerde<GroupRecord> {

    private final Map<Short, RecordType> types = new HashMap<>();

    /** The serde knowing the classic group and offset record types. */
    public static GroupRecordSerde withClassicTypes() {
        GroupRecordSerde serde = new GroupRecordSerde();
        serde.register(OffsetCommitKey.RECORD_TYPE);
        serde.register(GroupMetadataKey.RECORD_TYPE);
        return serde;
    }

    public void register(RecordType type) {
        if (types.putIfAbsent(type.id(), type) != null) {
            throw new IllegalArgumentException("Record type " + type.id() + " is already registered");
        }
    }

    @Override
    public byte[] serializeKey(GroupRecord record) {
        FieldWriter out = new FieldWriter().writeShort(record.key().type());
        record.key().writeFields(out);
        return out.toByteArray();
    }

    @Override
    public byte[] serializeValue(GroupRecord record) {
        if (record.isTombstone()) {
            return null;
        }
        FieldWriter out = new FieldWriter().writeShort(record.value().version());
        record.value().writeFields(out);
        return out.toByteArray();
    }

    @Override
    public GroupRecord deserialize(ByteBuffer key, ByteBuffer value) {
        FieldReader keyReader = new FieldReader(key);
        RecordType type = types.get(keyReader.readShort());
        if (type == null) {
            return null;
        }
        RecordKey recordKey = type.keyReader().apply(keyReader);
        if (value == null) {
            return GroupRecord.tombstone(recordKey);
        }
        FieldReader valueReader = new FieldReader(value);
        short version = valueReader.readShort();
        return new GroupRecord(recordKey, type.valueReader().apply(valueReader, version));
    }
}
