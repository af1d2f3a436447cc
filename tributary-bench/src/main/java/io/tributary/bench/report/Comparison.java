package io.tributary.bench.report;

import java.util.List;

/**
 * One line of the Tributary / Kafka table: which raw figure of which run is compared with which of Kafka's, and
 * the target for the ratio (informative only: the harness asserts nothing).
 */
record Comparison(String label, String tributaryKey, String kafkaKey, String target) {

    static final String TRIBUTARY = "tributary";
    static final String DURABLE = "tributary_durable";
    static final String KAFKA = "kafka";

    static Comparison same(String label, String figure, String target) {
        return new Comparison(label, TRIBUTARY + "." + figure, KAFKA + "." + figure, target);
    }

    /** The rows printed, in order; the targets are issue 18's (start-up: issue 15's). */
    static final List<Comparison> ROWS = List.of(
            same("produce MiB/s", "produce.mib_per_s", ">= 1.5"),
            same("produce records/s", "produce.records_per_s", ""),
            same("consume MiB/s", "consume.mib_per_s", ">= 1.5"),
            same("end-to-end p50 (us)", "e2e.p50_us", ""),
            same("end-to-end p99 (us)", "e2e.p99_us", "<= 0.1"),
            same("end-to-end p99.9 (us)", "e2e.p999_us", ""),
            same("broker CPU s per GiB produced", "cpu.produce_s_per_gib", "<= 0.25"),
            same("the same without the JIT compiler threads", "cpu.produce_no_jit_s_per_gib", ""),
            same("of that, kernel (system) time per GiB produced", "cpu.produce_sys_s_per_gib", ""),
            same("broker CPU s per GiB consumed", "cpu.consume_s_per_gib", "<= 0.2"),
            same("of that, kernel (system) time per GiB consumed", "cpu.consume_sys_s_per_gib", ""),
            same("resident memory after the run (MiB)", "rss_after_mib", "<= 0.25"),
            same("threads after the run", "threads_after", ""),
            same("start-up to first Metadata answer (ms)", "startup_ms", "<= 0.1"),
            new Comparison("durable produce MiB/s (vs Kafka default)", DURABLE + ".produce.mib_per_s",
                    KAFKA + ".produce.mib_per_s", ">= 1.4"));
}
