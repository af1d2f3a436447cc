package io.tributary.broker.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.testing.FakeControllerChannel;
import io.tributary.metadata.image.BrokerRegistration;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.InconsistentClusterIdException;
import org.apache.kafka.common.message.BrokerHeartbeatResponseData;
import org.apache.kafka.common.message.BrokerRegistrationResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.BrokerHeartbeatRequest;
import org.apache.kafka.common.requests.BrokerHeartbeatResponse;
import org.apache.kafka.common.requests.BrokerRegistrationRequest;
import org.apache.kafka.common.requests.BrokerRegistrationResponse;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BrokerLifecycleTest {

    private static final BrokerLifecycle.Registration REGISTRATION = new BrokerLifecycle.Registration(3, "cluster-a",
            "rack-1", List.of(new BrokerRegistration.Listener("INTERNAL", "host-3", 9093, SecurityProtocol.PLAINTEXT)),
            List.of(BrokerLifecycle.METADATA_VERSION));

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final FakeControllerChannel channel = new FakeControllerChannel();
    private final AtomicLong metadataOffset = new AtomicLong(10);
    private final BrokerLifecycle lifecycle = new BrokerLifecycle(REGISTRATION, channel, metadataOffset::get,
            scheduler, 50);

    /** A controller that unfences the broker once it reports the offset of its registration (epoch 40). */
    private final class Controller {
        final AtomicLong nextEpoch = new AtomicLong(40);
        final AtomicBoolean forgetBroker = new AtomicBoolean();
        volatile long epoch = -1;

        AbstractResponse answer(AbstractRequest request) {
            if (request instanceof BrokerRegistrationRequest) {
                epoch = nextEpoch.getAndAdd(10);
                return new BrokerRegistrationResponse(new BrokerRegistrationResponseData().setBrokerEpoch(epoch));
            }
            BrokerHeartbeatRequest heartbeat = (BrokerHeartbeatRequest) request;
            if (forgetBroker.getAndSet(false) || heartbeat.data().brokerEpoch() != epoch) {
                return new BrokerHeartbeatResponse(new BrokerHeartbeatResponseData()
                        .setErrorCode(Errors.STALE_BROKER_EPOCH.code()));
            }
            boolean caughtUp = heartbeat.data().currentMetadataOffset() >= epoch;
            return new BrokerHeartbeatResponse(new BrokerHeartbeatResponseData()
                    .setIsCaughtUp(caughtUp)
                    .setIsFenced(!caughtUp)
                    .setShouldShutDown(heartbeat.data().wantShutDown()));
        }
    }

    private final Controller controller = new Controller();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void registersThenHeartbeatsAndIsUnfencedOnceCaughtUp() throws Exception {
        // given
        channel.answer(controller::answer);

        // when
        lifecycle.start();

        // then: registered with what the broker is, fenced while behind its registration
        await().atMost(Duration.ofSeconds(5)).until(() -> channel.requests(BrokerHeartbeatRequest.class).size() >= 2);
        BrokerRegistrationRequest registration = channel.requests(BrokerRegistrationRequest.class).get(0);
        assertThat(registration.data().brokerId()).isEqualTo(3);
        assertThat(registration.data().clusterId()).isEqualTo("cluster-a");
        assertThat(registration.data().incarnationId()).isEqualTo(lifecycle.incarnationId());
        assertThat(registration.data().rack()).isEqualTo("rack-1");
        assertThat(registration.data().listeners().find("INTERNAL").port()).isEqualTo(9093);
        assertThat(registration.data().features().find("metadata.version")).isNotNull();
        assertThat(lifecycle.brokerEpoch()).isEqualTo(40);
        assertThat(lifecycle.unfenced()).isNotDone();
        assertThat(channel.requests(BrokerHeartbeatRequest.class).get(0).data().currentMetadataOffset())
                .isEqualTo(10);

        // when the image catches up
        metadataOffset.set(45);

        // then
        lifecycle.unfenced().get(5, TimeUnit.SECONDS);
    }

    @Test
    void registersAgainWhenTheControllerNoLongerKnowsItsEpoch() throws Exception {
        // given an unfenced broker
        metadataOffset.set(1_000);
        channel.answer(controller::answer);
        lifecycle.start();
        lifecycle.unfenced().get(5, TimeUnit.SECONDS);

        // when
        controller.forgetBroker.set(true);

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> lifecycle.brokerEpoch() == 50);
        List<BrokerRegistrationRequest> registrations = channel.requests(BrokerRegistrationRequest.class);
        assertThat(registrations).hasSize(2);
        assertThat(registrations.get(1).data().previousBrokerEpoch()).isEqualTo(40);
        assertThat(registrations.get(1).data().incarnationId()).isEqualTo(registrations.get(0).data().incarnationId());
    }

    @Test
    void aRestartSendsTheEpochOfTheLastCleanShutdownAndAFreshStartMinusOne() throws Exception {
        // given: one broker whose clean-shutdown marker held epoch 33, one without a marker (crash, wiped disk)
        channel.answer(controller::answer);
        ScheduledExecutorService otherScheduler = Executors.newSingleThreadScheduledExecutor();
        FakeControllerChannel otherChannel = new FakeControllerChannel();
        otherChannel.answer(new Controller()::answer);
        BrokerLifecycle afterCleanStop = new BrokerLifecycle(REGISTRATION, otherChannel, metadataOffset::get,
                otherScheduler, 50, 33);

        try {
            // when
            afterCleanStop.start();
            lifecycle.start();

            // then
            await().atMost(Duration.ofSeconds(5)).until(() -> afterCleanStop.brokerEpoch() == 40
                    && lifecycle.brokerEpoch() == 40);
            assertThat(otherChannel.requests(BrokerRegistrationRequest.class).get(0).data().previousBrokerEpoch())
                    .isEqualTo(33);
            assertThat(channel.requests(BrokerRegistrationRequest.class).get(0).data().previousBrokerEpoch())
                    .isEqualTo(-1);
        } finally {
            otherScheduler.shutdownNow();
        }
    }

    @Test
    void controlledShutdownAsksUntilTheControllerAgreesThenStopsHeartbeating() throws Exception {
        // given
        metadataOffset.set(1_000);
        channel.answer(controller::answer);
        lifecycle.start();
        lifecycle.unfenced().get(5, TimeUnit.SECONDS);

        // when
        lifecycle.shutdown(5_000);

        // then
        List<BrokerHeartbeatRequest> heartbeats = channel.requests(BrokerHeartbeatRequest.class);
        assertThat(heartbeats.get(heartbeats.size() - 1).data().wantShutDown()).isTrue();
        await("no heartbeat after the shutdown").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(channel.requests(BrokerHeartbeatRequest.class))
                        .hasSize(heartbeats.size()));
    }

    @Test
    void retriesARefusedRegistration() throws Exception {
        // given a controller that refuses the first registration
        AtomicBoolean refused = new AtomicBoolean();
        metadataOffset.set(1_000);
        channel.answer(request -> request instanceof BrokerRegistrationRequest && !refused.getAndSet(true)
                ? new BrokerRegistrationResponse(new BrokerRegistrationResponseData()
                        .setErrorCode(Errors.NOT_CONTROLLER.code()))
                : controller.answer(request));

        // when
        lifecycle.start();

        // then
        lifecycle.unfenced().get(5, TimeUnit.SECONDS);
        assertThat(channel.requests(BrokerRegistrationRequest.class)).hasSize(2);
    }

    @Test
    void aRegistrationRefusedForGoodFailsTheUnfenceFuture() {
        // given
        channel.answer(request -> new BrokerRegistrationResponse(new BrokerRegistrationResponseData()
                .setErrorCode(Errors.INCONSISTENT_CLUSTER_ID.code())));

        // when
        lifecycle.start();

        // then
        assertThatThrownBy(() -> lifecycle.unfenced().get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(InconsistentClusterIdException.class);
    }
}
