package io.tributary.bench.report;

import io.tributary.bench.report.ScaleFigures.Figure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The figures of one workload, arranged by point, metric and broker, with the rounds kept apart. */
final class ScaleWorkload {

    private record Cell(String point, String metric, String run) {
    }

    private static final Pattern NUMERIC_POINT = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    private final String name;
    private final List<String> points = new ArrayList<>();
    private final List<String> metrics = new ArrayList<>();
    private final Map<Cell, Map<Integer, Double>> numbers = new HashMap<>();
    private final Map<Cell, Set<String>> texts = new HashMap<>();

    private ScaleWorkload(String name) {
        this.name = name;
    }

    /** One per workload, in the order the file first names them. */
    static List<ScaleWorkload> group(List<Figure> figures) {
        Map<String, ScaleWorkload> byName = new LinkedHashMap<>();
        for (Figure figure : figures) {
            byName.computeIfAbsent(figure.key().workload(), ScaleWorkload::new).add(figure);
        }
        byName.values().forEach(ScaleWorkload::orderPoints);
        return new ArrayList<>(byName.values());
    }

    private void add(Figure figure) {
        ScaleKey key = figure.key();
        if (!points.contains(key.point())) points.add(key.point());
        if (!metrics.contains(key.metric())) metrics.add(key.metric());
        Cell cell = new Cell(key.point(), key.metric(), key.run());
        Double number = ScaleNumbers.parse(figure.value());
        if (number != null) {
            numbers.computeIfAbsent(cell, c -> new TreeMap<>()).put(key.round(), number);
        } else {
            texts.computeIfAbsent(cell, c -> new LinkedHashSet<>())
                    .add(figure.value().isEmpty() ? "(empty)" : figure.value());
        }
    }

    // Sizes read best ascending; labels (record sizes, codecs) keep the order the driver ran them in.
    private void orderPoints() {
        if (numericPoints()) points.sort(Comparator.comparingDouble(Double::parseDouble));
    }

    String name() {
        return name;
    }

    List<String> points() {
        return List.copyOf(points);
    }

    List<String> metrics() {
        return List.copyOf(metrics);
    }

    boolean numericPoints() {
        return !points.isEmpty() && points.stream().allMatch(p -> NUMERIC_POINT.matcher(p).matches());
    }

    Optional<ScaleStats> stats(String point, String metric, String run) {
        Map<Integer, Double> byRound = numbers.get(new Cell(point, metric, run));
        return byRound == null ? Optional.empty() : ScaleStats.of(byRound.values());
    }

    /** Values of this cell that are not numbers, each once. */
    List<String> texts(String point, String metric, String run) {
        return List.copyOf(texts.getOrDefault(new Cell(point, metric, run), Set.of()));
    }

    /** Whether any broker has a value, number or text, for the metric at the point. */
    boolean has(String point, String metric) {
        for (String run : List.of(ScaleKey.TRIBUTARY, ScaleKey.KAFKA)) {
            Cell cell = new Cell(point, metric, run);
            if (numbers.containsKey(cell) || texts.containsKey(cell)) return true;
        }
        return false;
    }

    /** Whether the metric has a number anywhere: a chart of it has something to show. */
    boolean hasNumbers(String metric) {
        return numbers.keySet().stream().anyMatch(c -> c.metric().equals(metric));
    }
}
