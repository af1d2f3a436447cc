package io.tributary.broker.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.testing.TestContexts;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.TransactionResult;
import org.apache.kafka.common.requests.WriteTxnMarkersRequest;
import org.apache.kafka.common.requests.WriteTxnMarkersResponse;
import org.junit.jupiter.api.Test;

class WriteTxnMarkersHandlerTest {

    @Test
    void writesEachMarkerAndAnswersAnErrorPerPartition() throws Exception {
        // given a broker leading t-0 but not t-1
        TopicPartition led = new TopicPartition("t", 0);
        TopicPartition notLed = new TopicPartition("t", 1);
        WriteTxnMarkersHandler handler = new WriteTxnMarkersHandler((tp, pid, epoch, coordinatorEpoch, commit, tv) ->
                CompletableFuture.completedFuture(tp.equals(led) ? Errors.NONE : Errors.NOT_LEADER_OR_FOLLOWER));
        WriteTxnMarkersRequest request = new WriteTxnMarkersRequest.Builder(List.of(
                new WriteTxnMarkersRequest.TxnMarkerEntry(7L, (short) 1, 0, TransactionResult.COMMIT,
                        List.of(led, notLed), (short) 0))).build((short) 1);

        // when
        var action = handler.handle(TestContexts.of(ApiKeys.WRITE_TXN_MARKERS, (short) 1, "broker-2"), request)
                .toCompletableFuture().get(5, TimeUnit.SECONDS);

        // then
        Map<TopicPartition, Errors> errors = ((WriteTxnMarkersResponse) action.response()).errorsByProducerId()
                .get(7L);
        assertThat(errors).containsEntry(led, Errors.NONE).containsEntry(notLed, Errors.NOT_LEADER_OR_FOLLOWER);
    }

    @Test
    void v2HandsEachMarkersTransactionVersionToTheWriterAndV1MeansVersion0() throws Exception {
        // given
        TopicPartition led = new TopicPartition("t", 0);
        List<Short> versions = new CopyOnWriteArrayList<>();
        WriteTxnMarkersHandler handler = new WriteTxnMarkersHandler((tp, pid, epoch, coordinatorEpoch, commit, tv) -> {
            versions.add(tv);
            return CompletableFuture.completedFuture(Errors.NONE);
        });
        List<WriteTxnMarkersRequest.TxnMarkerEntry> markers = List.of(
                new WriteTxnMarkersRequest.TxnMarkerEntry(7L, (short) 2, 0, TransactionResult.COMMIT, List.of(led),
                        (short) 2),
                new WriteTxnMarkersRequest.TxnMarkerEntry(8L, (short) 1, 0, TransactionResult.ABORT, List.of(led),
                        (short) 1));

        // when
        handler.handle(TestContexts.of(ApiKeys.WRITE_TXN_MARKERS, (short) 2, "broker-2"),
                new WriteTxnMarkersRequest.Builder(markers).build((short) 2)).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        handler.handle(TestContexts.of(ApiKeys.WRITE_TXN_MARKERS, (short) 1, "broker-2"),
                new WriteTxnMarkersRequest.Builder(markers).build((short) 1)).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        // then
        assertThat(versions).containsExactly((short) 2, (short) 1, (short) 0, (short) 0);
    }
}
