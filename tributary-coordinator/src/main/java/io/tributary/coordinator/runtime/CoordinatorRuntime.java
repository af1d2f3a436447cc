package io.tributary.coordinator.runtime;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs coordinator shards: loads them on election, runs operations and timers on the event thread, appends
 * the records they produce to the partition log and answers once those are committed.
 *
 * <p>Memory never keeps what the log does not hold: when an append whose records are already in memory (replayed,
 * or applied by the operation itself) fails, synchronously or after the log accepted it, the shard stops serving
 * (COORDINATOR_LOAD_IN_PROGRESS), waits until its other appends in flight settle, and is rebuilt by replaying the
 * committed log: Kafka reverts to its last committed snapshot, this reaches the same state by replay.
 */
public final class CoordinatorRuntime<S extends CoordinatorShard<R>, R> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorRuntime.class);
    private static final int LOAD_CHUNK_BYTES = 1024 * 1024;

    private final EventExecutor executor;
    private final RecordSerde<R> serde;
    private final BiFunction<Integer, CoordinatorTimer<R>, S> shardFactory;
    private final Time time;
    private final ShardLoader<S, R> loader;
    private final Map<Integer, ShardHolder<S, R>> shards = new ConcurrentHashMap<>();
    private final PartitionLoadListener loads;

    /** @param shardFactory creates the state machine of a partition, given the partition and its timers */
    public CoordinatorRuntime(EventExecutor executor, RecordSerde<R> serde,
                              BiFunction<Integer, CoordinatorTimer<R>, S> shardFactory, Time time) {
        this(executor, serde, shardFactory, time, PartitionLoadListener.NONE);
    }

    /** @param loads told of each partition's load time once it serves */
    public CoordinatorRuntime(EventExecutor executor, RecordSerde<R> serde,
                              BiFunction<Integer, CoordinatorTimer<R>, S> shardFactory, Time time,
                              PartitionLoadListener loads) {
        this.loads = loads;
        this.executor = executor;
        this.serde = serde;
        this.shardFactory = shardFactory;
        this.time = time;
        this.loader = new ShardLoader<>(executor, serde, LOAD_CHUNK_BYTES);
    }

    /** Thread-safe. */
    public ShardState state(int partition) {
        ShardHolder<S, R> holder = shards.get(partition);
        return holder == null ? ShardState.NOT_LED : holder.state;
    }

    public void onElection(int partition, CoordinatorLog log) {
        ShardHolder<S, R> holder = new ShardHolder<>(partition, log);
        ShardHolder<S, R> previous = shards.put(partition, holder);
        long scheduledMs = time.milliseconds();
        executor.execute(() -> {
            if (previous != null) {
                unload(previous);
            }
            holder.timer = new ShardTimer<>(executor, task -> runTimerTask(holder, task));
            holder.shard = shardFactory.apply(partition, holder.timer);
            loader.load(holder, () -> {
                holder.state = ShardState.ACTIVE;
                holder.shard.onLoaded();
                long now = time.milliseconds();
                loads.loaded(partition, now - scheduledMs, now);
            }, () -> {
                shards.remove(partition, holder);
                unload(holder);
            });
        });
    }

    public void onResignation(int partition) {
        ShardHolder<S, R> holder = shards.remove(partition);
        if (holder != null) {
            executor.execute(() -> unload(holder));
        }
    }

    /** The error for an operation on {@code partition} now, or NONE when it is served here. Thread-safe. */
    public Errors unavailableError(int partition) {
        return switch (state(partition)) {
            case ACTIVE -> Errors.NONE;
            case LOADING -> Errors.COORDINATOR_LOAD_IN_PROGRESS;
            case NOT_LED -> Errors.NOT_COORDINATOR;
        };
    }

    /** The shard of an active partition, or null. Only on the event thread. */
    public S activeShard(int partition) {
        ShardHolder<S, R> holder = shards.get(partition);
        return holder != null && holder.isActive() ? holder.shard : null;
    }

    public <T> CompletableFuture<T> scheduleWrite(int partition, WriteOperation<S, T, R> operation,
                                                  Function<Errors, T> errorResponse) {
        CompletableFuture<T> future = new CompletableFuture<>();
        executor.execute(() -> {
            ShardHolder<S, R> holder = shards.get(partition);
            CoordinatorResult<T, R> result = runOnShard(partition, future, errorResponse,
                    () -> operation.run(holder.shard, future));
            if (result != null) {
                append(holder, result, future, errorResponse);
            }
        });
        return future;
    }

    /**
     * Runs {@code operation} on the partition's shard (event thread), or answers {@code future} with the error that
     * stops it: the shard not served here, or the operation's failure. Null when answered.
     */
    private <T, V> V runOnShard(int partition, CompletableFuture<T> future, Function<Errors, T> errorResponse,
                                Supplier<V> operation) {
        Errors unavailable = unavailableError(partition);
        if (unavailable != Errors.NONE) {
            future.complete(errorResponse.apply(unavailable));
            return null;
        }
        try {
            return operation.get();
        } catch (ApiException e) {
            future.complete(errorResponse.apply(Errors.forException(e)));
        } catch (RuntimeException e) {
            LOG.error("Coordinator operation on partition {} failed", partition, e);
            future.complete(errorResponse.apply(Errors.UNKNOWN_SERVER_ERROR));
        }
        return null;
    }

    /**
     * Reads the shard's state, answering only what is committed: the state may include writes the log accepted but
     * has not committed yet, so the answer waits until the newest of those is committed (the earlier ones then are
     * too) and becomes a retriable error if it is not, or if the shard was reverted or moved meanwhile. Kafka reads
     * at its last committed snapshot instead; both never show a client what the log may still lose.
     */
    public <T> CompletableFuture<T> scheduleRead(int partition, Function<S, T> operation,
                                                 Function<Errors, T> errorResponse) {
        CompletableFuture<T> future = new CompletableFuture<>();
        executor.execute(() -> {
            ShardHolder<S, R> holder = shards.get(partition);
            T value = runOnShard(partition, future, errorResponse, () -> operation.apply(holder.shard));
            if (future.isDone()) {
                return;
            }
            if (holder.inFlight == 0) {
                future.complete(value);
                return;
            }
            holder.newestAppend.whenComplete((ignored, failure) -> executor.execute(() -> {
                boolean committed = failure == null || committedAnyway(failure);
                if (committed && shards.get(partition) == holder && holder.isActive() && !holder.revertPending) {
                    future.complete(value);
                } else {
                    Errors now = unavailableError(partition);
                    future.complete(errorResponse.apply(now == Errors.NONE ? Errors.COORDINATOR_LOAD_IN_PROGRESS
                            : now));
                }
            }));
        });
        return future;
    }

    /** Runs {@code task} on the event thread, e.g. a read across several shards via {@link #activeShard}. */
    public <T> CompletableFuture<T> runOnEventThread(Supplier<T> task) {
        CompletableFuture<T> future = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                future.complete(task.get());
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    @Override
    public void close() {
        for (Integer partition : List.copyOf(shards.keySet())) {
            onResignation(partition);
        }
        CompletableFuture<Void> drained = runOnEventThread(() -> null);
        try {
            drained.get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Coordinator event thread did not drain on close", e);
        }
        executor.close();
    }

    private void runTimerTask(ShardHolder<S, R> holder, Supplier<CoordinatorResult<Void, R>> task) {
        if (!holder.isActive()) {
            return;
        }
        try {
            append(holder, task.get(), new CompletableFuture<>(), error -> null);
        } catch (RuntimeException e) {
            LOG.error("Coordinator timer on partition {} failed", holder.partition, e);
        }
    }

    private <T> void append(ShardHolder<S, R> holder, CoordinatorResult<T, R> result, CompletableFuture<T> future,
                            Function<Errors, T> errorResponse) {
        if (result.records().isEmpty()) {
            finish(holder, result, future, errorResponse, null);
            return;
        }
        CompletableFuture<Void> committed;
        try {
            committed = holder.log.append(toBatch(result.records(), result.producer()));
        } catch (RuntimeException e) {
            LOG.warn("Coordinator append to partition {} failed: {}", holder.partition, e.toString());
            if (!result.replayRecords()) {
                revert(holder, e); // the operation already applied what the log refused
            }
            finish(holder, result, future, errorResponse, e);
            maybeReload(holder);
            return;
        }
        holder.inFlight++;
        holder.newestAppend = committed;
        if (result.replayRecords()) {
            replay(holder.shard, result);
        }
        committed.whenComplete((ignored, failure) -> executor.execute(() -> {
            holder.inFlight--;
            Throwable outcome = committedAnyway(failure) ? null : failure;
            if (outcome != null) {
                revert(holder, outcome);
            }
            finish(holder, result, future, errorResponse, outcome);
            maybeReload(holder);
        }));
    }

    /**
     * NOT_ENOUGH_REPLICAS_AFTER_APPEND comes once the high watermark passed the records (the ISR shrank below
     * min.insync.replicas meanwhile): they are committed, as Kafka's coordinator, which waits for the high
     * watermark only, counts them.
     */
    private static boolean committedAnyway(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException;
    }

    /** Stops serving the shard: its memory holds records the log will not (see the class comment). */
    private void revert(ShardHolder<S, R> holder, Throwable cause) {
        if (holder.revertPending || shards.get(holder.partition) != holder) {
            return;
        }
        LOG.warn("Coordinator partition {}: an accepted write failed ({}); reverting to the committed log",
                holder.partition, cause.toString());
        holder.revertPending = true;
        holder.state = ShardState.LOADING;
    }

    /** Once no append of a reverting shard is in flight, rebuilds it from the committed log. */
    private void maybeReload(ShardHolder<S, R> holder) {
        if (holder.revertPending && holder.inFlight == 0 && shards.get(holder.partition) == holder) {
            onElection(holder.partition, holder.log);
        }
    }

    private <T> void finish(ShardHolder<S, R> holder, CoordinatorResult<T, R> result, CompletableFuture<T> future,
                            Function<Errors, T> errorResponse, Throwable failure) {
        // After a resignation the shard already answered its waiters; its hooks must not touch dropped state. A
        // shard being reverted still runs them, so that they answer their waiters; its state is rebuilt after.
        if (result.onCommitted() != null && holder.state != ShardState.NOT_LED) {
            try {
                result.onCommitted().accept(failure);
            } catch (RuntimeException e) {
                LOG.error("Coordinator commit hook on partition {} failed", holder.partition, e);
            }
        }
        if (result.response() != null) {
            future.complete(failure == null ? result.response()
                    : errorResponse.apply(AppendErrors.toClientError(failure)));
        }
    }

    private void replay(S shard, CoordinatorResult<?, R> result) {
        ProducerBatch producer = result.producer();
        List<R> records = result.records();
        for (int i = 0; i < records.size(); i++) {
            if (producer == null) {
                shard.replay(records.get(i));
            } else {
                shard.replayTransactional(records.get(i), producer.producerId(), producer.producerEpoch(),
                        producer.baseSequence() + i);
            }
        }
    }

    private MemoryRecords toBatch(List<R> records, ProducerBatch producer) {
        long now = time.milliseconds();
        SimpleRecord[] simpleRecords = new SimpleRecord[records.size()];
        for (int i = 0; i < simpleRecords.length; i++) {
            R record = records.get(i);
            simpleRecords[i] = new SimpleRecord(now, serde.serializeKey(record), serde.serializeValue(record));
        }
        if (producer != null) {
            return MemoryRecords.withTransactionalRecords(Compression.NONE, producer.producerId(),
                    producer.producerEpoch(), producer.baseSequence(), simpleRecords);
        }
        return MemoryRecords.withRecords(Compression.NONE, simpleRecords);
    }

    private void unload(ShardHolder<S, R> holder) {
        boolean wasLoaded = holder.shard != null;
        holder.state = ShardState.NOT_LED;
        if (holder.timer != null) {
            holder.timer.cancelAll();
        }
        if (wasLoaded) {
            holder.shard.onUnloaded();
        }
    }
}
