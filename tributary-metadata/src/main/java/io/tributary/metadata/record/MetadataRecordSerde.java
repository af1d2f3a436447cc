package io.tributary.metadata.record;

import java.nio.ByteBuffer;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.security.auth.SecurityProtocol;

import io.tributary.metadata.image.AclEntry;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.ScramCredentialData;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Compact binary encoding of metadata records: a type id and version, then the fields in declaration order.
 * The version lets a later release add fields while still reading old logs.
 */
public final class MetadataRecordSerde {

    static final short REGISTER_BROKER = 1;
    static final short TOPIC = 2;
    static final short PARTITION = 3;
    static final short PARTITION_CHANGE = 4;
    static final short REMOVE_TOPIC = 5;
    static final short CONFIG = 6;
    static final short BROKER_STATE = 7;
    static final short PRODUCER_IDS = 8;
    static final short LEADER_CHANGE = 9;
    static final short CLIENT_QUOTA = 10;
    /** SCRAM credentials: ids away from the next free ones, which other features take first. */
    static final short USER_SCRAM_CREDENTIAL = 20;
    static final short REMOVE_USER_SCRAM_CREDENTIAL = 21;
    // Kafka's own ids of these records, far from ours so that other new records do not collide.
    static final short ACCESS_CONTROL_ENTRY = 30;
    static final short REMOVE_ACCESS_CONTROL_ENTRY = 31;
    /** Cluster operations at size: away from the ids above. */
    static final short UNREGISTER_BROKER = 40;
    static final short FEATURE_LEVEL = 41;

    /**
     * Version 1 of registrations adds the incarnation id, version 2 the broker epoch (written only by snapshots,
     * so the log stays readable by nodes that know version 1); version 1 of partitions and changes adds the
     * reassignment fields, version 2 of both the ELR fields (KIP-966), written only when they are set, so a log
     * without ELR state stays readable by nodes that know version 1.
     */
    private static final short LATEST_REGISTER_BROKER = 2;
    private static final short LATEST_PARTITION = 2;
    private static final short LATEST_PARTITION_CHANGE = 2;

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private MetadataRecordSerde() {
    }

    public static short typeOf(MetadataRecord record) {
        if (record instanceof RegisterBrokerRecord) {
            return REGISTER_BROKER;
        } else if (record instanceof TopicRecord) {
            return TOPIC;
        } else if (record instanceof PartitionRecord) {
            return PARTITION;
        } else if (record instanceof PartitionChangeRecord) {
            return PARTITION_CHANGE;
        } else if (record instanceof RemoveTopicRecord) {
            return REMOVE_TOPIC;
        } else if (record instanceof ConfigRecord) {
            return CONFIG;
        } else if (record instanceof BrokerStateRecord) {
            return BROKER_STATE;
        } else if (record instanceof ProducerIdsRecord) {
            return PRODUCER_IDS;
        } else if (record instanceof LeaderChangeRecord) {
            return LEADER_CHANGE;
        } else if (record instanceof UserScramCredentialRecord) {
            return USER_SCRAM_CREDENTIAL;
        } else if (record instanceof RemoveUserScramCredentialRecord) {
            return REMOVE_USER_SCRAM_CREDENTIAL;
        } else if (record instanceof ClientQuotaRecord) {
            return CLIENT_QUOTA;
        } else if (record instanceof AccessControlEntryRecord) {
            return ACCESS_CONTROL_ENTRY;
        } else if (record instanceof RemoveAccessControlEntryRecord) {
            return REMOVE_ACCESS_CONTROL_ENTRY;
        } else if (record instanceof UnregisterBrokerRecord) {
            return UNREGISTER_BROKER;
        } else if (record instanceof FeatureLevelRecord) {
            return FEATURE_LEVEL;
        }
        throw new IllegalArgumentException("Unknown record " + record);
    }

