package io.tributary.storage.segment;

import org.apache.kafka.common.record.internal.FileRecords;

/** Whole batches read from a segment: a view on its file at {@code position}, {@code size} bytes long. */
public record SegmentSlice(FileRecords records, int position, int size) {
}
