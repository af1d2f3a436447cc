package io.tributary.bench.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * Writes flat {@code run.phase.figure=value} properties as JSON nested on the first dot: one object per run
 * (tributary, kafka, tributary_durable, meta) whose keys are the rest of the name. Numbers stay numbers.
 */
final class JsonFigures {

    private JsonFigures() {
    }

    static String toJson(Map<String, String> figures) {
        Map<String, Map<String, String>> groups = new TreeMap<>();
        for (Map.Entry<String, String> e : figures.entrySet()) {
            int dot = e.getKey().indexOf('.');
            String group = dot < 0 ? "meta" : e.getKey().substring(0, dot);
            String name = dot < 0 ? e.getKey() : e.getKey().substring(dot + 1);
            groups.computeIfAbsent(group, g -> new TreeMap<>()).put(name, e.getValue());
        }
        StringBuilder out = new StringBuilder("{\n");
        int g = 0;
        for (Map.Entry<String, Map<String, String>> group : groups.entrySet()) {
            out.append("  ").append(quote(group.getKey())).append(": {\n");
            int i = 0;
            for (Map.Entry<String, String> e : group.getValue().entrySet()) {
                out.append("    ").append(quote(e.getKey())).append(": ").append(value(e.getValue()));
                out.append(++i < group.getValue().size() ? ",\n" : "\n");
            }
            out.append(++g < groups.size() ? "  },\n" : "  }\n");
        }
        return out.append("}\n").toString();
    }

    private static String value(String raw) {
        Double number = RatioTable.number(raw);
        return number != null && Double.isFinite(number) ? raw.trim() : quote(raw);
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
