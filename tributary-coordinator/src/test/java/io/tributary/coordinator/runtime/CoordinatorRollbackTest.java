package io.tributary.coordinator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Records;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A coordinator whose log fails a write after the write was applied in memory reverts to what the log committed
 * (issue 12): memory never shows what the log does not hold. Driven through a fault-injecting log whose commits
 * the test settles one by one.
 */
class CoordinatorRollbackTest {

    private static final int PARTITION = 0;

    private final MockTime time = new MockTime();
    private final ManualEventExecutor executor = new ManualEventExecutor(time);
    private final FaultyLog log = new FaultyLog();
    private final List<ListShard> shardsCreated = new ArrayList<>();
    private CoordinatorRuntime<ListShard, String> runtime;

    @BeforeEach
    void loadAShardWithOneCommittedRecord() {
        runtime = new CoordinatorRuntime<>(executor, new StringSerde(), (partition, timer) -> {
            ListShard shard = new ListShard();
            shardsCreated.add(shard);
            return shard;
        }, time);
        runtime.onElection(PARTITION, log);
        CompletableFuture<String> first = write("a");
        log.commitAll();
        assertThat(first).isCompletedWithValue("ok");
        assertThat(state()).isEqualTo("[a]");
    }

    @Test
    void aWriteThatFailsAfterTheLogAcceptedItIsRolledBack() {
        // given a write applied in memory, not yet committed
        CompletableFuture<String> second = write("b");
        assertThat(shardsCreated.get(0).values).containsExactly("a", "b");

        // when the log cannot commit it (leadership lost, its records truncated)
        log.failPending(new NotLeaderOrFollowerException("moved"));

        // then the caller hears so and the state is the committed log's again
        assertThat(second).isCompletedWithValue("error:NOT_COORDINATOR");
        assertThat(state()).isEqualTo("[a]");
        assertThat(shardsCreated).hasSize(2);
    }

    @Test
    void anOperationThatChangedMemoryItselfIsRolledBackWhenTheLogRefusesItsRecords() {
        // given the log refuses the next append
        log.failNextAppend(new NotEnoughReplicasException("ISR too small"));

        // when an operation that applies its change before persisting it runs (classic group membership does)
        CompletableFuture<String> persisted = runtime.scheduleWrite(PARTITION, (shard, future) -> {
            shard.values.add("p");
            return CoordinatorResult.persisting(List.of("p"), "ok", null);
        }, error -> "error:" + error.name());

        // then its change is gone
        assertThat(persisted).isCompletedWithValue("error:COORDINATOR_NOT_AVAILABLE");
        assertThat(state()).isEqualTo("[a]");
    }

    @Test
    void theRollbackWaitsForEarlierWritesInFlightAndKeepsThoseTheLogCommits() {
        // given a write in flight
        CompletableFuture<String> second = write("b");

        // when a later write fails at once
        log.failNextAppend(new KafkaStorageException("disk"));
        CompletableFuture<String> third = runtime.scheduleWrite(PARTITION, (shard, future) -> {
            shard.values.add("c");
            return CoordinatorResult.persisting(List.of("c"), "ok", null);
        }, error -> "error:" + error.name());

        // then the shard serves nothing until the earlier write settled
        assertThat(third).isCompletedWithValue("error:NOT_COORDINATOR");
        assertThat(runtime.state(PARTITION)).isEqualTo(ShardState.LOADING);
        assertThat(write("d")).isCompletedWithValue("error:COORDINATOR_LOAD_IN_PROGRESS");

        // and once it is committed the state is exactly the committed log
        log.commitAll();
        assertThat(second).isCompletedWithValue("ok");
        assertThat(runtime.state(PARTITION)).isEqualTo(ShardState.ACTIVE);
        assertThat(state()).isEqualTo("[a, b]");
    }

    @Test
    void aCallerAnsweredByTheCommitHookHearsOfTheFailureBeforeTheRollback() {
        // given a write that answers its caller itself once its records are committed (as a JoinGroup does)
        CompletableFuture<String> waiting = runtime.scheduleWrite(PARTITION, (shard, future) ->
                new CoordinatorResult<>(List.of("w"), null, true,
                        failure -> future.complete(failure == null ? "ok" : "failed")),
                error -> "error:" + error.name());

        // when its append fails after being accepted
        log.failPending(new NotLeaderOrFollowerException("moved"));

        // then the caller is answered and the state rolled back
        assertThat(waiting).isCompletedWithValue("failed");
        assertThat(state()).isEqualTo("[a]");
    }

