package io.tributary.storage.segment;

import org.apache.kafka.common.record.internal.RecordBatch;

/** Receives every valid batch while a segment is recovered (rebuilds epoch cache and producer state). */
@FunctionalInterface
public interface BatchListener {

    BatchListener NONE = batch -> { };

    void onBatch(RecordBatch batch);
}
