package io.tributary.it.observability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One GET of a broker's {@code /metrics}, with the samples it held. */
record Scrape(int status, String contentType, String body, List<Sample> samples) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static Scrape of(int port) throws IOException, InterruptedException {
        return of(port, "text/plain");
    }

    static Scrape of(int port, String accept) throws IOException, InterruptedException {
        HttpResponse<String> response = get(port, "/metrics", accept);
        List<Sample> samples = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Map<String, String> labels = new java.util.LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
        return new Scrape(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), samples);
    }

    static HttpResponse<String> get(int port, String path, String accept) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).header("Accept", accept).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    /** The value of the sample with this name whose labels include {@code labels} (alternating key, value). */
    OptionalDouble value(String name, String... labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name))
                .filter(s -> {
                    for (int i = 0; i < labels.length; i += 2) {
                        if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                            return false;
                        }
                    }
                    return true;
                })
                .mapToDouble(Sample::value)
                .findFirst();
    }

    /** The value of the sample with exactly no labels. */
    OptionalDouble unlabelled(String name) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().isEmpty())
                .mapToDouble(Sample::value).findFirst();
    }
}
