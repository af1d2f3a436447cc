package io.tributary.metadata.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.message.BrokerHeartbeatRequestData;
import org.apache.kafka.common.message.BrokerHeartbeatResponseData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tributary.metadata.ControllerHarness;

/**
 * A change is answered once this node's listeners (its broker) have acted on it, or after
 * {@code ControllerThread.LOCAL_APPLY_WAIT_MS}; the controller thread does not wait for them: while a broker makes
 * the logs of a large topic, that topic's answer waits, and the controller goes on answering others (heartbeats).
 */
class AnswerAfterListenersTest {

    @TempDir
    Path dir;
    ControllerHarness harness;
    final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        harness = new ControllerHarness(dir);
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        harness.close();
    }

    @Test
    void aSlowListenerHoldsTheAnswerButNotTheControllerThread() throws Exception {
        // given: a listener that stalls on a new topic, as a broker making thousands of logs does
        harness.controller().addListener((delta, image) -> {
            if (image.topics().get("big").isPresent() && release.getCount() > 0) {
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });

        // when
        CompletableFuture<CreateTopicsResponseData> big = create("big").toCompletableFuture();

        // then: committed and in the image, but not answered while the listener works
        await().atMost(10, TimeUnit.SECONDS).until(() -> harness.controller().image().topics().get("big").isPresent());
        assertThat(big).isNotDone();
        // and the controller thread answers a broker's heartbeat meanwhile
        long epoch = harness.controller().image().brokers().get(ControllerHarness.NODE_ID).orElseThrow().epoch();
        BrokerHeartbeatResponseData heartbeat = ControllerHarness.await(harness.controller().brokerHeartbeat(
                new BrokerHeartbeatRequestData().setBrokerId(ControllerHarness.NODE_ID).setBrokerEpoch(epoch)
                        .setCurrentMetadataOffset(harness.controller().image().offset())));
        assertThat(heartbeat.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(big).isNotDone();

        // and once the listener is done, the topic is answered
        release.countDown();
        assertThat(big.get(10, TimeUnit.SECONDS).topics().find("big").errorCode()).isEqualTo(Errors.NONE.code());
    }

    private java.util.concurrent.CompletionStage<CreateTopicsResponseData> create(String name) {
        CreateTopicsRequestData request = new CreateTopicsRequestData();
        request.topics().add(new CreatableTopic().setName(name).setNumPartitions(3).setReplicationFactor((short) 1));
        return harness.controller().createTopics(request);
    }
}
