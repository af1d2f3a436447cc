package io.tributary.metadata.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.snapshot.MetadataSnapshot;
import io.tributary.metadata.snapshot.SnapshotFile;
import io.tributary.metadata.snapshot.SnapshotPolicy;
import io.tributary.metadata.snapshot.SnapshotTrigger;

/**
 * The metadata log of a single node, under {@code <metadata.log.dir>/__cluster_metadata-0/}: segment files
 * named by their first offset ({@code %020d.log}) and snapshots ({@link LocalSnapshots}). Every append is fsynced
 * before it returns; on replay a torn or corrupt tail of the last segment (crash mid-write) is truncated away.
 * This node is always the writer, and a batch is committed once it is fsynced.
 *
 * <p>When the {@link SnapshotPolicy} says so, the image handed to {@link #imageApplied} is written as a snapshot,
 * a new segment is started, and the segments every kept snapshot covers are deleted. A start loads the newest
 * valid snapshot and replays only the batches after it.
 */
public final class LocalMetadataLog implements MetadataLog {

    private static final Logger log = LoggerFactory.getLogger(LocalMetadataLog.class);

    public static final String PARTITION_DIR = "__cluster_metadata-0";
    /** The first segment's name. */
    public static final String LOG_FILE = segmentName(0);
    private static final String LOG_SUFFIX = ".log";
    private static final String LOCK_FILE = ".lock";

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final LocalSnapshots snapshots;
    private final SnapshotTrigger trigger;
    private final int nodeId;
    // Guarded by this: the segments by base offset, the active (last) one and where appends go.
    private final TreeMap<Long, Path> segments = new TreeMap<>();
    private FileChannel channel;
    private long position;
    private long endOffset;
    private boolean replayed;
    private Consumer<MetadataBatch> committed;
    // The last snapshot's offset (-1: none); read by the apply thread.
    private volatile long snapshotOffset = -1;

    private LocalMetadataLog(Path dir, FileChannel lockChannel, FileLock lock, SnapshotPolicy policy, int nodeId)
        throws IOException {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.snapshots = new LocalSnapshots(dir);
        this.trigger = new SnapshotTrigger(policy, System.currentTimeMillis());
        this.nodeId = nodeId;
    }

    /** Opens (creating if needed) the metadata log in {@code metadataLogDir}, locking it against other processes. */
    public static LocalMetadataLog open(Path metadataLogDir) throws IOException {
        return open(metadataLogDir, 0, SnapshotPolicy.DEFAULT);
    }

    /** Opens the log for node {@code nodeId} (reported as the quorum's single voter). */
    public static LocalMetadataLog open(Path metadataLogDir, int nodeId) throws IOException {
        return open(metadataLogDir, nodeId, SnapshotPolicy.DEFAULT);
    }

