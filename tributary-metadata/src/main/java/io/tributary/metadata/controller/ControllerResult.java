package io.tributary.metadata.controller;

import java.util.List;

import io.tributary.metadata.record.MetadataRecord;

/** The records an operation wants committed, and the response to send once they are. */
public record ControllerResult<T>(List<MetadataRecord> records, T response) {

    public ControllerResult {
        records = List.copyOf(records);
    }
}
