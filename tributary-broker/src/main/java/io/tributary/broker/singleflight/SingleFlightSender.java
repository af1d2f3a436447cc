package io.tributary.broker.singleflight;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One request in flight at a time, the rest queued: what is asked for while a request is out waits for its answer
 * and goes, with everything else queued by then, in the next one (as Kafka's AlterPartitionManager and
 * TransactionMarkerChannelManager send). The queue is the owner's; this sender's lock guards it, so the owner
 * touches it only in the functions it hands to {@link #enqueue} and to the constructor's {@code take}.
 *
 * @param <B> a batch: what was queued, taken in one go
 * @param <A> the answer to a batch's request
 */
public final class SingleFlightSender<B, A> {

    /** What becomes of a batch's request: the answer, or the failure (then answer is null). */
    @FunctionalInterface
    public interface Answered<B, A> {
        void accept(B batch, A answer, Throwable failure);
    }

    private final Supplier<B> take;
    private final Function<B, CompletableFuture<A>> send;
    private final Answered<B, A> answered;
    /** Guarded by this. */
    private boolean inFlight;

    /**
     * @param take     under the lock: everything queued as one batch, the queue emptied; null when nothing waits
     * @param send     sends a batch's request (a send that throws counts as a failed request)
     * @param answered takes each batch's answer or failure, before the next batch is taken
     */
    public SingleFlightSender(Supplier<B> take, Function<B, CompletableFuture<A>> send, Answered<B, A> answered) {
        this.take = take;
        this.send = send;
        this.answered = answered;
    }

    /**
     * Runs {@code queue} (which adds to the owner's queue) under the lock, then sends at once unless a request is
     * in flight, whose answer will send what queued. Returns what {@code queue} returned.
     */
    public <T> T enqueue(Supplier<T> queue) {
        T queued;
        synchronized (this) {
            queued = queue.get();
            if (inFlight) {
                return queued;
            }
            inFlight = true;
        }
        sendQueued();
        return queued;
    }

    private void sendQueued() {
        B batch;
        synchronized (this) {
            batch = take.get();
            if (batch == null) {
                inFlight = false;
                return;
            }
        }
        CompletableFuture<A> sent;
        try {
            sent = send.apply(batch);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((answer, failure) -> {
            answered.accept(batch, answer, failure);
            sendQueued();
        });
    }
}
