package io.tributary.server;

import static io.tributary.metadata.config.ReplicationConfigDefinitions.BROKER_HEARTBEAT_INTERVAL_MS;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.BROKER_LIVENESS_PROBE_ENABLE;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.BROKER_LIVENESS_PROBE_TIMEOUT_MS;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.REPLICA_LAG_TIME_MAX_MS;
import static io.tributary.metadata.config.ServerConfigDefinitions.FETCH_SESSION_CACHE_SLOTS;
import static io.tributary.metadata.config.ServerConfigDefinitions.HTTP_LISTENER;

import io.tributary.broker.BrokerApis;
import io.tributary.broker.ControllerListenerApis;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.quorum.QuorumMetadataLog;
import io.tributary.server.observer.ObserverMetadataLog;
import io.tributary.broker.quota.ClientQuotas;
import io.tributary.broker.authz.RequestAuthorizer;
import io.tributary.broker.api.SupportedApis;
import io.tributary.broker.cluster.ChannelTopicAutoCreator;
import io.tributary.broker.cluster.ImageClusterView;
import io.tributary.broker.controller.BrokerLifecycle;
import io.tributary.broker.controller.ControllerApiHandler;
import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.controller.ControllerRequests;
import io.tributary.broker.controller.RoutingControllerChannel;
import io.tributary.broker.fetch.DelayedFetches;
import io.tributary.broker.fetch.PreferredReadReplicas;
import io.tributary.broker.fetch.FetchSessionCache;
import io.tributary.broker.group.CoordinatorLeadership;
import io.tributary.broker.group.ImageTopicView;
import io.tributary.broker.group.InternalTopics;
import io.tributary.broker.liveness.BrokerLivenessWatch;
import io.tributary.broker.liveness.QuorumLeaderWatch;
import io.tributary.broker.partition.LogConfigs;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.broker.partition.TopicLookup;
import io.tributary.broker.producer.ControllerProducerIds;
import io.tributary.broker.transaction.LocalTransactionMarkerWriter;
import io.tributary.broker.transaction.RoutingTransactionMarkerWriter;
import io.tributary.broker.transaction.CoordinatorTransactionVerifier;
import io.tributary.broker.transaction.VerificationMetrics;
import io.tributary.metrics.KafkaMetrics;
import io.tributary.coordinator.group.service.GroupCoordinatorService;
import io.tributary.coordinator.transaction.TransactionCoordinatorService;
import io.tributary.metadata.MetadataController;
import io.tributary.metadata.config.BrokerConfig;
import io.tributary.metadata.config.BrokerConfigDefinitions;
import io.tributary.metadata.config.ConfigDescriber;
import io.tributary.metadata.config.CoordinatorConfigDefinitions;
import io.tributary.metadata.image.MetadataImage;
import java.util.function.Supplier;
import io.tributary.metadata.config.ServerConfigDefinitions;
import io.tributary.network.Endpoint;
import io.tributary.network.NetworkConfig;
import io.tributary.network.security.ClientSecurity;
import io.tributary.network.security.ListenerSecurity;
import io.tributary.network.security.ScramCredentialStore;
import io.tributary.network.NettyServer;
import io.tributary.network.RequestHandler;
import io.tributary.network.client.NettyNodeClient;
import io.tributary.network.client.NodeClient;
import io.tributary.server.metrics.BrokerState;
import io.tributary.server.metrics.Observability;
import io.tributary.storage.LogManager;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node and the order its parts start and stop in: network bound (requests wait, controller APIs
 * excepted), metadata (the local log or the Raft quorum, replayed), registration with the active controller and
 * catching up to it, storage (recovering logs) and the partitions the image assigns here (leading or following)
 * while still fenced, coordinators, then unfenced and serving. Stopping runs the other way, after a controlled
 * shutdown has moved leadership away.
 */
