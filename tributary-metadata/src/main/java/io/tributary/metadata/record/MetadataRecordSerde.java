package io.tributary.metadata.record;

import java.nio.ByteBuffer;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.security.auth.SecurityProtocol;

import io.tributary.metadata.BrokerRegistration;

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

    private static final short VERSION = 0;

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
        }
        throw new IllegalArgumentException("Unknown record " + record);
    }

    public static short versionOf(MetadataRecord record) {
        return VERSION;
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
        } else if (record instanceof PartitionChangeRecord r) {
            out.writeUuid(r.topicId());
            out.writeInt(r.partitionId());
            out.writeIntArray(r.isr());
            out.writeInt(r.leader());
        } else if (record instanceof RemoveTopicRecord r) {
            out.writeUuid(r.topicId());
        } else if (record instanceof ConfigRecord r) {
            out.writeByte(r.resourceType().id());
            out.writeString(r.resourceName());
            out.writeString(r.name());
            out.writeString(r.value());
        } else {
            throw new IllegalArgumentException("Unknown record " + record);
        }
    }

    public static MetadataRecord readPayload(short type, short version, BinaryReader in) {
        if (version != VERSION) {
            throw new IllegalStateException("Unsupported version " + version + " of metadata record type " + type);
        }
        return switch (type) {
            case REGISTER_BROKER -> readRegisterBroker(in);
            case TOPIC -> new TopicRecord(in.readString(), in.readUuid());
            case PARTITION -> new PartitionRecord(in.readUuid(), in.readInt(), in.readIntArray(), in.readIntArray(),
                in.readInt(), in.readInt(), in.readInt());
            case PARTITION_CHANGE -> new PartitionChangeRecord(in.readUuid(), in.readInt(), in.readIntArray(), in.readInt());
            case REMOVE_TOPIC -> new RemoveTopicRecord(in.readUuid());
            case CONFIG -> new ConfigRecord(ConfigResource.Type.forId(in.readByte()), in.readString(), in.readString(),
                in.readString());
            default -> throw new IllegalStateException("Unknown metadata record type " + type);
        };
    }

    private static RegisterBrokerRecord readRegisterBroker(BinaryReader in) {
        int brokerId = in.readInt();
        int count = in.readInt();
        List<BrokerRegistration.Listener> endpoints = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            endpoints.add(new BrokerRegistration.Listener(in.readString(), in.readString(), in.readInt(),
                SecurityProtocol.forId(in.readShort())));
        }
        return new RegisterBrokerRecord(brokerId, endpoints, in.readString(), in.readBoolean());
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
