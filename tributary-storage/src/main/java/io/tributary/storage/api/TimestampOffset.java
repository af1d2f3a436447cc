package io.tributary.storage.api;

/** A record found by timestamp: its timestamp, offset and the leader epoch of its batch (-1 if unknown). */
public record TimestampOffset(long timestamp, long offset, int leaderEpoch) {
}
