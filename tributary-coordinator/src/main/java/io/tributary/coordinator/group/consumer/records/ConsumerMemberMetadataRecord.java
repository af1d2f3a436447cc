package io.tributary.coordinator.group.consumer.records;

import io.tributary.coordinator.group.records.FieldReader;
import io.tributary.coordinator.group.records.FieldWriter;
import io.tributary.coordinator.group.records.RecordType;
import io.tributary.coordinator.group.records.RecordValue;
import java.util.List;

/** Who a consumer group member is and what it subscribes to; its tombstone removes the member. */
public final class ConsumerMemberMetadataRecord {

    public static final short TYPE = 5;
    static final RecordType RECORD_TYPE = new RecordType(TYPE,
            in -> key(in.readString(), in.readString()), Value::read);

    private ConsumerMemberMetadataRecord() {
    }

    public static ConsumerMemberKey key(String groupId, String memberId) {
        return new ConsumerMemberKey(TYPE, groupId, memberId);
    }

    public record Value(String instanceId, String rackId, String clientId, String clientHost,
                        int rebalanceTimeoutMs, List<String> subscribedTopicNames, String subscribedTopicRegex,
                        String serverAssignor) implements RecordValue {

        static Value read(FieldReader in, short version) {
            return new Value(in.readString(), in.readString(), in.readString(), in.readString(), in.readInt(),
                    ConsumerFields.readStrings(in), in.readString(), in.readString());
        }

        @Override
        public short version() {
            return 0;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.writeString(instanceId).writeString(rackId).writeString(clientId).writeString(clientHost)
                    .writeInt(rebalanceTimeoutMs);
            ConsumerFields.writeStrings(out, subscribedTopicNames);
            out.writeString(subscribedTopicRegex).writeString(serverAssignor);
        }
    }
}
