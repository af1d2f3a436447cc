package io.tributary.metadata.replay;

import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.TopicImage;
import java.util.ArrayList;
import java.util.List;

import io.tributary.metadata.record.AccessControlEntryRecord;
import io.tributary.metadata.record.BrokerStateRecord;
import io.tributary.metadata.record.FeatureLevelRecord;
import io.tributary.metadata.record.ClientQuotaRecord;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.ProducerIdsRecord;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.TopicRecord;
import io.tributary.metadata.record.UserScramCredentialRecord;

/**
 * The records that rebuild an image from scratch: a snapshot's content. Registrations carry their broker epoch,
 * so replaying them (at any offset) and building at the image's offset gives back an equal image.
 */
public final class ImageRecords {

    private ImageRecords() {
    }

    public static List<MetadataRecord> of(MetadataImage image) {
        List<MetadataRecord> records = new ArrayList<>();
        for (BrokerRegistration broker : image.brokers().all()) {
            records.add(new RegisterBrokerRecord(broker.id(), broker.incarnationId(), broker.endpoints(), broker.rack(),
                broker.fenced(), broker.epoch()));
            if (broker.inControlledShutdown()) {
                records.add(new BrokerStateRecord(broker.id(), broker.epoch(), broker.fenced(), true));
            }
        }
        for (TopicImage topic : image.topics().all()) {
            records.add(new TopicRecord(topic.name(), topic.id()));
            topic.partitions().forEach((index, p) -> records.add(PartitionRecord.of(topic.id(), index, p)));
        }
        image.configs().asMap().forEach((resource, values) -> values.forEach((name, value) ->
            records.add(new ConfigRecord(resource.type(), resource.name(), name, value))));
        image.scram().byUser().forEach((user, credentials) -> credentials.forEach((mechanism, credential) ->
            records.add(new UserScramCredentialRecord(user, mechanism, credential))));
        image.clientQuotas().asMap().forEach((entity, values) -> values.forEach((key, value) ->
            records.add(new ClientQuotaRecord(entity, key, value))));
        image.acls().asMap().forEach((id, acl) -> records.add(new AccessControlEntryRecord(id, acl)));
        image.features().forEach((name, level) -> records.add(new FeatureLevelRecord(name, level)));
        if (image.nextProducerId() > 0) {
            records.add(new ProducerIdsRecord(-1, -1, image.nextProducerId()));
        }
        return records;
    }
}
