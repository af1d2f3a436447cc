package io.tributary.server.metrics;

import io.tributary.coordinator.group.GroupOverview;
import io.tributary.metrics.AttributeSet;
import io.tributary.metrics.KafkaMetrics;
import io.tributary.metrics.MetricName;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The group coordinator's counts as Kafka's group coordinator reports them: the classic-group gauges
 * {@code kafka.coordinator.group:type=GroupMetadataManager} ({@code NumGroups}, {@code NumGroupsStable}, ...,
 * {@code NumOffsets}) and {@code kafka.server:type=group-coordinator-metrics} ({@code group-count} per
 * {@code protocol}, {@code consumer-group-count} per {@code state}). Read from the coordinator's memory at most
 * once a second (one pass on its event thread), for the groups this node coordinates.
 */
final class GroupGauges {

    private static final long CACHE_NS = 1_000_000_000L;
    private static final long TIMEOUT_MS = 2_000;

    private final Supplier<CompletableFuture<List<GroupOverview>>> source;
    private List<GroupOverview> cached = List.of();
    private long cachedAtNs;
    private boolean loaded;

    private GroupGauges(Supplier<CompletableFuture<List<GroupOverview>>> source) {
        this.source = source;
    }

    static void register(KafkaMetrics metrics, Supplier<CompletableFuture<List<GroupOverview>>> source) {
        GroupGauges groups = new GroupGauges(source);
        String group = "kafka.coordinator.group";
        String type = "GroupMetadataManager";
        Predicate<GroupOverview> classic = g -> g.type().equals("classic");
        metrics.gauge(MetricName.of(group, type, "NumGroups"), () -> groups.count(classic));
        for (String state : List.of("PreparingRebalance", "CompletingRebalance", "Stable", "Dead", "Empty")) {
            metrics.gauge(MetricName.of(group, type, "NumGroups" + state),
                    () -> groups.count(classic.and(g -> g.state().equals(state))));
        }
        metrics.gauge(MetricName.of(group, type, "NumOffsets"),
                () -> groups.groups().stream().mapToLong(g -> g.committed().size()).sum());
        for (String protocol : List.of("classic", "consumer")) {
            metrics.attributes(MetricName.of("kafka.server", "group-coordinator-metrics", null, "protocol", protocol),
                    new AttributeSet().add("group-count",
                            () -> (double) groups.count(g -> g.type().equals(protocol))));
        }
        for (String state : List.of("Empty", "Assigning", "Reconciling", "Stable", "Dead")) {
            metrics.attributes(MetricName.of("kafka.server", "group-coordinator-metrics", null, "state", state),
                    new AttributeSet().add("consumer-group-count", () -> (double) groups.count(
                            g -> g.type().equals("consumer") && g.state().equals(state))));
        }
    }

    private long count(Predicate<GroupOverview> test) {
        return groups().stream().filter(test).count();
    }

    private synchronized List<GroupOverview> groups() {
        long now = System.nanoTime();
        if (!loaded || now - cachedAtNs > CACHE_NS) {
            try {
                cached = source.get().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // the coordinator is busy or stopping: keep the last counts
            }
            loaded = true;
            cachedAtNs = now;
        }
        return cached;
    }
}
