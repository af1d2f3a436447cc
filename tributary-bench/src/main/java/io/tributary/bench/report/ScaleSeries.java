package io.tributary.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The samples bench/scale.sh takes during a long run, one CSV per run: {@code WORKLOAD-POINT-RUN-rROUND.csv} with a
 * header {@code seconds,METRIC1,METRIC2,...} and a row of numbers per interval.
 */
final class ScaleSeries {

    record Source(String workload, String point, String run, int round, Path file) {
    }

    /** One metric over time; cells that were not numbers are left out, not drawn as zero. */
    record Line(double[] seconds, double[] values) {
    }

    /** The run of each broker a chart over time shows: its lowest round. Either may be null. */
    record Pair(String workload, String point, Source tributary, Source kafka) {
    }

    // The workload has no dash and the run and round end the name, so a label point may have dashes of its own.
    private static final Pattern NAME = Pattern.compile(
            "([a-z]+)-([A-Za-z0-9_-]+)-(" + ScaleKey.TRIBUTARY + "|" + ScaleKey.KAFKA + ")-r([0-9]{1,6})\\.csv");

    private ScaleSeries() {
    }

    /** The CSV files of a directory that is missing or empty is none; names of another shape go to skipped. */
    static List<Source> list(Path dir, List<String> skipped) throws IOException {
        List<Source> sources = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) return sources;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String fileName = file.getFileName().toString();
                Matcher m = NAME.matcher(fileName);
                if (m.matches() && Files.isRegularFile(file)) {
                    sources.add(new Source(m.group(1), m.group(2), m.group(3), Integer.parseInt(m.group(4)), file));
                } else {
                    skipped.add(fileName);
                }
            }
        }
        return sources;
    }

    /** For each workload and point, the lowest round of each broker, in workload then point order. */
    static List<Pair> firstRounds(List<Source> sources) {
        Map<List<String>, Source[]> byPoint = new LinkedHashMap<>();
        sources.stream()
                .sorted(Comparator.comparing(Source::workload).thenComparing(Source::point, ScaleSeries::comparePoints)
                        .thenComparingInt(Source::round))
                .forEach(s -> {
                    Source[] runs = byPoint.computeIfAbsent(List.of(s.workload(), s.point()), k -> new Source[2]);
                    int i = ScaleKey.TRIBUTARY.equals(s.run()) ? 0 : 1;
                    if (runs[i] == null) runs[i] = s;
                });
        List<Pair> pairs = new ArrayList<>();
        byPoint.forEach((k, runs) -> pairs.add(new Pair(k.get(0), k.get(1), runs[0], runs[1])));
        return pairs;
    }

    private static int comparePoints(String a, String b) {
        Double x = ScaleNumbers.parse(a);
        Double y = ScaleNumbers.parse(b);
        return x != null && y != null ? Double.compare(x, y) : a.compareTo(b);
    }

    /** Each metric column of the file by its header name, in header order; the first column is the time. */
    static Map<String, Line> read(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) rows.add(line.split(",", -1));
        }
        Map<String, Line> lines = new LinkedHashMap<>();
        if (rows.isEmpty()) return lines;
        String[] header = rows.get(0);
        for (int column = 1; column < header.length; column++) {
            Line line = column(rows, column);
            if (line.seconds().length > 0) lines.put(header[column].strip(), line);
        }
        return lines;
    }

    private static Line column(List<String[]> rows, int column) {
        double[] seconds = new double[rows.size()];
        double[] values = new double[rows.size()];
        int n = 0;
        for (String[] row : rows.subList(1, rows.size())) {
            if (row.length <= column) continue;
            Double x = ScaleNumbers.parse(row[0]);
            Double y = ScaleNumbers.parse(row[column]);
            if (x == null || y == null) continue;
            seconds[n] = x;
            values[n++] = y;
        }
        return new Line(Arrays.copyOf(seconds, n), Arrays.copyOf(values, n));
    }
}
