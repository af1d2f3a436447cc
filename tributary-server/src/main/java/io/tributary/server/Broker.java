package io.tributary.server;

import io.tributary.broker.BrokerApis;
import io.tributary.broker.SupportedApis;
import io.tributary.broker.cluster.ChannelTopicAutoCreator;
import io.tributary.broker.cluster.ImageClusterView;
import io.tributary.broker.cluster.StaticClusterView.HostPort;
import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.controller.LocalController;
import io.tributary.broker.controller.RoutingControllerChannel;
import io.tributary.broker.fetch.DelayedFetches;
import io.tributary.broker.fetch.FetchSessionCache;
import io.tributary.broker.group.CoordinatorLeadership;
import io.tributary.broker.group.ImageTopicView;
import io.tributary.broker.group.InternalTopics;
import io.tributary.broker.partition.LogConfigs;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.broker.partition.TopicLookup;
import io.tributary.broker.producer.ControllerProducerIds;
import io.tributary.broker.producer.ProducerIdAllocator;
import io.tributary.broker.transaction.LocalTransactionMarkerWriter;
import io.tributary.broker.transaction.RoutingTransactionMarkerWriter;
import io.tributary.coordinator.group.GroupCoordinatorService;
import io.tributary.coordinator.transaction.TransactionCoordinatorService;
import io.tributary.metadata.MetadataController;
import io.tributary.metadata.config.ConfigDescriber;
import io.tributary.network.Endpoint;
import io.tributary.network.NettyServer;
import io.tributary.network.RequestHandler;
import io.tributary.network.client.NodeClient;
import io.tributary.storage.LogManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running broker and the order its parts start and stop in: storage (recovering logs), metadata
 * (replaying the metadata log), the partitions the image assigns here, then the network. Stopping runs the
 * other way, so nothing is acknowledged after its log is closed.
 */