    public static short versionOf(MetadataRecord record) {
        return switch (typeOf(record)) {
            case REGISTER_BROKER -> ((RegisterBrokerRecord) record).brokerEpoch() >= 0 ? LATEST_REGISTER_BROKER : 1;
            case PARTITION -> ((PartitionRecord) record).toRegistration().hasElrState() ? LATEST_PARTITION : 1;
            case PARTITION_CHANGE -> ((PartitionChangeRecord) record).changesElr() ? LATEST_PARTITION_CHANGE : 1;
            default -> 0;
        };
    }

    public static void writePayload(MetadataRecord record, BinaryWriter out) {
        if (record instanceof RegisterBrokerRecord r) {
            out.writeInt(r.brokerId());
            out.writeInt(r.endpoints().size());
            for (BrokerRegistration.Listener l : r.endpoints()) {
                out.writeString(l.name());
                out.writeString(l.host());
                out.writeInt(l.port());
                out.writeShort(l.securityProtocol().id);
            }
            out.writeString(r.rack());
            out.writeBoolean(r.fenced());
            out.writeUuid(r.incarnationId());
            if (r.brokerEpoch() >= 0) {
                out.writeLong(r.brokerEpoch());
            }
        } else if (record instanceof TopicRecord r) {
            out.writeString(r.name());
            out.writeUuid(r.topicId());
        } else if (record instanceof PartitionRecord r) {
            out.writeUuid(r.topicId());
            out.writeInt(r.partitionId());
            out.writeIntArray(r.replicas());
            out.writeIntArray(r.isr());
            out.writeInt(r.leader());
            out.writeInt(r.leaderEpoch());
            out.writeInt(r.partitionEpoch());
            out.writeIntArray(r.addingReplicas());
            out.writeIntArray(r.removingReplicas());
            if (r.toRegistration().hasElrState()) {
                out.writeIntArray(r.elr());
                out.writeIntArray(r.lastKnownElr());
            }
        } else if (record instanceof PartitionChangeRecord r) {
            out.writeUuid(r.topicId());
            out.writeInt(r.partitionId());
            out.writeIntArray(r.isr());
            out.writeInt(r.leader());
            out.writeIntArray(r.replicas());
            out.writeIntArray(r.addingReplicas());
            out.writeIntArray(r.removingReplicas());
            if (r.changesElr()) {
                out.writeIntArray(r.elr());
                out.writeIntArray(r.lastKnownElr());
            }
        } else if (record instanceof RemoveTopicRecord r) {
            out.writeUuid(r.topicId());
        } else if (record instanceof ConfigRecord r) {
            out.writeByte(r.resourceType().id());
            out.writeString(r.resourceName());
            out.writeString(r.name());
            out.writeString(r.value());
        } else if (record instanceof BrokerStateRecord r) {
            out.writeInt(r.brokerId());
            out.writeLong(r.brokerEpoch());
            out.writeBoolean(r.fenced());
            out.writeBoolean(r.inControlledShutdown());
        } else if (record instanceof ProducerIdsRecord r) {
            out.writeInt(r.brokerId());
            out.writeLong(r.brokerEpoch());
            out.writeLong(r.nextProducerId());
        } else if (record instanceof LeaderChangeRecord r) {
            out.writeInt(r.leaderId());
            out.writeInt(r.epoch());
        } else if (record instanceof UserScramCredentialRecord r) {
            out.writeString(r.name());
            out.writeString(r.mechanism());
            out.writeString(BASE64.encodeToString(r.credential().salt()));
            out.writeString(BASE64.encodeToString(r.credential().storedKey()));
            out.writeString(BASE64.encodeToString(r.credential().serverKey()));
            out.writeInt(r.credential().iterations());
        } else if (record instanceof RemoveUserScramCredentialRecord r) {
            out.writeString(r.name());
            out.writeString(r.mechanism());
        } else if (record instanceof ClientQuotaRecord r) {
            writeClientQuota(r, out);
        } else if (record instanceof AccessControlEntryRecord r) {
            out.writeUuid(r.id());
            out.writeByte(r.acl().resourceType().code());
            out.writeString(r.acl().resourceName());
            out.writeByte(r.acl().patternType().code());
            out.writeString(r.acl().principal());
            out.writeString(r.acl().host());
            out.writeByte(r.acl().operation().code());
            out.writeByte(r.acl().permissionType().code());
        } else if (record instanceof RemoveAccessControlEntryRecord r) {
            out.writeUuid(r.id());
        } else if (record instanceof UnregisterBrokerRecord r) {
            out.writeInt(r.brokerId());
            out.writeLong(r.brokerEpoch());
        } else if (record instanceof FeatureLevelRecord r) {
            out.writeString(r.name());
            out.writeInt(r.level());
        } else {
            throw new IllegalArgumentException("Unknown record " + record);
        }
    }

