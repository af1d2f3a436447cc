package io.tributary.network;

import io.netty.channel.DefaultFileRegion;
import java.nio.channels.FileChannel;

/**
 * A file region over a log segment's channel. {@link DefaultFileRegion} closes its channel when released, which
 * would close the segment for everyone; the log owns the channel, so releasing this region leaves it open. It stays a
 * {@code DefaultFileRegion} subclass because epoll only uses sendfile for those.
 */
final class NonClosingFileRegion extends DefaultFileRegion {

    NonClosingFileRegion(FileChannel channel, long position, long count) {
        super(channel, position, count);
    }

    @Override
    protected void deallocate() {
        // Intentionally empty: the channel belongs to the log segment.
    }
}
