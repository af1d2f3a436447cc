package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

    @Test
    void lostAreTheAcknowledgedRecordsNeverReceived() {
        // given
        DeliveryLedger ledger = new DeliveryLedger(10);

        // when
        for (long s = 0; s < 5; s++) ledger.onAcked(s);
        ledger.onReceived(0);
        ledger.onReceived(1);
        ledger.onReceived(3);
        ledger.onReceived(7); // sent, its acknowledgement failed, yet written: received, not lost

        // then
        assertThat(ledger.ackedCount()).isEqualTo(5);
        assertThat(ledger.receivedCount()).isEqualTo(4);
        assertThat(ledger.lost()).isEqualTo(2); // 2 and 4
    }

    @Test
    void countsDuplicatesAndRecordsOfOtherRunsApart() {
        // given
        DeliveryLedger ledger = new DeliveryLedger(3);
        ledger.onAcked(1);
        ledger.onAcked(1);

        // when
        boolean first = ledger.onReceived(1);
        boolean again = ledger.onReceived(1);
        boolean foreign = ledger.onReceived(99);

        // then
        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(foreign).isFalse();
        assertThat(ledger.ackedCount()).isEqualTo(1);
        assertThat(ledger.duplicates()).isEqualTo(1);
        assertThat(ledger.foreign()).isEqualTo(1);
        assertThat(ledger.lost()).isZero();
    }
}
