package io.tributary.broker.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.testing.FakeNodeClient;
import io.tributary.broker.testing.TestImages;
import io.tributary.coordinator.transaction.TransactionMarkerWriter;
import io.tributary.metadata.image.MetadataImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData.WritableTxnMarker;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.WriteTxnMarkersRequest;
import org.apache.kafka.common.requests.WriteTxnMarkersResponse;
import org.junit.jupiter.api.Test;

class RoutingTransactionMarkerWriterTest {

    private static final Uuid TOPIC_ID = Uuid.randomUuid();
    private static final Uuid OTHER_TOPIC_ID = Uuid.randomUuid();
    private static final TopicPartition TP0 = new TopicPartition("t", 0);
    private static final TopicPartition TP1 = new TopicPartition("t", 1);

    private final List<TopicPartition> writtenLocally = new ArrayList<>();
    private final TransactionMarkerWriter local = (tp, pid, epoch, coordinatorEpoch, commit, version) -> {
        writtenLocally.add(tp);
        return CompletableFuture.completedFuture(Errors.NONE);
    };
    private final FakeNodeClient client = new FakeNodeClient();
    private final AtomicReference<MetadataImage> image = new AtomicReference<>(TestImages.builder()
            .broker(1, false).broker(2, false)
            .topic("t", TOPIC_ID)
            .partition(TOPIC_ID, 0, new int[] {1, 2}, new int[] {1, 2}, 1, 0)
            .partition(TOPIC_ID, 1, new int[] {2, 1}, new int[] {2, 1}, 2, 0)
            .build());
    private final RoutingTransactionMarkerWriter writer = new RoutingTransactionMarkerWriter(1, image::get, local,
            client, TestImages.LISTENER, 5_000);

    @Test
    void writesLocallyWhereThisBrokerLeads() throws Exception {
        // when
        Errors error = writer.writeMarker(TP0, 7L, (short) 1, 0, true, (short) 2).get(5, TimeUnit.SECONDS);

        // then
        assertThat(error).isEqualTo(Errors.NONE);
        assertThat(writtenLocally).containsExactly(TP0);
        assertThat(client.sent()).isEmpty();
    }

    @Test
    void sendsWriteTxnMarkersToTheLeaderElsewhere() throws Exception {
        // given
        client.answer(request -> new WriteTxnMarkersResponse(Map.of(7L, Map.of(TP1, Errors.NONE))));

        // when
        Errors error = writer.writeMarker(TP1, 7L, (short) 1, 0, false, (short) 2).get(5, TimeUnit.SECONDS);

        // then
        assertThat(error).isEqualTo(Errors.NONE);
        assertThat(writtenLocally).isEmpty();
        assertThat(client.sent()).singleElement().satisfies(sent -> {
            assertThat(sent.host()).isEqualTo("host-2");
            WritableTxnMarker marker = ((WriteTxnMarkersRequest) sent.request()).data().markers().get(0);
            assertThat(marker.producerId()).isEqualTo(7L);
            assertThat(marker.transactionResult()).isFalse();
            assertThat(sent.request().version()).as("v2 carries the transaction version").isEqualTo((short) 2);
            assertThat(marker.transactionVersion()).isEqualTo((byte) 2);
            assertThat(marker.topics().get(0).partitionIndexes()).containsExactly(1);
        });
    }

    @Test
    void answersRetriableErrorsSoTheCoordinatorTriesAgainWithTheNewLeader() throws Exception {
        // given the remote leader moved, then the connection drops
        client.answer(request -> new WriteTxnMarkersResponse(Map.of(7L, Map.of(TP1, Errors.NOT_LEADER_OR_FOLLOWER))))
                .fail(new DisconnectException("gone"));

        // when / then
        assertThat(writer.writeMarker(TP1, 7L, (short) 1, 0, true, (short) 2).get(5, TimeUnit.SECONDS))
                .isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER);
        assertThat(writer.writeMarker(TP1, 7L, (short) 1, 0, true, (short) 2).get(5, TimeUnit.SECONDS))
                .isEqualTo(Errors.NETWORK_EXCEPTION);
        assertThat(Errors.NETWORK_EXCEPTION.exception()).isInstanceOf(
                org.apache.kafka.common.errors.RetriableException.class);

