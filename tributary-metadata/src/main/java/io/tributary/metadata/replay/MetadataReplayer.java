package io.tributary.metadata.replay;

import io.tributary.metadata.image.AclEntry;
import io.tributary.metadata.image.AclsImage;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.BrokersImage;
import io.tributary.metadata.image.ClientQuotasImage;
import io.tributary.metadata.image.ConfigsImage;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.ScramCredentialData;
import io.tributary.metadata.image.ScramCredentialsImage;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.image.TopicsImage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.quota.ClientQuotaEntity;

import io.tributary.metadata.record.AccessControlEntryRecord;
import io.tributary.metadata.record.BrokerStateRecord;
import io.tributary.metadata.record.UnregisterBrokerRecord;
import io.tributary.metadata.record.FeatureLevelRecord;
import io.tributary.metadata.record.ClientQuotaRecord;
import io.tributary.metadata.record.RemoveAccessControlEntryRecord;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.LeaderChangeRecord;
import io.tributary.metadata.record.ProducerIdsRecord;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionChangeRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.RemoveTopicRecord;
import io.tributary.metadata.record.RemoveUserScramCredentialRecord;
import io.tributary.metadata.record.UserScramCredentialRecord;
import io.tributary.metadata.record.TopicRecord;

/**
 * Applies records on top of a base image and produces the next image plus the delta. Maps are copied lazily
 * and at most once per replayer, so replaying a whole log or a big batch costs one copy, not one per record.
 * Not thread-safe: used by the controller thread only.
 */
public final class MetadataReplayer {

    private final MetadataImage base;
    private Map<Uuid, TopicImage> topics;
    private final Map<Uuid, Map<Integer, PartitionRegistration>> touchedPartitions = new HashMap<>();
    private Map<ConfigResource, Map<String, String>> configs;
    private Map<Integer, BrokerRegistration> brokers;
    private long nextProducerId;
    private Map<String, Map<String, ScramCredentialData>> scram;
    private Map<ClientQuotaEntity, Map<String, Double>> clientQuotas;
    private Map<Uuid, AclEntry> acls;

    private final Set<Uuid> createdTopics = new HashSet<>();
    private final Map<Uuid, TopicImage> deletedTopics = new HashMap<>();
    private final Map<Uuid, Set<Integer>> createdPartitions = new HashMap<>();
    private final Map<Uuid, Set<Integer>> changedPartitions = new HashMap<>();
    private final Set<ConfigResource> changedConfigs = new HashSet<>();
    private final Set<Integer> changedBrokers = new HashSet<>();
    /** Copied from the base on the first FeatureLevelRecord. */
    private Map<String, Short> features;

    public MetadataReplayer(MetadataImage base) {
        this.base = base;
        this.nextProducerId = base.nextProducerId();
    }

    /** Replays a record whose batch offset is unknown (broker epochs become -1); for scratch images. */
    public void replay(MetadataRecord record) {
        replay(record, MetadataImage.NO_OFFSET);
    }

