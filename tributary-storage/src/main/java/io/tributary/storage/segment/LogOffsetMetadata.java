package io.tributary.storage.segment;

/**
 * An offset with its physical location (segment and byte position), published immutably so lock-free readers can
 * bound a read without an index lookup.
 */
public record LogOffsetMetadata(long offset, long segmentBaseOffset, int position) {
}
