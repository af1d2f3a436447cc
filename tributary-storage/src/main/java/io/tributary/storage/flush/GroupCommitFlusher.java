package io.tributary.storage.flush;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that performs fsyncs for every partition (group commit): callers queue (log, offset) requests;
 * each round takes the whole queue, fsyncs each distinct log once, and completes every request that fsync covers.
 * Requests arriving while an fsync runs wait for, and share, the next round.
 */
public final class GroupCommitFlusher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitFlusher.class);

    private record Request(FlushTarget target, long offset, CompletableFuture<Void> future) {
    }

    private final Object lock = new Object();
    private final Thread thread;
    private List<Request> queue = new ArrayList<>();
    private boolean running = true;

    public GroupCommitFlusher(String threadName) {
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Completes once {@code target} is durable past {@code offset}. */
    public CompletableFuture<Void> flushUpTo(FlushTarget target, long offset) {
        if (target.flushedOffset() > offset) return CompletableFuture.completedFuture(null);
        CompletableFuture<Void> future = new CompletableFuture<>();
        synchronized (lock) {
            if (!running) {
                future.completeExceptionally(new KafkaStorageException("Log flusher is shut down"));
                return future;
            }
            queue.add(new Request(target, offset, future));
            lock.notifyAll();
        }
        return future;
    }

    private void run() {
        while (true) {
            List<Request> round;
            synchronized (lock) {
                while (queue.isEmpty() && running) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (queue.isEmpty()) return;
                round = queue;
                queue = new ArrayList<>();
            }
            flushRound(round);
        }
    }

    private void flushRound(List<Request> round) {
        Map<FlushTarget, Throwable> outcomes = new IdentityHashMap<>();
        for (Request r : round) {
            if (outcomes.containsKey(r.target())) continue;
            Throwable failure = null;
            try {
                if (r.target().flushedOffset() <= maxRequested(round, r.target())) r.target().flush();
            } catch (Exception e) {
                LOG.error("fsync failed", e);
                failure = e;
            }
            outcomes.put(r.target(), failure);
        }
        List<Request> retry = new ArrayList<>();
        for (Request r : round) {
            Throwable failure = outcomes.get(r.target());
            if (failure != null) r.future().completeExceptionally(new KafkaStorageException("fsync failed", failure));
            else if (r.target().flushedOffset() > r.offset()) r.future().complete(null);
            else retry.add(r); // appended after this round's snapshot of the log end; next round covers it
        }
        if (!retry.isEmpty()) {
            synchronized (lock) {
                queue.addAll(retry);
            }
        }
    }

    private static long maxRequested(List<Request> round, FlushTarget target) {
        long max = -1;
        for (Request r : round) if (r.target() == target) max = Math.max(max, r.offset());
        return max;
    }

    /** Stops the thread after finishing every queued request. */
    @Override
    public void close() {
        synchronized (lock) {
            running = false;
            lock.notifyAll();
        }
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
