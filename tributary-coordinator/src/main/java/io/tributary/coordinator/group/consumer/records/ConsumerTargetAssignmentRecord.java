package io.tributary.coordinator.group.consumer.records;

import io.tributary.coordinator.group.records.FieldReader;
import io.tributary.coordinator.group.records.FieldWriter;
import io.tributary.coordinator.group.records.RecordType;
import io.tributary.coordinator.group.records.RecordValue;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Uuid;

/** One member's partitions in the group's target assignment. */
public final class ConsumerTargetAssignmentRecord {

    public static final short TYPE = 6;
    static final RecordType RECORD_TYPE = new RecordType(TYPE,
            in -> key(in.readString(), in.readString()), Value::read);

    private ConsumerTargetAssignmentRecord() {
    }

    public static ConsumerMemberKey key(String groupId, String memberId) {
        return new ConsumerMemberKey(TYPE, groupId, memberId);
    }

    public record Value(Map<Uuid, Set<Integer>> partitions) implements RecordValue {

        static Value read(FieldReader in, short version) {
            return new Value(ConsumerFields.readAssignment(in));
        }

        @Override
        public short version() {
            return 0;
        }

        @Override
        public void writeFields(FieldWriter out) {
            ConsumerFields.writeAssignment(out, partitions);
        }
    }
}
