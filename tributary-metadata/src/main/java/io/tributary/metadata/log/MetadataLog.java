package io.tributary.metadata.log;

import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.UnsupportedVersionException;

import io.tributary.metadata.image.MetadataImage;
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
     * latest snapshot if there is one (a {@link MetadataBatch#snapshot()} batch), then the batches after it, then
     * each newly committed one; a snapshot may also come later (a lagging node given the leader's), and replaces
     * the image. Call once, before anything else.
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

    /**
     * Told, on the applying thread, of each image built from this log's batches (its offset is its last batch's).
     * A log that snapshots may keep it and write it when its snapshot policy says so; a log that does not ignores
     * it.
     */
    default void imageApplied(MetadataImage image) {
    }

    /**
     * KIP-853 AddRaftVoter: adds a controller to the voters, on the leader, completing once the new voter set is
     * committed. Fails with Kafka's exceptions (DUPLICATE_VOTER, REQUEST_TIMED_OUT for a change already pending or a
     * voter that did not catch up, INVALID_REQUEST without an endpoint on the controller listener, NOT_CONTROLLER
     * elsewhere than on the leader); a log without a Raft quorum does not support it.
     */
    default CompletionStage<Void> addVoter(int voterId, Uuid directoryId, List<QuorumInfo.Endpoint> endpoints,
                                           long timeoutMs) {
        return CompletableFuture.failedFuture(new UnsupportedVersionException(
            "This node's metadata log has no Raft quorum whose voters could change"));
    }

    /** KIP-853 RemoveRaftVoter: removes the voter with this id and directory id (VOTER_NOT_FOUND otherwise). */
    default CompletionStage<Void> removeVoter(int voterId, Uuid directoryId, long timeoutMs) {
        return CompletableFuture.failedFuture(new UnsupportedVersionException(
            "This node's metadata log has no Raft quorum whose voters could change"));
    }

    /**
     * KIP-853 UpdateRaftVoter: the voter with this id and directory id (VOTER_NOT_FOUND otherwise) is reached at its
     * endpoint of the controller listener from now on (INVALID_REQUEST without one), completing once committed.
     */
    default CompletionStage<Void> updateVoter(int voterId, Uuid directoryId, List<QuorumInfo.Endpoint> endpoints,
                                              long timeoutMs) {
        return CompletableFuture.failedFuture(new UnsupportedVersionException(
            "This node's metadata log has no Raft quorum whose voters could change"));
    }

    @Override
    void close() throws IOException;
}
