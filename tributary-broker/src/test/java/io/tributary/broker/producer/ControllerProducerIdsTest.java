package io.tributary.broker.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.testing.FakeControllerChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.CoordinatorLoadInProgressException;
import org.apache.kafka.common.errors.NotControllerException;
import org.apache.kafka.common.message.AllocateProducerIdsResponseData;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.AllocateProducerIdsRequest;
import org.apache.kafka.common.requests.AllocateProducerIdsResponse;
import org.junit.jupiter.api.Test;

class ControllerProducerIdsTest {

    private final AtomicLong nextBlockStart = new AtomicLong(5_000);

    private AbstractResponse block(AbstractRequest request) {
        return new AllocateProducerIdsResponse(new AllocateProducerIdsResponseData()
                .setProducerIdStart(nextBlockStart.getAndAdd(10))
                .setProducerIdLen(10));
    }

    @Test
    void handsOutIdsFromControllerBlocksAndPrefetchesTheNextOne() throws Exception {
        // given
        FakeControllerChannel channel = new FakeControllerChannel().answer(this::block);
        ControllerProducerIds ids = new ControllerProducerIds(4, () -> 33L, channel);

        // when
        List<Long> handedOut = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            handedOut.add(ids.nextAsync().toCompletableFuture().get(5, TimeUnit.SECONDS));
        }

        // then
        assertThat(handedOut).doesNotHaveDuplicates().startsWith(5_000L, 5_001L).contains(5_010L, 5_024L);
        AllocateProducerIdsRequest first = channel.requests(AllocateProducerIdsRequest.class).get(0);
        assertThat(first.data().brokerId()).isEqualTo(4);
        assertThat(first.data().brokerEpoch()).isEqualTo(33L);
        assertThat(channel.requests(AllocateProducerIdsRequest.class)).hasSize(3);
    }

    @Test
    void theSynchronousPathSaysLoadInProgressUntilABlockArrives() throws Exception {
        // given a controller that answers later
        CompletableFuture<AbstractResponse> later = new CompletableFuture<>();
        ControllerChannel channel = request -> later;
        ControllerProducerIds ids = new ControllerProducerIds(4, () -> 33L, channel);

        // when / then
        assertThatThrownBy(ids::nextProducerId).isInstanceOf(CoordinatorLoadInProgressException.class);
        CompletableFuture<Long> waiting = ids.nextAsync().toCompletableFuture();
        assertThat(waiting).isNotDone();
        later.complete(block(null));
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo(5_000L);
        assertThat(ids.nextProducerId()).isEqualTo(5_001L);
    }

    @Test
    void aControllerThatCannotAllocateIsRetriableForTheClient() {
        // given
        ControllerProducerIds ids = new ControllerProducerIds(4, () -> 33L, new FakeControllerChannel()
                .answer(request -> request.getErrorResponse(new NotControllerException("none"))));

        // when / then
        assertThat(ids.nextAsync().toCompletableFuture()).failsWithin(5, TimeUnit.SECONDS)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(CoordinatorLoadInProgressException.class);
    }
}
