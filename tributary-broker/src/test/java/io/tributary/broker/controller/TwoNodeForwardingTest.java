package io.tributary.broker.controller;

import static io.tributary.broker.controller.RoutingControllerChannelTest.createTopics;
import static io.tributary.broker.controller.RoutingControllerChannelTest.created;
import static io.tributary.broker.controller.RoutingControllerChannelTest.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.testing.FakeLocalController;
import io.tributary.broker.testing.TestContexts;
import io.tributary.broker.testing.TestImages;
import io.tributary.network.ResponseAction;
import io.tributary.network.client.NodeClient;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.utils.ExponentialBackoff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two nodes whose channels and controller handlers talk to each other in memory, as over the network. */
class TwoNodeForwardingTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Map<Integer, ControllerApiHandler> handlersByPort = new ConcurrentHashMap<>();
    private final Node one = new Node(1);
    private final Node two = new Node(2);

    /** One node: its controller, the channel over its in-memory client, and the handler its listener routes to. */
    private final class Node {
        final FakeLocalController controller = new FakeLocalController();
        final AtomicInteger sends = new AtomicInteger();
        final RoutingControllerChannel channel;
        volatile Runnable beforeSend = () -> { };

        Node(int id) {
            controller.image = TestImages.builder().broker(1, false).broker(2, false).build();
            NodeClient client = new NodeClient() {
                @Override
                public CompletableFuture<AbstractResponse> send(String host, int port, AbstractRequest request,
                                                                long timeoutMs) {
                    sends.incrementAndGet();
                    beforeSend.run();
                    return handlersByPort.get(port).handle(TestContexts.withClientId(
                                    ControllerRequests.clientId(id)), request)
                            .thenApply(ResponseAction::response).toCompletableFuture();
                }

                @Override
                public void close() {
                }
            };
            channel = new RoutingControllerChannel(id, controller, client, TestImages.LISTENER, scheduler,
                    new ExponentialBackoff(5, 2, 20, 0));
            handlersByPort.put(9000 + id, new ControllerApiHandler(controller, channel));
        }
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void nodesWithCrossedViewsDoNotBounceARequestAndItLandsOnceALeaderIsActive() throws Exception {
        // given node 1 believes 2 leads, node 2 believes 1 leads, neither is active
        one.controller.activeControllerId = OptionalInt.of(2);
        two.controller.activeControllerId = OptionalInt.of(1);
        two.controller.answer = request -> created("t", Errors.NONE);
        // node 2 takes over while node 1 is retrying
        one.beforeSend = () -> two.controller.active = one.sends.get() >= 3;

        // when a client asks node 1
        var action = handlersByPort.get(9001).handle(TestContexts.withClientId("admin"), createTopics("t", 5_000))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);

        // then node 2 answered it, and never forwarded anything itself
        assertThat(errorOf(action.response())).isEqualTo(Errors.NONE);
        assertThat(two.controller.handled).hasSize(1);
        assertThat(one.sends.get()).isEqualTo(3);
        assertThat(two.sends.get()).isZero();
    }
}
