package io.tributary.coordinator.group.consumer.records;

import io.tributary.coordinator.group.records.FieldReader;
import io.tributary.coordinator.group.records.FieldWriter;
import io.tributary.coordinator.group.records.RecordType;
import io.tributary.coordinator.group.records.RecordValue;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Uuid;

/** Where a member is in its reconciliation: its epoch, state, the partitions it owns and those it must revoke. */
public final class ConsumerCurrentAssignmentRecord {

    public static final short TYPE = 8;
    static final RecordType RECORD_TYPE = new RecordType(TYPE,
            in -> key(in.readString(), in.readString()), Value::read);

    private ConsumerCurrentAssignmentRecord() {
    }

    public static ConsumerMemberKey key(String groupId, String memberId) {
        return new ConsumerMemberKey(TYPE, groupId, memberId);
    }

    /** @param state the member state's id (see the consumer package's MemberState) */
    public record Value(int memberEpoch, int previousMemberEpoch, byte state, Map<Uuid, Set<Integer>> assigned,
                        Map<Uuid, Set<Integer>> pendingRevocation) implements RecordValue {

        static Value read(FieldReader in, short version) {
            int epoch = in.readInt();
            int previous = in.readInt();
            byte state = (byte) in.readShort();
            return new Value(epoch, previous, state, ConsumerFields.readAssignment(in),
                    ConsumerFields.readAssignment(in));
        }

        @Override
        public short version() {
            return 0;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.writeInt(memberEpoch).writeInt(previousMemberEpoch).writeShort(state);
            ConsumerFields.writeAssignment(out, assigned);
            ConsumerFields.writeAssignment(out, pendingRevocation);
        }
    }
}
