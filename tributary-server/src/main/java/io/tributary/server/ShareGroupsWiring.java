package io.tributary.server;

import static io.tributary.metadata.config.CoordinatorConfigDefinitions.OFFSETS_TOPIC_NUM_PARTITIONS;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.SHARE_DELIVERY_COUNT_LIMIT;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.SHARE_HEARTBEAT_INTERVAL_MS;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.SHARE_MAX_GROUPS;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.SHARE_MAX_SHARE_SESSIONS;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.SHARE_MAX_SIZE;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.SHARE_PARTITION_MAX_RECORD_LOCKS;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.SHARE_RECORD_LOCK_DURATION_MS;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.SHARE_SESSION_TIMEOUT_MS;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.SHARE_STATE_TOPIC_MIN_ISR;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.SHARE_STATE_TOPIC_NUM_PARTITIONS;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.SHARE_STATE_TOPIC_REPLICATION_FACTOR;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.SHARE_STATE_TOPIC_SEGMENT_BYTES;

import io.tributary.broker.BrokerApis;
import io.tributary.broker.cluster.ClusterView;
import io.tributary.broker.fetch.DelayedFetches;
import io.tributary.broker.group.CoordinatorLeadership;
import io.tributary.broker.group.ImageTopicView;
import io.tributary.broker.group.InternalTopics;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.broker.partition.TopicLookup;
import io.tributary.broker.share.RoutingShareStatePersister;
import io.tributary.broker.share.ShareApis;
import io.tributary.broker.share.ShareStateHandlers;
import io.tributary.coordinator.share.ShareStatePersister;
import io.tributary.network.client.NodeClient;
import io.tributary.broker.share.ShareLimits;
import io.tributary.broker.share.SharePartitionManager;
import io.tributary.broker.share.ShareWaiters;
import io.tributary.coordinator.share.ShareGroupConfig;
import io.tributary.coordinator.share.group.ShareGroupCoordinatorService;
import io.tributary.coordinator.share.state.ShareStateCoordinatorService;
import io.tributary.metadata.config.BrokerConfig;
import io.tributary.metadata.image.MetadataImage;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Time;

/**
 * Share groups (KIP-932) of one broker: the share group coordinator (membership, next to the consumer groups in
 * {@code __consumer_offsets}), the share coordinator (share-partition states in {@code __share_group_state}) and
 * the share-partition leader's side, from the group.share.* and share.coordinator.* settings.
 */
final class ShareGroupsWiring implements AutoCloseable {

    final ShareGroupCoordinatorService groups;
    final ShareStateCoordinatorService states;
    private final ImageShareGroupConfigs groupConfigs;
    private final ShareLimits limits;
    private final ShareWaiters waiters;

    ShareGroupsWiring(BrokerConfig config, TopicLookup topics, Supplier<MetadataImage> image,
                      ScheduledExecutorService timer, DelayedFetches delayedFetches, Time time) {
        this.groupConfigs = new ImageShareGroupConfigs(image, config.getInt(SHARE_RECORD_LOCK_DURATION_MS));
        this.groups = new ShareGroupCoordinatorService(new ShareGroupConfig(
                config.getInt(OFFSETS_TOPIC_NUM_PARTITIONS), config.getInt(SHARE_SESSION_TIMEOUT_MS),
                config.getInt(SHARE_HEARTBEAT_INTERVAL_MS), config.getInt(SHARE_MAX_GROUPS),
                config.getInt(SHARE_MAX_SIZE)), groupConfigs, new ImageTopicView(topics), time);
        this.states = new ShareStateCoordinatorService(config.getInt(SHARE_STATE_TOPIC_NUM_PARTITIONS), time);
        this.limits = new ShareLimits(config.getInt(SHARE_RECORD_LOCK_DURATION_MS),
                config.getInt(SHARE_DELIVERY_COUNT_LIMIT), config.getInt(SHARE_PARTITION_MAX_RECORD_LOCKS),
                config.getInt(SHARE_MAX_SHARE_SESSIONS));
        this.waiters = new ShareWaiters(timer);
        delayedFetches.addListener(waiters);
        this.timer = timer;
    }

    private final ScheduledExecutorService timer;

    private static final long REQUEST_TIMEOUT_MS = 30_000;

    static InternalTopics.Spec stateTopic(BrokerConfig c) {
        return new InternalTopics.Spec(c.getInt(SHARE_STATE_TOPIC_NUM_PARTITIONS),
                c.getShort(SHARE_STATE_TOPIC_REPLICATION_FACTOR), c.getInt(SHARE_STATE_TOPIC_SEGMENT_BYTES),
                OptionalInt.of(c.getShort(SHARE_STATE_TOPIC_MIN_ISR)));
    }

    CoordinatorLeadership.ShareCoordinators coordinators() {
        return new CoordinatorLeadership.ShareCoordinators(groups, states);
    }

    /**
     * The share APIs; share-partition states reach the share coordinator leading their partition, here or over
     * {@code client} on the inter-broker listener.
     */
    BrokerApis.Shares apis(PartitionManager partitions, TopicLookup topics, ClusterView cluster,
                           InternalTopics internalTopics, NodeClient client, String interBrokerListener, Time time) {
        ShareStatePersister persister = new RoutingShareStatePersister(cluster.localBrokerId(), topics::image, states,
                states::partitionFor, client, interBrokerListener, REQUEST_TIMEOUT_MS);
        SharePartitionManager manager = new SharePartitionManager(persister, internalTopics, limits, groupConfigs,
                timer, waiters);
        return new BrokerApis.Shares(new ShareApis(groups, persister, manager, partitions, topics, cluster,
                internalTopics, time), states, new ShareStateHandlers(states));
    }

    @Override
    public void close() {
        groups.close();
        states.close();
    }
}
