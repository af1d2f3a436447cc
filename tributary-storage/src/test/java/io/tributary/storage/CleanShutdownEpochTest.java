package io.tributary.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.storage.api.LogConfig;
import io.tributary.storage.checkpoint.CleanShutdownMarker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KIP-966: the broker epoch a clean stop records in {@code .kafka_cleanshutdown} is what the next start reads as its
 * PreviousBrokerEpoch; a crash (no marker) or a wiped or new log dir reads -1.
 */
class CleanShutdownEpochTest {

    @TempDir
    Path first;
    @TempDir
    Path second;

    private LogManager manager;

    @AfterEach
    void close() {
        if (manager != null) {
            manager.close();
        }
    }

    private LogManager started(List<Path> dirs) {
        manager = new LogManager(StorageConfig.defaults(dirs).withCleanerEnable(false),
                new MockTime(0, LogFixture.START_MS, LogFixture.START_MS * 1_000_000L));
        return manager;
    }

    @Test
    void theEpochOfACleanStopIsReadAtTheNextStart() throws IOException {
        // given: a broker with epoch 42 stops cleanly
        LogManager running = started(List.of(first, second));
        running.startup();
        running.getOrCreateLog(LogFixture.TP, LogFixture.TOPIC_ID, LogConfig.defaults());
        running.recordBrokerEpoch(() -> 42L);
        running.close();

        // when it starts again
        LogManager restarted = started(List.of(first, second));

        // then: Kafka's marker, read before the logs load
        assertThat(Files.readString(first.resolve(CleanShutdownMarker.FILE_NAME)))
                .isEqualTo("{\"version\":0,\"brokerEpoch\":42}");
        assertThat(restarted.previousBrokerEpoch()).isEqualTo(42);
    }

    @Test
    void afterACrashTheEpochIsUnknown() {
        // given: a clean stop at epoch 42, a start (which removes the marker), then a crash (no close)
        LogManager running = started(List.of(first));
        running.startup();
        running.recordBrokerEpoch(() -> 42L);
        running.close();
        LogManager crashing = started(List.of(first));
        crashing.startup();
        manager = null;

        // when
        LogManager afterCrash = started(List.of(first));

        // then
        assertThat(afterCrash.previousBrokerEpoch()).isEqualTo(CleanShutdownMarker.NO_EPOCH);
        crashing.close();
    }

    @Test
    void aWipedLogDirMakesTheEpochUnknown() throws IOException {
        // given: a clean stop at epoch 42 over two log dirs, then one dir's disk is replaced
        LogManager running = started(List.of(first, second));
        running.startup();
        running.recordBrokerEpoch(() -> 42L);
        running.close();
        wipe(second);

        // when
        LogManager restarted = started(List.of(first, second));

        // then
        assertThat(CleanShutdownMarker.brokerEpoch(first)).isEqualTo(42);
        assertThat(restarted.previousBrokerEpoch()).isEqualTo(CleanShutdownMarker.NO_EPOCH);
    }

    @Test
    void aStopBeforeTheBrokerRegisteredRecordsNoEpoch() {
        // given: never told an epoch
        LogManager running = started(List.of(first));
        running.startup();
        running.close();

        // when
        LogManager restarted = started(List.of(first));

        // then
        assertThat(restarted.previousBrokerEpoch()).isEqualTo(CleanShutdownMarker.NO_EPOCH);
    }

    private static void wipe(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(dir)) {
                    Files.delete(path);
                }
            }
        }
    }
}
