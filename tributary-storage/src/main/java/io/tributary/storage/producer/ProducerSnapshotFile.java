package io.tributary.storage.producer;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.utils.Crc32C;

/**
 * Binary producer-state snapshot {@code <offset>.snapshot}: version, CRC32C of the body, then per producer its
 * id, epoch, last timestamp, coordinator epoch, open-transaction first offset, last marker offset and cached
 * batches (version 1 lacked the three transaction fields and is still read). Written to a temp file, fsynced, then atomically renamed.
 */
final class ProducerSnapshotFile {

    private static final short VERSION = 2;
    private static final short VERSION_WITHOUT_TXN = 1;
    private static final int HEADER = 2 + 4;
    private static final int BATCH_SIZE = 4 + 4 + 8 + 8 + 8;

    private ProducerSnapshotFile() {
    }

    static void write(File file, Collection<ProducerEntry> entries) throws IOException {
        int size = HEADER + 4;
        for (ProducerEntry e : entries) size += 8 + 2 + 8 + 4 + 8 + 8 + 1 + e.batches().size() * BATCH_SIZE;
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.position(HEADER);
        buf.putInt(entries.size());
        for (ProducerEntry e : entries) {
            buf.putLong(e.producerId()).putShort(e.epoch()).putLong(e.lastTimestamp()).putInt(e.coordinatorEpoch())
                    .putLong(e.currentTxnFirstOffset()).putLong(e.lastMarkerOffset()).put((byte) e.batches().size());
            for (BatchMetadata b : e.batches()) {
                buf.putInt(b.firstSeq()).putInt(b.lastSeq()).putLong(b.firstOffset()).putLong(b.lastOffset())
                        .putLong(b.timestamp());
            }
        }
        buf.putShort(0, VERSION);
        buf.putInt(2, (int) Crc32C.compute(buf.array(), HEADER, size - HEADER));
        buf.flip();
        Path tmp = file.toPath().resolveSibling(file.getName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(true);
        }
        Files.move(tmp, file.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static List<ProducerEntry> read(File file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file.toPath()));
        short version = buf.remaining() < HEADER ? -1 : buf.getShort(0);
        if (buf.remaining() < HEADER + 4 || (version != VERSION && version != VERSION_WITHOUT_TXN)
                || buf.getInt(2) != (int) Crc32C.compute(buf.array(), HEADER, buf.remaining() - HEADER))
            throw new CorruptRecordException("Producer snapshot " + file + " is corrupt");
        buf.position(HEADER);
        int count = buf.getInt();
        List<ProducerEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ProducerEntry entry = new ProducerEntry(buf.getLong(), buf.getShort());
            long lastTimestamp = buf.getLong();
            int coordinatorEpoch = version == VERSION ? buf.getInt() : -1;
            long txnFirstOffset = version == VERSION ? buf.getLong() : -1L;
            long lastMarkerOffset = version == VERSION ? buf.getLong() : -1L;
            int batches = buf.get();
            for (int b = 0; b < batches; b++) {
                entry.addBatch(entry.epoch(), new BatchMetadata(buf.getInt(), buf.getInt(), buf.getLong(),
                        buf.getLong(), buf.getLong()));
            }
            entry.restore(entry.epoch(), lastTimestamp);
            entry.restoreTransaction(coordinatorEpoch, txnFirstOffset, lastMarkerOffset);
            entries.add(entry);
        }
        return entries;
    }
}
