package io.tributary.broker.producer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Hands out producer ids that are never reused, even across restarts: ids are reserved in blocks, and the end
 * of the reserved block is fsynced before any id from it is given out (as Kafka's controller does with
 * producer id blocks).
 */
public final class ProducerIdAllocator {

    private static final long BLOCK_SIZE = 1000;

    private final Path file;
    private long next;
    private long blockEnd;

    public ProducerIdAllocator(Path file) {
        this.file = file;
        this.blockEnd = readReservedEnd();
        this.next = blockEnd;
    }

    public synchronized long nextProducerId() {
        if (next >= blockEnd) {
            reserve(next + BLOCK_SIZE);
        }
        return next++;
    }

    /** Reserves {@code length} consecutive ids (a controller block) and returns the first. */
    public synchronized long reserveBlock(int length) {
        if (next + length > blockEnd) {
            reserve(next + Math.max(length, BLOCK_SIZE));
        }
        long start = next;
        next += length;
        return start;
    }

    private long readReservedEnd() {
        try {
            if (!Files.exists(file)) {
                return 0;
            }
            String text = Files.readString(file).trim();
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("Cannot read producer id block file " + file, e);
        }
    }

    private void reserve(long end) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap((end + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        blockEnd = end;
    }
}
