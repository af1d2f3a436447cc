package io.tributary.coordinator.group.consumer.records;

import io.tributary.coordinator.group.records.FieldReader;
import io.tributary.coordinator.group.records.FieldWriter;
import io.tributary.coordinator.group.records.RecordType;
import io.tributary.coordinator.group.records.RecordValue;

/** The group epoch the target assignment was computed for; written after the members' target records. */
public final class ConsumerTargetAssignmentEpochRecord {

    public static final short TYPE = 7;
    static final RecordType RECORD_TYPE = new RecordType(TYPE, in -> key(in.readString()), Value::read);

    private ConsumerTargetAssignmentEpochRecord() {
    }

    public static ConsumerGroupKey key(String groupId) {
        return new ConsumerGroupKey(TYPE, groupId);
    }

    public record Value(int assignmentEpoch) implements RecordValue {

        static Value read(FieldReader in, short version) {
            return new Value(in.readInt());
        }

        @Override
        public short version() {
            return 0;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.writeInt(assignmentEpoch);
        }
    }
}