        // when leadership moves here
        image.set(TestImages.builder().broker(1, false).broker(2, true).topic("t", TOPIC_ID)
                .partition(TOPIC_ID, 1, new int[] {2, 1}, new int[] {1}, 1, 1).build());

        // then
        assertThat(writer.writeMarker(TP1, 7L, (short) 1, 0, true, (short) 2).get(5, TimeUnit.SECONDS)).isEqualTo(Errors.NONE);
        assertThat(writtenLocally).containsExactly(TP1);
    }

    @Test
    void markersQueuedWhileARequestIsOutGoTogetherInTheNextOne() throws Exception {
        // given a first marker whose request is not answered yet
        CompletableFuture<org.apache.kafka.common.requests.AbstractResponse> firstAnswer = new CompletableFuture<>();
        TopicPartition tp3 = new TopicPartition("u", 3);
        image.set(TestImages.builder().broker(1, false).broker(2, false).topic("t", TOPIC_ID)
                .partition(TOPIC_ID, 1, new int[] {2, 1}, new int[] {2, 1}, 2, 0)
                .topic("u", OTHER_TOPIC_ID).partition(OTHER_TOPIC_ID, 3, new int[] {2}, new int[] {2}, 2, 0).build());
        client.answerWith(request -> firstAnswer)
                .answer(request -> new WriteTxnMarkersResponse(Map.of(8L, Map.of(TP1, Errors.NONE, tp3, Errors.NONE),
                        9L, Map.of(TP1, Errors.NONE))));
        CompletableFuture<Errors> first = writer.writeMarker(TP1, 7L, (short) 1, 0, true, (short) 2);

        // when three more markers for the same leader arrive meanwhile: two transactions, two topics
        CompletableFuture<Errors> second = writer.writeMarker(TP1, 8L, (short) 2, 0, true, (short) 2);
        CompletableFuture<Errors> third = writer.writeMarker(tp3, 8L, (short) 2, 0, true, (short) 2);
        CompletableFuture<Errors> fourth = writer.writeMarker(TP1, 9L, (short) 0, 0, false, (short) 2);
        assertThat(client.sent()).hasSize(1);
        firstAnswer.complete(new WriteTxnMarkersResponse(Map.of(7L, Map.of(TP1, Errors.NONE))));

        // then they went in one request, one marker per transaction, and each got its own answer
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(Errors.NONE);
        assertThat(List.of(second.get(5, TimeUnit.SECONDS), third.get(5, TimeUnit.SECONDS),
                fourth.get(5, TimeUnit.SECONDS))).containsOnly(Errors.NONE);
        assertThat(client.sent()).hasSize(2);
        List<WritableTxnMarker> batched = ((WriteTxnMarkersRequest) client.sent().get(1).request()).data().markers();
        assertThat(batched).extracting(WritableTxnMarker::producerId).containsExactly(8L, 9L);
        assertThat(batched.get(0).topics()).extracting(t -> t.name()).containsExactly("t", "u");
        assertThat(batched.get(1).transactionResult()).isFalse();
    }

    @Test
    void aLeaderlessOrMissingPartitionIsAnsweredWithoutSending() throws Exception {
        // given
        image.set(TestImages.builder().broker(1, false).topic("t", TOPIC_ID)
                .partition(TOPIC_ID, 1, new int[] {2}, new int[] {2}, -1, 1).build());

        // when / then
        assertThat(writer.writeMarker(TP1, 7L, (short) 1, 0, true, (short) 2).get(5, TimeUnit.SECONDS))
                .isEqualTo(Errors.LEADER_NOT_AVAILABLE);
        assertThat(writer.writeMarker(new TopicPartition("gone", 0), 7L, (short) 1, 0, true, (short) 2)
                .get(5, TimeUnit.SECONDS)).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(client.sent()).isEmpty();
    }
}
