package io.tributary.storage.recovery;

import io.tributary.storage.api.LogConfig;
import io.tributary.storage.epoch.LeaderEpochCache;
import io.tributary.storage.producer.ProducerStateManager;
import io.tributary.storage.segment.LogFileNames;
import io.tributary.storage.segment.LogSegment;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.common.record.internal.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.internal.FileRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a partition directory. After a clean stop files are trusted apart from an index sanity check; after an
 * unclean stop every segment from the one holding the recovery point on is rescanned (CRC, torn tail, indexes,
 * epochs). Producer state (open transactions included) is then rebuilt from the newest snapshot plus replay of the
 * batches after it; that replay also restores transaction-index entries a crash lost.
 */
public final class LogLoader {

    private static final Logger LOG = LoggerFactory.getLogger(LogLoader.class);

    private final File dir;
    private final LogConfig config;
    private final long nowMs;
    private final LeaderEpochCache epochCache;
    private final ProducerStateManager producerState;

    public LogLoader(File dir, LogConfig config, long nowMs, LeaderEpochCache epochCache,
                     ProducerStateManager producerState) {
        this.dir = dir;
        this.config = config;
        this.nowMs = nowMs;
        this.epochCache = epochCache;
        this.producerState = producerState;
    }

    public LoadedLog load(boolean cleanShutdown, long recoveryPointCheckpoint, long logStartCheckpoint)
            throws IOException {
        // The epoch history is changed in memory while loading and written once at the end, if it changed.
        epochCache.deferFlushes();
        removeTempFiles();
        List<Long> swapped = completeInterruptedSwaps();
        ConcurrentSkipListMap<Long, LogSegment> segments = openSegments(cleanShutdown, swapped);
        if (segments.isEmpty()) {
            long base = Math.max(0L, logStartCheckpoint);
            segments.put(base, LogSegment.open(dir, base, config, nowMs, false, ""));
        }
        long recoveryPoint = cleanShutdown ? Long.MAX_VALUE : Math.max(0L, recoveryPointCheckpoint);
        if (!cleanShutdown) recover(segments, recoveryPoint);
        LogSegment active = segments.lastEntry().getValue();
        for (LogSegment s : segments.headMap(active.baseOffset()).values()) {
            if (!s.offsetIndex().isFull()) s.onBecomeInactive(); // recovered or left at full size
        }
        active.resizeIndexes(config.segmentIndexBytes());
        long nextOffset = active.readNextOffset();
        epochCache.truncateFromEnd(nextOffset);
        long logStart = Math.min(Math.max(logStartCheckpoint, segments.firstKey()), nextOffset);
        epochCache.truncateFromStart(logStart);
        ProducerStateRebuild.rebuild(producerState, segments, nextOffset, logStart);
        epochCache.flushDeferred(); // before the recovery point can be checkpointed past the rescanned batches
        return new LoadedLog(segments, nextOffset, logStart, nextOffset);
    }

    private void removeTempFiles() throws IOException {
        File[] files = dir.listFiles();
        if (files == null) throw new IOException("Cannot list " + dir);
        for (File f : files) {
            String name = f.getName();
            boolean swappedIndex = name.endsWith(LogFileNames.SWAP_SUFFIX)
                    && !name.contains(LogFileNames.LOG_SUFFIX) && !name.contains(LogFileNames.TXN_INDEX_SUFFIX);
            if (name.endsWith(LogFileNames.DELETED_SUFFIX) || name.endsWith(LogFileNames.CLEANED_SUFFIX)
                    || name.endsWith(".tmp") || swappedIndex) {
                Files.deleteIfExists(f.toPath());
            }
        }
    }

    /**
     * A crash during compaction can leave {@code .log.swap} files: finish the swap they stand for. The txn index
     * is renamed before the log, so with a {@code .log.swap} present a {@code .txnindex.swap} is the new index and
     * its absence means the live {@code .txnindex} already is; a {@code .txnindex.swap} without a
     * {@code .log.swap} belongs to a swap that never committed.
     */
    private List<Long> completeInterruptedSwaps() throws IOException {
        List<Long> swapped = new ArrayList<>();
        File[] swaps = dir.listFiles((d, n) -> n.endsWith(LogFileNames.LOG_SUFFIX + LogFileNames.SWAP_SUFFIX));
        if (swaps != null) {
            for (File swap : swaps) swapped.add(completeSwap(swap));
        }
        File[] orphans = dir.listFiles((d, n) -> n.endsWith(LogFileNames.TXN_INDEX_SUFFIX + LogFileNames.SWAP_SUFFIX));
        if (orphans != null) {
            for (File orphan : orphans) Files.deleteIfExists(orphan.toPath());
        }
        return swapped;
    }

