package io.tributary.broker.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.testing.FakeLocalController;
import io.tributary.broker.testing.FakeNodeClient;
import io.tributary.broker.testing.TestContexts;
import io.tributary.broker.testing.TestImages;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.apache.kafka.common.utils.ExponentialBackoff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoutingControllerChannelTest {

    private static final int LOCAL = 1;
    private static final int REMOTE = 2;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final FakeLocalController controller = new FakeLocalController();
    private final FakeNodeClient client = new FakeNodeClient();
    private final RoutingControllerChannel channel = new RoutingControllerChannel(LOCAL, controller, client,
            TestImages.LISTENER, scheduler, new ExponentialBackoff(5, 2, 20, 0));

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void runsOnTheLocalControllerWhileItIsActive() throws Exception {
        // given
        controller.active = true;
        controller.answer = request -> created("t", Errors.NONE);

        // when
        AbstractResponse response = channel.send(createTopics("t", 5_000)).get(5, TimeUnit.SECONDS);

        // then
        assertThat(errorOf(response)).isEqualTo(Errors.NONE);
        assertThat(controller.handled).hasSize(1);
        assertThat(client.sent()).isEmpty();
    }

    @Test
    void forwardsToTheActiveControllersInterBrokerEndpoint() throws Exception {
        // given
        remoteControllerIs(REMOTE);
        client.answer(request -> created("t", Errors.NONE));
        CreateTopicsRequest request = createTopics("t", 5_000);

        // when
        AbstractResponse response = channel.send(request).get(5, TimeUnit.SECONDS);

        // then
        assertThat(errorOf(response)).isEqualTo(Errors.NONE);
        assertThat(client.sent()).singleElement().satisfies(sent -> {
            assertThat(sent.host()).isEqualTo("host-2");
            assertThat(sent.port()).isEqualTo(9002);
            assertThat(sent.request()).isSameAs(request);
            assertThat(sent.timeoutMs()).isLessThanOrEqualTo(5_000);
        });
    }

    @Test
    void retriesOnNotControllerAndLostConnectionsUntilAnAnswer() throws Exception {
        // given
        remoteControllerIs(REMOTE);
        client.answer(request -> created("t", Errors.NOT_CONTROLLER))
                .fail(new DisconnectException("gone"))
                .answer(request -> created("t", Errors.NONE));

        // when
        AbstractResponse response = channel.send(createTopics("t", 5_000)).get(5, TimeUnit.SECONDS);

        // then
        assertThat(errorOf(response)).isEqualTo(Errors.NONE);
        assertThat(client.sent()).hasSize(3);
    }

    @Test
    void waitsForALeaderToBeKnownThenUsesTheLocalControllerOnceActive() throws Exception {
        // given no controller is known yet
        controller.answer = request -> created("t", Errors.NONE);
        scheduler.schedule(() -> controller.active = true, 50, TimeUnit.MILLISECONDS);

        // when
        AbstractResponse response = channel.send(createTopics("t", 5_000)).get(5, TimeUnit.SECONDS);

        // then
        assertThat(errorOf(response)).isEqualTo(Errors.NONE);
        assertThat(client.sent()).isEmpty();
    }

    @Test
    void answersWithTheRequestsErrorResponseAtTheDeadline() throws Exception {
        // given a controller that never becomes known
        long start = System.nanoTime();

        // when
        AbstractResponse response = channel.send(createTopics("t", 200)).get(5, TimeUnit.SECONDS);

        // then
        assertThat(errorOf(response)).isEqualTo(Errors.NOT_CONTROLLER);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(150L, 2_000L);
    }

    @Test
    void aLocalControllerThatNeverAnswersTimesOutAtTheDeadline() throws Exception {
        // given
        controller.active = true;
        controller.answer = request -> null;

        // when
        AbstractResponse response = channel.send(createTopics("t", 200)).get(5, TimeUnit.SECONDS);

        // then
        assertThat(errorOf(response)).isEqualTo(Errors.REQUEST_TIMED_OUT);
    }

    @Test
    void aRequestForwardedByAnotherChannelIsRefusedInsteadOfForwardedAgain() throws Exception {
        // given
        remoteControllerIs(REMOTE);
        ControllerApiHandler handler = new ControllerApiHandler(controller, channel);

        // when
        var action = handler.handle(TestContexts.withClientId(ControllerRequests.clientId(3)), createTopics("t", 5_000))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);

        // then
        assertThat(errorOf(action.response())).isEqualTo(Errors.NOT_CONTROLLER);
        assertThat(client.sent()).isEmpty();
    }

    @Test
    void aRequestForwardedByAnotherChannelIsAnsweredByTheActiveController() throws Exception {
        // given
        controller.active = true;
        controller.answer = request -> created("t", Errors.NONE);
        ControllerApiHandler handler = new ControllerApiHandler(controller, channel);

        // when
        var action = handler.handle(TestContexts.withClientId(ControllerRequests.clientId(3)), createTopics("t", 5_000))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);

        // then
        assertThat(errorOf(action.response())).isEqualTo(Errors.NONE);
        assertThat(controller.handled).hasSize(1);
    }

    @Test
    void aClientRequestGoesThroughTheChannel() throws Exception {
        // given
        remoteControllerIs(REMOTE);
        client.answer(request -> created("t", Errors.NONE));
        ControllerApiHandler handler = new ControllerApiHandler(controller, channel);

        // when
        var action = handler.handle(TestContexts.withClientId("admin-1"), createTopics("t", 5_000))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);

        // then
        assertThat(errorOf(action.response())).isEqualTo(Errors.NONE);
        assertThat(client.sent()).hasSize(1);
    }

    @Test
    void takesTheTimeoutFromTheRequestWhereItHasOne() {
        assertThat(ControllerRequests.timeoutMs(createTopics("t", 1234))).isEqualTo(1234);
        assertThat(ControllerRequests.timeoutMs(createTopics("t", 0)))
                .isEqualTo(ControllerRequests.DEFAULT_TIMEOUT_MS);
        assertThat(ControllerRequests.isFromChannel("tributary-controller-channel-7")).isTrue();
        assertThat(ControllerRequests.isFromChannel("producer-1")).isFalse();
    }

    private void remoteControllerIs(int id) {
        controller.active = false;
        controller.activeControllerId = OptionalInt.of(id);
        controller.image = TestImages.builder().broker(LOCAL, false).broker(REMOTE, false).build();
    }

    static CreateTopicsRequest createTopics(String name, int timeoutMs) {
        CreateTopicsRequestData data = new CreateTopicsRequestData().setTimeoutMs(timeoutMs);
        data.topics().add(new CreatableTopic().setName(name).setNumPartitions(1).setReplicationFactor((short) 1));
        return new CreateTopicsRequest.Builder(data).build();
    }

    static AbstractResponse created(String name, Errors error) {
        CreateTopicsResponseData data = new CreateTopicsResponseData();
        data.topics().add(new CreatableTopicResult().setName(name).setErrorCode(error.code()));
        return new CreateTopicsResponse(data);
    }

    static Errors errorOf(AbstractResponse response) {
        return Errors.forCode(((CreateTopicsResponse) response).data().topics().iterator().next().errorCode());
    }
}
