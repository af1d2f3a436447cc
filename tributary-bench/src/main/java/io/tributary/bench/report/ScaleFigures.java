package io.tributary.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What bench/scale.sh wrote to its FIGURES.properties, sorted into meta lines, figures, steps that failed and lines
 * the report could not read. The file is read line by line rather than with {@link java.util.Properties}: the driver
 * writes {@code KEY=VALUE} with echo, unescaped, so a backslash in an error message must stay a backslash, and the
 * order of the lines is the order of label points in the report.
 */
final class ScaleFigures {

    record Figure(ScaleKey key, String value) {
    }

    record StepError(String step, String message) {
    }

    private static final String META = "meta.";
    private static final String ERROR_SUFFIX = "." + ScaleKey.ERROR;

    private final Map<String, String> raw;
    private final Map<String, String> meta = new LinkedHashMap<>();
    private final List<Figure> figures = new ArrayList<>();
    private final List<StepError> errors = new ArrayList<>();
    private final List<String> notUnderstood = new ArrayList<>();

    private ScaleFigures(Map<String, String> raw, List<String> linesWithoutValue) {
        this.raw = raw;
        notUnderstood.addAll(linesWithoutValue);
        raw.forEach(this::sort);
    }

    static ScaleFigures read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static ScaleFigures parse(List<String> lines) {
        // Like Properties, the last value of a key wins; unlike it, the key keeps the place it was first seen at.
        Map<String, String> raw = new LinkedHashMap<>();
        List<String> withoutValue = new ArrayList<>();
        for (String line : lines) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#") || text.startsWith("!")) continue;
            int eq = text.indexOf('=');
            if (eq <= 0) {
                withoutValue.add(text);
            } else {
                raw.put(text.substring(0, eq).strip(), text.substring(eq + 1).strip());
            }
        }
        return new ScaleFigures(raw, withoutValue);
    }

    private void sort(String key, String value) {
        if (key.startsWith(META) && key.length() > META.length()) {
            meta.put(key.substring(META.length()), value);
            return;
        }
        ScaleKey parsed;
        try {
            parsed = ScaleKey.parse(key);
        } catch (IllegalArgumentException e) {
            // A failure the driver reported under a key of another shape must still show, not vanish.
            if (key.endsWith(ERROR_SUFFIX)) {
                errors.add(new StepError(key.substring(0, key.length() - ERROR_SUFFIX.length()).replace('.', ' '),
                        value));
            } else {
                notUnderstood.add(key + "=" + value);
            }
            return;
        }
        if (parsed.isError()) {
            errors.add(new StepError(parsed.step(), value));
        } else {
            figures.add(new Figure(parsed, value));
        }
    }

    /** Every key and value read, for scale.json. */
    Map<String, String> raw() {
        return Collections.unmodifiableMap(raw);
    }

    Map<String, String> meta() {
        return Collections.unmodifiableMap(meta);
    }

    /** The figures in the order of the file. */
    List<Figure> figures() {
        return Collections.unmodifiableList(figures);
    }

    List<StepError> errors() {
        return Collections.unmodifiableList(errors);
    }

    /** Lines without a value and keys of no known shape, as written. */
    List<String> notUnderstood() {
        return Collections.unmodifiableList(notUnderstood);
    }
}