    /**
     * Replays {@code record}, committed in the batch at {@code batchOffset}: a registration's broker epoch is
     * that offset (the registration is the last record of its batch, so it is also the record's own offset).
     */
    public void replay(MetadataRecord record, long batchOffset) {
        if (record instanceof TopicRecord r) {
            replayTopic(r);
        } else if (record instanceof PartitionRecord r) {
            replayPartition(r);
        } else if (record instanceof PartitionChangeRecord r) {
            replayPartitionChange(r);
        } else if (record instanceof RemoveTopicRecord r) {
            replayRemoveTopic(r);
        } else if (record instanceof ConfigRecord r) {
            replayConfig(r);
        } else if (record instanceof RegisterBrokerRecord r) {
            mutableBrokers().put(r.brokerId(), r.toRegistration(batchOffset));
            changedBrokers.add(r.brokerId());
        } else if (record instanceof BrokerStateRecord r) {
            replayBrokerState(r);
        } else if (record instanceof UnregisterBrokerRecord r) {
            replayUnregisterBroker(r);
        } else if (record instanceof FeatureLevelRecord r) {
            if (features == null) {
                features = new HashMap<>(base.features());
            }
            // Level 0 (disabled) is kept: an absent feature is at its default level, which may be higher.
            features.put(r.name(), r.level());
        } else if (record instanceof ProducerIdsRecord r) {
            nextProducerId = Math.max(nextProducerId, r.nextProducerId());
        } else if (record instanceof ClientQuotaRecord r) {
            replayClientQuota(r);
        } else if (record instanceof AccessControlEntryRecord r) {
            mutableAcls().put(r.id(), r.acl());
        } else if (record instanceof RemoveAccessControlEntryRecord r) {
            if (mutableAcls().remove(r.id()) == null) {
                throw new IllegalStateException("Unknown ACL id " + r.id());
            }
        } else if (record instanceof LeaderChangeRecord) {
            // Marks a controller's activation; nothing in the image changes.
        } else if (record instanceof UserScramCredentialRecord r) {
            mutableScram().computeIfAbsent(r.name(), user -> new HashMap<>()).put(r.mechanism(), r.credential());
        } else if (record instanceof RemoveUserScramCredentialRecord r) {
            Map<String, ScramCredentialData> credentials = mutableScram().get(r.name());
            if (credentials != null) {
                credentials.remove(r.mechanism());
            }
        } else {
            throw new IllegalArgumentException("Unknown record " + record);
        }
    }

    private Map<String, Map<String, ScramCredentialData>> mutableScram() {
        if (scram == null) {
            scram = new HashMap<>();
            base.scram().byUser().forEach((user, credentials) -> scram.put(user, new HashMap<>(credentials)));
        }
        return scram;
    }

    private void replayUnregisterBroker(UnregisterBrokerRecord r) {
        BrokerRegistration current = mutableBrokers().get(r.brokerId());
        if (current != null && current.epoch() == r.brokerEpoch()) {
            mutableBrokers().remove(r.brokerId());
            changedBrokers.add(r.brokerId());
        }
    }

    private void replayBrokerState(BrokerStateRecord r) {
        BrokerRegistration current = mutableBrokers().get(r.brokerId());
        // A state change meant for an earlier registration of the broker no longer applies.
        if (current == null || (r.brokerEpoch() >= 0 && current.epoch() != r.brokerEpoch())) {
            return;
        }
        mutableBrokers().put(r.brokerId(), current.withState(r.fenced(), r.inControlledShutdown()));
        changedBrokers.add(r.brokerId());
    }

    public MetadataDelta delta() {
        return new MetadataDelta(base, createdTopics, deletedTopics, createdPartitions, changedPartitions,
            changedConfigs, changedBrokers);
    }

    /** The image after all replayed records; {@code offset} is the offset of the last one. */
    public MetadataImage build(long offset) {
        TopicsImage newTopics = base.topics();
        if (topics != null) {
            touchedPartitions.forEach((id, partitions) -> {
                TopicImage topic = topics.get(id);
                if (topic != null) {
                    topics.put(id, new TopicImage(topic.name(), id, partitions));
                }
            });
            newTopics = new TopicsImage(topics);
        }
        ConfigsImage newConfigs = configs == null ? base.configs() : new ConfigsImage(configs);
        BrokersImage newBrokers = brokers == null ? base.brokers() : new BrokersImage(brokers);
        ScramCredentialsImage newScram = scram == null ? base.scram() : new ScramCredentialsImage(scram);
        ClientQuotasImage newQuotas = clientQuotas == null ? base.clientQuotas() : new ClientQuotasImage(clientQuotas);
        AclsImage newAcls = acls == null ? base.acls() : new AclsImage(acls);
        return new MetadataImage(base.clusterId(), offset, newTopics, newConfigs, newBrokers, nextProducerId, newScram,
            newQuotas, newAcls, features == null ? base.features() : features);
    }

    private void replayTopic(TopicRecord r) {
        Map<Uuid, TopicImage> all = mutableTopics();
        if (all.containsKey(r.topicId())) {
            throw new IllegalStateException("Topic id " + r.topicId() + " already exists");
        }
        all.put(r.topicId(), new TopicImage(r.name(), r.topicId(), Map.of()));
        touchedPartitions.put(r.topicId(), new HashMap<>());
        createdTopics.add(r.topicId());
    }

