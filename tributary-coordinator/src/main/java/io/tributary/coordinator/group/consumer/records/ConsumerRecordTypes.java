package io.tributary.coordinator.group.consumer.records;

import io.tributary.coordinator.group.records.GroupRecordSerde;

/** The record types of KIP-848 consumer groups (ids as Kafka numbers them). */
public final class ConsumerRecordTypes {

    private ConsumerRecordTypes() {
    }

    public static GroupRecordSerde registerAll(GroupRecordSerde serde) {
        serde.register(ConsumerGroupMetadataRecord.RECORD_TYPE);
        serde.register(ConsumerMemberMetadataRecord.RECORD_TYPE);
        serde.register(ConsumerTargetAssignmentRecord.RECORD_TYPE);
        serde.register(ConsumerTargetAssignmentEpochRecord.RECORD_TYPE);
        serde.register(ConsumerCurrentAssignmentRecord.RECORD_TYPE);
        return serde;
    }
}
