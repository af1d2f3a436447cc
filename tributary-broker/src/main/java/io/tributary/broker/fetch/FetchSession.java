package io.tributary.broker.fetch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FetchMetadata;

/**
 * An incremental fetch session (KIP-227): the partitions a client fetches and what it was last told about
 * each, so that later requests and responses carry only what changed.
 */
final class FetchSession {

    private static final class Cached {
        FetchTarget target;
        long highWatermark = -1;
        long lastStableOffset = -1;
        long logStartOffset = -1;

        Cached(FetchTarget target) {
            this.target = target;
        }
    }

    private final int id;
    private final boolean usesTopicIds;
    private final LinkedHashMap<TopicIdPartition, Cached> partitions = new LinkedHashMap<>();
    private int expectedEpoch = FetchMetadata.nextEpoch(FetchMetadata.INITIAL_EPOCH);
    private volatile long lastUsedNanos = System.nanoTime();

    FetchSession(int id, boolean usesTopicIds, List<FetchTarget> targets) {
        this.id = id;
        this.usesTopicIds = usesTopicIds;
        targets.forEach(t -> partitions.put(t.partition(), new Cached(t)));
    }

    int id() {
        return id;
    }

    boolean usesTopicIds() {
        return usesTopicIds;
    }

    long lastUsedNanos() {
        return lastUsedNanos;
    }

    synchronized Errors checkEpoch(int epoch) {
        lastUsedNanos = System.nanoTime();
        return epoch == expectedEpoch ? Errors.NONE : Errors.INVALID_FETCH_SESSION_EPOCH;
    }

    /** Applies an incremental request: updated/added partitions, then forgotten ones. */
    synchronized List<FetchTarget> update(List<FetchTarget> changed, List<TopicIdPartition> forgotten) {
        for (FetchTarget target : changed) {
            Cached cached = partitions.get(target.partition());
            if (cached == null) {
                partitions.put(target.partition(), new Cached(target));
            } else {
                cached.target = target;
            }
        }
        forgotten.forEach(partitions::remove);
        expectedEpoch = FetchMetadata.nextEpoch(expectedEpoch);
        List<FetchTarget> all = new ArrayList<>(partitions.size());
        partitions.values().forEach(c -> all.add(c.target));
        return all;
    }

    /**
     * Records what a response tells the client. With {@code onlyChanges}, drops from {@code reads} the
     * partitions with nothing new, and moves partitions that returned data to the back for fairness.
     */
    synchronized List<PartitionRead> record(List<PartitionRead> reads, boolean onlyChanges) {
        List<PartitionRead> kept = new ArrayList<>(reads.size());
        List<Map.Entry<TopicIdPartition, Cached>> moveToBack = new ArrayList<>();
        for (PartitionRead read : reads) {
            Cached cached = partitions.get(read.target().partition());
            if (cached == null) {
                continue;
            }
            PartitionData data = read.data();
            boolean changed = read.bytes() > 0 || data.errorCode() != Errors.NONE.code()
                    || data.preferredReadReplica() >= 0
                    || data.highWatermark() != cached.highWatermark
                    || data.lastStableOffset() != cached.lastStableOffset
                    || data.logStartOffset() != cached.logStartOffset;
            cached.highWatermark = data.highWatermark();
            cached.lastStableOffset = data.lastStableOffset();
            cached.logStartOffset = data.logStartOffset();
            if (!onlyChanges || changed) {
                kept.add(read);
            }
            if (read.bytes() > 0) {
                moveToBack.add(Map.entry(read.target().partition(), cached));
            }
        }
        for (Map.Entry<TopicIdPartition, Cached> entry : moveToBack) {
            partitions.remove(entry.getKey());
            partitions.put(entry.getKey(), entry.getValue());
        }
        return kept;
    }

    synchronized int size() {
        return partitions.size();
    }
}
