package io.tributary.metadata;

import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.replay.ImageDiff;
import io.tributary.metadata.replay.ImageRecords;
import io.tributary.metadata.replay.MetadataReplayer;
import io.tributary.metadata.snapshot.MetadataSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tributary.metadata.log.MetadataBatch;

/**
 * Builds the image from committed batches, on one thread of its own, and tells the listeners, in log order.
 * Operations wait here until the batch they appended has been applied, so they answer from an image that
 * contains their own change.
 */
final class MetadataApplier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetadataApplier.class);
    /** Most batches applied as one image: bounds how long the apply thread goes without publishing. */
    private static final int MAX_GROUP = 4096;

    private final ExecutorService thread;
    private final List<MetadataListener> listeners = new CopyOnWriteArrayList<>();
    private final Consumer<MetadataImage> applied;
    // Batches handed over by the log and not applied yet, in log order.
    private final Queue<MetadataBatch> pending = new ConcurrentLinkedQueue<>();
    // Complete once the image holds their offset, before the listeners hear of it. Guarded by itself: registered
    // from any thread, while the apply thread may be busy in a listener.
    private final TreeMap<Long, List<CompletableFuture<Void>>> imageWaiters = new TreeMap<>();
    // Complete once the listeners have heard of their offset too. Touched only on the apply thread.
    private final TreeMap<Long, List<CompletableFuture<Void>>> waiters = new TreeMap<>();
    private volatile MetadataImage image;
    // The offset of the last batch handed over by the log; the image reaches it once the queue drains.
    private volatile long lastDelivered = MetadataImage.NO_OFFSET;
    // Set when a batch cannot be applied: later batches build on it, so applying them would diverge silently.
    private boolean failed;

    /** {@code applied} hears of every new image, on the apply thread (the log may snapshot it). */
    MetadataApplier(MetadataImage initial, ExecutorService thread, Consumer<MetadataImage> applied) {
        this.image = initial;
        this.applied = applied;
        this.thread = thread;
    }

    MetadataImage image() {
        return image;
    }

    /**
     * Called by the metadata log, in order; applying happens on the apply thread. Batches that queued up meanwhile
     * (a start replaying the log, a burst) are applied together: one image and one delta for all of them, since
     * building an image copies its maps and doing that per batch made a long replay cost (batches x topics).
     */
    void onCommitted(MetadataBatch batch) {
        lastDelivered = batch.lastOffset();
        pending.add(batch);
        try {
            thread.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // Closed while the log still delivers (the log is closed after the controller): nobody needs it.
            log.debug("Ignoring the metadata batch at offset {}: the controller is closed", batch.lastOffset());
        }
    }

    /** Completes once the image includes the batch at {@code offset} and the listeners have heard of it. */
    CompletableFuture<Void> awaitApplied(long offset) {
        return await(waiters, offset);
    }

    /**
     * Completes once the image includes the batch at {@code offset}, perhaps before the listeners have heard of it.
     * The controller thread goes on once its change is here, as Kafka's once a change is committed: a broker
     * hosting the change (making the logs of a topic of 10,000 partitions) catches up without holding it; only the
     * change's answer waits for that (see ControllerThread). Registered without the apply thread, which may be busy
     * in a listener.
     */
    CompletableFuture<Void> awaitImage(long offset) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (imageWaiters) {
            if (image.offset() >= offset) {
                done.complete(null);
            } else {
                imageWaiters.computeIfAbsent(offset, o -> new ArrayList<>()).add(done);
            }
        }
        return done;
    }

    private CompletableFuture<Void> await(TreeMap<Long, List<CompletableFuture<Void>>> queue, long offset) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        thread.execute(() -> {
            if (image.offset() >= offset) {
                done.complete(null);
            } else {
                queue.computeIfAbsent(offset, o -> new ArrayList<>()).add(done);
            }
        });
        return done;
    }

    /** Completes once every batch delivered so far has been applied. */
    CompletableFuture<Void> awaitDelivered() {
        return awaitApplied(lastDelivered);
    }

    /** Adds a listener that first gets the current image as one delta of creations (if there is one yet). */
    void addListener(MetadataListener listener) {
        thread.execute(() -> {
            listeners.add(listener);
            MetadataImage current = image;
            // Before the first batch there is nothing to catch up on; the listener sees every batch as it comes.
            if (current.offset() != MetadataImage.NO_OFFSET) {
                MetadataReplayer full = new MetadataReplayer(MetadataImage.empty(current.clusterId()));
                // Rebuild the current state as records so the listener sees creations, not a diff.
                ImageRecords.of(current).forEach(full::replay);
                notifyListener(listener, full.delta(), current);
            }
        });
    }

    /** Applies what is queued, up to {@link #MAX_GROUP} batches; a snapshot is applied on its own. */
    private void drain() {
        List<MetadataBatch> group = new ArrayList<>();
        MetadataBatch next;
        while (group.size() < MAX_GROUP && (next = pending.peek()) != null) {
            if (next.snapshot()) {
                if (group.isEmpty()) {
                    applySnapshot(pending.poll());
                }
                break;
            }
            group.add(pending.poll());
        }
        if (!group.isEmpty()) {
            applyGroup(group);
        }
    }

    /** A whole image: it replaces ours, and the listeners hear of the difference. */
    private void applySnapshot(MetadataBatch batch) {
        MetadataImage previous = image;
        long offset = batch.lastOffset();
        try {
            image = new MetadataSnapshot(offset, 0, batch.records()).toImage(previous.clusterId());
        } catch (RuntimeException e) {
            log.error("Cannot load the metadata snapshot at offset {}; the image stays at offset {}", offset,
                previous.offset(), e);
            failed = true;
            return;
        }
        failed = false;
        log.info("Loaded the metadata snapshot at offset {} ({} records)", offset, batch.records().size());
        publish(previous, ImageDiff.between(previous, image), offset);
    }

    /** Consecutive batches replayed into one new image; a failing batch is found by applying them one by one. */
    private void applyGroup(List<MetadataBatch> group) {
        if (failed) {
            return;
        }
        MetadataImage previous = image;
        MetadataReplayer replayer = new MetadataReplayer(previous);
        MetadataBatch current = null;
        try {
            for (MetadataBatch batch : group) {
                current = batch;
                long batchOffset = batch.lastOffset();
                batch.records().forEach(record -> replayer.replay(record, batchOffset));
            }
        } catch (RuntimeException e) {
            if (group.size() > 1) {
                // The shared replayer is spoiled; the image is not: apply up to the faulty batch alone.
                for (MetadataBatch batch : group) {
                    applyGroup(List.of(batch));
                }
                return;
            }
            log.error("Cannot apply the metadata batch at offset {}; the image stays at offset {}",
                current.lastOffset(), previous.offset(), e);
            failed = true;
            return;
        }
        long offset = group.get(group.size() - 1).lastOffset();
        image = replayer.build(offset);
        publish(previous, replayer.delta(), offset);
    }

    private void publish(MetadataImage previous, MetadataDelta delta, long offset) {
        synchronized (imageWaiters) { // after the image was set: a waiter registering now sees it
            complete(imageWaiters, offset);
        }
        // Client quotas are not part of the delta; listeners that follow them compare the image's quotas.
        if (!delta.isEmpty() || image.clientQuotas() != previous.clientQuotas()) {
            for (MetadataListener listener : listeners) {
                notifyListener(listener, delta, image);
            }
        }
        complete(waiters, offset);
        try {
            applied.accept(image);
        } catch (RuntimeException e) {
            // A failed snapshot must not stop the image from following the log; the next image tries again.
            log.error("The metadata log failed on the image at offset {}", offset, e);
        }
    }

    private static void complete(TreeMap<Long, List<CompletableFuture<Void>>> queue, long offset) {
        Map<Long, List<CompletableFuture<Void>>> ready = queue.headMap(offset, true);
        ready.values().forEach(list -> list.forEach(f -> f.complete(null)));
        ready.clear();
    }

    private static void notifyListener(MetadataListener listener, MetadataDelta delta, MetadataImage newImage) {
        try {
            listener.onMetadataUpdate(delta, newImage);
        } catch (RuntimeException e) {
            log.error("Metadata listener {} failed on the update to offset {}", listener, newImage.offset(), e);
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
