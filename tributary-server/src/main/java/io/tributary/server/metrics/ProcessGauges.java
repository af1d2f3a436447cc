package io.tributary.server.metrics;

import io.tributary.metrics.KafkaMetrics;
import io.tributary.metrics.MetricName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Kafka's {@code kafka.server:type=KafkaServer} gauges {@code linux-disk-read-bytes} and
 * {@code linux-disk-write-bytes}: bytes the process made the disk read and write ({@code read_bytes} and
 * {@code write_bytes} of {@code /proc/self/io}), absent where that file is not readable.
 */
final class ProcessGauges {

    private static final Path PROC_IO = Path.of("/proc/self/io");

    private ProcessGauges() {
    }

    static void register(KafkaMetrics metrics) {
        if (!Files.isReadable(PROC_IO) || read("read_bytes") < 0) {
            return;
        }
        metrics.gauge(MetricName.of("kafka.server", "KafkaServer", "linux-disk-read-bytes"),
                () -> read("read_bytes"));
        metrics.gauge(MetricName.of("kafka.server", "KafkaServer", "linux-disk-write-bytes"),
                () -> read("write_bytes"));
    }

    private static long read(String field) {
        try {
            List<String> lines = Files.readAllLines(PROC_IO);
            for (String line : lines) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
