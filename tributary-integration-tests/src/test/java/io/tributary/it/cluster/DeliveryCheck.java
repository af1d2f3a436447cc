package io.tributary.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.tributary.it.support.AcknowledgingProducer.Ack;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Compares what a producer had acknowledged with what a topic holds when read back from its beginning: every
 * acknowledged record at its acknowledged offset with its value (else it is lost), no value twice in the log
 * (idempotence), and per partition the producer's send order (values end in an increasing sequence number).
 */
public final class DeliveryCheck {

    /** The one-line summary each scenario prints, and the first few problems found. */
    public record Report(String scenario, int produced, int acknowledged, int readBack, int duplicates, int lost,
                         int outOfOrder, List<String> problems) {

        public String line() {
            return String.format("[%s] produced=%d acknowledged=%d readBack=%d duplicates=%d lost=%d outOfOrder=%d",
                    scenario, produced, acknowledged, readBack, duplicates, lost, outOfOrder);
        }

        /**
         * Fails with the first problems when anything was lost, duplicated or reordered, and when nothing was
         * acknowledged or read back (a scenario that produced nothing proves nothing).
         */
        public void assertExactlyOnceInOrder() {
            assertThat(acknowledged).as("acknowledged records: %s", line()).isPositive();
            assertThat(readBack).as("records read back: %s", line()).isGreaterThanOrEqualTo(acknowledged);
            assertThat(problems).as("%s", line()).isEmpty();
        }
    }

    private static final int MAX_PROBLEMS_LISTED = 10;

    private DeliveryCheck() {
    }

    public static Report check(String scenario, int produced, List<Ack> acks, List<ConsumerRecord<String, String>> log) {
        List<String> problems = new ArrayList<>();
        Map<Integer, Map<Long, String>> logged = new HashMap<>();
        Map<String, Integer> copies = new HashMap<>();
        for (ConsumerRecord<String, String> record : log) {
            logged.computeIfAbsent(record.partition(), p -> new HashMap<>()).put(record.offset(), record.value());
            copies.merge(record.value(), 1, Integer::sum);
        }

        int lost = 0;
        for (Ack ack : acks) {
            String found = logged.getOrDefault(ack.partition(), Map.of()).get(ack.offset());
            if (!ack.value().equals(found)) {
                lost++;
                note(problems, "acknowledged " + ack + " but the log has " + found + " there");
            }
        }

        int duplicates = 0;
        for (Map.Entry<String, Integer> entry : copies.entrySet()) {
            if (entry.getValue() > 1) {
                duplicates += entry.getValue() - 1;
                note(problems, entry.getKey() + " is in the log " + entry.getValue() + " times");
            }
        }

        int outOfOrder = 0;
        Map<Integer, List<ConsumerRecord<String, String>>> byPartition = log.stream()
                .collect(Collectors.groupingBy(ConsumerRecord::partition));
        for (List<ConsumerRecord<String, String>> records : byPartition.values()) {
            records.sort(Comparator.comparingLong(ConsumerRecord::offset));
            for (int i = 1; i < records.size(); i++) {
                if (sequenceOf(records.get(i).value()) <= sequenceOf(records.get(i - 1).value())) {
                    outOfOrder++;
                    note(problems, "partition " + records.get(i).partition() + ": " + records.get(i).value()
                            + " at offset " + records.get(i).offset() + " after " + records.get(i - 1).value());
                }
            }
        }
        return new Report(scenario, produced, acks.size(), log.size(), duplicates, lost, outOfOrder,
                List.copyOf(problems));
    }

    /** The number after the last '-' of a value "prefix-N". */
    static int sequenceOf(String value) {
        return Integer.parseInt(value.substring(value.lastIndexOf('-') + 1));
    }

    private static void note(List<String> problems, String problem) {
        if (problems.size() < MAX_PROBLEMS_LISTED) {
            problems.add(problem);
        } else if (problems.size() == MAX_PROBLEMS_LISTED) {
            problems.add("...");
        }
    }
}
