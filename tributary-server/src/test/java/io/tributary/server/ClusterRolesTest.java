package io.tributary.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.metadata.config.BrokerConfig;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ClusterRolesTest {

    private static final String VOTERS = "1@localhost:9093,2@localhost:9193,3@localhost:9293";

    @Test
    void aControllerOnlyNodeServesOnlyItsControllerListenerWhichItSharesWithRaft() {
        // given
        BrokerConfig config = config(Map.of("process.roles", "controller", "controller.quorum.voters", VOTERS,
                "listeners", "CONTROLLER://localhost:9093"));

        // when
        ClusterRoles roles = ClusterRoles.of(config);

        // then
        assertThat(roles.controllerOnly()).isTrue();
        assertThat(roles.brokerOnly()).isFalse();
        assertThat(roles.servedListeners(config.listeners())).isEqualTo("CONTROLLER://localhost:9093");
        assertThat(roles.sharesControllerListener(config)).isTrue();
        assertThat(roles.quorum(config, java.nio.file.Path.of("raft"), org.apache.kafka.common.Uuid.ZERO_UUID)
                .localAddress())
                .isEqualTo(new InetSocketAddress("127.0.0.1", 0));
        assertThat(roles.interBrokerListenerName()).isEqualTo("PLAINTEXT");
        assertThat(roles.clusterId()).isNotNull();
    }

    @Test
    void aControllerOnlyNodeNeedsItsControllerListener() {
        assertThatThrownBy(() -> ClusterRoles.of(config(Map.of("process.roles", "controller",
                "controller.quorum.voters", VOTERS, "listeners", "PLAINTEXT://localhost:9092"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("controller listener");
    }

    @Test
    void aBrokerOnlyNodeFindsTheControllersByVotersOrBootstrapServers() {
        // given
        BrokerConfig byVoters = config(Map.of("process.roles", "broker", "controller.quorum.voters", VOTERS,
                "listeners", "PLAINTEXT://localhost:9392"));
        BrokerConfig byBootstrap = config(Map.of("process.roles", "broker",
                "controller.quorum.bootstrap.servers", "localhost:9093,[::1]:9193",
                "listeners", "PLAINTEXT://localhost:9392"));

        // when
        ClusterRoles voters = ClusterRoles.of(byVoters);
        ClusterRoles bootstrap = ClusterRoles.of(byBootstrap);

        // then
        assertThat(voters.brokerOnly()).isTrue();
        assertThat(voters.controllerBootstrap()).hasSize(3);
        assertThat(voters.clusterId()).isEqualTo(ClusterRoles.of(config(Map.of("process.roles", "controller",
                "controller.quorum.voters", VOTERS, "listeners", "CONTROLLER://localhost:9093"))).clusterId());
        assertThat(voters.sharesControllerListener(byVoters)).isFalse();
        assertThat(bootstrap.brokerOnly()).isTrue();
        assertThat(bootstrap.voters()).isEmpty();
        assertThat(bootstrap.controllerBootstrap()).containsExactly(
                InetSocketAddress.createUnresolved("localhost", 9093), InetSocketAddress.createUnresolved("::1", 9193));
        assertThat(bootstrap.clusterId()).as("asked of the controllers at the first start").isNull();
    }

    @Test
    void aNodeWithRolesButNoQuorumIsRefused() {
        assertThatThrownBy(() -> ClusterRoles.of(config(Map.of("process.roles", "broker",
                "listeners", "PLAINTEXT://localhost:9092"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("controller.quorum.bootstrap.servers");
        assertThatThrownBy(() -> ClusterRoles.of(config(Map.of("process.roles", "controller",
                "listeners", "CONTROLLER://localhost:9093"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("a controller needs controller.quorum.voters or controller.quorum.bootstrap");
    }

    @Test
    void aControllerWithBootstrapServersOnlyWaitsToBeAddedAsAVoter() {
        // given
        BrokerConfig config = config(Map.of("process.roles", "controller",
                "controller.quorum.bootstrap.servers", "localhost:9093", "listeners", "CONTROLLER://localhost:9493"));

        // when
        ClusterRoles roles = ClusterRoles.of(config);

        // then
        assertThat(roles.controllerOnly()).isTrue();
        assertThat(roles.joiningController()).isTrue();
        assertThat(roles.clusterId()).as("asked of the controllers at the first start").isNull();
        var quorum = roles.quorum(config, java.nio.file.Path.of("raft"), org.apache.kafka.common.Uuid.ONE_UUID);
        assertThat(quorum.joining()).isTrue();
        assertThat(quorum.directoryId()).isEqualTo(org.apache.kafka.common.Uuid.ONE_UUID);
        assertThat(quorum.localAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 0));
    }

    @Test
    void aCombinedNodeLeavesItsControllerListenerToRaftAndAnUnsetRoleIsASingleBroker() {
        // given
        BrokerConfig combined = config(Map.of("process.roles", "broker,controller", "controller.quorum.voters",
                VOTERS, "listeners", "PLAINTEXT://localhost:9092,CONTROLLER://localhost:9093"));
        BrokerConfig single = config(Map.of("listeners", "PLAINTEXT://localhost:9092"));

        // when
        ClusterRoles roles = ClusterRoles.of(combined);
        ClusterRoles alone = ClusterRoles.of(single);

        // then
        assertThat(roles.controllerOnly()).isFalse();
        assertThat(roles.brokerOnly()).isFalse();
        assertThat(roles.servedListeners(combined.listeners())).isEqualTo("PLAINTEXT://localhost:9092");
        assertThat(roles.sharesControllerListener(combined)).isFalse();
        assertThat(roles.quorum(combined, java.nio.file.Path.of("raft"), org.apache.kafka.common.Uuid.ZERO_UUID)
                .localAddress())
                .as("Ratis binds a combined node's controller listener").isEqualTo(
                        new InetSocketAddress("localhost", 9093));
        assertThat(alone.clusterMember()).isFalse();
        assertThat(alone.servedListeners(single.listeners())).isEqualTo("PLAINTEXT://localhost:9092");
    }

    private static BrokerConfig config(Map<String, String> values) {
        Map<String, String> all = new LinkedHashMap<>(values);
        all.putIfAbsent("node.id", "1");
        return new BrokerConfig(all);
    }
}
