package io.tributary.broker.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.tributary.metadata.image.MetadataImage;

/** What one run measured and found; {@link #summary()} is the text the docs' figures come from. */
record SimulationResult(ControlPlaneSimulation.Config config, long simulatedMs, long recoveryMs, int batches,
                        long endOffset, long events, long messages, long messagesLost,
                        Map<String, Integer> faults, Measurements measurements, CpuTimes cpu,
                        Invariants invariants, List<String> problems, double createTopicsWallMs, double wallMs,
                        MetadataImage finalImage) {

    boolean ok() {
        return problems.isEmpty() && invariants.violationCount() == 0;
    }

    /** Problems and violations, for an assertion message. */
    String failures() {
        List<String> all = new ArrayList<>(problems);
        all.addAll(invariants.violations());
        return "seed " + config.seed() + ": " + invariants.violationCount() + " violation(s), " + String.join("; ",
            all);
    }

    List<Long> brokerFailoverCommittedMs(String kind) {
        return measurements.failures().stream().filter(f -> f.kind.equals(kind) && f.movedAtMs >= 0)
            .map(f -> f.movedAtMs - f.failedAtMs).toList();
    }

    List<Long> brokerFailoverEverywhereMs(String kind) {
        return measurements.failures().stream().filter(f -> f.kind.equals(kind) && f.everywhereAtMs >= 0)
            .map(f -> f.everywhereAtMs - f.failedAtMs).toList();
    }

    List<Long> controllerFailoverMs() {
        return measurements.controllerFailovers().stream().map(f -> f.activeAtMs() - f.crashedAtMs()).toList();
    }

    String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("seed %d: %d brokers, %d partitions; %.1f s simulated in %.1f s wall "
                + "(topic creation %.1f s wall); %d events, %d messages (%d lost); %d batches, %d records%n",
            config.seed(), config.brokers(), config.partitions(), simulatedMs / 1000.0, wallMs / 1000.0,
            createTopicsWallMs / 1000.0, events, messages, messagesLost, batches, endOffset));
        s.append("  faults: ").append(faults).append(String.format("; recovered %.1f s after healing%n",
            recoveryMs / 1000.0));
        s.append("  metadata change to every live broker (ms): ").append(stats(measurements.propagationMs()))
            .append('\n');
        for (String kind : List.of("broker process crash (probe)", "broker machine loss (session expiry)")) {
            s.append("  ").append(kind).append(", new leaders committed (ms): ")
                .append(stats(brokerFailoverCommittedMs(kind))).append(", on every live broker: ")
                .append(stats(brokerFailoverEverywhereMs(kind))).append('\n');
        }
        s.append("  controller failover, crash to new active controller (ms): ").append(stats(controllerFailoverMs()))
            .append('\n');
        s.append("  controller CPU per operation (wall ms, mean/max): ").append(cpu.stats().entrySet().stream()
            .map(e -> String.format("%s %d x %.3f/%.1f", e.getKey(), e.getValue().count, e.getValue().meanMs(),
                e.getValue().maxMs())).collect(Collectors.joining(", "))).append('\n');
        s.append(String.format("  invariants: %d partition states checked, %d violation(s)%s%n",
            invariants.partitionStatesChecked(), invariants.violationCount(),
            problems.isEmpty() ? "" : "; problems: " + problems));
        return s.toString();
    }

    static String stats(List<Long> values) {
        if (values.isEmpty()) {
            return "n=0";
        }
        return String.format("n=%d p50=%d p99=%d max=%d", values.size(), Measurements.percentile(values, 50),
            Measurements.percentile(values, 99), Measurements.percentile(values, 100));
    }
}
