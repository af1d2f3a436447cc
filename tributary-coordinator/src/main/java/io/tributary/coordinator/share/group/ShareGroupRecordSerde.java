package io.tributary.coordinator.share.group;

import io.tributary.coordinator.group.records.FieldReader;
import io.tributary.coordinator.group.records.FieldWriter;
import io.tributary.coordinator.runtime.RecordSerde;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.Uuid;

/**
 * Share group records in {@code __consumer_offsets}, with key types of their own (Kafka's numbers: 10 member,
 * 11 group) so that the consumer group coordinator skips them and this one skips the others.
 */
final class ShareGroupRecordSerde implements RecordSerde<ShareGroupRecord> {

    static final short MEMBER_TYPE = 10;
    static final short GROUP_TYPE = 11;
    private static final short VERSION = 0;

    @Override
    public byte[] serializeKey(ShareGroupRecord record) {
        if (record instanceof ShareGroupRecord.Group g) {
            return new FieldWriter().writeShort(GROUP_TYPE).writeString(g.groupId()).toByteArray();
        }
        ShareGroupRecord.Member m = (ShareGroupRecord.Member) record;
        return new FieldWriter().writeShort(MEMBER_TYPE).writeString(m.groupId()).writeString(m.memberId())
                .toByteArray();
    }

    @Override
    public byte[] serializeValue(ShareGroupRecord record) {
        if (record instanceof ShareGroupRecord.Group g) {
            if (g.value() == null) {
                return null;
            }
            FieldWriter out = new FieldWriter().writeShort(VERSION).writeInt(g.value().epoch())
                    .writeInt(g.value().topicIds().size());
            for (Uuid id : g.value().topicIds()) {
                out.writeLong(id.getMostSignificantBits()).writeLong(id.getLeastSignificantBits());
            }
            return out.toByteArray();
        }
        ShareGroupRecord.Member m = (ShareGroupRecord.Member) record;
        if (m.value() == null) {
            return null;
        }
        FieldWriter out = new FieldWriter().writeShort(VERSION).writeString(m.value().clientId())
                .writeString(m.value().clientHost()).writeString(m.value().rackId())
                .writeInt(m.value().subscribedTopics().size());
        m.value().subscribedTopics().forEach(out::writeString);
        return out.toByteArray();
    }

    @Override
    public ShareGroupRecord deserialize(ByteBuffer key, ByteBuffer value) {
        FieldReader keyReader = new FieldReader(key);
        short type = keyReader.readShort();
        if (type == GROUP_TYPE) {
            String groupId = keyReader.readString();
            if (value == null) {
                return new ShareGroupRecord.Group(groupId, null);
            }
            FieldReader in = new FieldReader(value);
            in.readShort();
            int epoch = in.readInt();
            int count = in.readInt();
            Set<Uuid> topics = new HashSet<>();
            for (int i = 0; i < count; i++) {
                topics.add(new Uuid(in.readLong(), in.readLong()));
            }
            return new ShareGroupRecord.Group(groupId, new ShareGroupRecord.GroupValue(groupId, epoch, topics));
        }
        if (type == MEMBER_TYPE) {
            String groupId = keyReader.readString();
            String memberId = keyReader.readString();
            if (value == null) {
                return new ShareGroupRecord.Member(groupId, memberId, null);
            }
            FieldReader in = new FieldReader(value);
            in.readShort();
            String clientId = in.readString();
            String clientHost = in.readString();
            String rackId = in.readString();
            int count = in.readInt();
            List<String> topics = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                topics.add(in.readString());
            }
            return new ShareGroupRecord.Member(groupId, memberId,
                    new ShareGroupRecord.MemberValue(clientId, clientHost, rackId, topics));
        }
        return null;
    }
}
