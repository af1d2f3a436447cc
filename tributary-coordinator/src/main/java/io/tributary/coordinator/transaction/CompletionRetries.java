package io.tributary.coordinator.transaction;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One shard's transactions whose completion record (CompleteCommit/CompleteAbort) failed to append for a reason
 * that may pass (COORDINATOR_NOT_AVAILABLE: not enough in-sync replicas, a timeout) and waits for another attempt:
 * Kafka's {@code LogAppendRetryQueueSize}, summed over the shards into a shared count. Only on the event thread,
 * except the shared count.
 */
final class CompletionRetries {

    private final Set<String> queued = new HashSet<>();
    private final AtomicInteger brokerWide;

    CompletionRetries(AtomicInteger brokerWide) {
        this.brokerWide = brokerWide;
    }

    void queued(String transactionalId) {
        if (queued.add(transactionalId)) {
            brokerWide.incrementAndGet();
        }
    }

    /** Taken off the queue for its next attempt (or dropped: the transaction moved on). */
    void dequeued(String transactionalId) {
        if (queued.remove(transactionalId)) {
            brokerWide.decrementAndGet();
        }
    }

    /** The shard is unloaded: whoever loads it next completes its prepared transactions. */
    void clear() {
        brokerWide.addAndGet(-queued.size());
        queued.clear();
    }
}
