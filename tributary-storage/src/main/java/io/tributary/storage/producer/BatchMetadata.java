package io.tributary.storage.producer;

/** What is remembered about one of a producer's recent batches, for duplicate detection. */
public record BatchMetadata(int firstSeq, int lastSeq, long firstOffset, long lastOffset, long timestamp) {
}
