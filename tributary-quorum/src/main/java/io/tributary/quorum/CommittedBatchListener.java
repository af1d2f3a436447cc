package io.tributary.quorum;

import java.util.List;

import io.tributary.metadata.record.MetadataRecord;

/**
 * Told of every committed batch in Raft log order. Called on the quorum's single apply thread, so calls never
 * overlap and a slow listener delays the next batch (and the completion of {@link MetadataQuorum#append}).
 */
@FunctionalInterface
public interface CommittedBatchListener {

    /**
     * @param offset  the batch's Raft log index: increasing, with gaps where Raft wrote its own entries
     *                (leader no-ops, configuration)
     * @param records the batch's records, in the order they were appended
     */
    void onCommittedBatch(long offset, List<MetadataRecord> records);
}
