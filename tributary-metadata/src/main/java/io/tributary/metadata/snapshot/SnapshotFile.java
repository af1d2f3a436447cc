package io.tributary.metadata.snapshot;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.apache.kafka.common.utils.Crc32C;

import io.tributary.metadata.record.BinaryWriter;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.MetadataRecordSerde;

/**
 * A snapshot on disk: {@code magic:int64 | version:int16 | lastOffset:int64 | epoch:int32 | count:int32 |
 * count x (type:int16 | version:int16 | size:int32 | payload) | crc32c:int32}, the CRC covering every byte before
 * it. Written to a temporary file, fsynced, then renamed over the target and the directory fsynced, so a crash
 * leaves either the whole snapshot or none; a damaged one fails {@link #read} and is never loaded.
 */
public final class SnapshotFile {

    /** "TRBSNAP1" in ASCII. */
    static final long MAGIC = 0x545242534E415031L;
    static final short VERSION = 0;
    private static final int HEADER_SIZE = 8 + 2 + 8 + 4;
    private static final int CRC_SIZE = 4;
    private static final String TEMP_SUFFIX = ".tmp";

    private SnapshotFile() {
    }

    /** The snapshot's bytes, checksum included. */
    public static ByteBuffer encode(MetadataSnapshot snapshot) {
        BinaryWriter out = new BinaryWriter(HEADER_SIZE + 64 + snapshot.records().size() * 96);
        out.writeLong(MAGIC);
        out.writeShort(VERSION);
        out.writeLong(snapshot.lastOffset());
        out.writeInt(snapshot.epoch());
        MetadataRecordSerde.writeRecords(snapshot.records(), out);
        out.writeInt(0);
        ByteBuffer bytes = out.toByteBuffer();
        int crcAt = bytes.limit() - CRC_SIZE;
        bytes.putInt(crcAt, (int) Crc32C.compute(bytes, 0, crcAt));
        return bytes;
    }

    /** Decodes and verifies a snapshot; anything short of a whole, matching one is refused. */
    public static MetadataSnapshot decode(ByteBuffer bytes) throws CorruptSnapshotException {
        ByteBuffer view = bytes.duplicate();
        if (view.remaining() < HEADER_SIZE + 4 + CRC_SIZE) {
            throw new CorruptSnapshotException("a snapshot has at least " + (HEADER_SIZE + 4 + CRC_SIZE)
                + " bytes, this one " + view.remaining());
        }
        int crcAt = view.limit() - CRC_SIZE;
        int expected = view.getInt(crcAt);
        int actual = (int) Crc32C.compute(view, view.position(), crcAt - view.position());
        if (expected != actual) {
            throw new CorruptSnapshotException("checksum mismatch: stored " + Integer.toHexString(expected)
                + ", computed " + Integer.toHexString(actual));
        }
        if (view.getLong() != MAGIC) {
            throw new CorruptSnapshotException("not a metadata snapshot (bad magic)");
        }
        short version = view.getShort();
        if (version != VERSION) {
            throw new CorruptSnapshotException("unsupported snapshot version " + version);
        }
        long lastOffset = view.getLong();
        int epoch = view.getInt();
        try {
            List<MetadataRecord> records = MetadataRecordSerde.readRecords(view.slice(view.position(),
                crcAt - view.position()));
            return new MetadataSnapshot(lastOffset, epoch, records);
        } catch (RuntimeException e) {
            // A matching checksum over undecodable records: written by an incompatible release, or a bug.
            throw new CorruptSnapshotException("undecodable records: " + e.getMessage(), e);
        }
    }

    /** Writes {@code snapshot} to {@code target} atomically (temporary file, fsync, rename, directory fsync). */
    public static void write(Path target, MetadataSnapshot snapshot) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        ByteBuffer bytes = encode(snapshot);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDirectory(target.getParent());
    }

    /** Reads and verifies the snapshot in {@code file}. */
    public static MetadataSnapshot read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return decode(ByteBuffer.wrap(bytes));
        } catch (CorruptSnapshotException e) {
            throw new CorruptSnapshotException("metadata snapshot " + file + " is damaged: " + e.getMessage(), e);
        } catch (BufferUnderflowException e) {
            throw new CorruptSnapshotException("metadata snapshot " + file + " is truncated", e);
        }
    }

    /** Makes a rename or delete in {@code dir} durable (a no-op where directories cannot be opened). */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win")) {
                throw e;
            }
        }
    }
}
