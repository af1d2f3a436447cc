package io.tributary.bench.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Final step of bench/run.sh: reads the raw figures the harness collected (a properties file), writes them as JSON
 * and prints the Tributary / Kafka table in Markdown.
 *
 * <p>Usage: {@code ResultsReport FIGURES.properties RESULTS.json}
 */
public final class ResultsReport {

    private ResultsReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("Usage: ResultsReport FIGURES.properties RESULTS.json");
            System.exit(1);
        }
        Map<String, String> figures = read(Path.of(args[0]));
        Files.writeString(Path.of(args[1]), JsonFigures.toJson(figures));
        System.out.print(RatioTable.render(figures));
    }

    static Map<String, String> read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> figures = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) figures.put(name, properties.getProperty(name));
        return figures;
    }
}
