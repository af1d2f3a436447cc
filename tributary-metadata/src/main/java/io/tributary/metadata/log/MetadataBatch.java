package io.tributary.metadata.log;

import java.util.List;

import io.tributary.metadata.record.MetadataRecord;

/**
 * Records appended together; record {@code i} has offset {@code baseOffset + i}. A snapshot batch
 * ({@link #snapshot()}) is different: its records rebuild the whole image as of {@link #lastOffset()}, replacing
 * whatever the reader had, and their own offsets mean nothing.
 */
public record MetadataBatch(long baseOffset, List<MetadataRecord> records, boolean snapshot) {

    public MetadataBatch {
        records = List.copyOf(records);
    }

    public MetadataBatch(long baseOffset, List<MetadataRecord> records) {
        this(baseOffset, records, false);
    }

    /** The image as of {@code lastOffset}, as the records that rebuild it from nothing. */
    public static MetadataBatch snapshot(long lastOffset, List<MetadataRecord> records) {
        return new MetadataBatch(lastOffset - records.size() + 1, records, true);
    }

    public long lastOffset() {
        return baseOffset + records.size() - 1;
    }
}
