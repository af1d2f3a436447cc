package io.tributary.quorum;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.tributary.metadata.record.BinaryReader;
import io.tributary.metadata.record.BinaryWriter;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.MetadataRecordSerde;

/**
 * Payload of one Raft log entry: {@code count:int32 | count x (type:int16 | version:int16 | size:int32 | payload)}.
 * No checksum: Ratis checksums every log entry itself.
 */
final class RecordBatchCodec {

    private RecordBatchCodec() {
    }

    static ByteBuffer encode(List<MetadataRecord> records) {
        BinaryWriter out = new BinaryWriter(16 + records.size() * 64);
        out.writeInt(records.size());
        for (MetadataRecord record : records) {
            out.writeShort(MetadataRecordSerde.typeOf(record));
            out.writeShort(MetadataRecordSerde.versionOf(record));
            int sizePosition = out.position();
            out.writeInt(0);
            MetadataRecordSerde.writePayload(record, out);
            out.putIntAt(sizePosition, out.position() - sizePosition - 4);
        }
        return out.toByteBuffer();
    }

    static List<MetadataRecord> decode(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        int count = view.getInt();
        List<MetadataRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            short type = view.getShort();
            short version = view.getShort();
            int size = view.getInt();
            ByteBuffer payload = view.slice(view.position(), size);
            view.position(view.position() + size);
            records.add(MetadataRecordSerde.readPayload(type, version, new BinaryReader(payload)));
        }
        return List.copyOf(records);
    }
}