    public static MetadataRecord readPayload(short type, short version, BinaryReader in) {
        short latest = switch (type) {
            case REGISTER_BROKER -> LATEST_REGISTER_BROKER;
            case PARTITION -> LATEST_PARTITION;
            case PARTITION_CHANGE -> LATEST_PARTITION_CHANGE;
            default -> 0;
        };
        if (version < 0 || version > latest) {
            throw new IllegalStateException("Unsupported version " + version + " of metadata record type " + type);
        }
        return switch (type) {
            case REGISTER_BROKER -> readRegisterBroker(in, version);
            case TOPIC -> new TopicRecord(in.readString(), in.readUuid());
            case PARTITION -> readPartition(in, version);
            case PARTITION_CHANGE -> readPartitionChange(in, version);
            case BROKER_STATE -> new BrokerStateRecord(in.readInt(), in.readLong(), in.readBoolean(), in.readBoolean());
            case PRODUCER_IDS -> new ProducerIdsRecord(in.readInt(), in.readLong(), in.readLong());
            case LEADER_CHANGE -> new LeaderChangeRecord(in.readInt(), in.readInt());
            case REMOVE_TOPIC -> new RemoveTopicRecord(in.readUuid());
            case CONFIG -> new ConfigRecord(ConfigResource.Type.forId(in.readByte()), in.readString(), in.readString(),
                in.readString());
            case USER_SCRAM_CREDENTIAL -> new UserScramCredentialRecord(in.readString(), in.readString(),
                new ScramCredentialData(Base64.getDecoder().decode(in.readString()),
                    Base64.getDecoder().decode(in.readString()), Base64.getDecoder().decode(in.readString()),
                    in.readInt()));
            case REMOVE_USER_SCRAM_CREDENTIAL -> new RemoveUserScramCredentialRecord(in.readString(), in.readString());
            case CLIENT_QUOTA -> readClientQuota(in);
            case ACCESS_CONTROL_ENTRY -> new AccessControlEntryRecord(in.readUuid(), new AclEntry(
                ResourceType.fromCode(in.readByte()), in.readString(), PatternType.fromCode(in.readByte()),
                in.readString(), in.readString(), AclOperation.fromCode(in.readByte()),
                AclPermissionType.fromCode(in.readByte())));
            case REMOVE_ACCESS_CONTROL_ENTRY -> new RemoveAccessControlEntryRecord(in.readUuid());
            case UNREGISTER_BROKER -> new UnregisterBrokerRecord(in.readInt(), in.readLong());
            case FEATURE_LEVEL -> new FeatureLevelRecord(in.readString(), (short) in.readInt());
            default -> throw new IllegalStateException("Unknown metadata record type " + type);
        };
    }

    /** The entity's (type, name) pairs sorted by type, so that equal entities encode alike; then key and value. */
    private static void writeClientQuota(ClientQuotaRecord r, BinaryWriter out) {
        Map<String, String> entries = new TreeMap<>(r.entity().entries());
        out.writeInt(entries.size());
        entries.forEach((type, name) -> {
            out.writeString(type);
            out.writeString(name);
        });
        out.writeString(r.key());
        out.writeBoolean(r.remove());
        out.writeLong(r.remove() ? 0L : Double.doubleToLongBits(r.value()));
    }

