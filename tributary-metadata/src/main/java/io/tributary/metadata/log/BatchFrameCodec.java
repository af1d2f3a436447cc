package io.tributary.metadata.log;

import java.nio.ByteBuffer;
import java.util.List;

import org.apache.kafka.common.utils.Crc32C;

import io.tributary.metadata.record.BinaryWriter;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.MetadataRecordSerde;

/**
 * On-disk frame of one batch:
 * {@code length:int32 | crc32c:int32 | baseOffset:int64 | count:int32 | count x (type:int16 | version:int16 |
 * size:int32 | payload)}. {@code length} counts the bytes after itself; the CRC covers everything after the CRC,
 * so a torn or corrupted tail is detected before any of its records is trusted.
 */
final class BatchFrameCodec {

    static final int LENGTH_SIZE = 4;
    static final int CRC_SIZE = 4;
    /** Bytes after the length field of an empty batch: crc + baseOffset + count. */
    static final int MIN_FRAME_BODY = CRC_SIZE + 8 + 4;
    /** Upper bound that stops a garbage length from causing a huge allocation. */
    static final int MAX_FRAME_BODY = 64 * 1024 * 1024;

    private BatchFrameCodec() {
    }

    static ByteBuffer encode(long baseOffset, List<MetadataRecord> records) {
        BinaryWriter out = new BinaryWriter(64 + records.size() * 64);
        out.writeInt(0);
        out.writeInt(0);
        out.writeLong(baseOffset);
        MetadataRecordSerde.writeRecords(records, out);
        ByteBuffer frame = out.toByteBuffer();
        int crcStart = LENGTH_SIZE + CRC_SIZE;
        frame.putInt(0, frame.limit() - LENGTH_SIZE);
        frame.putInt(LENGTH_SIZE, (int) Crc32C.compute(frame, crcStart, frame.limit() - crcStart));
        return frame;
    }

    /** True if the body (bytes after the length field) carries a matching checksum. */
    static boolean checksumMatches(ByteBuffer body) {
        int expected = body.getInt(0);
        int actual = (int) Crc32C.compute(body, CRC_SIZE, body.limit() - CRC_SIZE);
        return expected == actual;
    }

    /** Decodes a body whose checksum has been verified. */
    static MetadataBatch decodeBody(ByteBuffer body) {
        ByteBuffer view = body.duplicate().position(CRC_SIZE);
        long baseOffset = view.getLong();
        return new MetadataBatch(baseOffset, MetadataRecordSerde.readRecords(view));
    }
}
