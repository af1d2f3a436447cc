package io.tributary.metadata;

import java.util.ArrayList;
import java.util.List;

import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.TopicRecord;

/** The records that rebuild an image from scratch (what a snapshot would contain). */
final class ImageRecords {

    private ImageRecords() {
    }

    static List<MetadataRecord> of(MetadataImage image) {
        List<MetadataRecord> records = new ArrayList<>();
        for (BrokerRegistration broker : image.brokers().all()) {
            records.add(new RegisterBrokerRecord(broker.id(), broker.endpoints(), broker.rack(), broker.fenced()));
        }
        for (TopicImage topic : image.topics().all()) {
            records.add(new TopicRecord(topic.name(), topic.id()));
            topic.partitions().forEach((index, p) -> records.add(new PartitionRecord(topic.id(), index, p.replicas(),
                p.isr(), p.leader(), p.leaderEpoch(), p.partitionEpoch())));
        }
        image.configs().asMap().forEach((resource, values) -> values.forEach((name, value) ->
            records.add(new ConfigRecord(resource.type(), resource.name(), name, value))));
        return records;
    }
}