    private static ClientQuotaRecord readClientQuota(BinaryReader in) {
        int count = in.readInt();
        Map<String, String> entries = new HashMap<>(count);
        for (int i = 0; i < count; i++) {
            entries.put(in.readString(), in.readString());
        }
        String key = in.readString();
        boolean remove = in.readBoolean();
        long bits = in.readLong();
        return new ClientQuotaRecord(new ClientQuotaEntity(entries), key, remove ? null : Double.longBitsToDouble(bits));
    }

    private static PartitionRecord readPartition(BinaryReader in, short version) {
        PartitionRecord v0 = new PartitionRecord(in.readUuid(), in.readInt(), in.readIntArray(), in.readIntArray(),
            in.readInt(), in.readInt(), in.readInt());
        if (version == 0) {
            return v0;
        }
        int[] adding = in.readIntArray();
        int[] removing = in.readIntArray();
        int[] elr = version >= 2 ? in.readIntArray() : null;
        int[] lastKnownElr = version >= 2 ? in.readIntArray() : null;
        return new PartitionRecord(v0.topicId(), v0.partitionId(), v0.replicas(), v0.isr(), v0.leader(),
            v0.leaderEpoch(), v0.partitionEpoch(), adding, removing, elr, lastKnownElr);
    }

    private static PartitionChangeRecord readPartitionChange(BinaryReader in, short version) {
        var topicId = in.readUuid();
        int partitionId = in.readInt();
        int[] isr = in.readIntArray();
        int leader = in.readInt();
        if (version == 0) {
            return new PartitionChangeRecord(topicId, partitionId, isr, leader);
        }
        int[] replicas = in.readIntArray();
        int[] adding = in.readIntArray();
        int[] removing = in.readIntArray();
        if (version == 1) {
            return new PartitionChangeRecord(topicId, partitionId, isr, leader, replicas, adding, removing);
        }
        return new PartitionChangeRecord(topicId, partitionId, isr, leader, replicas, adding, removing,
            in.readIntArray(), in.readIntArray());
    }

    private static RegisterBrokerRecord readRegisterBroker(BinaryReader in, short version) {
        int brokerId = in.readInt();
        int count = in.readInt();
        List<BrokerRegistration.Listener> endpoints = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            endpoints.add(new BrokerRegistration.Listener(in.readString(), in.readString(), in.readInt(),
                SecurityProtocol.forId(in.readShort())));
        }
        String rack = in.readString();
        boolean fenced = in.readBoolean();
        // Version 0 registrations came from the single-node controller registering itself, unfenced.
        Uuid incarnationId = version == 0 ? Uuid.ZERO_UUID : in.readUuid();
        long brokerEpoch = version >= 2 ? in.readLong() : -1L;
        return new RegisterBrokerRecord(brokerId, incarnationId, endpoints, rack, fenced, brokerEpoch);
    }

    /**
     * Writes a list of records as {@code count:int32 | count x (type:int16 | version:int16 | size:int32 | payload)},
     * the layout shared by the local metadata log's frames and the quorum's Raft entries.
     */
    public static void writeRecords(List<MetadataRecord> records, BinaryWriter out) {
        out.writeInt(records.size());
        for (MetadataRecord record : records) {
            out.writeShort(typeOf(record));
            out.writeShort(versionOf(record));
            int sizePosition = out.position();
            out.writeInt(0);
            writePayload(record, out);
            out.putIntAt(sizePosition, out.position() - sizePosition - 4);
        }
    }

    /** Reads what {@link #writeRecords} wrote, from the buffer's position (which it advances). */
    public static List<MetadataRecord> readRecords(ByteBuffer view) {
        int count = view.getInt();
        List<MetadataRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            short type = view.getShort();
            short version = view.getShort();
            int size = view.getInt();
            ByteBuffer payload = view.slice(view.position(), size);
            view.position(view.position() + size);
            records.add(readPayload(type, version, new BinaryReader(payload)));
        }
        return List.copyOf(records);
    }
}
