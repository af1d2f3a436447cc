package io.tributary.quorum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class QuorumConfigTest {

    @Test
    void parsesControllerQuorumVoters() {
        // when
        Map<Integer, InetSocketAddress> voters = QuorumConfig.parseVoters("1@localhost:9093, 2@10.0.0.2:9094,3@[::1]:9095");

        // then
        assertThat(voters.keySet()).containsExactly(1, 2, 3);
        assertThat(voters.get(1).getHostString()).isEqualTo("localhost");
        assertThat(voters.get(1).getPort()).isEqualTo(9093);
        assertThat(voters.get(2).getHostString()).isEqualTo("10.0.0.2");
        assertThat(voters.get(3).getHostString()).isEqualTo("::1");
        assertThat(voters.get(3).getPort()).isEqualTo(9095);
    }

    @Test
    void rejectsMalformedVoters() {
        assertThatThrownBy(() -> QuorumConfig.parseVoters("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QuorumConfig.parseVoters("1@host")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QuorumConfig.parseVoters("x@host:1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QuorumConfig.parseVoters("1@a:1,1@b:2"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("twice");
    }

    @Test
    void theNodeMustBeAVoterAndTimeoutsMustBeOrdered() {
        // given
        Map<Integer, InetSocketAddress> voters = QuorumConfig.parseVoters("1@localhost:9093");

        // when / then
        assertThatThrownBy(() -> QuorumConfig.of(2, voters, Path.of("d")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not among the voters");
        assertThatThrownBy(() -> QuorumConfig.of(1, voters, Path.of("d"))
            .withElectionTimeout(Duration.ofMillis(500), Duration.ofMillis(500)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(QuorumConfig.of(1, voters, Path.of("d")).localAddress().getPort()).isEqualTo(9093);
    }

    @Test
    void aBindAddressReplacesTheVoterAddressAsTheListeningOne() {
        // given the others reach node 1 at 9093 (a proxy), while node 1 itself listens on 19093
        Map<Integer, InetSocketAddress> voters = QuorumConfig.parseVoters("1@localhost:9093,2@localhost:9193");

        // when
        QuorumConfig config = QuorumConfig.of(1, voters, Path.of("d"))
            .withBindAddress(InetSocketAddress.createUnresolved("localhost", 19093))
            .withElectionTimeout(Duration.ofMillis(500), Duration.ofMillis(1000));

        // then
        assertThat(config.localAddress().getPort()).isEqualTo(19093);
        assertThat(config.voters().get(1).getPort()).isEqualTo(9093);
    }
}
