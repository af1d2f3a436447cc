package io.tributary.coordinator.group.records;

/** The value of a group coordinator record: a version, then that version's fields. */
public interface RecordValue {

    short version();

    void writeFields(FieldWriter out);
}
