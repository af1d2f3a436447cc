package io.tributary.coordinator.group.records;

/** One record of a {@code __consumer_offsets} partition; a null value is a tombstone. */
public record GroupRecord(RecordKey key, RecordValue value) {

    public static GroupRecord tombstone(RecordKey key) {
        return new GroupRecord(key, null);
    }

    public boolean isTombstone() {
        return value == null;
    }
}
