package io.tributary.network;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Objects;
import org.apache.kafka.common.network.TransferableChannel;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.RecordsSend;

/**
 * A slice of a log segment file, written to the socket with sendfile (zero-copy) by the response writer. Put it in
 * {@code FetchResponseData.PartitionData.setRecords(...)}. The file channel is owned by the log: the network never
 * closes it.
 */
public final class FileRegionRecords implements BaseRecords {

    private final FileChannel channel;
    private final long position;
    private final int sizeInBytes;

    public FileRegionRecords(FileChannel channel, long position, int sizeInBytes) {
        this.channel = Objects.requireNonNull(channel, "channel");
        if (position < 0) {
            throw new IllegalArgumentException("position must be >= 0: " + position);
        }
        if (sizeInBytes < 0) {
            throw new IllegalArgumentException("sizeInBytes must be >= 0: " + sizeInBytes);
        }
        this.position = position;
        this.sizeInBytes = sizeInBytes;
    }

    public FileChannel channel() {
        return channel;
    }

    /** Offset of the first byte within the file. */
    public long position() {
        return position;
    }

    @Override
    public int sizeInBytes() {
        return sizeInBytes;
    }

    /** Kafka's own transport path; the Netty writer uses {@link #channel()} directly instead. */
    @Override
    public RecordsSend<FileRegionRecords> toSend() {
        return new RecordsSend<>(this, sizeInBytes) {
            @Override
            protected int writeTo(TransferableChannel target, int previouslyWritten, int remaining) throws IOException {
                return (int) target.transferFrom(channel, position + previouslyWritten, remaining);
            }
        };
    }

    @Override
    public String toString() {
        return "FileRegionRecords(position=" + position + ", sizeInBytes=" + sizeInBytes + ")";
    }
}
