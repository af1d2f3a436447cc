package io.tributary.it.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * The Jepsen-style run (issue 12): for each seed, a fresh proxied 3-node cluster under idempotent and transactional
 * producers and a read_committed group while the {@link Nemesis} kills, pauses, cuts off, slows and wipes nodes;
 * then the history must pass every {@link HistoryChecker} check. By default one short seeded run, part of CI;
 * {@code -Dnemesis.duration=PT30M -Dnemesis.seeds=1,2,3} is the long run (docs/reliability.md), and
 * {@code -Dnemesis.kinds=DISK_FULL,KILL} limits the faults to the kinds listed.
 */
@Tag("nemesis")
class NemesisIT {

    private static final Duration DURATION = Duration.parse(System.getProperty("nemesis.duration", "PT75S"));
    private static final String SEEDS = System.getProperty("nemesis.seeds", "7");
    private static final List<Fault.Kind> KINDS = kinds(System.getProperty("nemesis.kinds", ""));
    /** Start-up, heal after the last fault, draining and checking come on top of the faults themselves. */
    private static final Duration OVERHEAD = Duration.ofMinutes(5);

    @TestFactory
    Stream<DynamicTest> everyCheckHoldsUnderFaults() {
        return Arrays.stream(SEEDS.split(",")).map(String::trim).filter(seed -> !seed.isEmpty())
                .map(Long::parseLong)
                .map(seed -> DynamicTest.dynamicTest("seed " + seed + " for " + DURATION, () -> {
                    HistoryChecker.Verdict verdict = assertTimeoutPreemptively(DURATION.plus(OVERHEAD),
                            () -> NemesisRun.execute(seed, DURATION, KINDS));
                    assertThat(verdict.problems()).as(verdict.summary().line()).isEmpty();
                }));
    }

    /** Every kind when blank; else the comma-separated names (e.g. DISK_FULL,KILL). */
    private static List<Fault.Kind> kinds(String names) {
        if (names.isBlank()) {
            return List.of(Fault.Kind.values());
        }
        return Arrays.stream(names.split(",")).map(String::trim).filter(name -> !name.isEmpty())
                .map(name -> Fault.Kind.valueOf(name.toUpperCase(Locale.ROOT))).toList();
    }
}