    @Test
    void recordsCommittedWhileTheIsrShrankAreKept() {
        // given a write in flight
        CompletableFuture<String> second = write("b");

        // when the high watermark passes it after the ISR fell below min.insync.replicas
        log.commitAllFailing(new NotEnoughReplicasAfterAppendException("ISR shrank"));

        // then it counts as committed, as in Kafka's coordinator: no rollback, the caller hears success
        assertThat(second).isCompletedWithValue("ok");
        assertThat(state()).isEqualTo("[a, b]");
        assertThat(shardsCreated).hasSize(1);
    }

    @Test
    void aReadWaitsUntilTheWritesItSeesAreCommitted() {
        // given a write applied in memory, not yet committed
        CompletableFuture<String> second = write("b");

        // when the state is read
        CompletableFuture<String> read = read();

        // then the answer waits for the commit, and shows the write once it is committed
        assertThat(read).isNotDone();
        log.commitAll();
        assertThat(second).isCompletedWithValue("ok");
        assertThat(read).isCompletedWithValue("[a, b]");
    }

    @Test
    void aReadThatSawAWriteTheLogLosesIsARetriableError() {
        // given a read that saw a write still in flight
        write("b");
        CompletableFuture<String> read = read();

        // when the log cannot commit the write
        log.failPending(new NotLeaderOrFollowerException("moved"));

        // then the reader never sees it: it is told to retry, and the retry reads the committed log
        assertThat(read).isCompletedWithValue("error:COORDINATOR_LOAD_IN_PROGRESS");
        assertThat(state()).isEqualTo("[a]");
    }

    private CompletableFuture<String> read() {
        return runtime.scheduleRead(PARTITION, shard -> shard.values.toString(), error -> "error:" + error.name());
    }

    private CompletableFuture<String> write(String record) {
        return runtime.scheduleWrite(PARTITION, (shard, future) -> CoordinatorResult.of(List.of(record), "ok"),
                error -> "error:" + error.name());
    }

    private String state() {
        return read().join();
    }

    /** A state machine whose state is the list of its records. */
    private static final class ListShard implements CoordinatorShard<String> {

        final List<String> values = new ArrayList<>();

        @Override
        public void replay(String record) {
            values.add(record);
        }

        @Override
        public void onLoaded() {
        }

        @Override
        public void onUnloaded() {
        }
    }

    private static final class StringSerde implements RecordSerde<String> {

        @Override
        public byte[] serializeKey(String record) {
            return record.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] serializeValue(String record) {
            return new byte[] {1};
        }

        @Override
        public String deserialize(ByteBuffer key, ByteBuffer value) {
            return StandardCharsets.UTF_8.decode(key).toString();
        }
    }

    /**
     * A log that accepts appends and commits them only when told; it can refuse an append, or fail the pending
     * ones (dropping them, as a truncation would). Reads see committed records only.
     */
    private static final class FaultyLog implements CoordinatorLog {

        private final InMemoryCoordinatorLog committed = new InMemoryCoordinatorLog();
        private final List<MemoryRecords> pendingRecords = new ArrayList<>();
        private final List<CompletableFuture<Void>> pendingFutures = new ArrayList<>();
        private RuntimeException nextAppendFailure;

        void failNextAppend(RuntimeException failure) {
            nextAppendFailure = failure;
        }

        @Override
        public CompletableFuture<Void> append(MemoryRecords records) {
            if (nextAppendFailure != null) {
                RuntimeException failure = nextAppendFailure;
                nextAppendFailure = null;
                throw failure;
            }
            ByteBuffer copy = ByteBuffer.allocate(records.sizeInBytes());
            copy.put(records.buffer().duplicate()).flip();
            pendingRecords.add(MemoryRecords.readableRecords(copy));
            CompletableFuture<Void> future = new CompletableFuture<>();
            pendingFutures.add(future);
            return future;
        }

        void commitAll() {
            settle(null);
        }

        void commitAllFailing(RuntimeException failure) {
            settle(failure);
        }

        void failPending(RuntimeException failure) {
            List<CompletableFuture<Void>> futures = List.copyOf(pendingFutures);
            pendingRecords.clear();
            pendingFutures.clear();
            futures.forEach(f -> f.completeExceptionally(failure));
        }

        private void settle(RuntimeException failure) {
            List<CompletableFuture<Void>> futures = List.copyOf(pendingFutures);
            pendingRecords.forEach(committed::append);
            pendingRecords.clear();
            pendingFutures.clear();
            futures.forEach(f -> {
                if (failure == null) {
                    f.complete(null);
                } else {
                    f.completeExceptionally(failure);
                }
            });
        }

        @Override
        public Records read(long offset, int maxBytes) {
            return committed.read(offset, maxBytes);
        }

        @Override
        public long startOffset() {
            return 0;
        }

        @Override
        public long committedEndOffset() {
            return committed.committedEndOffset();
        }
    }
}
