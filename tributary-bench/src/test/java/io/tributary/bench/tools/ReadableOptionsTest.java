package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadableOptionsTest {

    @Test
    void appliesDefaultsForWhatIsNotGiven() {
        // when
        ReadableOptions options = ReadableOptions.parse(
                new String[] {"--bootstrap-server", "127.0.0.1:9092", "--topic", "t", "--partitions", "1000"});

        // then
        assertThat(options.partitions()).isEqualTo(1000);
        assertThat(options.expectedRecords()).isEqualTo(-1);
        assertThat(options.timeoutMs()).isEqualTo(900_000);
        assertThat(options.graceMs()).isEqualTo(15_000);
        assertThat(options.commandConfig()).isNull();
    }

    @Test
    void takesTheExpectedRecordsBeyondAnInt() {
        // when
        ReadableOptions options = ReadableOptions.parse(new String[] {"--bootstrap-server", "b", "--topic", "t",
                "--partitions", "1", "--expected-records", "10485760000", "--timeout-ms", "5000"});

        // then
        assertThat(options.expectedRecords()).isEqualTo(10_485_760_000L);
        assertThat(options.timeoutMs()).isEqualTo(5000);
    }

    @Test
    void rejectsMissingOptionsBadValuesAndUnknownOptions() {
        // then
        assertThatThrownBy(() -> ReadableOptions.parse(new String[] {"--bootstrap-server", "b", "--topic", "t"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--partitions");
        assertThatThrownBy(() -> ReadableOptions.parse(
                new String[] {"--bootstrap-server", "b", "--topic", "t", "--partitions", "0"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReadableOptions.parse(
                new String[] {"--bootstrap-server", "b", "--topic", "t", "--partitions", "2", "--colour", "red"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour");
    }
}
