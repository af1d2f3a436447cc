package io.tributary.coordinator.transaction.records;

import io.tributary.coordinator.group.records.FieldReader;
import io.tributary.coordinator.group.records.FieldWriter;
import io.tributary.coordinator.runtime.RecordSerde;
import io.tributary.coordinator.transaction.state.TransactionMetadata;
import io.tributary.coordinator.transaction.state.TransactionState;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/** Encodes transaction metadata records: key = (type, transactional id), value = (version, fields). */
public final class TransactionRecordSerde implements RecordSerde<TransactionRecord> {

    private static final short METADATA_KEY_TYPE = 0;
    /**
     * Version 1 adds the next producer id (transaction version 2's epoch rotation), version 2 the transaction
     * version a prepared transaction's markers carry; older versions are still read (transaction version 0).
     */
    private static final short VALUE_VERSION = 2;

    @Override
    public byte[] serializeKey(TransactionRecord record) {
        return new FieldWriter().writeShort(METADATA_KEY_TYPE).writeString(record.transactionalId()).toByteArray();
    }

    @Override
    public byte[] serializeValue(TransactionRecord record) {
        TransactionMetadata value = record.value();
        if (value == null) {
            return null;
        }
        FieldWriter out = new FieldWriter().writeShort(VALUE_VERSION)
                .writeLong(value.producerId()).writeLong(value.lastProducerId())
                .writeShort(value.producerEpoch()).writeShort(value.lastProducerEpoch())
                .writeInt(value.timeoutMs()).writeShort(value.state().id())
                .writeInt(value.partitions().size());
        for (TopicPartition partition : value.partitions()) {
            out.writeString(partition.topic()).writeInt(partition.partition());
        }
        return out.writeLong(value.startTimestamp()).writeLong(value.lastUpdateTimestamp())
                .writeLong(value.nextProducerId()).writeShort(value.transactionVersion()).toByteArray();
    }

    @Override
    public TransactionRecord deserialize(ByteBuffer key, ByteBuffer value) {
        FieldReader keyReader = new FieldReader(key);
        if (keyReader.readShort() != METADATA_KEY_TYPE) {
            return null;
        }
        String transactionalId = keyReader.readString();
        if (value == null) {
            return TransactionRecord.tombstone(transactionalId);
        }
        FieldReader in = new FieldReader(value);
        short version = in.readShort();
        long producerId = in.readLong();
        long lastProducerId = in.readLong();
        short epoch = in.readShort();
        short lastEpoch = in.readShort();
        int timeoutMs = in.readInt();
        TransactionState state = TransactionState.fromId(in.readShort());
        int count = in.readInt();
        Set<TopicPartition> partitions = new HashSet<>(count);
        for (int i = 0; i < count; i++) {
            partitions.add(new TopicPartition(in.readString(), in.readInt()));
        }
        long startTimestamp = in.readLong();
        long lastUpdateTimestamp = in.readLong();
        long nextProducerId = version >= 1 ? in.readLong() : -1L;
        short transactionVersion = version >= 2 ? in.readShort() : 0;
        return new TransactionRecord(transactionalId, new TransactionMetadata(producerId, lastProducerId, epoch,
                lastEpoch, timeoutMs, state, partitions, startTimestamp, lastUpdateTimestamp, nextProducerId,
                transactionVersion));
    }
}
