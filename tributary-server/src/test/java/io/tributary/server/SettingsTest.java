package io.tributary.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.fetch.PreferredReadReplicas;
import io.tributary.broker.replica.ReplicaFetchConfig;
import io.tributary.coordinator.group.GroupCoordinatorConfig;
import io.tributary.coordinator.transaction.TransactionCoordinatorConfig;
import io.tributary.metadata.config.BrokerConfig;
import io.tributary.network.NetworkConfig;
import io.tributary.storage.StorageConfig;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * The modules keep a {@code defaults()} for their own tests; the broker reads its defaults from the config
 * definitions only. These must agree.
 */
class SettingsTest {

    private final BrokerConfig unset = new BrokerConfig(Map.of());

    @Test
    void moduleSettingsOfAnEmptyConfigAreTheModulesDefaults() {
        assertThat(Settings.storage(unset)).isEqualTo(StorageConfig.defaults(unset.logDirs()));
        assertThat(Settings.groupCoordinator(unset)).isEqualTo(GroupCoordinatorConfig.defaults());
        assertThat(Settings.transactionCoordinator(unset)).isEqualTo(TransactionCoordinatorConfig.defaults());
        assertThat(Settings.replicaFetch(unset)).isEqualTo(ReplicaFetchConfig.defaults());
        NetworkConfig network = Settings.network(unset, unset.listeners());
        assertThat(network.maxRequestBytes()).isEqualTo(NetworkConfig.DEFAULT_MAX_REQUEST_BYTES);
        assertThat(network.connectionsMaxIdleMs()).isEqualTo(NetworkConfig.DEFAULT_CONNECTIONS_MAX_IDLE_MS);
        assertThat(network.socketSendBufferBytes()).isEqualTo(NetworkConfig.DEFAULT_SOCKET_BUFFER_BYTES);
        assertThat(network.ioThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void settingsReachTheirModules() {
        // given
        BrokerConfig config = new BrokerConfig(Map.of("offsets.retention.minutes", "2",
                "group.consumer.assignors", "org.apache.kafka.coordinator.group.assignor.RangeAssignor",
                "replica.fetch.backoff.ms", "5", "offsets.topic.replication.factor", "3",
                "num.recovery.threads.per.data.dir", "4"));

        // then
        assertThat(Settings.groupCoordinator(config).offsetsRetentionMs()).isEqualTo(120_000L);
        assertThat(Settings.groupCoordinator(config).consumerAssignors()).containsExactly("range");
        assertThat(Settings.replicaFetch(config).backoffMs()).isEqualTo(5L);
        assertThat(Settings.offsetsTopic(config).replicationFactor()).isEqualTo((short) 3);
        assertThat(Settings.storage(config).recoveryThreadsPerDataDir()).isEqualTo(4);
    }

    @Test
    void replicaSelectorClassIsLoadedOrStopsTheStart() {
        // given
        BrokerConfig rackAware = new BrokerConfig(Map.of("replica.selector.class",
                "org.apache.kafka.common.replica.RackAwareReplicaSelector"));

        // then
        assertThat(Settings.readReplicas(unset)).isSameAs(PreferredReadReplicas.NONE);
        assertThat(Settings.readReplicas(rackAware)).isNotSameAs(PreferredReadReplicas.NONE);
        assertThatThrownBy(() -> Settings.readReplicas(new BrokerConfig(Map.of("replica.selector.class",
                "com.example.NoSuchSelector")))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("replica.selector.class");
        assertThatThrownBy(() -> Settings.readReplicas(new BrokerConfig(Map.of("replica.selector.class",
                "java.lang.String")))).isInstanceOf(ConfigException.class);
    }
}
