package io.tributary.broker.partition;

import java.util.concurrent.atomic.AtomicReference;

/**
 * An action held until the high watermark reaches the start of a leader epoch (everything earlier leaders wrote
 * is then committed). Runs at most once, and never if the epoch ended first.
 */
final class EpochCommitGate {

    private record Waiting(int leaderEpoch, long startOffset, Runnable action) {
    }

    private final AtomicReference<Waiting> waiting = new AtomicReference<>();

    void hold(int leaderEpoch, long startOffset, Runnable action) {
        waiting.set(new Waiting(leaderEpoch, startOffset, action));
    }

    void clear() {
        waiting.set(null);
    }

    /** Cheap when nothing waits: one volatile read. {@code currentEpoch} is -1 when not leading. */
    void maybeOpen(int currentEpoch, long highWatermark) {
        Waiting held = waiting.get();
        if (held != null && held.leaderEpoch() == currentEpoch && highWatermark >= held.startOffset()
                && waiting.compareAndSet(held, null)) {
            held.action().run();
        }
    }
}