    private void replayPartition(PartitionRecord r) {
        partitionsOf(r.topicId()).put(r.partitionId(), r.toRegistration());
        createdPartitions.computeIfAbsent(r.topicId(), id -> new HashSet<>()).add(r.partitionId());
    }

    private void replayPartitionChange(PartitionChangeRecord r) {
        Map<Integer, PartitionRegistration> partitions = partitionsOf(r.topicId());
        PartitionRegistration current = partitions.get(r.partitionId());
        if (current == null) {
            throw new IllegalStateException("Unknown partition " + r.partitionId() + " of topic " + r.topicId());
        }
        partitions.put(r.partitionId(), r.applyTo(current));
        Set<Integer> created = createdPartitions.get(r.topicId());
        if (created == null || !created.contains(r.partitionId())) {
            changedPartitions.computeIfAbsent(r.topicId(), id -> new HashSet<>()).add(r.partitionId());
        }
    }

    private void replayRemoveTopic(RemoveTopicRecord r) {
        TopicImage removed = mutableTopics().remove(r.topicId());
        if (removed == null) {
            throw new IllegalStateException("Unknown topic id " + r.topicId());
        }
        touchedPartitions.remove(r.topicId());
        createdPartitions.remove(r.topicId());
        changedPartitions.remove(r.topicId());
        if (!createdTopics.remove(r.topicId())) {
            deletedTopics.put(r.topicId(), base.topics().get(r.topicId()).orElse(removed));
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, removed.name());
        if (mutableConfigs().remove(resource) != null || base.configs().asMap().containsKey(resource)) {
            changedConfigs.add(resource);
        }
    }

    private void replayConfig(ConfigRecord r) {
        ConfigResource resource = r.resource();
        Map<ConfigResource, Map<String, String>> all = mutableConfigs();
        Map<String, String> values = new HashMap<>(all.getOrDefault(resource, Map.of()));
        if (r.value() == null) {
            values.remove(r.name());
        } else {
            values.put(r.name(), r.value());
        }
        if (values.isEmpty()) {
            all.remove(resource);
        } else {
            all.put(resource, Map.copyOf(values));
        }
        changedConfigs.add(resource);
    }

    private void replayClientQuota(ClientQuotaRecord r) {
        if (clientQuotas == null) {
            clientQuotas = new HashMap<>(base.clientQuotas().asMap());
        }
        Map<String, Double> values = new HashMap<>(clientQuotas.getOrDefault(r.entity(), Map.of()));
        if (r.remove()) {
            values.remove(r.key());
        } else {
            values.put(r.key(), r.value());
        }
        if (values.isEmpty()) {
            clientQuotas.remove(r.entity());
        } else {
            clientQuotas.put(r.entity(), Map.copyOf(values));
        }
    }

    private Map<Integer, PartitionRegistration> partitionsOf(Uuid topicId) {
        Map<Integer, PartitionRegistration> partitions = touchedPartitions.get(topicId);
        if (partitions == null) {
            TopicImage topic = mutableTopics().get(topicId);
            if (topic == null) {
                throw new IllegalStateException("Unknown topic id " + topicId);
            }
            partitions = new HashMap<>(topic.partitions());
            touchedPartitions.put(topicId, partitions);
        }
        return partitions;
    }

    private Map<Uuid, TopicImage> mutableTopics() {
        if (topics == null) {
            topics = new HashMap<>(base.topics().asMap());
        }
        return topics;
    }

    private Map<ConfigResource, Map<String, String>> mutableConfigs() {
        if (configs == null) {
            configs = new HashMap<>(base.configs().asMap());
        }
        return configs;
    }

    private Map<Uuid, AclEntry> mutableAcls() {
        if (acls == null) {
            acls = new HashMap<>(base.acls().asMap());
        }
        return acls;
    }

    private Map<Integer, BrokerRegistration> mutableBrokers() {
        if (brokers == null) {
            brokers = new HashMap<>(base.brokers().asMap());
        }
        return brokers;
    }
}
