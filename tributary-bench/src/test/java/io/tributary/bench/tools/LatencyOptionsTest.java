package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencyOptionsTest {

    @Test
    void appliesDefaultsForWhatIsNotGiven() {
        // when
        LatencyOptions options = LatencyOptions.parse(
                new String[] {"--bootstrap-server", "127.0.0.1:9092", "--topic", "t", "--rate", "100"});

        // then
        assertThat(options.ratePerSecond()).isEqualTo(100);
        assertThat(options.records()).isEqualTo(50_000);
        assertThat(options.totalRecords()).isEqualTo(55_000);
        assertThat(options.recordSize()).isEqualTo(1024);
        assertThat(options.acks()).isEqualTo("all");
        assertThat(options.output()).isNull();
        assertThat(options.compressionType()).isEqualTo("none");
        assertThat(options.commandConfig()).isNull();
    }

    @Test
    void takesTheCompressionAndTheClientConfigFile() {
        // when
        LatencyOptions options = LatencyOptions.parse(new String[] {"--bootstrap-server", "b", "--topic", "t",
                "--compression-type", "zstd", "--command-config", "/tmp/client.properties"});

        // then
        assertThat(options.compressionType()).isEqualTo("zstd");
        assertThat(options.commandConfig()).isEqualTo("/tmp/client.properties");
    }

    @Test
    void rejectsUnknownOptionsAndPayloadsTooSmallForTheStamp() {
        // then
        assertThatThrownBy(() -> LatencyOptions.parse(
                new String[] {"--bootstrap-server", "b", "--topic", "t", "--colour", "red"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> LatencyOptions.parse(
                new String[] {"--bootstrap-server", "b", "--topic", "t", "--record-size", "8"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record-size");
        assertThatThrownBy(() -> LatencyOptions.parse(new String[] {"--topic", "t"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
