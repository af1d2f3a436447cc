package io.tributary.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.bench.report.ScaleSeries.Line;
import io.tributary.bench.report.ScaleSeries.Pair;
import io.tributary.bench.report.ScaleSeries.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleSeriesTest {

    @TempDir
    Path dir;

    @Test
    void namesTheRunOfEachFileAndPairsTheLowestRoundOfEachBroker() throws IOException {
        // given
        for (String name : List.of("soak-100B-none-kafka-r2.csv", "soak-100B-none-kafka-r1.csv",
                "soak-100B-none-tributary-r3.csv", "soak-1000-tributary-r1.csv", "notes.txt")) {
            Files.writeString(dir.resolve(name), "seconds,p99_ms\n10,1\n");
        }
        List<String> skipped = new ArrayList<>();

        // when
        List<Source> sources = ScaleSeries.list(dir, skipped);
        List<Pair> pairs = ScaleSeries.firstRounds(sources);

        // then
        assertThat(skipped).containsExactly("notes.txt");
        assertThat(sources).hasSize(4);
        assertThat(pairs).extracting(p -> p.point() + " " + round(p.tributary()) + " " + round(p.kafka()))
                .containsExactly("1000 r1 -", "100B-none r3 r1");
    }

    private static String round(Source source) {
        return source == null ? "-" : "r" + source.round();
    }

    @Test
    void aMissingDirectoryHasNoSeries() throws IOException {
        assertThat(ScaleSeries.list(dir.resolve("absent"), new ArrayList<>())).isEmpty();
    }

    @Test
    void readsEachColumnAndLeavesOutCellsThatAreNotNumbers() throws IOException {
        // given
        Path csv = dir.resolve("soak-1000-kafka-r1.csv");
        Files.writeString(csv, "seconds,produce_mib_per_s,p99_ms\n10,100,5\n20,,6\n30,120,x\n\n");

        // when
        Map<String, Line> lines = ScaleSeries.read(csv);

        // then
        assertThat(lines).containsOnlyKeys("produce_mib_per_s", "p99_ms");
        assertThat(lines.get("produce_mib_per_s").seconds()).containsExactly(10, 30);
        assertThat(lines.get("produce_mib_per_s").values()).containsExactly(100, 120);
        assertThat(lines.get("p99_ms").seconds()).containsExactly(10, 20);
        assertThat(lines.get("p99_ms").values()).containsExactly(5, 6);
    }
}