final class Broker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);
    private static final long CONTROLLED_SHUTDOWN_TIMEOUT_MS = 15_000;
    /** Bigger than any fetch response a follower asks for (replica.fetch.response.max.bytes plus headers). */
    private static final int MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

    private final BrokerConfig config;
    private final NettyServer network;
    private final List<Endpoint> listeners;
    private final Deque<Part> parts;
    private final Observability observability;
    private volatile Step beforeStop = () -> { };

    /** Something started that must be stopped, named for the logs. */
    record Part(String name, Step stop) {
    }

    interface Step {
        void run() throws Exception;
    }

    Broker(BrokerConfig config, NettyServer network, List<Endpoint> listeners, Deque<Part> parts,
           Observability observability) {
        this.observability = observability;
        this.config = config;
        this.network = network;
        this.listeners = listeners;
        this.parts = parts;
    }

    static Broker start(BrokerConfig config) throws Exception {
        StartupTrace.mark("config parsed");
        Time time = Time.SYSTEM;
        if (!config.unknownNames().isEmpty()) {
            // Kafka's words for keys no definition knows (a typo, or a setting of another product).
            LOG.warn("These configurations '{}' were supplied but are not used yet.", config.unknownNames());
        }
        ClusterRoles roles = ClusterRoles.of(config);
        if (roles.controllerOnly()) {
            return ControllerNode.start(config, roles, time);
        }
        int nodeId = config.nodeId();
        Deque<Part> parts = new ArrayDeque<>();
        // First up, last down: the health probes answer while the node starts and stops.
        Observability observability = Observability.start(config.getString(HTTP_LISTENER));
        parts.push(new Part("metrics", observability::close));
        StartupTrace.mark("observability");

        // Bind first: advertised ports may be ephemeral. Requests arriving before the handlers are ready wait.
        CompletableFuture<BrokerApis> apis = new CompletableFuture<>();
        // Controller APIs are served as soon as the controller runs: in a cluster, other brokers' heartbeats and
        // registrations must not wait while this node recovers its logs.
        CompletableFuture<ControllerApiHandler> controllerApis = new CompletableFuture<>();
        RequestHandler handler = (context, request) -> {
            BrokerApis ready = apis.getNow(null);
            if (ready != null) {
                return ready.handler().handle(context, request); // the steady state: no future, no lambda
            }
            ControllerApiHandler early = controllerApis.getNow(null);
            if (early != null && BrokerApis.isControllerApi(context.apiKey())) {
                return early.handle(context, request);
            }
            return apis.thenCompose(a -> a.handler().handle(context, request));
        };
        SupportedApis supported = BrokerApis.tableWithShareGroups();
        NetworkConfig networkConfig = Settings.network(config, roles.servedListeners(config.listeners()));
        // A voter's controller listener: the controller's APIs once it runs, and Raft relayed to Ratis.
        ControllerListener controllerListener = roles.sharesControllerListener(config)
                ? new ControllerListener(roles.controllerListenerNames()) : null;
        // SCRAM credentials live in the metadata image, which exists only once the controller has started.
        AtomicReference<ScramCredentialStore> scram = new AtomicReference<>(ScramCredentialStore.NONE);
        ClientSecurity interBrokerSecurity;
        NettyServer network;
        try {
            Map<String, ListenerSecurity> security = ListenerSecuritySettings.of(config, networkConfig.listeners(),
                    (user, mechanism) -> scram.get().credential(user, mechanism));
            // A single node never connects to a peer: its inter-broker credentials are only required in a cluster.
            try {
                interBrokerSecurity = roles.clusterMember() ? ListenerSecuritySettings.interBroker(config,
                        networkConfig.listeners(), roles.interBrokerListenerName()) : ClientSecurity.PLAINTEXT;
            } catch (RuntimeException e) {
                security.values().forEach(ListenerSecurity::close);
                throw e;
            }
            network = new NettyServer(networkConfig, supported, handler, security,
                    QuotaWiring.connectionLimits(config, listenerNames(config, roles), roles.interBrokerListenerName()),
                    observability.networkObserver());
            StartupTrace.mark("netty server created");
            if (controllerListener != null) {
                controllerListener.serveOn(network, config.listeners());
            }
        } catch (RuntimeException e) {
            observability.close();
            throw e;
        }
        List<Endpoint> listeners = ClusterRoles.clientEndpoints(config.listeners(), roles.controllerListenerNames());
        Broker broker = new Broker(config, network, listeners, parts, observability);
        try {
            LogManager logManager = new LogManager(Settings.storage(config), time, observability.logFlushes());
            parts.push(new Part("logs", logManager::close));
            ScheduledExecutorService delayedOps = daemonScheduler("tributary-delayed-ops");
            // Not shutdownNow(): an interrupt during FileChannel I/O would close a segment for every reader.
            parts.push(new Part("delayed operations", () -> {
                delayedOps.shutdown();
                delayedOps.awaitTermination(5, TimeUnit.SECONDS);
            }));
            // Two connections per peer: a fetch long-poll must never hold a heartbeat or AlterPartition behind
            // it (responses on one connection come back in request order).
            NodeClient controlClient = new NettyNodeClient(ControllerRequests.clientId(nodeId), MAX_RESPONSE_BYTES,
                    interBrokerSecurity);
            parts.push(new Part("control client", controlClient::close));
            NodeClient replicaClient = new NettyNodeClient("tributary-replica-fetcher-" + nodeId, MAX_RESPONSE_BYTES,
                    interBrokerSecurity);
            parts.push(new Part("replica fetch client", replicaClient::close));
            StartupTrace.mark("log manager and clients");
            // A broker-only node reaches the controllers on their controller listener, which is PLAINTEXT (Raft
            // shares its port); the same client fetches the metadata log.
            NodeClient controllerClient = roles.brokerOnly() ? new NettyNodeClient(ControllerRequests.clientId(nodeId),
                    MAX_RESPONSE_BYTES, ClientSecurity.PLAINTEXT) : controlClient;
            if (roles.brokerOnly()) {
                parts.push(new Part("controller client", controllerClient::close));
            }

            network.start();
            StartupTrace.mark("network bound");
            Map<String, HostPort> advertised = AdvertisedListeners.resolve(
                    roles.withoutControllerListeners(config.advertisedListeners()),
                    config.getString(ServerConfigDefinitions.LISTENER_SECURITY_PROTOCOL_MAP), network);

            // Closed after the controller (parts stop in reverse): its file lock or Raft server, so that the node
            // can start again in the same JVM (an embedded broker's restart, a node of an in-JVM cluster).
            // Loaded before anything registers: a replica.selector.class that cannot be used stops the start.
            PreferredReadReplicas readReplicas = Settings.readReplicas(config);
            parts.push(new Part("replica selector", readReplicas::close));
            AtomicReference<MetadataLog> metadataLog = new AtomicReference<>();
            MetadataController controller = Settings.controller(config, roles, advertised, time, controllerClient,
                    log -> {
                        parts.push(new Part("metadata log", log::close));
                        metadataLog.set(log);
                        if (controllerListener != null) {
                            controllerListener.raftFrom((QuorumMetadataLog) log);
                        }
                        return observability.watchMetadataLog(log, nodeId);
                    });
            parts.push(new Part("controller", controller::close));
            controller.start();
            StartupTrace.mark("controller started");
            scram.set(new ImageScramCredentials(controller::image));
            LocalControllerAdapter localController = new LocalControllerAdapter(controller);
            String interBroker = roles.interBrokerListenerName();
            ControllerChannel channel = roles.brokerOnly()
                    ? new RoutingControllerChannel(nodeId, localController, controllerClient,
                            ((ObserverMetadataLog) metadataLog.get())::controllerAddress, delayedOps,
                            RoutingControllerChannel.DEFAULT_BACKOFF)
                    : new RoutingControllerChannel(nodeId, localController, controlClient, interBroker, delayedOps,
                            RoutingControllerChannel.DEFAULT_BACKOFF);
            RequestAuthorizer authorizer = Authorization.from(config, controller::image);
            ControllerApiHandler controllerHandler = new ControllerApiHandler(localController, channel, authorizer,
                    id -> controller.image().topics().get(id).map(t -> t.name()).orElse(null));
            controllerApis.complete(controllerHandler);
            if (controllerListener != null) {
                controllerListener.ready(new ControllerListenerApis(localController, controllerHandler,
                        (QuorumMetadataLog) metadataLog.get(), ((QuorumMetadataLog) metadataLog.get())::voters,
                        authorizer));
            }
            if (roles.clusterMember() && roles.controller() && config.getBoolean(BROKER_LIVENESS_PROBE_ENABLE)) {
                // On the active controller: a crashed broker is fenced in well under its session timeout.
                BrokerLivenessWatch liveness = new BrokerLivenessWatch(nodeId, interBroker, controller::isActive,
                        controller::image, controller::fenceUnreachableBroker,
                        config.getInt(BROKER_LIVENESS_PROBE_TIMEOUT_MS));
                parts.push(new Part("broker liveness watch", liveness::close));
                liveness.start();
                // On a follower of the quorum: the Raft leader's crash starts the election at once (same evidence).
                QuorumMetadataLog quorumLog = (QuorumMetadataLog) metadataLog.get();
                QuorumLeaderWatch leaderWatch = new QuorumLeaderWatch(nodeId, List.copyOf(roles.voters().keySet()),
                        interBroker, new QuorumLeaderWatch.Follower() {
                            @Override
                            public java.util.OptionalInt leaderId() {
                                return quorumLog.leaderId();
                            }

                            @Override
                            public boolean startElectionWithoutLeader(int deadLeaderId) {
                                return quorumLog.startElectionWithoutLeader(deadLeaderId);
                            }
                        }, controller::image, config.getInt(BROKER_LIVENESS_PROBE_TIMEOUT_MS));
                parts.push(new Part("quorum leader watch", leaderWatch::close));
                leaderWatch.start();
            }
            StartupTrace.mark("liveness");

            // Registered, then caught up with the metadata (its image holds our own registration), so logs are
            // recovered with the topics' current settings; unfenced only once the partitions are open, so the
            // controller never makes this broker a leader it cannot yet be.
            ScheduledExecutorService lifecycleThread = daemonScheduler("tributary-broker-lifecycle");
            BrokerLifecycle lifecycle = new BrokerLifecycle(new BrokerLifecycle.Registration(nodeId,
                    controller.image().clusterId(), Settings.rack(config), Settings.registeredListeners(advertised),
                    List.of(BrokerLifecycle.METADATA_VERSION)), channel, () -> controller.image().offset(),
                    lifecycleThread, config.getInt(BROKER_HEARTBEAT_INTERVAL_MS), logManager.previousBrokerEpoch());
            // A clean stop records the epoch; the next start sends it, so the controller knows the logs are whole.
            logManager.recordBrokerEpoch(lifecycle::brokerEpoch);
            parts.push(new Part("broker lifecycle", lifecycleThread::shutdownNow));
            if (roles.clusterMember()) {
                // Still serving: followers keep fetching while the controller moves leadership away.
                broker.beforeStop = () -> lifecycle.shutdown(CONTROLLED_SHUTDOWN_TIMEOUT_MS);
            }
            lifecycle.wantFence(true);
            lifecycle.start();
            StartupTrace.mark("lifecycle started");
            // The broker epoch is the offset of the registration: once applied here, the image is caught up to it.
            await(lifecycle.registered().thenCompose(controller::whenApplied), "registered", nodeId);
            StartupTrace.mark("registered");

            ConfigDescriber configs = controller.configDescriber();
            observability.state(BrokerState.RECOVERY);
            logManager.startup(topic -> LogConfigs.from(configs.effectiveTopicConfig(topic)));
            StartupTrace.mark("logs recovered");
            DynamicStorageSettings storageSettings = new DynamicStorageSettings(configs, logManager);
            storageSettings.apply(controller.image());
            controller.addListener(storageSettings);
            DynamicTlsSettings tlsSettings = new DynamicTlsSettings(config, networkConfig.listeners(), network);
            tlsSettings.apply(controller.image());
            controller.addListener(tlsSettings);
            DynamicConnectionLimits connectionLimits = new DynamicConnectionLimits(configs, network,
                    listenerNames(config, roles), roles.interBrokerListenerName());
            connectionLimits.apply(controller.image());
            controller.addListener(connectionLimits);
            DelayedFetches delayedFetches = new DelayedFetches(delayedOps);
            ReplicaPlane replicas = ReplicaPlane.create(config, roles, logManager, configs, delayedFetches, channel,
                    replicaClient, controller::image, lifecycle::brokerEpoch, observability.replicaFetcherStats());
            parts.push(new Part("replica fetchers", replicas::close));
            PartitionManager partitions = replicas.partitions();
            DynamicReplicationThrottles throttles = new DynamicReplicationThrottles(nodeId, configs,
                    partitions.leaderReplicationQuota(), partitions.followerReplicationQuota());
            throttles.apply(controller.image());
            controller.addListener(throttles);
            partitions.startIsrExpiration(delayedOps, config.getLong(REPLICA_LAG_TIME_MAX_MS));
            StartupTrace.mark("replica plane");

            TopicLookup topics = new TopicLookup(controller::image);
            GroupCoordinatorService groupCoordinator = new GroupCoordinatorService(Settings.groupCoordinator(config),
                    new ImageTopicView(topics), new ImageGroupConfigs(controller::image), time);
            parts.push(new Part("group coordinator", groupCoordinator::close));
            ControllerProducerIds producerIds = new ControllerProducerIds(nodeId, lifecycle::brokerEpoch, channel);
            TransactionCoordinatorService transactionCoordinator = new TransactionCoordinatorService(
                    Settings.transactionCoordinator(config), producerIds,
                    new RoutingTransactionMarkerWriter(nodeId, controller::image,
                            new LocalTransactionMarkerWriter(partitions, groupCoordinator), controlClient,
                            interBroker, 30_000), time, observability.transactionCoordinator().loadListener());
            parts.push(new Part("transaction coordinator", transactionCoordinator::close));
            observability.transactionCoordinator().watch(transactionCoordinator);
            StartupTrace.mark("coordinators");
            ShareGroupsWiring shareGroups = new ShareGroupsWiring(config, topics, controller::image, delayedOps,
                    delayedFetches, time);
            parts.push(new Part("share coordinators", shareGroups::close));
            CoordinatorLeadership coordinatorLeadership = new CoordinatorLeadership(groupCoordinator,
                    transactionCoordinator, shareGroups.coordinators());
            partitions.addLeadershipListener(coordinatorLeadership);
            partitions.removeStrayLogs(controller.image());
            // Open the hosted partitions now, before any request is served; later changes arrive as updates.
            partitions.onMetadataUpdate(null, controller.image());
            controller.addListener(partitions);
            controller.addListener(coordinatorLeadership);
            StartupTrace.mark("partitions opened");
            observability.watch(nodeId, partitions, logManager, controller, groupCoordinator,
                    roles.clusterMember() ? controlClient : null, interBroker);

            // Partitions are open and follow the image: the controller may now make this broker a leader.
            lifecycle.wantFence(false);
            StartupTrace.mark("want unfence");
            await(lifecycle.unfenced(), "unfenced", nodeId);
            StartupTrace.mark("unfenced");
            producerIds.prefetch();

            ClientQuotas clientQuotas = new ClientQuotas(QuotaWiring.quotaSettings(config), controller::image, time);
            parts.push(new Part("client quotas", clientQuotas::close));
            // As a Kafka broker: clients are told of a broker as the controller when the active one is not a broker.
            ImageClusterView cluster = new ImageClusterView(nodeId, controller::image,
                    roles.brokerOnly() ? java.util.OptionalInt::empty : localController::activeControllerId);
            InternalTopics internalTopics = new InternalTopics(channel, topics, Settings.offsetsTopic(config),
                    Settings.transactionStateTopic(config), ShareGroupsWiring.stateTopic(config));
            apis.complete(new BrokerApis(supported, new BrokerApis.Components(cluster,
                    new BrokerApis.Controller(localController, channel), topics, configs, partitions,
                    delayedFetches,
                    new FetchSessionCache(config.getInt(FETCH_SESSION_CACHE_SLOTS)),
                    producerIds,
                    config.getBoolean(BrokerConfigDefinitions.AUTO_CREATE_TOPICS_ENABLE), new ChannelTopicAutoCreator(channel), groupCoordinator,
                    transactionCoordinator, internalTopics, config.logDirs(),
                    shareGroups.apis(partitions, topics, cluster, internalTopics, controlClient, interBroker,
                            time), transactionVerification(nodeId, controller::image, transactionCoordinator,
                            configs, controlClient, interBroker, observability.metrics())), clientQuotas, authorizer, observability.topicStats(),
                    readReplicas));
            // An embedded broker leaves the console out (its JSON library stays off users' test class paths).
            if (ConsolePresence.onClassPath()) {
                ConsoleWiring.start(config, observability.http(), nodeId, advertised, partitions, authorizer,
                        roles.interBrokerListenerName(), observability.topicStats())
                        .ifPresent(console -> parts.push(new Part("console", console::close)));
            }
            observability.state(BrokerState.RUNNING);
            StartupTrace.mark("serving");
            LOG.info("Broker {} of cluster {} listening on {}{}", nodeId, controller.image().clusterId(),
                    config.listeners(), roles.brokerOnly() ? " (broker-only)"
                            : roles.clusterMember() ? " (combined broker and controller)" : "");
            return broker;
        } catch (Exception | Error e) {
            apis.completeExceptionally(e);
            controllerApis.completeExceptionally(e);
            if (controllerListener != null) {
                controllerListener.failed(e);
            }
            broker.close();
            throw e;
        }
    }

    /**
     * KIP-890: partition leaders ask the transactional id's coordinator, here or on its broker (over the
     * inter-broker listener); part 1's check follows the dynamic transaction.partition.verification.enable.
     */
    private static BrokerApis.TransactionVerification transactionVerification(
            int nodeId, Supplier<MetadataImage> image, TransactionCoordinatorService coordinator,
            ConfigDescriber configs, NodeClient client, String interBroker, KafkaMetrics metrics) {
        CoordinatorTransactionVerifier verifier = new CoordinatorTransactionVerifier(coordinator,
                new CoordinatorTransactionVerifier.Remote(nodeId, image, client, interBroker, 30_000),
                new CoordinatorTransactionVerifier.AddRetry(
                        ((Number) configs.brokerValue(image.get(),
                                CoordinatorConfigDefinitions.ADD_PARTITIONS_TO_TXN_RETRY_BACKOFF_MS)).longValue(),
                        ((Number) configs.brokerValue(image.get(),
                                CoordinatorConfigDefinitions.ADD_PARTITIONS_TO_TXN_RETRY_BACKOFF_MAX_MS)).longValue()),
                new VerificationMetrics(metrics));
        return new BrokerApis.TransactionVerification(verifier,
                () -> Boolean.TRUE.equals(configs.brokerValue(image.get(),
                        CoordinatorConfigDefinitions.TRANSACTION_PARTITION_VERIFICATION_ENABLE)));
    }

    /** The listeners the Kafka-protocol server binds (not the controller's Raft listeners). */
    private static List<String> listenerNames(BrokerConfig config, ClusterRoles roles) {
        return ClusterRoles.clientEndpoints(config.listeners(), roles.controllerListenerNames()).stream()
                .map(Endpoint::listenerName).toList();
    }

    /** Waits for a step of joining the cluster, saying every 10 s what it waits for; a refusal stops the start. */
    private static <T> T await(CompletableFuture<T> step, String waitingFor, int nodeId) throws Exception {
        while (true) {
            try {
                return step.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.info("Broker {} is waiting to be {} by the active controller", nodeId, waitingFor);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("The controller refused broker " + nodeId, e.getCause());
            }
        }
    }

    static ScheduledExecutorService daemonScheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    int boundPort() {
        return network.boundPort(listeners.get(0).listenerName());
    }

    /** The port of the HTTP endpoint (metrics, health probes), when it runs. */
    java.util.OptionalInt httpPort() {
        return observability.httpPort();
    }

    @Override
    public void close() {
        close(true);
    }

    /** Stops; without the controlled shutdown when {@code controlled} is false (leaderships move on fencing). */
    void close(boolean controlled) {
        if (controlled) {
            observability.state(BrokerState.PENDING_CONTROLLED_SHUTDOWN);
            runQuietly("controlled shutdown", beforeStop);
        }
        observability.state(BrokerState.SHUTTING_DOWN);
        runQuietly("network", network::close);
        while (!parts.isEmpty()) {
            Part part = parts.pop();
            runQuietly(part.name(), part.stop());
        }
        LOG.info("Broker {} stopped", config.nodeId());
    }

    private static void runQuietly(String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            LOG.warn("Error closing {}", what, e);
        }
    }
}
