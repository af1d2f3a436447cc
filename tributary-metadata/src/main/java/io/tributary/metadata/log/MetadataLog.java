package io.tributary.metadata.log;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import io.tributary.metadata.record.MetadataRecord;

/**
 * The ordered, durable sequence of metadata record batches. The local implementation is a file; a Raft-backed
 * one will commit batches through the quorum instead. Batches are atomic: after a crash a batch is either
 * fully replayed or not at all.
 */
public interface MetadataLog extends AutoCloseable {

    /** Reads every committed batch, in order, and positions the log for appends. Call once, before appending. */
    void replay(Consumer<MetadataBatch> consumer) throws IOException;

    /**
     * Appends a batch and returns once it is durable (fsynced / committed).
     *
     * @return the offset of the last record of the batch
     */
    long append(List<MetadataRecord> records) throws IOException;

    /** The offset the next appended record will get. */
    long endOffset();

    @Override
    void close() throws IOException;
}
