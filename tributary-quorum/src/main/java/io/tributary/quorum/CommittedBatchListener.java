package io.tributary.quorum;

import java.util.List;

import io.tributary.metadata.record.MetadataRecord;

/**
 * Told of every committed batch in Raft log order, and of the snapshots this node loads. Called on the quorum's
 * single apply thread, so calls never overlap and a slow listener delays the next batch (and the completion of
 * {@link MetadataQuorum#append}).
 */
public interface CommittedBatchListener {

    /**
     * @param offset  the batch's Raft log index: increasing, with gaps where Raft wrote its own entries
     *                (leader no-ops, configuration)
     * @param records the batch's records, in the order they were appended
     */
    void onCommittedBatch(long offset, List<MetadataRecord> records);

    /**
     * The image as of Raft index {@code offset}, as the records that rebuild it: what was there before is
     * replaced. Comes first at a start from a snapshot, and later when the leader sent this node its snapshot
     * because the log it lacked was purged; batches after {@code offset} follow.
     */
    void onSnapshot(long offset, List<MetadataRecord> records);
}