final class Broker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

    /** Until the cluster's node client is wired: a single node never sends to another node. */
    private static final NodeClient SINGLE_NODE_CLIENT = new NodeClient() {
        @Override
        public CompletableFuture<org.apache.kafka.common.requests.AbstractResponse> send(String host, int port,
                org.apache.kafka.common.requests.AbstractRequest request, long timeoutMs) {
            return CompletableFuture.failedFuture(new DisconnectException("No other node in single-node mode"));
        }

        @Override
        public void close() {
        }
    };

    private final ServerConfig config;
    private final LogManager logManager;
    private final MetadataController controller;
    private final GroupCoordinatorService groupCoordinator;
    private final TransactionCoordinatorService transactionCoordinator;
    private final ScheduledExecutorService delayedOps;
    private final NettyServer network;
    private final List<Endpoint> listeners;

    private Broker(ServerConfig config, LogManager logManager, MetadataController controller,
                   GroupCoordinatorService groupCoordinator, TransactionCoordinatorService transactionCoordinator,
                   ScheduledExecutorService delayedOps, NettyServer network) {
        this.config = config;
        this.logManager = logManager;
        this.controller = controller;
        this.groupCoordinator = groupCoordinator;
        this.transactionCoordinator = transactionCoordinator;
        this.delayedOps = delayedOps;
        this.network = network;
        this.listeners = ClusterRoles.clientEndpoints(config.listeners(), ClusterRoles.of(config).controllerListenerNames());
    }

    static Broker start(ServerConfig config) throws Exception {
        Time time = Time.SYSTEM;
        LogManager logManager = new LogManager(Settings.storage(config), time);

        // Bind first: advertised ports may be ephemeral. Requests arriving before the handlers are ready wait.
        CompletableFuture<BrokerApis> apis = new CompletableFuture<>();
        RequestHandler handler = (context, request) -> apis.thenCompose(a -> a.router().handle(context, request));
        SupportedApis supported = BrokerApis.table();
        ClusterRoles roles = ClusterRoles.of(config);
        NettyServer network = new NettyServer(Settings.network(config,
                roles.withoutControllerListeners(config.listeners())), supported, handler);
        ScheduledExecutorService delayedOps = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "tributary-delayed-ops");
            thread.setDaemon(true);
            return thread;
        });
        MetadataController controller = null;
        GroupCoordinatorService groupCoordinator = null;
        TransactionCoordinatorService transactionCoordinator = null;
        try {
            network.start();
            Map<String, HostPort> advertised = AdvertisedListeners.resolve(
                    roles.withoutControllerListeners(config.advertisedListeners()), network);
            controller = Settings.controller(config, advertised, time);
            controller.start();
            ConfigDescriber configs = controller.configDescriber();
            // Logs are recovered knowing their topic's settings (compaction, segment size, ...).
            logManager.startup(topic -> LogConfigs.from(configs.effectiveTopicConfig(topic)));

            DelayedFetches delayedFetches = new DelayedFetches(delayedOps);
            PartitionManager partitions = new PartitionManager(config.nodeId(), logManager,
                    configs::effectiveTopicConfig, config.durable(), delayedFetches);
            TopicLookup topics = new TopicLookup(controller::image);
            groupCoordinator = new GroupCoordinatorService(Settings.groupCoordinator(config),
                    new ImageTopicView(topics), time);
            // Single node: this node's controller is always the active one, so nothing goes over the network yet.
            LocalController localController = new SingleNodeController(config.nodeId(), controller,
                    new ProducerIdAllocator(config.metadataLogDir().resolve("producer-id-block")));
            NodeClient nodeClient = SINGLE_NODE_CLIENT;
            String interBrokerListener = Endpoint.parseList(config.listeners()).get(0).listenerName();
            ControllerChannel channel = new RoutingControllerChannel(config.nodeId(), localController, nodeClient,
                    interBrokerListener, delayedOps, RoutingControllerChannel.Backoff.DEFAULT);
            // Broker epoch 0: a single node does not register yet (BrokerLifecycle comes with the cluster controller).
            ControllerProducerIds producerIds = new ControllerProducerIds(config.nodeId(), () -> 0L, channel);
            transactionCoordinator = new TransactionCoordinatorService(Settings.transactionCoordinator(config),
                    producerIds, new RoutingTransactionMarkerWriter(config.nodeId(), controller::image,
                            new LocalTransactionMarkerWriter(partitions, groupCoordinator), nodeClient,
                            interBrokerListener, 30_000), time);
            CoordinatorLeadership coordinatorLeadership = new CoordinatorLeadership(groupCoordinator,
                    transactionCoordinator);
            partitions.addLeadershipListener(coordinatorLeadership);
            partitions.removeStrayLogs(controller.image());
            // Open the hosted partitions now, before any request is served; later changes arrive as updates.
            partitions.onMetadataUpdate(null, controller.image());
            controller.addListener(partitions);
            controller.addListener(coordinatorLeadership);

            ImageClusterView cluster = new ImageClusterView(config.nodeId(), controller::image,
                    localController::activeControllerId);
            apis.complete(new BrokerApis(supported, new BrokerApis.Components(cluster,
                    new BrokerApis.Controller(localController, channel), topics, configs, partitions,
                    delayedFetches,
                    new FetchSessionCache(config.intValue(ServerConfig.FETCH_SESSION_CACHE_SLOTS, 1000)),
                    producerIds,
                    config.autoCreateTopicsEnable(), new ChannelTopicAutoCreator(channel), groupCoordinator,
                    transactionCoordinator,
                    new InternalTopics(channel, topics, Settings.offsetsTopic(config),
                            Settings.transactionStateTopic(config)), config.logDirs())));
        } catch (Exception | Error e) {
            new Broker(config, logManager, controller, groupCoordinator, transactionCoordinator, delayedOps,
                    network).close();
            throw e;
        }
        LOG.info("Broker {} of cluster {} listening on {}", config.nodeId(), controller.image().clusterId(),
                config.listeners());
        return new Broker(config, logManager, controller, groupCoordinator, transactionCoordinator, delayedOps,
                    network);
    }

    int boundPort() {
        return network.boundPort(listeners.get(0).listenerName());
    }

    @Override
    public void close() {
        closeQuietly("network", network::close);
        if (transactionCoordinator != null) {
            closeQuietly("transaction coordinator", transactionCoordinator::close);
        }
        if (groupCoordinator != null) {
            closeQuietly("group coordinator", groupCoordinator::close);
        }
        if (controller != null) {
            closeQuietly("controller", controller::close);
        }
        closeQuietly("delayed operations", () -> {
            // Not shutdownNow(): an interrupt during FileChannel I/O would close a segment for every reader.
            delayedOps.shutdown();
            delayedOps.awaitTermination(5, TimeUnit.SECONDS);
        });
        closeQuietly("logs", logManager::close);
        LOG.info("Broker {} stopped", config.nodeId());
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void closeQuietly(String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            LOG.warn("Error closing {}", what, e);
        }
    }
}
