package io.tributary.storage;

import static io.tributary.storage.LogFixture.START_MS;
import static io.tributary.storage.LogFixture.keyed;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.storage.api.LogConfig;
import io.tributary.storage.cleaner.LogCleaner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactionTest {

    @TempDir
    Path dir;
    LogFixture fixture;
    PartitionLog log;

    @BeforeEach
    void setUp() {
        fixture = new LogFixture(dir);
        log = fixture.log(LogConfig.builder().cleanupPolicy("compact").segmentBytes(512).deleteRetentionMs(1000)
                .fileDeleteDelayMs(0).build());
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private void put(String key, String value) {
        log.appendAsLeader(keyed(START_MS, key, value), 0);
        log.updateHighWatermark(log.logEndOffset());
    }

    @Test
    void keepsOnlyTheLatestValuePerKeyWithOriginalOffsets() {
        // given
        for (int round = 0; round < 10; round++) {
            for (String key : List.of("a", "b", "c")) put(key, key + round);
        }
        put("d", "d0"); // keeps the active segment non-empty
        long sizeBefore = log.sizeInBytes();

        // when
        fixture.manager.runCleaner();

        // then
        List<String> values = LogFixture.readAllValues(log);
        assertThat(values).contains("27:a9", "28:b9", "29:c9", "30:d0");
        assertThat(values).noneMatch(v -> v.endsWith(":a0") || v.endsWith(":b5"));
        assertThat(log.sizeInBytes()).isLessThan(sizeBefore);
        assertThat(log.logEndOffset()).isEqualTo(31);
        assertThat(log.appendAsLeader(keyed(START_MS, "e", "e0"), 0).firstOffset()).isEqualTo(31);
    }

    @Test
    void dropsTombstonesOnlyAfterDeleteRetention() {
        // given
        for (int i = 0; i < 12; i++) put("k" + i, "v" + i);
        put("k1", null);
        for (int i = 0; i < 12; i++) put("filler" + i, "x");
        fixture.manager.runCleaner();
        assertThat(LogFixture.readAllValues(log)).contains("12:null").noneMatch(v -> v.equals("1:v1"));

        // when
        fixture.time.sleep(1001);
        fixture.manager.runCleaner();

        // then
        assertThat(LogFixture.readAllValues(log)).noneMatch(v -> v.startsWith("12:")).contains("0:v0");
    }

    @Test
    void skipsLogsBelowTheMinimumDirtyRatio() throws Exception {
        // given
        for (int i = 0; i < 40; i++) put("k" + i, "v" + i);
        fixture.manager.runCleaner();
        put("k0", "again");
        for (int i = 0; i < 12; i++) put("n" + i, "x");

        // when
        fixture.manager.updateConfig(LogFixture.TP, log.config().toBuilder().minCleanableDirtyRatio(0.99).build());
        boolean cleaned = new LogCleaner().maybeClean(log.cleanable(), fixture.time.milliseconds());

        // then
        assertThat(cleaned).isFalse();
        assertThat(LogFixture.readAllValues(log)).contains("0:v0");
    }

    @Test
    void compactedLogSurvivesRestart() {
        // given
        for (int round = 0; round < 10; round++) put("a", "a" + round);
        for (int i = 0; i < 20; i++) put("z" + i, "z");
        fixture.manager.runCleaner();
        List<String> before = LogFixture.readAllValues(log);

        // when
        fixture.restart();
        PartitionLog reopened = fixture.manager.getLog(LogFixture.TP).orElseThrow();

        // then
        assertThat(LogFixture.readAllValues(reopened)).containsExactlyElementsOf(before);
        assertThat(before).contains("9:a9").doesNotContain("0:a0");
    }
}
