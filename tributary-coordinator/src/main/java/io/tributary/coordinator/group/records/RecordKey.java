package io.tributary.coordinator.group.records;

/** The key of a group coordinator record: a type id, then the type's fields. Compaction keeps the last per key. */
public interface RecordKey {

    short type();

    void writeFields(FieldWriter out);
}
