package io.tributary.network;

import io.netty.handler.stream.ChunkedNioFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;

/**
 * A slice of a log segment sent through a TLS connection: Netty's {@code ChunkedWriteHandler} reads it 64 KiB at a
 * time into pooled buffers while the socket can take more, the SslHandler encrypts each chunk. One copy (page cache
 * to buffer) instead of sendfile's none, and never more than a chunk or two in memory per connection. The segment's
 * channel belongs to the log, so finishing (or abandoning) the transfer must not close it.
 */
final class SegmentChunks extends ChunkedNioFile {

    static final int CHUNK_BYTES = 64 * 1024;

    private SegmentChunks(FileChannel channel, long position, long length) throws IOException {
        super(channel, position, length, CHUNK_BYTES);
    }

    static SegmentChunks of(FileChannel channel, long position, long length) {
        try {
            return new SegmentChunks(channel, position, length);
        } catch (IOException e) {
            throw new UncheckedIOException("Segment file was closed before its records were sent", e);
        }
    }

    @Override
    public void close() {
        // the log owns the channel
    }
}
