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

    /** One committed batch as stored: its offset (the batch's last, as {@link MetadataBatch#lastOffset()}). */
    record SerializedBatch(long offset, ByteBuffer records) {
    }

    /** Thrown by {@link #read} for an offset before the start of the log (no longer kept). */
    final class OffsetBeforeLogStartException extends RuntimeException {
        public OffsetBeforeLogStartException(String message) {
            super(message);
        }
    }

    /**
     * Committed batches with offsets from {@code fromOffset} on, in log order, at least one (if any) and then as
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
}
