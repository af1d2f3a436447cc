package io.tributary.broker.produce;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * Keeps a producer's writes to a partition in order while its transaction is being verified there (KIP-890). A
 * producer pipelines requests (up to 5 in flight): while the first write of its transaction waits for the
 * coordinator, the next ones must not overtake it (the log would refuse them as out of sequence). So the first
 * write asks the coordinator, and every later write of that producer to that partition takes the same answer and
 * appends after the writes before it, in arrival order. The chain is dropped once its last write is appended.
 */
final class VerificationChains {

    private record Key(TopicPartition partition, long producerId) {
    }

    /** One verification and the point after which the next waiting write may append. */
    private static final class Chain {
        final CompletableFuture<Errors> verified = new CompletableFuture<>();
        CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    }

    private final Map<Key, Chain> chains = new HashMap<>();

    /** Whether writes of this producer to this partition are waiting: a new one must queue behind them. */
    synchronized boolean isWaiting(TopicPartition partition, long producerId) {
        return chains.containsKey(new Key(partition, producerId));
    }

    /**
     * Appends ({@code append}, given the coordinator's answer; it must append to the log before it returns) once
     * the partition is verified and the earlier waiting writes are appended. {@code verify} is asked only by the
     * first write of a chain.
     */
    <R> CompletableFuture<R> submit(TopicPartition partition, long producerId,
                                    Supplier<CompletableFuture<Errors>> verify,
                                    Function<Errors, CompletableFuture<R>> append) {
        Key key = new Key(partition, producerId);
        CompletableFuture<Void> appended = new CompletableFuture<>();
        Chain chain;
        CompletableFuture<Void> previous;
        boolean first;
        synchronized (this) {
            chain = chains.get(key);
            first = chain == null;
            if (first) {
                chain = new Chain();
                chains.put(key, chain);
            }
            previous = chain.tail;
            chain.tail = appended;
        }
        Chain mine = chain;
        appended.whenComplete((ignored, failure) -> release(key, mine, appended));
        if (first) {
            verify.get().whenComplete((error, failure) ->
                    mine.verified.complete(failure != null ? Errors.UNKNOWN_SERVER_ERROR : error));
        }
        return previous.thenCompose(ignored -> mine.verified).thenCompose(error -> {
            try {
                return append.apply(error);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            } finally {
                appended.complete(null);
            }
        });
    }

    private synchronized void release(Key key, Chain chain, CompletableFuture<Void> appended) {
        if (chain.tail == appended) {
            chains.remove(key, chain);
        }
    }
}
