package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FanOutConsumersTest {

    private static final FanOutOptions OPTIONS = FanOutOptions.parse(
            new String[] {"--bootstrap-server", "b", "--topic", "t", "--groups", "2", "--records", "2048"});

    @Test
    void totalRateIsAllGroupsBytesOverTheTimeUntilTheLastFinished() {
        // given: two groups each read 2 MiB, one in 1 s, one in 2 s
        GroupTally fast = readWholeTopic("fanout-0", 1_000_000_000L + 5);
        GroupTally slow = readWholeTopic("fanout-1", 2_000_000_000L + 5);
        Figures figures = new Figures();

        // when
        FanOutConsumers.report(OPTIONS, List.of(fast, slow), 5, 2.0, figures);

        // then
        assertThat(figures.errors()).isEmpty();
        assertThat(figures.value("fanout_mib_per_s")).isEqualTo("2.000");
        assertThat(figures.value("slowest_group_s")).isEqualTo("2.000");
        assertThat(figures.value("fastest_group_s")).isEqualTo("1.000");
        assertThat(figures.value("cpu_fanout_s_per_gib")).isEqualTo("512.000"); // 2 s for 4 MiB
    }

    @Test
    void aGroupThatDidNotReadEveryRecordOnceLeavesOnlyAnError() {
        // given
        GroupTally good = readWholeTopic("fanout-0", 1_000_000_000L);
        GroupTally shortOne = new GroupTally("fanout-1", Map.of(0, 1024L, 1, 1024L));
        shortOne.onRecord(0, 0, 1024);
        shortOne.finished(1_000_000_000L);
        Figures figures = new Figures();

        // when
        FanOutConsumers.report(OPTIONS, List.of(good, shortOne), 0, 1.0, figures);

        // then
        assertThat(figures.value("fanout_mib_per_s")).isNull();
        assertThat(figures.value("cpu_fanout_s_per_gib")).isNull();
        assertThat(figures.errors()).singleElement().asString()
                .contains("1 of 2 groups", "fanout-1", "read 1 records, expected 2048");
    }

    @Test
    void withoutTheBrokerPidThereIsNoCpuFigure() {
        // given
        Figures figures = new Figures();

        // when
        FanOutConsumers.report(OPTIONS, List.of(readWholeTopic("fanout-0", 10), readWholeTopic("fanout-1", 10)), 0,
                -1, figures);

        // then
        assertThat(figures.value("fanout_mib_per_s")).isNotNull();
        assertThat(figures.value("cpu_fanout_s_per_gib")).isNull();
    }

    private static GroupTally readWholeTopic(String group, long finishedNanos) {
        GroupTally tally = new GroupTally(group, Map.of(0, 1024L, 1, 1024L));
        for (int partition = 0; partition < 2; partition++) {
            for (long offset = 0; offset < 1024; offset++) tally.onRecord(partition, offset, 1024);
        }
        tally.finished(finishedNanos);
        return tally;
    }
}
