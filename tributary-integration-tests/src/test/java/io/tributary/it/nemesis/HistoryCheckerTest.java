package io.tributary.it.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tributary.it.support.AcknowledgingProducer.Ack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The checker of nemesis histories, on histories made by hand. */
class HistoryCheckerTest {

    private static final String IDEMPOTENT = "idem";
    private static final String TRANSACTIONAL = "txn";

    @Test
    void aCleanHistoryHasNoProblems() {
        // when
        HistoryChecker.Verdict verdict = HistoryChecker.check(history(List.of(read(TRANSACTIONAL, 0, "txn-committed-0")),
                List.of(record(TRANSACTIONAL, 0, "txn-committed-0")), List.of()));

        // then
        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.summary().lost()).isZero();
    }

    @Test
    void readingAnAbortedRecordOrOneThatLaterVanishedIsAProblem() {
        // given a member that read an aborted record, and one whose offset now holds another value
        List<ConsumerRecord<String, String>> reads = List.of(read(TRANSACTIONAL, 0, "txn-committed-0"),
                read(TRANSACTIONAL, 1, "txn-aborted-1"), read(IDEMPOTENT, 1, "idem-gone"));

        // when
        HistoryChecker.Verdict verdict = HistoryChecker.check(history(reads,
                List.of(record(TRANSACTIONAL, 0, "txn-committed-0")), List.of()));

        // then
        assertThat(verdict.problems()).anySatisfy(p -> assertThat(p).contains("read aborted txn-aborted-1"))
                .anySatisfy(p -> assertThat(p).contains("idem-gone").contains("the log now has"));
    }

    @Test
    void aCommittedOffsetMovingBackwardsIsAProblem() {
        // when
        HistoryChecker.Verdict verdict = HistoryChecker.check(history(List.of(),
                List.of(record(TRANSACTIONAL, 0, "txn-committed-0")), List.of("txn-0 went from 5 to 3")));

        // then
        assertThat(verdict.problems()).anySatisfy(p -> assertThat(p).contains("went from 5 to 3"));
    }

    private static History history(List<ConsumerRecord<String, String>> groupReads,
                                   List<ConsumerRecord<String, String>> transactionalLog, List<String> regressions) {
        return new History(7, 1_000, List.of(), IDEMPOTENT, 1, List.of(new Ack(0, 0, "idem-0")),
                TRANSACTIONAL, 1, List.of(new Ack(0, 0, "txn-committed-0")), Set.of("txn-aborted-1"), Set.of(),
                Map.of("member-a", groupReads), true, List.of(), regressions,
                List.of(record(IDEMPOTENT, 0, "idem-0")), transactionalLog, 100, List.of());
    }

    private static ConsumerRecord<String, String> read(String topic, long offset, String value) {
        return record(topic, offset, value);
    }

    private static ConsumerRecord<String, String> record(String topic, long offset, String value) {
        return new ConsumerRecord<>(topic, 0, offset, null, value);
    }
}
