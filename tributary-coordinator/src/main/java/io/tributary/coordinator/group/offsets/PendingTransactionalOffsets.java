package io.tributary.coordinator.group.offsets;

import io.tributary.coordinator.group.records.OffsetCommitKey;
import io.tributary.coordinator.group.records.OffsetCommitValue;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Offsets committed inside transactions (TxnOffsetCommit), per producer, until that producer's COMMIT or ABORT
 * marker reaches this partition. Also the sequence each producer's next transactional batch must carry here,
 * since the partition checks coordinator batches like any producer's.
 */
public final class PendingTransactionalOffsets {

    private record Sequence(short epoch, int next) {
    }

    private final Map<Long, Map<OffsetCommitKey, OffsetCommitValue>> byProducer = new HashMap<>();
    private final Map<Long, Sequence> sequences = new HashMap<>();

    public void add(long producerId, short producerEpoch, int sequence, OffsetCommitKey key,
                    OffsetCommitValue value) {
        byProducer.computeIfAbsent(producerId, p -> new LinkedHashMap<>()).put(key, value);
        sequences.put(producerId, new Sequence(producerEpoch, sequence + 1));
    }

    /** Removes and returns the producer's pending offsets (in commit order; empty when it has none). */
    public Map<OffsetCommitKey, OffsetCommitValue> complete(long producerId) {
        Map<OffsetCommitKey, OffsetCommitValue> pending = byProducer.remove(producerId);
        return pending == null ? Map.of() : pending;
    }

    /** Whether some open transaction committed an offset for this partition (OffsetFetch requireStable). */
    public boolean hasPending(String groupId, String topic, int partition) {
        OffsetCommitKey key = new OffsetCommitKey(groupId, topic, partition);
        for (Map<OffsetCommitKey, OffsetCommitValue> pending : byProducer.values()) {
            if (pending.containsKey(key)) {
                return true;
            }
        }
        return false;
    }

    /** The sequence of the producer's next batch: continues within an epoch, restarts at 0 with a new one. */
    public int nextSequence(long producerId, short producerEpoch) {
        Sequence sequence = sequences.get(producerId);
        return sequence == null || sequence.epoch() != producerEpoch ? 0 : sequence.next();
    }
}
