package io.tributary.console.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.security.auth.KafkaPrincipal;

/**
 * Topics' effective {@code min.insync.replicas}, kept for 30 to 60 seconds: DescribeConfigs returns every config of
 * a topic, so reading all topics' on each overview would cost about a millisecond per topic. Kept per principal,
 * because what a user may read depends on its ACLs. The spread of the expiry times spreads the re-reading over
 * successive overviews. A change of the config shows in the overview's count within a minute.
 */
final class MinIsrCache {

    static final long MIN_AGE_MS = 30_000;

    private record Entry(Uuid topicId, int minIsr, long expiresAtMs) {
    }

    private final LongSupplier clockMs;
    private final Map<KafkaPrincipal, Map<String, Entry>> byPrincipal = new ConcurrentHashMap<>();

    MinIsrCache(LongSupplier clockMs) {
        this.clockMs = clockMs;
    }

    /** The topics among {@code topics} whose value is not known or has expired; forgets topics no longer listed. */
    List<String> stale(KafkaPrincipal principal, Collection<String> topics) {
        Map<String, Entry> entries = entries(principal);
        entries.keySet().retainAll(topics);
        long now = clockMs.getAsLong();
        List<String> out = new ArrayList<>();
        for (String topic : topics) {
            Entry entry = entries.get(topic);
            if (entry == null || entry.expiresAtMs <= now) {
                out.add(topic);
            }
        }
        return out;
    }

    /** The kept value; empty when unknown, or kept for an earlier topic of that name (deleted, created again). */
    Optional<Integer> get(KafkaPrincipal principal, String topic, Uuid topicId) {
        Entry entry = entries(principal).get(topic);
        return entry == null || !entry.topicId.equals(topicId) ? Optional.empty() : Optional.of(entry.minIsr);
    }

    void put(KafkaPrincipal principal, String topic, Uuid topicId, int minIsr) {
        long age = MIN_AGE_MS + ThreadLocalRandom.current().nextLong(MIN_AGE_MS);
        entries(principal).put(topic, new Entry(topicId, minIsr, clockMs.getAsLong() + age));
    }

    private Map<String, Entry> entries(KafkaPrincipal principal) {
        return byPrincipal.computeIfAbsent(principal, p -> new ConcurrentHashMap<>());
    }
}
