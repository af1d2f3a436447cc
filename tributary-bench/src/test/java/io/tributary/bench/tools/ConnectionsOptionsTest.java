package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConnectionsOptionsTest {

    @Test
    void appliesDefaultsAndSplitsTheClientsIntoActiveAndIdle() {
        // when
        ConnectionsOptions options = ConnectionsOptions.parse(new String[] {"--bootstrap-server", "127.0.0.1:9092",
                "--topic", "t", "--connections", "5000", "--broker-pid", "1234"});

        // then
        assertThat(options.activeClients()).isEqualTo(10);
        assertThat(options.idleClients()).isEqualTo(4990);
        assertThat(options.ratePerSecond()).isEqualTo(2000);
        assertThat(options.recordSize()).isEqualTo(1024);
        assertThat(options.warmupSeconds()).isEqualTo(10);
        assertThat(options.seconds()).isEqualTo(60);
        assertThat(options.brokerPid()).isEqualTo(1234);
        assertThat(options.clockTicks()).isEqualTo(100);
        assertThat(options.commandConfig()).isNull();
        assertThat(options.output()).isNull();
        assertThat(options.series()).isNull();
    }

    @Test
    void takesTheOutputAndSeriesFiles() {
        // when
        ConnectionsOptions options = ConnectionsOptions.parse(new String[] {"--bootstrap-server", "b", "--topic", "t",
                "--connections", "10", "--output", "/o.properties", "--series", "/s.csv"});

        // then
        assertThat(options.output()).isEqualTo("/o.properties");
        assertThat(options.series()).isEqualTo("/s.csv");
    }

    @Test
    void everyClientIsActiveWhenThereAreNoMoreThanTheActiveOnes() {
        // when
        ConnectionsOptions ten = ConnectionsOptions.parse(
                new String[] {"--bootstrap-server", "b", "--topic", "t", "--connections", "10"});
        ConnectionsOptions four = ConnectionsOptions.parse(
                new String[] {"--bootstrap-server", "b", "--topic", "t", "--connections", "4"});

        // then
        assertThat(ten.activeClients()).isEqualTo(10);
        assertThat(ten.idleClients()).isZero();
        assertThat(four.activeClients()).isEqualTo(4);
        assertThat(four.idleClients()).isZero();
    }

    @Test
    void rejectsMissingAndUnknownOptionsAndNonsense() {
        // then
        assertThatThrownBy(() -> ConnectionsOptions.parse(new String[] {"--bootstrap-server", "b", "--topic", "t"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--connections");
        assertThatThrownBy(() -> ConnectionsOptions.parse(new String[] {"--bootstrap-server", "b", "--topic", "t",
                "--connections", "10", "--idle", "3"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idle");
        assertThatThrownBy(() -> ConnectionsOptions.parse(new String[] {"--bootstrap-server", "b", "--topic", "t",
                "--connections", "10", "--rate", "0"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rate");
        assertThatThrownBy(() -> ConnectionsOptions.parse(new String[] {"--bootstrap-server", "b", "--topic", "t",
                "--connections", "0"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--connections");
    }
}
