package io.tributary.storage.validation;

import io.tributary.storage.api.LogConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.BufferSupplier;

/**
 * Decodes every record of a produced v2 batch without building Record objects or copying keys and values: the
 * varint framing of an uncompressed batch is read in place from the batch's buffer; a compressed batch is
 * decompressed as a stream (through kafka-clients' codecs, into a reused 64 KiB chunk) and walked the same way,
 * key, value and header bytes included, so nothing that a consumer could fail to decode is stored.
 *
 * <p>What does not parse (record framing, a record count that differs from the header's, bytes left over, an
 * unknown codec id, a stream the codec cannot decompress) is a {@link CorruptRecordException} for the whole batch.
 * A record that parses but breaks a rule (no key on a compacted topic, a timestamp out of range, an offset delta
 * other than its index) is a {@link RecordError}; they are collected over the batch and thrown together, as Kafka's
 * LogValidator does.
 *
 * <p>One walker per thread (produce appends run on the network event loops): its chunk and the codecs'
 * {@link BufferSupplier} are reused from batch to batch.
 */
final class RecordWalker {

    private static final ThreadLocal<RecordWalker> LOCAL = ThreadLocal.withInitial(RecordWalker::new);
    /** Records up to this size are walked from one contiguous window of a compressed batch's stream. */
    private static final int CHUNK_SIZE = 64 * 1024;
    private static final int CODEC_MASK = 0x07;
    /** The attributes (int16) follow the CRC; the codec is in the low 3 bits of their second byte. */
    private static final int CODEC_BYTE_OFFSET = DefaultRecordBatch.CRC_OFFSET + 4 + 1;
    /** The records follow the fixed-size batch header. */
    private static final int RECORDS_OFFSET = DefaultRecordBatch.RECORD_BATCH_OVERHEAD;

