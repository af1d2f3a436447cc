package io.tributary.storage.segment;

import io.tributary.storage.api.LogConfig;
import java.io.File;
import java.io.IOException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.record.internal.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.FileRecords.LogOffsetPosition;
import org.apache.kafka.common.record.internal.FileRecords.TimestampAndOffset;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One segment: a {@code .log} file of batches plus its sparse offset and time indexes and its aborted-transaction
 * index. Appends happen under the owning log's lock; reads are lock-free (FileRecords publishes its size
 * atomically, indexes publish entry counts).
 */
public final class LogSegment {

    private static final Logger LOG = LoggerFactory.getLogger(LogSegment.class);
    private static final long UNKNOWN = -2L;

    private final long baseOffset;
    private final FileRecords log;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private final TransactionIndex txnIndex;
    private final int indexIntervalBytes;
    private final int maxIndexSize;
    private final long createdMs;
    private int bytesSinceLastIndexEntry;
    private volatile MaxTimestamp maxTimestamp = MaxTimestamp.NONE;
    private long rollingBasedTimestamp = UNKNOWN;

    /** Largest timestamp in the segment and the last offset of the batch carrying it. */
    public record MaxTimestamp(long timestamp, long offset) {
        static final MaxTimestamp NONE = new MaxTimestamp(RecordBatch.NO_TIMESTAMP, -1L);
    }

    private LogSegment(long baseOffset, FileRecords log, OffsetIndex offsetIndex, TimeIndex timeIndex,
                       TransactionIndex txnIndex, int indexIntervalBytes, int maxIndexSize, long createdMs) {
        this.baseOffset = baseOffset;
        this.log = log;
        this.offsetIndex = offsetIndex;
        this.timeIndex = timeIndex;
        this.txnIndex = txnIndex;
        this.indexIntervalBytes = indexIntervalBytes;
        this.maxIndexSize = maxIndexSize;
        this.createdMs = createdMs;
    }

    /**
     * Opens (or creates) the segment files {@code <base>.log<suffix>}, {@code .index<suffix>},
     * {@code .timeindex<suffix>} and, once it has an entry, {@code .txnindex<suffix>}.
     */
    public static LogSegment open(File dir, long baseOffset, LogConfig config, long nowMs, boolean existing,
                                  String suffix) throws IOException {
        boolean preallocate = config.preallocate() && !existing;
        FileRecords records = FileRecords.open(LogFileNames.logFile(dir, baseOffset, suffix), existing,
                config.segmentBytes(), preallocate);
        OffsetIndex offsetIndex = new OffsetIndex(LogFileNames.offsetIndexFile(dir, baseOffset, suffix), baseOffset,
                config.segmentIndexBytes());
        TimeIndex timeIndex = new TimeIndex(LogFileNames.timeIndexFile(dir, baseOffset, suffix), baseOffset,
                config.segmentIndexBytes());
        TransactionIndex txnIndex = new TransactionIndex(LogFileNames.txnIndexFile(dir, baseOffset, suffix));
        LogSegment segment = new LogSegment(baseOffset, records, offsetIndex, timeIndex, txnIndex,
                config.indexIntervalBytes(), config.segmentIndexBytes(), nowMs);
        if (timeIndex.entries() > 0)
            segment.maxTimestamp = new MaxTimestamp(timeIndex.lastTimestamp(), timeIndex.lastEntryOffset());
        return segment;
    }

    public long baseOffset() { return baseOffset; }
    public FileRecords log() { return log; }
    public OffsetIndex offsetIndex() { return offsetIndex; }
    public TimeIndex timeIndex() { return timeIndex; }
    public TransactionIndex txnIndex() { return txnIndex; }
    public int size() { return log.sizeInBytes(); }
    public MaxTimestamp maxTimestamp() { return maxTimestamp; }

    /** Largest record timestamp, or the file's modification time when the segment has no timestamps. */
    public long largestTimestamp() {
        long ts = maxTimestamp.timestamp();
        return ts >= 0 ? ts : log.file().lastModified();
    }

    /** Appends already-validated batches (offsets assigned) with one file write, indexing every interval. */
    public void append(MemoryRecords records) throws IOException {
        int position = log.sizeInBytes();
        log.append(records);
        for (MutableRecordBatch batch : records.batches()) {
            long batchMax = batch.maxTimestamp();
            if (rollingBasedTimestamp < 0 && position == 0) rollingBasedTimestamp = batchMax;
            if (batchMax > maxTimestamp.timestamp()) maxTimestamp = new MaxTimestamp(batchMax, batch.lastOffset());
            if (bytesSinceLastIndexEntry > indexIntervalBytes) {
                addIndexEntries(batch.lastOffset(), position);
            }
            int size = batch.sizeInBytes();
            position += size;
            bytesSinceLastIndexEntry += size;
        }
    }

