package io.tributary.coordinator.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * A write against one shard, run on the event thread. It may answer through its result (after the records are
 * committed) or, when the answer comes later (a JoinGroup waiting for the rebalance), complete
 * {@code responseFuture} itself and return a result without response. Throwing a Kafka ApiException answers
 * with its error.
 */
@FunctionalInterface
public interface WriteOperation<S, T, R> {

    CoordinatorResult<T, R> run(S shard, CompletableFuture<T> responseFuture);
}
