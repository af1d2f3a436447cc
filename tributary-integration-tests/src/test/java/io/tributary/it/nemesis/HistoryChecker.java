package io.tributary.it.nemesis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tributary.it.cluster.DeliveryCheck;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The checks over a run's history:
 * <ul>
 * <li>every acknowledged record (idempotent producer) and every record of a committed transaction is in the log
 *     read back at its acknowledged offset, exactly once, in send order per partition ({@link DeliveryCheck});</li>
 * <li>no read_committed reader (the group, the final read-back) ever saw a record of an aborted transaction;</li>
 * <li>no record a group member read later disappeared: the final log has the same value at its offset;</li>
 * <li>the group read every acknowledged record, and its committed offsets never moved backwards;</li>
 * <li>every fault healed, and after the last one every partition had a leader and a full ISR, within the bound.</li>
 * </ul>
 */
final class HistoryChecker {

    /** The summary and the problems found (empty when the run passed). */
    record Verdict(RunSummary summary, List<String> problems) {
    }

    private static final int MAX_LISTED = 10;

    private HistoryChecker() {
    }

    static Verdict check(History history) {
        List<String> problems = new ArrayList<>();
        DeliveryCheck.Report idempotent = DeliveryCheck.check("idempotent", history.idempotentSent(),
                history.idempotentAcks(), history.idempotentLog());
        DeliveryCheck.Report transactional = DeliveryCheck.check("transactional", history.transactionalSent(),
                history.committed(), history.transactionalLog());
        for (DeliveryCheck.Report report : List.of(idempotent, transactional)) {
            if (report.acknowledged() == 0) {
                problems.add(report.scenario() + ": nothing acknowledged, so nothing was checked");
            }
            report.problems().forEach(problem -> problems.add(report.scenario() + ": " + problem));
        }

        int abortedSeen = 0;
        for (ConsumerRecord<String, String> record : history.transactionalLog()) {
            if (history.aborted().contains(record.value())) {
                abortedSeen++;
                note(problems, "read_committed read-back shows aborted " + describe(record));
            }
        }

        Map<String, Map<Integer, Map<Long, String>>> finalLog = new HashMap<>();
        for (List<ConsumerRecord<String, String>> log : List.of(history.idempotentLog(), history.transactionalLog())) {
            log.forEach(record -> finalLog.computeIfAbsent(record.topic(), t -> new HashMap<>())
                    .computeIfAbsent(record.partition(), p -> new HashMap<>()).put(record.offset(), record.value()));
        }
        int vanished = 0;
        int groupRead = 0;
        for (Map.Entry<String, List<ConsumerRecord<String, String>>> member : history.groupReads().entrySet()) {
            for (ConsumerRecord<String, String> record : member.getValue()) {
                groupRead++;
                if (history.aborted().contains(record.value())) {
                    abortedSeen++;
                    note(problems, member.getKey() + " (read_committed) read aborted " + describe(record));
                }
                String now = finalLog.getOrDefault(record.topic(), Map.of()).getOrDefault(record.partition(), Map.of())
                        .get(record.offset());
                if (!record.value().equals(now)) {
                    vanished++;
                    note(problems, member.getKey() + " read " + describe(record) + " but the log now has " + now
                            + " there");
                }
            }
        }
        if (!history.groupCaughtUp()) {
            problems.add("the group did not read every acknowledged record before it was stopped");
        }
        history.offsetRegressions().forEach(regression -> note(problems, "committed offset of " + regression));

        int unhealed = 0;
        long maxHeal = 0;
        Map<Fault.Kind, Long> byKind = new EnumMap<>(Fault.Kind.class);
        for (Fault fault : history.faults()) {
            byKind.merge(fault.kind(), 1L, Long::sum);
            if (fault.healed()) {
                maxHeal = Math.max(maxHeal, fault.healMillis());
            } else {
                unhealed++;
                problems.add("fault did not heal within " + Nemesis.HEAL_TIMEOUT + ": " + fault);
            }
        }
        if (history.finalHealMillis() < 0) {
            problems.add("after the last fault the cluster was not whole within " + Nemesis.HEAL_TIMEOUT);
        }

        RunSummary summary = new RunSummary(history.seed(), history.durationMillis() / 1000, byKind,
                idempotent.acknowledged() + transactional.acknowledged(), idempotent.readBack() + transactional.readBack(),
                groupRead, idempotent.lost() + transactional.lost(), idempotent.duplicates() + transactional.duplicates(),
                idempotent.outOfOrder() + transactional.outOfOrder(), abortedSeen, vanished,
                history.offsetRegressions().size(), unhealed, maxHeal, history.finalHealMillis(), problems.size(),
                history.notes());
        return new Verdict(summary, List.copyOf(problems));
    }

    private static String describe(ConsumerRecord<String, String> record) {
        return record.value() + " at " + record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static void note(List<String> problems, String problem) {
        if (problems.size() < MAX_LISTED) {
            problems.add(problem);
        } else if (problems.size() == MAX_LISTED) {
            problems.add("... (more; see the history files)");
        }
    }
}
