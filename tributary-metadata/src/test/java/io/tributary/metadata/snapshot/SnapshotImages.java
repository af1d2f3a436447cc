package io.tributary.metadata.snapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;

import io.tributary.metadata.image.AclEntry;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.ScramCredentialData;
import io.tributary.metadata.log.MetadataBatch;
import io.tributary.metadata.record.AccessControlEntryRecord;
import io.tributary.metadata.record.BrokerStateRecord;
import io.tributary.metadata.record.ClientQuotaRecord;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionChangeRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.ProducerIdsRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.RemoveTopicRecord;
import io.tributary.metadata.record.TopicRecord;
import io.tributary.metadata.record.UserScramCredentialRecord;
import io.tributary.metadata.replay.MetadataReplayer;

/** Metadata log batches touching every part of the image, and the image they build. */
public final class SnapshotImages {

    public static final String CLUSTER_ID = "snapshot-test-cluster-000";

    private SnapshotImages() {
    }

    /**
     * Batches as a log holds them (offsets from 0): brokers registered at different offsets (so their epochs
     * differ), one in controlled shutdown, topics created, changed and deleted, topic and broker configs, SCRAM,
     * quotas, ACLs and producer ids.
     */
    public static List<MetadataBatch> history(int topics) {
        List<List<MetadataRecord>> batches = new ArrayList<>();
        batches.add(List.of(register(1)));
        batches.add(List.of(register(2)));
        batches.add(List.of(new BrokerStateRecord(2, 1, false, true)));
        for (int i = 0; i < topics; i++) {
            Uuid id = new Uuid(7, i + 1);
            String name = "topic-" + i;
            batches.add(List.of(new TopicRecord(name, id),
                new PartitionRecord(id, 0, new int[] {1, 2}, new int[] {1, 2}, 1, 0, 0),
                new PartitionRecord(id, 1, new int[] {2, 1}, new int[] {2, 1}, 2, 0, 0),
                new ConfigRecord(ConfigResource.Type.TOPIC, name, "retention.ms", Integer.toString(i))));
            batches.add(List.of(PartitionChangeRecord.isrChange(id, 1, new int[] {2})));
            if (i % 3 == 0) {
                batches.add(List.of(new RemoveTopicRecord(id)));
            }
        }
        batches.add(List.of(new ConfigRecord(ConfigResource.Type.BROKER, "", "log.retention.ms", "5000"),
            new ConfigRecord(ConfigResource.Type.BROKER, "1", "log.cleaner.backoff.ms", "100")));
        batches.add(List.of(new UserScramCredentialRecord("alice", "SCRAM-SHA-256",
            new ScramCredentialData(new byte[] {1, 2}, new byte[] {3}, new byte[] {4}, 4096))));
        batches.add(List.of(new ClientQuotaRecord(entity("alice"), "producer_byte_rate", 1024.0)));
        batches.add(List.of(new AccessControlEntryRecord(new Uuid(9, 9), new AclEntry(ResourceType.TOPIC, "topic-1",
            PatternType.LITERAL, "User:alice", "*", AclOperation.READ, AclPermissionType.ALLOW))));
        batches.add(List.of(new ProducerIdsRecord(1, 0, 2000)));
        List<MetadataBatch> result = new ArrayList<>();
        long offset = 0;
        for (List<MetadataRecord> records : batches) {
            result.add(new MetadataBatch(offset, records));
            offset += records.size();
        }
        return result;
    }

    /** The image {@code batches} build, replayed as the controller replays them (a snapshot batch replaces). */
    public static MetadataImage replay(List<MetadataBatch> batches) {
        MetadataImage image = MetadataImage.empty(CLUSTER_ID);
        for (MetadataBatch batch : batches) {
            if (batch.snapshot()) {
                image = new MetadataSnapshot(batch.lastOffset(), 0, batch.records()).toImage(CLUSTER_ID);
                continue;
            }
            MetadataReplayer replayer = new MetadataReplayer(image);
            batch.records().forEach(record -> replayer.replay(record, batch.lastOffset()));
            image = replayer.build(batch.lastOffset());
        }
        return image;
    }

    private static RegisterBrokerRecord register(int id) {
        return new RegisterBrokerRecord(id, new Uuid(id, id), List.of(new BrokerRegistration.Listener("PLAINTEXT",
            "host-" + id, 9092, SecurityProtocol.PLAINTEXT)), "rack-" + id, false);
    }

    private static ClientQuotaEntity entity(String user) {
        Map<String, String> entries = new HashMap<>();
        entries.put(ClientQuotaEntity.USER, user);
        return new ClientQuotaEntity(entries);
    }
}
