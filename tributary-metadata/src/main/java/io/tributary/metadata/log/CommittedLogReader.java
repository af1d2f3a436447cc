package io.tributary.metadata.log;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * Read access to the committed part of a controller's metadata log, for the brokers that follow it without
 * voting (broker-only nodes fetch it over the controller listener).
 */
public interface CommittedLogReader {

    /** The header that marks a snapshot in a metadata fetch answer (the record's value is the snapshot's records). */
    String SNAPSHOT_HEADER = "tributary-metadata-snapshot";

    /**
     * One committed batch as stored: its offset (the batch's last, as {@link MetadataBatch#lastOffset()}); or, for a
     * reader behind the log start, a snapshot: the records that rebuild the image up to that offset.
     */
    record SerializedBatch(long offset, ByteBuffer records, boolean snapshot) {
        public SerializedBatch(long offset, ByteBuffer records) {
            this(offset, records, false);
        }
    }

    /** Thrown by {@link #read} for an offset before the start of the log (no longer kept). */
    final class OffsetBeforeLogStartException extends RuntimeException {
        public OffsetBeforeLogStartException(String message) {
            super(message);
        }
    }

    /**
     * Committed batches with offsets from {@code fromOffset} on (or, when that is before the log start, the newest
     * snapshot, from whose offset the reader goes on), in log order, at least one (if any) and then as
     * many as fit in {@code maxBytes}. Each batch's bytes are {@code MetadataRecordSerde.writeRecords}' format.
     */
    List<SerializedBatch> readCommitted(long fromOffset, int maxBytes);

    /** One past the last committed offset known here. */
    long highWatermark();

    /** Completes once a batch with an offset above {@code offset} is committed here (at once if one already is). */
    CompletableFuture<Void> awaitCommittedAfter(long offset);

    /** The quorum leader known here, and its epoch. */
    OptionalInt leaderId();

    int leaderEpoch();

    /**
     * A node that follows the log without voting (an observer) fetched from {@code fetchOffset}: the leader keeps
     * it for DescribeQuorum's observers. Ignored where the quorum keeps no observers.
     */
    default void observerFetched(int replicaId, org.apache.kafka.common.Uuid directoryId, long fetchOffset) {
    }
}
