package io.tributary.server;

import static io.tributary.metadata.config.ReplicationConfigDefinitions.BROKER_LIVENESS_PROBE_ENABLE;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.BROKER_LIVENESS_PROBE_TIMEOUT_MS;

import io.tributary.broker.ControllerListenerApis;
import io.tributary.broker.authz.RequestAuthorizer;
import io.tributary.broker.controller.ControllerApiHandler;
import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.controller.ControllerRequests;
import io.tributary.broker.controller.RoutingControllerChannel;
import io.tributary.broker.liveness.BrokerLivenessWatch;
import io.tributary.metadata.MetadataController;
import io.tributary.metadata.config.BrokerConfig;
import io.tributary.metadata.log.QuorumInfo;
import io.tributary.network.Endpoint;
import io.tributary.network.NettyServer;
import io.tributary.network.NetworkConfig;
import io.tributary.network.client.NettyNodeClient;
import io.tributary.network.client.NodeClient;
import io.tributary.network.security.ClientSecurity;
import io.tributary.quorum.QuorumMetadataLog;
import io.tributary.server.metrics.BrokerState;
import io.tributary.server.metrics.Observability;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A controller-only node ({@code process.roles=controller}): a voter of the metadata quorum and, once elected,
 * the active controller, serving no client data: no log directories, no partitions, no coordinators, no broker
 * registration. Its one listener, the controller listener, carries Raft and the controller's Kafka APIs.
 */
final class ControllerNode {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerNode.class);
    private static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

    private ControllerNode() {
    }

    static Broker start(BrokerConfig config, ClusterRoles roles, Time time) throws Exception {
        int nodeId = config.nodeId();
        Deque<Broker.Part> parts = new ArrayDeque<>();
        Observability observability = Observability.start(config.getString(
                io.tributary.metadata.config.ServerConfigDefinitions.HTTP_LISTENER));
        parts.push(new Broker.Part("metrics", observability::close));
        String served = roles.servedListeners(config.listeners());
        NetworkConfig networkConfig = Settings.network(config, served);
        ControllerListener controllerListener = new ControllerListener(roles.controllerListenerNames());
        NettyServer network = new NettyServer(networkConfig, ControllerListenerApis.table(),
                (context, request) -> {
                    throw new IllegalStateException("every listener of a controller is a controller listener");
                }, Map.of(), io.tributary.network.ConnectionLimits.NONE, observability.networkObserver());
        controllerListener.serveOn(network, served);
        List<Endpoint> listeners = networkConfig.listeners();
        Broker node = new Broker(config, network, listeners, parts, observability);
        try {
            ScheduledExecutorService delayedOps = Broker.daemonScheduler("tributary-delayed-ops");
            parts.push(new Broker.Part("delayed operations", () -> {
                delayedOps.shutdown();
                delayedOps.awaitTermination(5, TimeUnit.SECONDS);
            }));
            // To the other controllers (a request a tool sent here while another is active) and brokers (probes).
            NodeClient controlClient = new NettyNodeClient(ControllerRequests.clientId(nodeId), MAX_RESPONSE_BYTES,
                    ClientSecurity.PLAINTEXT);
            parts.push(new Broker.Part("control client", controlClient::close));
            network.start();

            AtomicReference<QuorumMetadataLog> quorumLog = new AtomicReference<>();
            MetadataController controller = Settings.controller(config, roles, Map.of(), time, controlClient,
                    log -> {
                        parts.push(new Broker.Part("metadata log", log::close));
                        quorumLog.set((QuorumMetadataLog) log);
                        controllerListener.raftFrom((QuorumMetadataLog) log);
                        return observability.watchMetadataLog(log, nodeId);
                    });
            parts.push(new Broker.Part("controller", controller::close));
            controller.start();
            LocalControllerAdapter localController = new LocalControllerAdapter(controller);
            // The voters of the newest Raft configuration: KIP-853 changes move the active controller among them.
            Supplier<Map<Integer, InetSocketAddress>> voters = quorumLog.get()::voters;
            ControllerChannel channel = new RoutingControllerChannel(nodeId, localController, controlClient,
                    id -> Optional.ofNullable(voters.get().get(id)), delayedOps,
                    RoutingControllerChannel.DEFAULT_BACKOFF);
            RequestAuthorizer authorizer = Authorization.from(config, controller::image);
            ControllerApiHandler controllerApis = new ControllerApiHandler(localController, channel, authorizer,
                    id -> controller.image().topics().get(id).map(t -> t.name()).orElse(null));
            controllerListener.ready(new ControllerListenerApis(localController, controllerApis, quorumLog.get(),
                    voters, authorizer));
            Endpoint advertised = roles.advertisedControllerEndpoint(config);
            if (advertised != null) {
                // A restart on another endpoint: the voter set learns it (KIP-853 UpdateRaftVoter).
                VoterEndpointAnnouncer announcer = new VoterEndpointAnnouncer(quorumLog.get(),
                        () -> controller.image().clusterId(), new QuorumInfo.Endpoint(advertised.listenerName(),
                        advertised.host(), advertised.port()), controlClient, delayedOps);
                parts.push(new Broker.Part("voter endpoint announcer", announcer::close));
            }
            if (config.getBoolean(BROKER_LIVENESS_PROBE_ENABLE)) {
                // The brokers' inter-broker listener: the active controller fences a crashed broker at once.
                BrokerLivenessWatch liveness = new BrokerLivenessWatch(nodeId, roles.interBrokerListenerName(),
                        controller::isActive, controller::image, controller::fenceUnreachableBroker,
                        config.getInt(BROKER_LIVENESS_PROBE_TIMEOUT_MS));
                parts.push(new Broker.Part("broker liveness watch", liveness::close));
                liveness.start();
            }
            observability.state(BrokerState.RUNNING);
            LOG.info("Controller {} of cluster {} listening on {} (controller-only)", nodeId,
                    controller.image().clusterId(), served);
            return node;
        } catch (Exception | Error e) {
            controllerListener.failed(e);
            node.close(false);
            throw e;
        }
    }
}
