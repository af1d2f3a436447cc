package io.tributary.bench.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a scale tool hands back to its workload script: {@code metric=value} lines (bench/scale.sh records each with
 * {@code point_figure}) and {@code error=message} lines (each a {@code point_error}), in the order they were added.
 */
final class Figures {

    private static final Pattern METRIC = Pattern.compile("[a-z0-9_]+");

    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();

    void put(String metric, double value) {
        put(metric, String.format(Locale.ROOT, "%.3f", value));
    }

    void put(String metric, long value) {
        put(metric, Long.toString(value));
    }

    private void put(String metric, String value) {
        if (!METRIC.matcher(metric).matches() || metric.equals("error"))
            throw new IllegalArgumentException("Not a metric name: " + metric);
        values.put(metric, value);
    }

    /** One line, whatever the message holds. */
    void error(String message) {
        errors.add(message.replaceAll("[\\r\\n]+", " ").strip());
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    String value(String metric) {
        return values.get(metric);
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    String render() {
        StringBuilder out = new StringBuilder();
        values.forEach((metric, value) -> out.append(metric).append('=').append(value).append('\n'));
        errors.forEach(message -> out.append("error=").append(message).append('\n'));
        return out.toString();
    }

    /** What a scale tool measures into its figures. */
    interface Measurement {
        void run(Figures figures) throws Exception;
    }

    /**
     * Runs a scale tool's measurement, writes its figures (a failure becomes an error line), and exits: status 2 if
     * there was an error, else 0.
     */
    static void runAndExit(String tool, String file, Measurement measurement) throws IOException {
        Figures figures = new Figures();
        try {
            measurement.run(figures);
        } catch (Exception e) {
            e.printStackTrace();
            figures.error(tool + " failed: " + e);
        }
        figures.write(file);
        System.exit(figures.hasErrors() ? 2 : 0);
    }

    /** To stdout, and to {@code file} when one is given. */
    void write(String file) throws IOException {
        String text = render();
        System.out.print(text);
        System.out.flush();
        if (file != null) Files.writeString(Path.of(file), text, StandardCharsets.UTF_8);
    }
}
