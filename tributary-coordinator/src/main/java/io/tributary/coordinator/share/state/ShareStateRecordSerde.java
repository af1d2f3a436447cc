package io.tributary.coordinator.share.state;

import io.tributary.coordinator.group.records.FieldReader;
import io.tributary.coordinator.group.records.FieldWriter;
import io.tributary.coordinator.runtime.RecordSerde;
import io.tributary.coordinator.share.DeliveryState;
import io.tributary.coordinator.share.SharePartitionKey;
import io.tributary.coordinator.share.SharePartitionState;
import io.tributary.coordinator.share.StateBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;

/**
 * Encodes share-partition snapshots: key = (type, group, topic id, partition), value = (version, state epoch,
 * leader epoch, start offset, batches). Each record is a whole snapshot, so compaction keeps exactly the latest.
 */
public final class ShareStateRecordSerde implements RecordSerde<ShareStateRecord> {

    /** Kafka's ShareSnapshotKey type; updates are not written separately here. */
    private static final short SNAPSHOT_KEY_TYPE = 0;
    private static final short VALUE_VERSION = 0;

    @Override
    public byte[] serializeKey(ShareStateRecord record) {
        SharePartitionKey key = record.key();
        return new FieldWriter().writeShort(SNAPSHOT_KEY_TYPE).writeString(key.groupId())
                .writeLong(key.topicId().getMostSignificantBits()).writeLong(key.topicId().getLeastSignificantBits())
                .writeInt(key.partition()).toByteArray();
    }

    @Override
    public byte[] serializeValue(ShareStateRecord record) {
        SharePartitionState state = record.state();
        if (state == null) {
            return null;
        }
        FieldWriter out = new FieldWriter().writeShort(VALUE_VERSION).writeInt(state.stateEpoch())
                .writeInt(state.leaderEpoch()).writeLong(state.startOffset()).writeInt(state.batches().size());
        for (StateBatch batch : state.batches()) {
            out.writeLong(batch.firstOffset()).writeLong(batch.lastOffset()).writeShort(batch.state().id())
                    .writeShort(batch.deliveryCount());
        }
        return out.toByteArray();
    }

    @Override
    public ShareStateRecord deserialize(ByteBuffer keyBuffer, ByteBuffer value) {
        FieldReader keyReader = new FieldReader(keyBuffer);
        if (keyReader.readShort() != SNAPSHOT_KEY_TYPE) {
            return null;
        }
        String groupId = keyReader.readString();
        Uuid topicId = new Uuid(keyReader.readLong(), keyReader.readLong());
        SharePartitionKey key = new SharePartitionKey(groupId, topicId, keyReader.readInt());
        if (value == null) {
            return new ShareStateRecord(key, null);
        }
        FieldReader in = new FieldReader(value);
        in.readShort(); // version: only 0 so far
        int stateEpoch = in.readInt();
        int leaderEpoch = in.readInt();
        long startOffset = in.readLong();
        int count = in.readInt();
        List<StateBatch> batches = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batches.add(new StateBatch(in.readLong(), in.readLong(), DeliveryState.fromId((byte) in.readShort()),
                    in.readShort()));
        }
        return new ShareStateRecord(key, new SharePartitionState(stateEpoch, leaderEpoch, startOffset, batches));
    }
}
