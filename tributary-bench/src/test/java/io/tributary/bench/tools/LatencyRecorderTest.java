package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    private static ByteBuffer payload(long sequence, long sentNanos) {
        byte[] bytes = new byte[1024];
        LatencyRecorder.stamp(bytes, sequence, sentNanos);
        return ByteBuffer.wrap(bytes);
    }

    @Test
    void recordsLatencyFromTheStampedSendTimeAndSkipsTheWarmUp() {
        // given
        LatencyRecorder recorder = new LatencyRecorder(1, 3);

        // when
        recorder.onReceived(payload(0, 0L), 999_000_000L);
        recorder.onReceived(payload(1, 1_000_000L), 1_500_000L);
        recorder.onReceived(payload(2, 2_000_000L), 3_000_000L);

        // then
        String json = recorder.toJson(3, 5000.0);
        assertThat(recorder.complete()).isTrue();
        assertThat(json).contains("\"received\": 3", "\"lost\": 0", "\"measured\": 2", "\"max_us\": 1000.")
                .contains("\"p50_us\": 500.");
    }

    @Test
    void countsDuplicatesOnceAndReportsMissingRecordsAsLost() {
        // given
        LatencyRecorder recorder = new LatencyRecorder(0, 3);

        // when
        recorder.onReceived(payload(1, 0L), 10L);
        recorder.onReceived(payload(1, 0L), 20L);

        // then
        assertThat(recorder.complete()).isFalse();
        assertThat(recorder.toJson(3, 0.0)).contains("\"received\": 1", "\"lost\": 2", "\"duplicates\": 1");
    }
}
