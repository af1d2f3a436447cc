package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LongRunOptionsTest {

    @Test
    void appliesDefaultsForWhatIsNotGiven() {
        // when
        LongRunOptions options = LongRunOptions.parse(
                new String[] {"--bootstrap-server", "127.0.0.1:9092", "--topic", "t", "--duration-s", "60"});

        // then
        assertThat(options.durationS()).isEqualTo(60);
        assertThat(options.ratePerSecond()).isEqualTo(20_000);
        assertThat(options.recordSize()).isEqualTo(1024);
        assertThat(options.brokerPid()).isEqualTo(-1);
        assertThat(options.gcLog()).isNull();
        assertThat(options.logDir()).isNull();
        assertThat(options.series()).isNull();
        assertThat(options.intervalS()).isEqualTo(10);
        assertThat(options.rssWindowS()).isEqualTo(300);
        assertThat(options.clockTicksPerSecond()).isEqualTo(100);
        assertThat(options.lingerMs()).isEqualTo(5);
        assertThat(options.maxRecords()).isEqualTo(1_200_000);
    }

    @Test
    void takesTheBrokerProcessItsFilesAndTheSeries() {
        // when
        LongRunOptions options = LongRunOptions.parse(new String[] {"--bootstrap-server", "b", "--topic", "t",
                "--duration-s", "1800", "--rate", "1000", "--broker-pid", "4242", "--gc-log", "/tmp/gc.log",
                "--log-dir", "/data/kafka", "--series", "/tmp/s.csv", "--rss-window-s", "20", "--clk-tck", "250",
                "--command-config", "/tmp/client.properties"});

        // then
        assertThat(options.brokerPid()).isEqualTo(4242);
        assertThat(options.gcLog()).isEqualTo("/tmp/gc.log");
        assertThat(options.logDir()).isEqualTo("/data/kafka");
        assertThat(options.series()).isEqualTo("/tmp/s.csv");
        assertThat(options.rssWindowS()).isEqualTo(20);
        assertThat(options.clockTicksPerSecond()).isEqualTo(250);
        assertThat(options.commandConfig()).isEqualTo("/tmp/client.properties");
        assertThat(options.maxRecords()).isEqualTo(1_800_000);
    }

    @Test
    void rejectsMissingOptionsBadValuesAndUnknownOptions() {
        // then
        assertThatThrownBy(() -> LongRunOptions.parse(new String[] {"--bootstrap-server", "b", "--topic", "t"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--duration-s");
        assertThatThrownBy(() -> LongRunOptions.parse(
                new String[] {"--bootstrap-server", "b", "--topic", "t", "--duration-s", "0"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LongRunOptions.parse(
                new String[] {"--bootstrap-server", "b", "--topic", "t", "--duration-s", "5", "--record-size", "8"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record-size");
        assertThatThrownBy(() -> LongRunOptions.parse(
                new String[] {"--bootstrap-server", "b", "--topic", "t", "--duration-s", "5", "--colour", "red"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour");
    }
}
