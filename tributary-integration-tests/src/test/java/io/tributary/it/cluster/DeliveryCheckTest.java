package io.tributary.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.tributary.it.support.AcknowledgingProducer.Ack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DeliveryCheckTest {

    @Test
    void anIntactLogPasses() {
        // given two partitions, one unacknowledged record that still made it into the log
        List<Ack> acks = List.of(new Ack(0, 0, "p-0"), new Ack(1, 0, "p-1"), new Ack(0, 1, "p-2"));
        List<ConsumerRecord<String, String>> log = List.of(record(0, 0, "p-0"), record(1, 0, "p-1"),
                record(0, 1, "p-2"), record(1, 1, "p-3"));

        // when
        DeliveryCheck.Report report = DeliveryCheck.check("intact", 5, acks, log);

        // then
        assertThat(report.line())
                .isEqualTo("[intact] produced=5 acknowledged=3 readBack=4 duplicates=0 lost=0 outOfOrder=0");
        report.assertExactlyOnceInOrder();
    }

    @Test
    void countsLostDuplicatedAndReorderedRecords() {
        // given p-1 acknowledged at offset 1 but replaced, p-0 written twice, p-4 before p-3
        List<Ack> acks = List.of(new Ack(0, 0, "p-0"), new Ack(0, 1, "p-1"));
        List<ConsumerRecord<String, String>> log = List.of(record(0, 0, "p-0"), record(0, 1, "p-0"),
                record(1, 0, "p-4"), record(1, 1, "p-3"));

        // when
        DeliveryCheck.Report report = DeliveryCheck.check("broken", 5, acks, log);

        // then
        assertThat(report.lost()).isEqualTo(1);
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(report.outOfOrder()).isEqualTo(2); // p-0 after p-0, p-3 after p-4
        assertThat(report.problems()).anySatisfy(problem -> assertThat(problem).contains("p-1"));
        assertThatThrownBy(report::assertExactlyOnceInOrder).isInstanceOf(AssertionError.class)
                .hasMessageContaining("lost=1");
    }

    @Test
    void anAcknowledgedRecordMissingFromTheLogIsLost() {
        // given
        List<Ack> acks = List.of(new Ack(2, 7, "p-9"));

        // when
        DeliveryCheck.Report report = DeliveryCheck.check("missing", 1, acks, List.of());

        // then
        assertThat(report.lost()).isEqualTo(1);
        assertThat(report.readBack()).isZero();
    }

    @Test
    void aScenarioThatAcknowledgedNothingProvesNothing() {
        // when
        DeliveryCheck.Report report = DeliveryCheck.check("idle", 0, List.of(), List.of());

        // then
        assertThatThrownBy(report::assertExactlyOnceInOrder).isInstanceOf(AssertionError.class)
                .hasMessageContaining("acknowledged=0");
    }

    private static ConsumerRecord<String, String> record(int partition, long offset, String value) {
        return new ConsumerRecord<>("topic", partition, offset, null, value);
    }
}
