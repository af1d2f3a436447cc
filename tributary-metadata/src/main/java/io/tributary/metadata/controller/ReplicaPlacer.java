package io.tributary.metadata.controller;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.BrokersImage;

/** Chooses replicas for new partitions (rack-aware) and validates manual assignments against the registered brokers. */
final class ReplicaPlacer {

    private ReplicaPlacer() {
    }

    /** Unfenced broker ids (not shutting down) in ascending order. */
    static List<Integer> usableBrokers(BrokersImage brokers) {
        List<Integer> ids = new ArrayList<>();
        for (BrokerRegistration broker : brokers.all()) {
            if (broker.isActive()) {
                ids.add(broker.id());
            }
        }
        ids.sort(null);
        return ids;
    }

    static Optional<ApiError> checkReplicationFactor(BrokersImage brokers, int replicationFactor) {
        int available = usableBrokers(brokers).size();
        if (replicationFactor > available) {
            return Optional.of(new ApiError(Errors.INVALID_REPLICATION_FACTOR, "Unable to replicate the partition "
                + replicationFactor + " time(s): The target replication factor of " + replicationFactor
                + " cannot be reached because only " + available + " broker(s) are registered."));
        }
        return Optional.empty();
    }

    /**
     * Replicas for partitions {@code firstPartition} to {@code firstPartition + count - 1}, striped across racks
     * ({@link RackStripes}); the caller checked the replication factor.
     */
    static List<int[]> place(BrokersImage brokers, int firstPartition, int count, int replicationFactor) {
        List<BrokerRegistration> usable = new ArrayList<>();
        for (BrokerRegistration broker : brokers.all()) {
            if (broker.isActive()) {
                usable.add(broker);
            }
        }
        RackStripes stripes = new RackStripes(usable);
        List<int[]> placements = new ArrayList<>(count);
        for (int partition = firstPartition; partition < firstPartition + count; partition++) {
            placements.add(stripes.place(partition, replicationFactor));
        }
        return placements;
    }

    /**
     * @param expectedReplicationFactor replica count the assignment must have, or -1 if any is fine
     */
    static Optional<ApiError> validateManualAssignment(BrokersImage brokers, List<Integer> replicas,
                                                       int expectedReplicationFactor) {
        Optional<ApiError> error = validateReplicas(brokers, replicas, true);
        if (error.isEmpty() && expectedReplicationFactor != -1 && replicas.size() != expectedReplicationFactor) {
            return invalid("The manual partition assignment includes a partition with " + replicas.size()
                + " replica(s), but this is not consistent with previous partitions, which have "
                + expectedReplicationFactor + " replica(s).");
        }
        return error;
    }

    /** A reassignment target: non-empty, no duplicates, registered brokers (fenced ones may catch up later). */
    static Optional<ApiError> validateReassignment(BrokersImage brokers, List<Integer> replicas) {
        return validateReplicas(brokers, replicas, false);
    }

    private static Optional<ApiError> validateReplicas(BrokersImage brokers, List<Integer> replicas,
                                                       boolean unfencedOnly) {
        if (replicas.isEmpty()) {
            return invalid("The manual partition assignment includes an empty replica list.");
        }
        Set<Integer> seen = new HashSet<>();
        for (int brokerId : replicas) {
            if (!seen.add(brokerId)) {
                return invalid("The manual partition assignment includes the broker " + brokerId + " more than once.");
            }
            Optional<BrokerRegistration> broker = brokers.get(brokerId);
            if (broker.isEmpty()) {
                return invalid("The manual partition assignment includes broker " + brokerId
                    + ", but no such broker is registered.");
            }
            if (unfencedOnly && broker.get().fenced()) {
                return invalid("The manual partition assignment includes broker " + brokerId
                    + ", but it is currently fenced.");
            }
        }
        return Optional.empty();
    }

    static int[] toArray(List<Integer> replicas) {
        return replicas.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Optional<ApiError> invalid(String message) {
        return Optional.of(new ApiError(Errors.INVALID_REPLICA_ASSIGNMENT, message));
    }
}