    private void addIndexEntries(long lastOffset, int position) {
        if (!offsetIndex.isFull()) offsetIndex.append(lastOffset, position);
        MaxTimestamp max = maxTimestamp;
        timeIndex.maybeAppend(max.timestamp(), max.offset(), false);
        bytesSinceLastIndexEntry = 0;
    }

    /** Kafka's roll rules: size, segment.ms since the first batch's timestamp, full indexes, offset overflow. */
    public boolean shouldRoll(LogConfig config, int messagesSize, long maxTimestampInMessages, long maxOffsetInMessages,
                              long nowMs) {
        int size = size();
        boolean reachedRollMs = size > 0 && timeWaitedForRoll(nowMs, maxTimestampInMessages) > config.segmentMs();
        return size > config.segmentBytes() - messagesSize || reachedRollMs || offsetIndex.isFull()
                || timeIndex.isFull() || maxOffsetInMessages - baseOffset > Integer.MAX_VALUE;
    }

    private long timeWaitedForRoll(long nowMs, long messagesTimestamp) {
        if (rollingBasedTimestamp == UNKNOWN) {
            FileChannelRecordBatch first = log.batches().iterator().next();
            rollingBasedTimestamp = first.maxTimestamp();
        }
        return rollingBasedTimestamp >= 0 ? messagesTimestamp - rollingBasedTimestamp : nowMs - createdMs;
    }

    /** The position of the first batch whose last offset is >= offset, or null when the segment ends before it. */
    public LogOffsetPosition translateOffset(long offset) {
        return log.searchForOffsetFromPosition(offset, offsetIndex.lookupPosition(offset));
    }

    /**
     * Batches from the one containing startOffset, ending at or before maxPosition and within maxBytes (the last
     * one may be cut there), or exactly one batch if minOneBatch and it is larger; nothing (size 0) if the first
     * batch is larger than maxBytes without minOneBatch. Null if the segment holds nothing at/after startOffset.
     */
    public SegmentSlice read(long startOffset, int maxBytes, int maxPosition, boolean minOneBatch) {
        LogOffsetPosition start = translateOffset(startOffset);
        if (start == null) return null;
        int startPosition = start.position;
        int available = maxPosition - startPosition;
        if (available <= 0) return new SegmentSlice(null, startPosition, 0);
        // As Kafka: up to maxBytes even if that cuts the last batch (clients drop a partial trailing batch), so
        // planning a read costs no scan; the first batch goes whole when the caller needs progress. A first batch
        // that does not fit is not sent at all: Kafka (ReplicaManager, fetch v3+) answers such a partition with no
        // records, and a Java consumer given only part of its first batch fails the poll ("Failed to make
        // progress reading messages ... no complete records were found").
        int size = Math.min(available, minOneBatch ? Math.max(maxBytes, start.size) : maxBytes);
        if (size < start.size) size = 0;
        return size == 0 ? new SegmentSlice(null, startPosition, 0)
                : new SegmentSlice(log.slice(startPosition, size), startPosition, size);
    }

    /** First record with timestamp >= target and offset >= startingOffset in this segment, or null. */
    public TimestampAndOffset findOffsetByTimestamp(long timestamp, long startingOffset) {
        long indexedOffset = timeIndex.lookupOffsetBefore(timestamp);
        int position = offsetIndex.lookupPosition(indexedOffset);
        return log.searchForTimestamp(timestamp, position, startingOffset);
    }

    /** Offset after the last batch, found from the last index entry plus a short scan. */
    public long readNextOffset() {
        long next = baseOffset;
        for (FileChannelRecordBatch batch : log.batchesFrom(offsetIndex.lastPosition())) next = batch.nextOffset();
        return next;
    }

    /**
     * Rescans the file after an unclean stop: validates each batch (magic v2, CRC, increasing offsets), rebuilds
     * both indexes, feeds the listener, and truncates a torn or corrupt tail. Returns the bytes truncated.
     */
    public int recover(BatchListener listener) throws IOException {
        resizeIndexes(maxIndexSize); // a trimmed index may be too small for the rebuilt entries
        offsetIndex.reset();
        timeIndex.reset();
        maxTimestamp = MaxTimestamp.NONE;
        bytesSinceLastIndexEntry = 0;
        rollingBasedTimestamp = UNKNOWN;
        int validBytes = 0;
        long nextExpected = baseOffset;
        SegmentScan scan = new SegmentScan(log.channel(), log.sizeInBytes());
        try {
            // batchAt refuses a format other than v2; the CRC is checked here.
            for (MutableRecordBatch batch = scan.batchAt(0); batch != null; batch = scan.batchAt(validBytes)) {
                batch.ensureValid();
                if (batch.baseOffset() < nextExpected || batch.lastOffset() - baseOffset > Integer.MAX_VALUE)
                    throw new KafkaException("offset " + batch.baseOffset() + " out of order");
                if (batch.maxTimestamp() > maxTimestamp.timestamp())
                    maxTimestamp = new MaxTimestamp(batch.maxTimestamp(), batch.lastOffset());
                if (bytesSinceLastIndexEntry > indexIntervalBytes) addIndexEntries(batch.lastOffset(), validBytes);
                listener.onBatch(batch);
                nextExpected = batch.nextOffset();
                validBytes += batch.sizeInBytes();
                bytesSinceLastIndexEntry += batch.sizeInBytes();
            }
        } catch (KafkaException e) {
            LOG.warn("Found invalid data in {} at position {}: {}", log.file(), validBytes, e.getMessage());
        }
        int truncated = log.sizeInBytes() - validBytes;
        if (truncated > 0) log.truncateTo(validBytes);
        txnIndex.truncateTo(nextExpected); // entries of markers lost with the tail; replay re-adds surviving ones
        return truncated;
    }

