package io.tributary.broker.replica;

/** Kafka's replica.fetch.* settings (names and defaults in docs/cluster.md). */
public record ReplicaFetchConfig(int maxWaitMs, int minBytes, int maxBytes, int responseMaxBytes, long backoffMs,
                                 long requestTimeoutMs) {

    public static ReplicaFetchConfig defaults() {
        return new ReplicaFetchConfig(500, 1, 1048576, 10485760, 1000, 30000);
    }
}
