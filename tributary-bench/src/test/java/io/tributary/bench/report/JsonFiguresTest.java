package io.tributary.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JsonFiguresTest {

    @Test
    void groupsFiguresByRunAndKeepsNumbersAsNumbers() {
        // given
        Map<String, String> figures = new TreeMap<>(Map.of(
                "kafka.startup_ms", "1600",
                "tributary.consume.error", "the \"group\" failed",
                "meta.cpus", "2"));

        // when
        String json = JsonFigures.toJson(figures);

        // then
        assertThat(json).isEqualTo("""
                {
                  "kafka": {
                    "startup_ms": 1600
                  },
                  "meta": {
                    "cpus": 2
                  },
                  "tributary": {
                    "consume.error": "the \\"group\\" failed"
                  }
                }
                """);
    }
}
