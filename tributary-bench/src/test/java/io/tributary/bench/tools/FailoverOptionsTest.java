package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class FailoverOptionsTest {

    @Test
    void takesTheKillableNodesAndAppliesDefaults() {
        // when
        FailoverOptions options = FailoverOptions.parse(new String[] {"--bootstrap-server", "127.0.0.1:9092",
            "--topic", "failover", "--pids", "4=1200, 5=1300,6=1400"});

        // then
        assertThat(options.pids()).containsExactly(Map.entry(4, 1200L), Map.entry(5, 1300L), Map.entry(6, 1400L));
        assertThat(options.intervalMs()).isEqualTo(5);
        assertThat(options.warmupMs()).isEqualTo(3_000);
        assertThat(options.timeoutMs()).isEqualTo(60_000);
        assertThat(options.recordSize()).isEqualTo(100);
    }

    @Test
    void rejectsMissingPidsMalformedPairsAndUnknownOptions() {
        // then
        assertThatThrownBy(() -> FailoverOptions.parse(new String[] {"--bootstrap-server", "b", "--topic", "t"}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--pids");
        assertThatThrownBy(() -> FailoverOptions.parse(
            new String[] {"--bootstrap-server", "b", "--topic", "t", "--pids", "4:1200"}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NODE=PID");
        assertThatThrownBy(() -> FailoverOptions.parse(
            new String[] {"--bootstrap-server", "b", "--topic", "t", "--pids", "4=1", "--colour", "red"}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> FailoverOptions.parse(
            new String[] {"--bootstrap-server", "b", "--topic", "t", "--pids", "4=1", "--interval-ms", "0"}))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