    /**
     * Cuts the segment at the first batch ending at or after offset, with its indexes, and resets what appends
     * derive from the dropped tail (max timestamp, index spacing). Returns the bytes removed.
     */
    public int truncateTo(long offset) throws IOException {
        LogOffsetPosition position = translateOffset(offset);
        if (position == null) return 0;
        offsetIndex.truncateTo(offset);
        timeIndex.truncateTo(offset);
        txnIndex.truncateTo(offset);
        int removed = log.truncateTo(position.position);
        maxTimestamp = maxTimestampAfterLastTimeIndexEntry();
        bytesSinceLastIndexEntry = 0;
        rollingBasedTimestamp = UNKNOWN;
        return removed;
    }

    /** The time index's last entry plus a scan of the batches after it: the index alone may lag by an interval. */
    private MaxTimestamp maxTimestampAfterLastTimeIndexEntry() {
        MaxTimestamp max = timeIndex.entries() == 0 ? MaxTimestamp.NONE
                : new MaxTimestamp(timeIndex.lastTimestamp(), timeIndex.lastEntryOffset());
        int from = timeIndex.entries() == 0 ? 0 : offsetIndex.lookupPosition(max.offset());
        for (FileChannelRecordBatch batch : log.batchesFrom(from)) {
            if (batch.maxTimestamp() > max.timestamp()) max = new MaxTimestamp(batch.maxTimestamp(), batch.lastOffset());
        }
        return max;
    }

    /** Seals the segment: writes the final time-index entry and trims indexes and preallocated space. */
    public void onBecomeInactive() throws IOException {
        MaxTimestamp max = maxTimestamp;
        if (max.timestamp() >= 0) timeIndex.maybeAppend(max.timestamp(), max.offset(), true);
        offsetIndex.trimToValidSize();
        timeIndex.trimToValidSize();
        log.trim();
    }

    /** Grows the indexes back to full size when this segment becomes the active one again. */
    public void resizeIndexes(int maxIndexSize) throws IOException {
        offsetIndex.resize(maxIndexSize);
        timeIndex.resize(maxIndexSize);
    }

    public void flushData() throws IOException {
        log.flush();
    }

    public void flushAll() throws IOException {
        log.flush();
        offsetIndex.flush();
        timeIndex.flush();
        txnIndex.flush();
    }

    /** Renames all files to {@code <base>.<type><suffix>}; open readers keep working on the renamed files. */
    public void changeFileSuffix(String oldSuffix, String newSuffix) throws IOException {
        // The txn index goes first: the loader treats a .log.swap as the commit point of a compaction swap and
        // can then tell whether the live .txnindex is already the new one (see LogLoader).
        txnIndex.renameTo(swap(txnIndex.file(), oldSuffix, newSuffix));
        log.renameTo(swap(log.file(), oldSuffix, newSuffix));
        offsetIndex.renameTo(swap(offsetIndex.file(), oldSuffix, newSuffix));
        timeIndex.renameTo(swap(timeIndex.file(), oldSuffix, newSuffix));
    }

    private static File swap(File file, String oldSuffix, String newSuffix) {
        String name = file.getName();
        String stem = oldSuffix.isEmpty() ? name : name.substring(0, name.length() - oldSuffix.length());
        return new File(file.getParentFile(), stem + newSuffix);
    }

    public void close() throws IOException {
        onBecomeInactive();
        txnIndex.close();
        log.close();
    }

    public void closeAndDeleteFiles() throws IOException {
        log.deleteIfExists();
        offsetIndex.deleteIfExists();
        timeIndex.deleteIfExists();
        txnIndex.deleteIfExists();
    }

    @Override
    public String toString() {
        return "LogSegment(baseOffset=" + baseOffset + ", size=" + size() + ")";
    }
}
