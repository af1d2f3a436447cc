package io.tributary.storage;

import static io.tributary.storage.LogFixture.START_MS;
import static io.tributary.storage.LogFixture.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.storage.api.AppendResult;
import io.tributary.storage.api.LogConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFlushTest {

    @TempDir
    Path dir;
    LogFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LogFixture(dir, new MockTime(0, START_MS, START_MS * 1_000_000L),
                StorageConfig.defaults(List.of(dir)).withDurable(true).withCleanerEnable(false));
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void futuresCompleteOnlyOnceAnFsyncCoversTheirOffsets() throws Exception {
        // given
        PartitionLog log = fixture.log(LogConfig.builder().segmentBytes(4096).build());
        ExecutorService producers = Executors.newFixedThreadPool(8);
        List<Future<Long>> acked = new ArrayList<>();

        // when: concurrent producers each append then wait for durability, sharing fsyncs
        for (int i = 0; i < 400; i++) {
            int n = i;
            acked.add(producers.submit(() -> {
                AppendResult result = log.appendAsLeader(batch(START_MS, "v" + n), 0);
                log.flushUpTo(result.lastOffset()).get(10, TimeUnit.SECONDS);
                assertThat(log.flushedOffset()).isGreaterThan(result.lastOffset());
                return result.lastOffset();
            }));
        }
        for (Future<Long> f : acked) f.get(30, TimeUnit.SECONDS);
        producers.shutdown();

        // then
        assertThat(log.flushedOffset()).isEqualTo(400);
        assertThat(log.numberOfSegments()).isGreaterThan(1);
    }

    @Test
    void alreadyFlushedOffsetsCompleteImmediately() throws Exception {
        // given
        PartitionLog log = fixture.log(LogConfig.defaults());
        AppendResult result = log.appendAsLeader(batch(START_MS, "a"), 0);
        log.flushUpTo(result.lastOffset()).get(10, TimeUnit.SECONDS);

        // when
        CompletableFuture<Void> again = log.flushUpTo(result.lastOffset());

        // then
        assertThat(again).isCompleted();
    }

    @Test
    void flushMessagesFsyncsDuringTheAppend() {
        // given
        PartitionLog log = fixture.log(LogConfig.builder().flushMessages(2).build());

        // when
        log.appendAsLeader(batch(START_MS, "a"), 0);
        long afterOne = log.flushedOffset();
        log.appendAsLeader(batch(START_MS, "b"), 0);

        // then
        assertThat(afterOne).isZero();
        assertThat(log.flushedOffset()).isEqualTo(2);
    }
}
