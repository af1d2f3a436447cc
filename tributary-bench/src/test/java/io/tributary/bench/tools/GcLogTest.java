package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcLogTest {

    @TempDir
    Path dir;

    @Test
    void parsesPauseLinesWithTheirUptimeAndLength() {
        // then
        assertThat(GcLog.parse("[12.345s][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 52M->8M(1024M) 19.946ms"))
                .isEqualTo(new GcLog.Pause(12.345, 19.946, 8));
        assertThat(GcLog.parse("[301.002s][gc] GC(40) Pause Remark 310M->310M(1024M) 3.101ms"))
                .isEqualTo(new GcLog.Pause(301.002, 3.101, Double.NaN));
        assertThat(GcLog.parse("[301.100s][gc] GC(40) Pause Cleanup 311M->311M(1024M) 0.050ms"))
                .isEqualTo(new GcLog.Pause(301.1, 0.05, Double.NaN));
        assertThat(GcLog.parse("[5.000s][gc] GC(7) Pause Full (System.gc()) 100M->20M(1024M) 120.5ms"))
                .isEqualTo(new GcLog.Pause(5.0, 120.5, 20));
        // -Xlog:gc* pads the tags; other units than M
        assertThat(GcLog.parse("[308.342s][gc          ] GC(10) Pause Young (Normal) (G1 Evacuation Pause) 388M->22M(1024M) 4.136ms"))
                .isEqualTo(new GcLog.Pause(308.342, 4.136, 22));
        assertThat(GcLog.parse("[1.000s][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 3G->2G(4G) 10.000ms"))
                .isEqualTo(new GcLog.Pause(1.0, 10.0, 2048));
        assertThat(GcLog.parse("[1.000s][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 3072K->512K(8192K) 1.000ms"))
                .isEqualTo(new GcLog.Pause(1.0, 1.0, 0.5));
        assertThat(GcLog.parse("[2.000s][gc] GC(2) Pause Young (Mixed) (G1 Evacuation Pause) 500M->300M(1024M) 9.0ms"))
                .isEqualTo(new GcLog.Pause(2.0, 9.0, 300));
    }

    @Test
    void leavesOutConcurrentPhasesAndOtherLines() {
        // then
        assertThat(GcLog.parse("[300.900s][gc] GC(40) Concurrent Mark Cycle 80.123ms")).isNull();
        assertThat(GcLog.parse("[308.338s][gc,start    ] GC(10) Pause Young (Normal) (G1 Evacuation Pause)")).isNull();
        assertThat(GcLog.parse("[0.006s][gc] Using G1")).isNull();
        assertThat(GcLog.parse("")).isNull();
        assertThat(GcLog.parse("[12.345s][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 52M->8M(1024M)")).isNull();
    }

    @Test
    void readsOnlyWhatWasAppendedSinceTheLastReadAndKeepsAHalfWrittenLine() throws Exception {
        // given
        Path file = dir.resolve("gc.log");
        Files.writeString(file, "[0.006s][gc] Using G1\n[0.500s][gc] GC(0) Pause Young (Normal) 10M->2M(1024M) 4.000ms\n");
        GcLog log = new GcLog(file);
        log.skipExisting();

        // when
        append(file, "[10.000s][gc] GC(1) Pause Young (Normal) 60M->9M(1024M) 7.500ms\n[10.5");
        List<GcLog.Pause> first = log.readNew();
        append(file, "00s][gc] GC(2) Pause Young (Normal) 61M->9M(1024M) 12.250ms\n");
        List<GcLog.Pause> second = log.readNew();
        List<GcLog.Pause> third = log.readNew();

        // then
        assertThat(first).containsExactly(new GcLog.Pause(10.0, 7.5, 9));
        assertThat(second).containsExactly(new GcLog.Pause(10.5, 12.25, 9));
        assertThat(third).isEmpty();
        assertThat(GcLog.maxMillis(List.of(first.get(0), second.get(0)))).isEqualTo(12.25);
        assertThat(GcLog.totalMillis(List.of(first.get(0), second.get(0)))).isEqualTo(19.75);
        assertThat(GcLog.maxMillis(List.of())).isZero();
        assertThat(GcLog.lastHeapAfterMib(List.of(first.get(0), new GcLog.Pause(11, 1, Double.NaN)))).isEqualTo(9);
        assertThat(GcLog.lastHeapAfterMib(List.of())).isNaN();
    }

    @Test
    void aMissingLogHasNoPauses() throws Exception {
        // then
        assertThat(new GcLog(dir.resolve("absent.log")).readNew()).isEmpty();
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
