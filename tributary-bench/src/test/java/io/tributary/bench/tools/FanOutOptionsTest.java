package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FanOutOptionsTest {

    @Test
    void appliesDefaultsAndNamesTheGroups() {
        // when
        FanOutOptions options = FanOutOptions.parse(new String[] {"--bootstrap-server", "b", "--topic", "t",
                "--groups", "20", "--records", "1048576"});

        // then
        assertThat(options.groups()).isEqualTo(20);
        assertThat(options.records()).isEqualTo(1_048_576L);
        assertThat(options.timeoutSeconds()).isEqualTo(1200);
        assertThat(options.groupId(0)).isEqualTo("fanout-0");
        assertThat(options.groupId(19)).isEqualTo("fanout-19");
        assertThat(options.warmUpGroupId()).isEqualTo("fanout-warm-up");
        assertThat(options.brokerPid()).isZero();
        assertThat(options.clockTicks()).isEqualTo(100);
    }

    @Test
    void takesAGroupPrefixTheClientConfigAndTheOutput() {
        // when
        FanOutOptions options = FanOutOptions.parse(new String[] {"--bootstrap-server", "b", "--topic", "t",
                "--groups", "1", "--records", "5", "--group-prefix", "run7", "--command-config", "/c.properties",
                "--output", "/o.properties", "--broker-pid", "321", "--clock-ticks", "250"});

        // then
        assertThat(options.groupId(0)).isEqualTo("run7-0");
        assertThat(options.commandConfig()).isEqualTo("/c.properties");
        assertThat(options.output()).isEqualTo("/o.properties");
        assertThat(options.brokerPid()).isEqualTo(321);
        assertThat(options.clockTicks()).isEqualTo(250);
    }

    @Test
    void rejectsMissingUnknownAndNonPositiveOptions() {
        // then
        assertThatThrownBy(() -> FanOutOptions.parse(new String[] {"--bootstrap-server", "b", "--topic", "t",
                "--groups", "2"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--records");
        assertThatThrownBy(() -> FanOutOptions.parse(new String[] {"--bootstrap-server", "b", "--topic", "t",
                "--groups", "0", "--records", "5"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> FanOutOptions.parse(new String[] {"--bootstrap-server", "b", "--topic", "t",
                "--groups", "1", "--records", "5", "--partitions", "6"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partitions");
    }
}
