package io.tributary.storage.validation;

/**
 * Summary of a request's batches after validation.
 *
 * @param logAppendTime the broker time stamped into the batches, or -1 for CreateTime topics
 * @param maxTimestamp  largest batch max timestamp (drives segment.ms rolling)
 */
public record ValidatedRecords(int batchCount, int recordCount, long logAppendTime, long maxTimestamp) {
}
