package io.tributary.coordinator.runtime;

import java.util.List;
import java.util.function.Consumer;

/**
 * What a write operation produces: records to append, the response to give once they are committed, and an
 * optional hook run on the event thread when the append is committed (null) or failed (the cause).
 *
 * @param response      null when the operation answers its caller itself (e.g. a JoinGroup that waits)
 * @param replayRecords whether the records are applied to the state after the append; false when the operation
 *                      already changed the in-memory state itself (classic group membership)
 * @param producer      non-null to append the records as a transactional batch of that producer
 */
public record CoordinatorResult<T, R>(List<R> records, T response, boolean replayRecords,
                                      Consumer<Throwable> onCommitted, ProducerBatch producer) {

    public CoordinatorResult(List<R> records, T response, boolean replayRecords, Consumer<Throwable> onCommitted) {
        this(records, response, replayRecords, onCommitted, null);
    }

    public static <T, R> CoordinatorResult<T, R> of(T response) {
        return new CoordinatorResult<>(List.of(), response, true, null);
    }

    public static <T, R> CoordinatorResult<T, R> of(List<R> records, T response) {
        return new CoordinatorResult<>(records, response, true, null);
    }

    public static <T, R> CoordinatorResult<T, R> deferred() {
        return new CoordinatorResult<>(List.of(), null, true, null);
    }

    /** Records already reflected in memory: written for durability only, with a hook for the outcome. */
    public static <T, R> CoordinatorResult<T, R> persisting(List<R> records, T response,
                                                          Consumer<Throwable> onCommitted) {
        return new CoordinatorResult<>(records, response, false, onCommitted);
    }

    /** Records written inside a producer's transaction: replayed as pending until its marker settles them. */
    public static <T, R> CoordinatorResult<T, R> transactional(List<R> records, T response, ProducerBatch producer) {
        return new CoordinatorResult<>(records, response, true, null, producer);
    }
}