    private long completeSwap(File swap) throws IOException {
        long base = LogFileNames.offsetFromFileName(swap.getName());
        long last = base;
        try (FileRecords records = FileRecords.open(swap)) {
            for (FileChannelRecordBatch batch : records.batches()) last = batch.lastOffset();
        }
        File txnSwap = LogFileNames.txnIndexFile(dir, base, LogFileNames.SWAP_SUFFIX);
        boolean txnIndexSwapped = !txnSwap.exists();
        for (File log : logFiles()) {
            long offset = LogFileNames.offsetFromFileName(log.getName());
            if (offset >= base && offset <= last) deleteSegmentFiles(offset, !(offset == base && txnIndexSwapped));
        }
        if (!txnIndexSwapped) Files.move(txnSwap.toPath(), LogFileNames.txnIndexFile(dir, base, "").toPath());
        Files.move(swap.toPath(), LogFileNames.logFile(dir, base, "").toPath());
        LOG.info("Completed interrupted segment swap at offset {} in {}", base, dir);
        return base;
    }

    private ConcurrentSkipListMap<Long, LogSegment> openSegments(boolean cleanShutdown, List<Long> mustRebuild)
            throws IOException {
        ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
        for (File log : logFiles()) {
            long base = LogFileNames.offsetFromFileName(log.getName());
            boolean indexMissing = !LogFileNames.offsetIndexFile(dir, base, "").exists()
                    || !LogFileNames.timeIndexFile(dir, base, "").exists();
            LogSegment segment = LogSegment.open(dir, base, config, nowMs, true, "");
            if (indexMissing || mustRebuild.contains(base) || (cleanShutdown && !indexesLookValid(segment))) {
                LOG.info("Rebuilding indexes of segment {} in {}", base, dir);
                segment.recover(batch -> { });
            }
            segments.put(base, segment);
        }
        return segments;
    }

    private static boolean indexesLookValid(LogSegment segment) {
        return segment.offsetIndex().looksValid(segment.offsetIndex().file().length())
                && segment.timeIndex().looksValid(segment.timeIndex().file().length())
                && segment.offsetIndex().lastPosition() <= segment.size();
    }

    private void recover(ConcurrentSkipListMap<Long, LogSegment> segments, long recoveryPoint) throws IOException {
        Long from = segments.floorKey(recoveryPoint);
        if (from == null) from = segments.firstKey();
        epochCache.truncateFromEnd(from);
        LOG.info("Recovering {} from offset {} after an unclean shutdown", dir, from);
        List<LogSegment> toRecover = new ArrayList<>(segments.tailMap(from, true).values());
        for (int i = 0; i < toRecover.size(); i++) {
            LogSegment segment = toRecover.get(i);
            int truncated = segment.recover(batch -> epochCache.assign(batch.partitionLeaderEpoch(), batch.baseOffset()));
            segment.flushAll();
            if (truncated > 0) {
                LOG.warn("Truncated {} invalid bytes from segment {} in {}", truncated, segment.baseOffset(), dir);
                for (LogSegment later : toRecover.subList(i + 1, toRecover.size())) {
                    segments.remove(later.baseOffset());
                    later.closeAndDeleteFiles();
                }
                break;
            }
        }
    }

    private List<File> logFiles() {
        File[] files = dir.listFiles((d, n) -> n.endsWith(LogFileNames.LOG_SUFFIX));
        List<File> result = new ArrayList<>();
        if (files != null) {
            for (File f : files) {
                try {
                    LogFileNames.offsetFromFileName(f.getName());
                    result.add(f);
                } catch (NumberFormatException ignored) {
                    // not a segment
                }
            }
        }
        return result;
    }

    private void deleteSegmentFiles(long base, boolean withTxnIndex) throws IOException {
        Files.deleteIfExists(LogFileNames.logFile(dir, base, "").toPath());
        Files.deleteIfExists(LogFileNames.offsetIndexFile(dir, base, "").toPath());
        Files.deleteIfExists(LogFileNames.timeIndexFile(dir, base, "").toPath());
        if (withTxnIndex) Files.deleteIfExists(LogFileNames.txnIndexFile(dir, base, "").toPath());
    }
}
