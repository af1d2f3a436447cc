package io.tributary.metadata.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tributary.metadata.record.MetadataRecord;

/**
 * Single-file metadata log under {@code <metadata.log.dir>/__cluster_metadata-0/}. Every append is fsynced
 * before it returns. On replay, a torn or corrupt tail (crash mid-write) is truncated away. Single node: this
 * node is always the writer, and a batch is committed once it is fsynced.
 */
public final class LocalMetadataLog implements MetadataLog {

    private static final Logger log = LoggerFactory.getLogger(LocalMetadataLog.class);

    public static final String PARTITION_DIR = "__cluster_metadata-0";
    public static final String LOG_FILE = "00000000000000000000.log";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private long position;
    private long endOffset;
    private boolean replayed;

    private LocalMetadataLog(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Opens (creating if needed) the metadata log in {@code metadataLogDir}, locking it against other processes. */
    public static LocalMetadataLog open(Path metadataLogDir) throws IOException {
        Path dir = metadataLogDir.resolve(PARTITION_DIR);
        Files.createDirectories(dir);
        Path file = dir.resolve(LOG_FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("Metadata log " + file + " is locked by another process");
        }
        return new LocalMetadataLog(file, channel, lock);
    }

    public Path file() {
        return file;
    }

    private Consumer<MetadataBatch> committed;
    private int nodeId = 0;

    /** Opens the log for node {@code nodeId} (reported as the quorum's single voter). */
    public static LocalMetadataLog open(Path metadataLogDir, int nodeId) throws IOException {
        LocalMetadataLog log = open(metadataLogDir);
        log.nodeId = nodeId;
        return log;
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

    /** Reads every committed batch, in order, and positions the log for appends. */
    public void replay(Consumer<MetadataBatch> consumer) throws IOException {
        long size = channel.size();
        long pos = 0;
        long nextOffset = 0;
        ByteBuffer lengthBuffer = ByteBuffer.allocate(BatchFrameCodec.LENGTH_SIZE);
        while (pos < size) {
            MetadataBatch batch = readFrame(pos, size, lengthBuffer);
            if (batch == null || batch.baseOffset() != nextOffset) {
                truncateTornTail(pos, size);
                break;
            }
            consumer.accept(batch);
            pos = channel.position();
            nextOffset = batch.baseOffset() + batch.records().size();
        }
        position = Math.min(pos, size);
        endOffset = nextOffset;
        replayed = true;
    }

    /** Reads the frame at {@code pos}, leaving the channel positioned after it; null if incomplete or corrupt. */
    private MetadataBatch readFrame(long pos, long size, ByteBuffer lengthBuffer) throws IOException {
        if (size - pos < BatchFrameCodec.LENGTH_SIZE) {
            return null;
        }
        lengthBuffer.clear();
        readFully(lengthBuffer, pos);
        int length = lengthBuffer.getInt(0);
        if (length < BatchFrameCodec.MIN_FRAME_BODY || length > BatchFrameCodec.MAX_FRAME_BODY
            || size - pos - BatchFrameCodec.LENGTH_SIZE < length) {
            return null;
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        readFully(body, pos + BatchFrameCodec.LENGTH_SIZE);
        body.flip();
        if (!BatchFrameCodec.checksumMatches(body)) {
            return null;
        }
        channel.position(pos + BatchFrameCodec.LENGTH_SIZE + length);
        return BatchFrameCodec.decodeBody(body);
    }

    private void truncateTornTail(long validEnd, long size) throws IOException {
        log.warn("Truncating {} bytes of torn or corrupt tail from metadata log {} at position {}",
            size - validEnd, file, validEnd);
        channel.truncate(validEnd);
        channel.force(true);
    }

    /** Appends and fsyncs a batch; returns the offset of its last record. */
    long appendSync(List<MetadataRecord> records) throws IOException {
        if (!replayed) {
            throw new IllegalStateException("Replay the metadata log before appending");
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException("Empty batch");
        }
        ByteBuffer frame = BatchFrameCodec.encode(endOffset, records);
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
        endOffset += records.size();
        return endOffset - 1;
    }

    /** The offset the next appended record will get. */
    public long endOffset() {
        return endOffset;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    private void readFully(ByteBuffer buffer, long pos) throws IOException {
        long at = pos;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("Unexpected end of metadata log " + file);
            }
            at += read;
        }
    }
}
