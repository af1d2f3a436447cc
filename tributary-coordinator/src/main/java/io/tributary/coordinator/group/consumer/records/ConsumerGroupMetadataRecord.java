package io.tributary.coordinator.group.consumer.records;

import io.tributary.coordinator.group.records.FieldReader;
import io.tributary.coordinator.group.records.FieldWriter;
import io.tributary.coordinator.group.records.RecordType;
import io.tributary.coordinator.group.records.RecordValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A consumer group's epoch and the metadata of its subscribed topics; its tombstone deletes the group. */
public final class ConsumerGroupMetadataRecord {

    public static final short TYPE = 3;
    static final RecordType RECORD_TYPE = new RecordType(TYPE, in -> key(in.readString()), Value::read);

    private ConsumerGroupMetadataRecord() {
    }

    public static ConsumerGroupKey key(String groupId) {
        return new ConsumerGroupKey(TYPE, groupId);
    }

    /** @param subscribedTopics by topic name */
    public record Value(int groupEpoch, Map<String, TopicMetadata> subscribedTopics) implements RecordValue {

        static Value read(FieldReader in, short version) {
            int epoch = in.readInt();
            int count = in.readInt();
            Map<String, TopicMetadata> topics = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                TopicMetadata topic = new TopicMetadata(ConsumerFields.readUuid(in), in.readString(), in.readInt());
                topics.put(topic.topicName(), topic);
            }
            return new Value(epoch, Collections.unmodifiableMap(topics));
        }

        @Override
        public short version() {
            return 0;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.writeInt(groupEpoch).writeInt(subscribedTopics.size());
            for (TopicMetadata topic : subscribedTopics.values()) {
                ConsumerFields.writeUuid(out, topic.topicId());
                out.writeString(topic.topicName()).writeInt(topic.partitionCount());
            }
        }
    }
}