    /** Opens the log for node {@code nodeId}, snapshotting as {@code policy} says. */
    public static LocalMetadataLog open(Path metadataLogDir, int nodeId, SnapshotPolicy policy) throws IOException {
        Path dir = metadataLogDir.resolve(PARTITION_DIR);
        Files.createDirectories(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("Metadata log " + dir + " is locked by another process");
        }
        try {
            LocalMetadataLog opened = new LocalMetadataLog(dir, lockChannel, lock, policy, nodeId);
            opened.findSegments();
            return opened;
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
    }

    static String segmentName(long baseOffset) {
        return String.format("%020d%s", baseOffset, LOG_SUFFIX);
    }

    private void findSegments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().matches("\\d{20}\\" + LOG_SUFFIX))
                .forEach(f -> segments.put(Long.parseLong(f.getFileName().toString().substring(0, 20)), f));
        }
        if (segments.isEmpty()) {
            segments.put(0L, dir.resolve(segmentName(0)));
        }
        channel = FileChannel.open(segments.lastEntry().getValue(), StandardOpenOption.CREATE,
            StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /** The active segment. */
    public synchronized Path file() {
        return segments.lastEntry().getValue();
    }

    /** Every segment file, oldest first. */
    public synchronized List<Path> segmentFiles() {
        return List.copyOf(segments.values());
    }

    /** The snapshot files, newest first. */
    public List<Path> snapshotFiles() throws IOException {
        return snapshots.files();
    }

    @Override
    public synchronized void start(Consumer<MetadataBatch> consumer) throws IOException {
        if (committed != null) {
            throw new IllegalStateException("The metadata log has already been started");
        }
        replay(consumer);
        committed = consumer;
    }

    /** Appends synchronously (fsynced) and hands the batch to the consumer before completing. */
    @Override
    public synchronized CompletionStage<Long> append(List<MetadataRecord> records) {
        if (committed == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("Start the metadata log before appending"));
        }
        try {
            long baseOffset = endOffset;
            long lastOffset = appendSync(records);
            committed.accept(new MetadataBatch(baseOffset, records));
            return CompletableFuture.completedFuture(lastOffset);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public int writerEpoch() {
        return 0;
    }

    @Override
    public OptionalInt leaderId() {
        return OptionalInt.of(nodeId);
    }

    @Override
    public synchronized QuorumInfo describe() {
        long now = System.currentTimeMillis();
        return new QuorumInfo(nodeId, 0, endOffset,
            List.of(new QuorumInfo.Voter(nodeId, endOffset, now, now, List.of())));
    }

    /**
     * Hands over the newest valid snapshot (if any) and every committed batch after it, in order, and positions
     * the log for appends. Fails when neither a snapshot nor the log holds the first records.
     */
    public synchronized void replay(Consumer<MetadataBatch> consumer) throws IOException {
        long logStart = segments.firstKey();
        Optional<MetadataSnapshot> snapshot = snapshots.loadNewest(logStart);
        if (snapshot.isEmpty() && logStart > 0) {
            throw new IOException("The metadata log " + dir + " starts at offset " + logStart
                + " and no valid snapshot covers the records before it");
        }
        long resumeAt = 0;
        if (snapshot.isPresent()) {
            MetadataSnapshot loaded = snapshot.get();
            resumeAt = loaded.lastOffset() + 1;
            snapshotOffset = loaded.lastOffset();
            log.info("Starting the metadata log from its snapshot at offset {} ({} records)", loaded.lastOffset(),
                loaded.records().size());
            consumer.accept(MetadataBatch.snapshot(loaded.lastOffset(), loaded.records()));
        }
        long next = replaySegments(consumer, resumeAt);
        endOffset = Math.max(next, resumeAt);
        replayed = true;
        if (next < resumeAt) {
            // The log ends inside the snapshot (its tail was lost): appends continue after the snapshot.
            roll();
        }
    }

    /** Replays the segments from the one holding {@code resumeAt}; returns the next offset. */
    private long replaySegments(Consumer<MetadataBatch> consumer, long resumeAt) throws IOException {
        Long first = segments.floorKey(resumeAt);
        if (first == null) {
            first = segments.firstKey();
        }
        long next = first;
        ByteBuffer lengthBuffer = ByteBuffer.allocate(BatchFrameCodec.LENGTH_SIZE);
        for (Map.Entry<Long, Path> segment : segments.tailMap(first, true).entrySet()) {
            boolean last = segment.getKey().equals(segments.lastKey());
            if (segment.getKey() != next) {
                throw new IOException("Metadata log segment " + segment.getValue() + " starts at offset "
                    + segment.getKey() + " but the log before it ends at " + next);
            }
            try (FileChannel reading = last ? null : FileChannel.open(segment.getValue(), StandardOpenOption.READ)) {
                FileChannel source = last ? channel : reading;
                long size = source.size();
                long pos = 0;
                while (pos < size) {
                    MetadataBatch batch = readFrame(source, pos, size, lengthBuffer);
                    if (batch == null || batch.baseOffset() != next) {
                        if (!last) {
                            throw new IOException("Metadata log segment " + segment.getValue()
                                + " is damaged at position " + pos);
                        }
                        truncateTornTail(pos, size);
                        break;
                    }
                    long frameEnd = source.position();
                    if (batch.lastOffset() >= resumeAt) {
                        trigger.recordBytes(frameEnd - pos);
                        consumer.accept(batch);
                    }
                    pos = frameEnd;
                    next = batch.lastOffset() + 1;
                }
                if (last) {
                    position = Math.min(pos, size);
                }
            }
        }
        return next;
    }

    /** Reads the frame at {@code pos}, leaving the channel positioned after it; null if incomplete or corrupt. */
    private static MetadataBatch readFrame(FileChannel source, long pos, long size, ByteBuffer lengthBuffer)
        throws IOException {
        if (size - pos < BatchFrameCodec.LENGTH_SIZE) {
            return null;
        }
        lengthBuffer.clear();
        readFully(source, lengthBuffer, pos);
        int length = lengthBuffer.getInt(0);
        if (length < BatchFrameCodec.MIN_FRAME_BODY || length > BatchFrameCodec.MAX_FRAME_BODY
            || size - pos - BatchFrameCodec.LENGTH_SIZE < length) {
            return null;
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        readFully(source, body, pos + BatchFrameCodec.LENGTH_SIZE);
        body.flip();
        if (!BatchFrameCodec.checksumMatches(body)) {
            return null;
        }
        source.position(pos + BatchFrameCodec.LENGTH_SIZE + length);
        return BatchFrameCodec.decodeBody(body);
    }

    private void truncateTornTail(long validEnd, long size) throws IOException {
        log.warn("Truncating {} bytes of torn or corrupt tail from metadata log {} at position {}",
            size - validEnd, file(), validEnd);
        channel.truncate(validEnd);
        channel.force(true);
    }

    /** Appends and fsyncs a batch; returns the offset of its last record. */
    synchronized long appendSync(List<MetadataRecord> records) throws IOException {
        if (!replayed) {
            throw new IllegalStateException("Replay the metadata log before appending");
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException("Empty batch");
        }
        ByteBuffer frame = BatchFrameCodec.encode(endOffset, records);
        int bytes = frame.remaining();
        long start = position;
        try {
            while (frame.hasRemaining()) {
                position += channel.write(frame, position);
            }
            channel.force(false);
        } catch (IOException e) {
            // Leave no half-written frame behind for the next append to build on.
            position = start;
            try {
                channel.truncate(start);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        trigger.recordBytes(bytes);
        endOffset += records.size();
        return endOffset - 1;
    }

    /**
     * Writes {@code image} as a snapshot when the policy says so (outside the log's lock: appends go on), then
     * starts a new segment and deletes what the kept snapshots make unnecessary.
     */
    @Override
    public void imageApplied(MetadataImage image) {
        long now = System.currentTimeMillis();
        if (image.offset() <= snapshotOffset || !trigger.due(now)) {
            return;
        }
        try {
            writeSnapshot(image);
            trigger.snapshotTaken(now);
        } catch (IOException e) {
            log.error("Failed to write the metadata snapshot at offset {}", image.offset(), e);
        }
    }

    /** Writes a snapshot of {@code image} now, whatever the policy; returns its file. */
    public Path writeSnapshot(MetadataImage image) throws IOException {
        long start = System.nanoTime();
        MetadataSnapshot snapshot = MetadataSnapshot.of(image, 0);
        Path file = snapshots.write(snapshot);
        snapshotOffset = snapshot.lastOffset();
        synchronized (this) {
            roll();
            deleteCoveredSegments(snapshots.retain());
        }
        log.info("Wrote metadata snapshot {} ({} records) in {} ms", file.getFileName(), snapshot.records().size(),
            (System.nanoTime() - start) / 1_000_000);
        return file;
    }

    /** Starts a new segment at the log end, unless the active one is still empty. */
    private void roll() throws IOException {
        if (position == 0 && segments.lastKey() == endOffset) {
            return;
        }
        Path next = dir.resolve(segmentName(endOffset));
        FileChannel opened = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        channel.force(true);
        channel.close();
        channel = opened;
        position = 0;
        segments.put(endOffset, next);
        SnapshotFile.syncDirectory(dir);
    }

    /** Deletes the segments whose every record is at or before the oldest kept snapshot. */
    private void deleteCoveredSegments(long oldestSnapshotEnd) throws IOException {
        if (oldestSnapshotEnd < 0) {
            return;
        }
        List<Long> doomed = new ArrayList<>();
        Long base = segments.firstKey();
        while (base != null) {
            Long nextBase = segments.higherKey(base);
            if (nextBase == null || nextBase > oldestSnapshotEnd) {
                break;
            }
            doomed.add(base);
            base = nextBase;
        }
        for (Long doomedBase : doomed) {
            Path file = segments.remove(doomedBase);
            Files.deleteIfExists(file);
            log.info("Deleted metadata log segment {}: snapshots cover it", file.getFileName());
        }
        if (!doomed.isEmpty()) {
            SnapshotFile.syncDirectory(dir);
        }
    }

    /** The offset the next appended record will get. */
    public synchronized long endOffset() {
        return endOffset;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            channel.close();
        } finally {
            try {
                lock.release();
            } finally {
                lockChannel.close();
            }
        }
    }

    private static void readFully(FileChannel source, ByteBuffer buffer, long pos) throws IOException {
        long at = pos;
        while (buffer.hasRemaining()) {
            int read = source.read(buffer, at);
            if (read < 0) {
                throw new IOException("Unexpected end of metadata log segment");
            }
            at += read;
        }
    }
}
