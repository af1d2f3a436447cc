package io.tributary.quorum;

import java.nio.ByteBuffer;
import java.util.List;

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
        MetadataRecordSerde.writeRecords(records, out);
        return out.toByteBuffer();
    }

    static List<MetadataRecord> decode(ByteBuffer buffer) {
        return MetadataRecordSerde.readRecords(buffer.duplicate());
    }
}
