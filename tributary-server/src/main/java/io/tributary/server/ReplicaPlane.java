package io.tributary.server;

import static io.tributary.metadata.config.ServerConfigDefinitions.DURABLE;

import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.fetch.DelayedFetches;
import io.tributary.broker.partition.AlterPartitionSender;
import io.tributary.broker.partition.OfflineReplicaReporter;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.broker.replica.ReplicaFetcherManager;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metrics.ReplicaFetcherStats;
import io.tributary.metadata.config.BrokerConfig;
import io.tributary.metadata.config.ConfigDescriber;
import io.tributary.network.client.NodeClient;
import io.tributary.storage.LogManager;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The partitions hosted here and, on a cluster member, the replica fetchers that follow other leaders and the
 * AlterPartition path to the controller. A single node leads everything it hosts and never changes an ISR.
 */
record ReplicaPlane(PartitionManager partitions, ReplicaFetcherManager fetchers) implements AutoCloseable {

    static ReplicaPlane create(BrokerConfig config, ClusterRoles roles, LogManager logManager, ConfigDescriber configs,
                               DelayedFetches delayedFetches, ControllerChannel channel, NodeClient nodeClient,
                               Supplier<MetadataImage> image, LongSupplier brokerEpoch,
                               ReplicaFetcherStats fetcherStats) {
        int nodeId = config.nodeId();
        if (!roles.clusterMember()) {
            PartitionManager single = new PartitionManager(nodeId, logManager, configs::effectiveTopicConfig,
                    config.getBoolean(DURABLE), delayedFetches);
            single.watchLogDirs(null); // no other replica to move leadership to
            return new ReplicaPlane(single, null);
        }
        ReplicaFetcherManager fetchers = new ReplicaFetcherManager(nodeId, nodeClient, image,
                roles.interBrokerListenerName(), brokerEpoch, Settings.replicaFetch(config), fetcherStats);
        PartitionManager partitions = new PartitionManager(nodeId, logManager, configs::effectiveTopicConfig,
                config.getBoolean(DURABLE), delayedFetches, new AlterPartitionSender(channel, nodeId, brokerEpoch,
                        brokerId -> image.get().brokers().get(brokerId).map(BrokerRegistration::isActive).orElse(false)),
                fetchers);
        fetchers.throttleWith(partitions.followerReplicationQuota());
        partitions.watchLogDirs(new OfflineReplicaReporter(channel, nodeId, brokerEpoch));
        return new ReplicaPlane(partitions, fetchers);
    }

    @Override
    public void close() {
        if (fetchers != null) {
            fetchers.close();
        }
    }
}
