package io.tributary.quorum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.Uuid;

import io.tributary.metadata.log.QuorumInfo;

/**
 * The nodes that follow the metadata log without voting, as their fetches showed them (Kafka's observers): each
 * one's fetch offset is its log end. As in Kafka's leader, an observer silent for five minutes is forgotten, and a
 * new leader epoch starts with none.
 */
final class QuorumObservers {

    static final long EXPIRY_MS = 5 * 60 * 1000;

    private record Fetch(Uuid directoryId, long fetchOffset, long timestamp) {
    }

    private final Map<Integer, Fetch> fetches = new ConcurrentHashMap<>();
    private volatile int epoch = -1;

    void fetched(int replicaId, Uuid directoryId, long fetchOffset, long now, int leaderEpoch) {
        startEpoch(leaderEpoch);
        if (replicaId >= 0) {
            fetches.put(replicaId, new Fetch(directoryId == null ? Uuid.ZERO_UUID : directoryId, fetchOffset, now));
        }
    }

    /** The observers heard from lately that are not voters, by id. */
    List<QuorumInfo.Voter> describe(Set<Integer> voterIds, long now, int leaderEpoch) {
        startEpoch(leaderEpoch);
        fetches.entrySet().removeIf(e -> now - e.getValue().timestamp() > EXPIRY_MS);
        List<QuorumInfo.Voter> observers = new ArrayList<>();
        fetches.entrySet().stream()
            .filter(e -> !voterIds.contains(e.getKey()))
            .sorted(Map.Entry.comparingByKey())
            .forEach(e -> observers.add(new QuorumInfo.Voter(e.getKey(), e.getValue().directoryId(),
                e.getValue().fetchOffset(), e.getValue().timestamp(), -1, List.of())));
        return observers;
    }

    /** What this node saw in an earlier epoch as leader says nothing of the current one. */
    private synchronized void startEpoch(int leaderEpoch) {
        if (leaderEpoch != epoch) {
            fetches.clear();
            epoch = leaderEpoch;
        }
    }
}