    private final BufferSupplier bufferSupplier = BufferSupplier.create();
    private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK_SIZE);
    /** Reset per batch: the produce path allocates nothing here unless a record breaks a rule. */
    private final Rules rules = new Rules();
    /** The codecs' (immutable) decompressor settings, built once. */
    private final Map<CompressionType, Compression> codecs = new EnumMap<>(CompressionType.class);

    // The bytes being walked: [pos, limit) of buf; for a compressed batch buf is the chunk, refilled from in.
    private ByteBuffer buf;
    private int pos;
    private int limit;
    private InputStream in;
    /** The stream returned its end: it is not read again. */
    private boolean streamEnded;
    /** Bytes consumed before the current chunk (stream mode), so that consumed() counts from the first record. */
    private long consumedBefore;

    // The batch being walked.
    private TopicPartition tp;
    private int index;

    static RecordWalker get() {
        return LOCAL.get();
    }

    /**
     * Walks the records of batch, which occupies [batchStart, batchStart + batch.sizeInBytes()) of buffer and has
     * passed the header checks (CRC, count, offsets). Returns the largest record timestamp (CREATE_TIME batches) or
     * {@link RecordBatch#NO_TIMESTAMP}.
     *
     * @throws CorruptRecordException for what does not parse
     * @throws InvalidRecordsException or {@link InvalidTimestampsException} for records that break a rule
     */
    long walk(TopicPartition tp, MutableRecordBatch batch, ByteBuffer buffer, int batchStart, LogConfig config,
              long nowMs) {
        this.tp = tp;
        int count = batch.countOrNull();
        int end = batchStart + batch.sizeInBytes();
        int recordsStart = batchStart + RECORDS_OFFSET;
        int codecId = buffer.get(batchStart + CODEC_BYTE_OFFSET) & CODEC_MASK;
        rules.reset(batch, config, nowMs);
        try {
            if (codecId == CompressionType.NONE.id) {
                buf = buffer;
                pos = recordsStart;
                limit = end;
                consumedBefore = -recordsStart;
                walkRecords(count);
                if (pos != limit)
                    throw corrupt("has " + (limit - pos) + " bytes after its " + count + " records");
            } else {
                walkCompressed(codecId, buffer, recordsStart, end, count);
            }
        } catch (IOException e) {
            throw corrupt("could not be read: " + e); // no stream in the uncompressed case: not reached
        } finally {
            buf = null;
            in = null;
            this.tp = null;
        }
        return rules.finish();
    }

    private void walkCompressed(int codecId, ByteBuffer buffer, int recordsStart, int end, int count) {
        CompressionType codec = codec(codecId);
        ByteBuffer payload = buffer.duplicate();
        payload.limit(end).position(recordsStart);
        buf = chunk;
        pos = 0;
        limit = 0;
        consumedBefore = 0;
        streamEnded = false;
        try {
            in = codecs.computeIfAbsent(codec, type -> Compression.of(type).build()).wrapForInput(payload.slice(), RecordBatch.MAGIC_VALUE_V2,
                    bufferSupplier);
            try {
                walkRecords(count);
                if (pos != limit || refill())
                    throw corrupt("has bytes after its " + count + " records in its " + codec.name + " stream");
            } finally {
                in.close();
            }
        } catch (CorruptRecordException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw corrupt("could not be decompressed as " + codec.name + " (record " + index + "): " + e);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error e) {
            // Some codecs report damaged input with an Error of their own (snappy-java's SnappyError).
            throw corrupt("could not be decompressed as " + codec.name + " (record " + index + "): " + e);
        }
    }

    private CompressionType codec(int codecId) {
        for (CompressionType type : CompressionType.values()) {
            if (type.id == codecId) return type;
        }
        throw corrupt("has unknown compression codec id " + codecId);
    }

    private void walkRecords(int count) throws IOException {
        for (index = 0; index < count; index++) {
            if (in != null) ensureWholeRecord();
            if (available() == 0 && !refill())
                throw corrupt("has " + index + " records but its header says " + count);
            int length = readVarint();
            if (length <= 0) throw corrupt("has a record of invalid length " + length);
            long start = consumed();
            long recordEnd = start + length;
            readByte(); // attributes: none defined for records in v2
            long timestampDelta = readVarlong();
            int offsetDelta = readVarint();
            int keyLength = readVarint();
            if (keyLength < -1) throw corrupt("has a record with key length " + keyLength);
            skipInRecord(keyLength, recordEnd, "key");
            int valueLength = readVarint();
            if (valueLength < -1) throw corrupt("has a record with value length " + valueLength);
            skipInRecord(valueLength, recordEnd, "value");
            int headers = readVarint();
            if (headers < 0) throw corrupt("has a record with header count " + headers);
            for (int h = 0; h < headers; h++) {
                int headerKeyLength = readVarint();
                if (headerKeyLength < 0) throw corrupt("has a record with header key length " + headerKeyLength);
                skipInRecord(headerKeyLength, recordEnd, "header key");
                int headerValueLength = readVarint();
                if (headerValueLength < -1)
                    throw corrupt("has a record with header value length " + headerValueLength);
                skipInRecord(headerValueLength, recordEnd, "header value");
            }
            long read = consumed() - start;
            if (read != length)
                throw corrupt("has a record whose length says " + length + " bytes but whose fields take " + read);
            rules.check(index, timestampDelta, offsetDelta, keyLength >= 0);
        }
    }

    private void skipInRecord(int length, long recordEnd, String what) throws IOException {
        if (length <= 0) return;
        if (consumed() + length > recordEnd) throw corrupt("has a record whose " + what + " ends past the record");
        int left = length;
        while (left > 0) {
            int available = available();
            if (available == 0) {
                if (!refill()) throw truncated();
                continue;
            }
            int step = Math.min(available, left);
            pos += step;
            left -= step;
        }
    }

    private int available() {
        return limit - pos;
    }

    private long consumed() {
        return consumedBefore + pos;
    }

    /**
     * Stream mode, at a record boundary: when the next record (its length varint and body) is not wholly in the
     * chunk, moves the unread bytes to the chunk's front and fills the rest from the stream. A record that then fits
     * is parsed without touching the stream, so the stream is read from this one place and the JIT compiles the
     * per-field reads without the codec's code inlined at each of their refill sites (with it, C2's first compile
     * of walkRecords took about 0.3 s of CPU on an lz4 produce). A larger record falls back to {@link #refill()}.
     */
    private void ensureWholeRecord() throws IOException {
        int p = pos;
        int length = 0;
        for (int shift = 0; shift < 32 && p < limit; shift += 7) {
            byte b = chunk.get(p++);
            length |= (b & 0x7f) << shift;
            if (b >= 0) {
                length = (length >>> 1) ^ -(length & 1);
                if (length < 0 || length <= limit - p) return; // whole (or invalid: the parser reports it)
                break;
            }
        }
        if (streamEnded || (pos == 0 && limit == CHUNK_SIZE)) return;
        topUp();
    }

    /** Moves [pos, limit) to the chunk's front and reads until the chunk is full or the stream ends. */
    private void topUp() throws IOException {
        byte[] array = chunk.array();
        int left = limit - pos;
        if (left > 0) System.arraycopy(array, pos, array, 0, left);
        consumedBefore += pos;
        pos = 0;
        limit = left;
        while (limit < CHUNK_SIZE) {
            int n = in.read(array, limit, CHUNK_SIZE - limit);
            if (n < 0) {
                streamEnded = true;
                return;
            }
            limit += n;
        }
    }

    /** Next chunk of a compressed stream; false at its end (and always for an uncompressed batch). */
    private boolean refill() throws IOException {
        if (in == null || streamEnded) return false;
        consumedBefore += limit;
        pos = 0;
        limit = 0;
        while (true) {
            int n = in.read(chunk.array(), 0, CHUNK_SIZE);
            if (n < 0) {
                streamEnded = true;
                return false;
            }
            if (n > 0) {
                limit = n;
                return true;
            }
        }
    }

    private byte readByte() throws IOException {
        if (pos == limit && !refill()) throw truncated();
        return buf.get(pos++);
    }

    private int readVarint() throws IOException {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            byte b = readByte();
            value |= (b & 0x7f) << shift;
            if (b >= 0) return (value >>> 1) ^ -(value & 1);
        }
        throw corrupt("has a record with a malformed varint");
    }

    private long readVarlong() throws IOException {
        long value = 0L;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = readByte();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) return (value >>> 1) ^ -(value & 1);
        }
        throw corrupt("has a record with a malformed varlong");
    }

    private CorruptRecordException truncated() {
        return corrupt("ends inside record " + index);
    }

    private CorruptRecordException corrupt(String what) {
        return new CorruptRecordException("Record batch for " + tp + " " + what);
    }

    /** The per-record rules of Kafka's LogValidator.validateRecord, collecting record errors over a batch. */
    private final class Rules {
        private boolean compacted;
        private boolean createTimeTopic;
        private boolean logAppendTimeBatch;
        private long baseTimestamp;
        private long batchMaxTimestamp;
        private long nowMs;
        private long beforeMaxMs;
        private long afterMaxMs;
        private long maxTimestamp;
        private List<RecordError> errors;
        private boolean timestampError;

        void reset(MutableRecordBatch batch, LogConfig config, long nowMs) {
            this.maxTimestamp = RecordBatch.NO_TIMESTAMP;
            this.errors = null;
            this.timestampError = false;
            this.compacted = config.compact();
            this.createTimeTopic = config.timestampType() == TimestampType.CREATE_TIME;
            this.logAppendTimeBatch = batch.timestampType() == TimestampType.LOG_APPEND_TIME;
            this.baseTimestamp = ((DefaultRecordBatch) batch).baseTimestamp();
            this.batchMaxTimestamp = batch.maxTimestamp();
            this.nowMs = nowMs;
            this.beforeMaxMs = config.timestampBeforeMaxMs();
            this.afterMaxMs = config.timestampAfterMaxMs();
        }

        void check(int index, long timestampDelta, int offsetDelta, boolean hasKey) {
            if (offsetDelta != index) {
                error(index, "Record " + index + " has offset delta " + offsetDelta + "; the records of a produced "
                        + "batch must have offset deltas 0 to count - 1 in topic partition " + tp);
            } else if (compacted && !hasKey) {
                error(index, "Compacted topic cannot accept message without key in topic partition " + tp);
            } else {
                // As DefaultRecord: a LOG_APPEND_TIME batch's records carry its max timestamp
                long timestamp = logAppendTimeBatch ? batchMaxTimestamp : baseTimestamp + timestampDelta;
                if (createTimeTopic && timestamp != RecordBatch.NO_TIMESTAMP) {
                    long diff = nowMs - timestamp;
                    if (diff > beforeMaxMs || -diff > afterMaxMs) {
                        timestampError = true;
                        error(index, "Timestamp " + timestamp + " of message with offset " + index
                                + " is out of range. The timestamp should be within [" + (nowMs - beforeMaxMs)
                                + ", " + (nowMs + afterMaxMs) + "]");
                    }
                } else if (logAppendTimeBatch) {
                    timestampError = true;
                    error(index, "Invalid timestamp type in message " + index + ". Producer should not set "
                            + "timestamp type to LogAppendTime.");
                }
                if (timestamp > maxTimestamp) maxTimestamp = timestamp;
            }
        }

        private void error(int index, String message) {
            if (errors == null) errors = new ArrayList<>(2);
            errors.add(new RecordError(index, message));
        }

        long finish() {
            if (errors != null) throw RecordErrors.of(errors, timestampError);
            return maxTimestamp;
        }
    }
}
