package io.tributary.metadata.log;

import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import io.tributary.metadata.record.MetadataRecord;

/**
 * The ordered, durable sequence of committed metadata record batches: a local file (single node, always the
 * writer) or the Raft quorum (only the leader writes). Batches are atomic. A batch's offset is
 * {@link MetadataBatch#lastOffset()}; offsets grow but may have gaps (Raft's own entries).
 */
public interface MetadataLog extends AutoCloseable {

    /** Epoch value of {@link #writerEpoch()} on a node that may not append. */
    int NOT_WRITER = -1;

    /**
     * Starts delivering committed batches to {@code committed}, in log order and never concurrently: first the
     * batches already in the log, then each newly committed one. Call once, before anything else.
     */
    void start(Consumer<MetadataBatch> committed) throws IOException;

    /**
     * Appends a batch on the writer. Completes with the batch's offset once it is committed and has been handed
     * to the {@code committed} consumer; fails with Kafka's NotControllerException on a node that is not the
     * writer.
     */
    CompletionStage<Long> append(List<MetadataRecord> records);

    /** The epoch (Raft term) in which this node may append, or {@link #NOT_WRITER}. */
    int writerEpoch();

    /** The writer (quorum leader) this node knows of, if any. */
    OptionalInt leaderId();

    /** The quorum as this node sees it, for DescribeQuorum. */
    QuorumInfo describe();

    @Override
    void close() throws IOException;
}
