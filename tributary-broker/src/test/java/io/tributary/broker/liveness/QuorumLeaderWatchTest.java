package io.tributary.broker.liveness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.BrokersImage;
import io.tributary.metadata.image.ConfigsImage;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.TopicsImage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A quorum follower's watch of its Raft leader over real sockets: a leader whose port refuses connections gets an
 * election at once (by the first follower in line; the next one only after the stagger, and only if that leader is
 * still the known one); a paused leader whose kernel still accepts gets none.
 */
class QuorumLeaderWatchTest {

    private static final String LISTENER = "PLAINTEXT";
    private static final int LEADER = 3;

    private final List<Integer> electionsFor = new CopyOnWriteArrayList<>();
    private volatile OptionalInt knownLeader = OptionalInt.of(LEADER);
    private QuorumLeaderWatch watch;

    @AfterEach
    void close() {
        if (watch != null) {
            watch.close();
        }
    }

    @Test
    void theFirstFollowerInLineStartsAnElectionAsSoonAsTheLeadersPortRefuses() throws Exception {
        // given
        int deadPort = closedPort();

        // when
        startWatching(1, deadPort);

        // then: once (the leader stays known as dead here, so the next try waits the retry delay)
        await().atMost(Duration.ofSeconds(5)).until(() -> electionsFor.contains(LEADER));
        assertThat(electionsFor).containsExactly(LEADER);
    }

    @Test
    void theNextFollowerLeavesTheElectionToTheFirstWhenItWins() throws Exception {
        // given
        int deadPort = closedPort();
        startWatching(2, deadPort);

        // when: the first follower won meanwhile
        Thread.sleep(QuorumLeaderWatch.STAGGER_MS / 2);
        knownLeader = OptionalInt.of(1);
        Thread.sleep(QuorumLeaderWatch.STAGGER_MS + 500);

        // then
        assertThat(electionsFor).isEmpty();
    }

    @Test
    void aPausedLeaderWhoseKernelStillAcceptsCausesNoElection() throws Exception {
        try (ServerSocket paused = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            startWatching(1, paused.getLocalPort());

            Thread.sleep(2_500); // two probes time out (1 s each) and a third starts

            assertThat(electionsFor).isEmpty();
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return gone.getLocalPort();
        }
    }

    private void startWatching(int self, int leaderPort) {
        MetadataImage image = new MetadataImage("cluster", 10, new TopicsImage(Map.of()), ConfigsImage.EMPTY,
                new BrokersImage(Map.of(LEADER, broker(LEADER, leaderPort))));
        watch = new QuorumLeaderWatch(self, List.of(1, 2, 3), LISTENER, new QuorumLeaderWatch.Follower() {
            @Override
            public OptionalInt leaderId() {
                return knownLeader;
            }

            @Override
            public boolean startElectionWithoutLeader(int deadLeaderId) {
                electionsFor.add(deadLeaderId);
                return true;
            }
        }, () -> image, 1_000);
        watch.start();
    }

    private static BrokerRegistration broker(int id, int port) {
        return new BrokerRegistration(id, 7, Uuid.randomUuid(),
                List.of(new BrokerRegistration.Listener(LISTENER, "127.0.0.1", port, SecurityProtocol.PLAINTEXT)),
                null, false, false);
    }
}
