package io.tributary.metadata.log;

import java.util.List;

import io.tributary.metadata.record.MetadataRecord;

/** Records appended together; record {@code i} has offset {@code baseOffset + i}. */
public record MetadataBatch(long baseOffset, List<MetadataRecord> records) {

    public MetadataBatch {
        records = List.copyOf(records);
    }

    public long lastOffset() {
        return baseOffset + records.size() - 1;
    }
}
