package io.tributary.quorum;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a disk has room for a Raft server to start again after its log failed for want of space. */
final class RejoinRoom {

    /** Ratis preallocates a segment file this much at a time (its default), never more than the segment size. */
    private static final long RATIS_PREALLOCATION_BYTES = 4L * 1024 * 1024;
    /** For the Raft metadata file, a snapshot's temporary file, and what the brokers' logs take meanwhile. */
    private static final long MARGIN_BYTES = 1024 * 1024;

    private RejoinRoom() {
    }

    static long neededBytes(long segmentBytes) {
        return Math.min(segmentBytes, RATIS_PREALLOCATION_BYTES) + MARGIN_BYTES;
    }

    static boolean has(Path dir, long bytes) throws IOException {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.getFileStore(existing).getUsableSpace() >= bytes;
    }
}
