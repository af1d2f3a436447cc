package io.tributary.it.nemesis;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The one-line result of a run, as it goes into target/nemesis/summary.txt and docs/reliability.md. */
record RunSummary(long seed, long durationSeconds, Map<Fault.Kind, Long> faultsByKind, int acknowledged, int read,
                  int groupRead, int lost, int duplicated, int outOfOrder, int abortedSeen, int vanishedReads,
                  int offsetRegressions, int unhealedFaults, long maxHealMillis, long finalHealMillis,
                  int problems, List<String> notes) {

    String line() {
        String faults = faultsByKind.entrySet().stream().map(e -> e.getKey().name().toLowerCase() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        long total = faultsByKind.values().stream().mapToLong(Long::longValue).sum();
        return String.format("seed=%d duration=%ds faults=%d [%s] acknowledged=%d read=%d groupRead=%d lost=%d "
                        + "duplicated=%d outOfOrder=%d abortedSeen=%d vanishedReads=%d offsetRegressions=%d "
                        + "unhealed=%d maxHealMs=%d finalHealMs=%d -> %s",
                seed, durationSeconds, total, faults, acknowledged, read, groupRead, lost, duplicated, outOfOrder,
                abortedSeen, vanishedReads, offsetRegressions, unhealedFaults, maxHealMillis, finalHealMillis,
                problems == 0 ? "PASS" : "FAIL (" + problems + " problems)")
                + notes.stream().map(note -> "; " + note).collect(Collectors.joining());
    }
}
