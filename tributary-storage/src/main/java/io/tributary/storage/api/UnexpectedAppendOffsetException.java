package io.tributary.storage.api;

/**
 * A follower append whose first offset is below the log end (Kafka's UnexpectedAppendOffsetException): the
 * follower's position and the fetched data disagree, so the fetcher must truncate or refetch.
 */
public final class UnexpectedAppendOffsetException extends IllegalStateException {

    private final long firstOffset;
    private final long logEndOffset;

    public UnexpectedAppendOffsetException(String message, long firstOffset, long logEndOffset) {
        super(message);
        this.firstOffset = firstOffset;
        this.logEndOffset = logEndOffset;
    }

    public long firstOffset() { return firstOffset; }
    public long logEndOffset() { return logEndOffset; }
}
