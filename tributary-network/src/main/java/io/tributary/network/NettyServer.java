package io.tributary.network;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.handler.ssl.SslContext;
import io.tributary.network.security.ListenerSecurity;
import io.tributary.network.security.TlsContexts;
import java.net.InetSocketAddress;
import io.netty.util.concurrent.EventExecutor;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The broker's socket server: binds every listener and serves Kafka-protocol connections on Netty event loops. */
public final class NettyServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NettyServer.class);

    private final NetworkConfig config;
    private final ApiVersionPolicy policy;
    private final RequestHandler handler;
    private final NetworkObserver observer;
    private final Map<EventExecutor, Integer> processorIndexes = new IdentityHashMap<>();
    private final Map<String, ListenerSecurity> security;
    private final AtomicLong connectionIndexes = new AtomicLong();
    private final ConnectionQuotas connectionQuotas;
    private final Map<String, Channel> listenerChannels = new LinkedHashMap<>();
    private final Map<String, ConnectionInitializer> initializers = new LinkedHashMap<>();
    private final Map<String, SharedListener> sharedListeners = new LinkedHashMap<>();
    private EventLoops eventLoops;
    private ChannelGroup openConnections;
    private boolean closed;

    public NettyServer(NetworkConfig config, ApiVersionPolicy policy, RequestHandler handler) {
        this(config, policy, handler, Map.of(), ConnectionLimits.NONE);
    }

    /** @param security by listener name; a listener not in the map is PLAINTEXT */
    public NettyServer(NetworkConfig config, ApiVersionPolicy policy, RequestHandler handler,
                       Map<String, ListenerSecurity> security) {
        this(config, policy, handler, security, ConnectionLimits.NONE);
    }

    /** A PLAINTEXT server applying Kafka's connection limits ({@code max.connections}, ...). */
    public NettyServer(NetworkConfig config, ApiVersionPolicy policy, RequestHandler handler,
                       ConnectionLimits connectionLimits) {
        this(config, policy, handler, Map.of(), connectionLimits);
    }

    /**
     * @param security         by listener name; a listener not in the map is PLAINTEXT
     * @param connectionLimits Kafka's connection limits ({@code max.connections}, {@code max.connections.per.ip}...)
     */
    public NettyServer(NetworkConfig config, ApiVersionPolicy policy, RequestHandler handler,
                       Map<String, ListenerSecurity> security, ConnectionLimits connectionLimits) {
        this(config, policy, handler, security, connectionLimits, NetworkObserver.NONE);
    }

    /** @param observer told of connections and of each request's timeline (the broker's metrics) */
    public NettyServer(NetworkConfig config, ApiVersionPolicy policy, RequestHandler handler,
                       Map<String, ListenerSecurity> security, ConnectionLimits connectionLimits,
                       NetworkObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.security = Map.copyOf(security);
        this.connectionQuotas = new ConnectionQuotas(Objects.requireNonNull(connectionLimits, "connectionLimits"));
        this.config = Objects.requireNonNull(config, "config");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Serves listener {@code listenerName} with its own API table and handler, and relays its non-Kafka
     * connections if {@code service} says where (a controller listener shared with Raft). Call before {@link #start()}.
     */
    public synchronized NettyServer serve(String listenerName, SharedListener service) {
        if (eventLoops != null) {
            throw new IllegalStateException("Listeners are set before the server starts");
        }
        sharedListeners.put(listenerName.toUpperCase(Locale.ROOT), Objects.requireNonNull(service, "service"));
        return this;
    }

    /** Binds all listeners (port 0 = ephemeral). On failure everything already started is shut down again. */
    public synchronized void start() throws InterruptedException {
        if (eventLoops != null || closed) {
            throw new IllegalStateException("NettyServer can only be started once");
        }
        eventLoops = new EventLoops(config.ioThreads());
        openConnections = new DefaultChannelGroup("tributary-connections", GlobalEventExecutor.INSTANCE);
        for (EventExecutor loop : eventLoops.io()) {
            processorIndexes.put(loop, processorIndexes.size());
        }
        observer.networkThreads(processorIndexes.size());
        try {
            for (Endpoint endpoint : config.listeners()) {
                InetSocketAddress address = bindAddress(endpoint);
                ChannelFuture bind = bootstrap(endpoint).bind(address).await();
                if (!bind.isSuccess()) {
                    throw new IllegalStateException(
                            "Failed to bind listener " + endpoint.listenerName() + " to " + address, bind.cause());
                }
                Channel channel = bind.channel();
                listenerChannels.put(endpoint.listenerName(), channel);
                ListenerSecurity listener = securityOf(endpoint);
                log.info("Listening for {} connections on {} ({}, {}{})", endpoint.listenerName(),
                        channel.localAddress(), eventLoops.isNativeEpoll() ? "epoll" : "nio", listener.protocol(),
                        listener.usesTls() ? ", TLS engine " + TlsContexts.engineName() : "");
            }
        } catch (InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Applies new connection limits (dynamic broker configs); waiting connections are let in if there is room. */
    public void updateConnectionLimits(ConnectionLimits limits) {
        connectionQuotas.update(Objects.requireNonNull(limits, "limits"));
    }

    /** The actual port of a listener after {@link #start()}. */
    public synchronized int boundPort(String listenerName) {
        Channel channel = listenerChannels.get(listenerName.toUpperCase(Locale.ROOT));
        if (channel == null) {
            throw new IllegalArgumentException("No bound listener named " + listenerName);
        }
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Closes listeners and connections, then shuts down the event loops. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        listenerChannels.values().forEach(channel -> channel.close().awaitUninterruptibly());
        listenerChannels.clear();
        if (openConnections != null) {
            openConnections.close().awaitUninterruptibly();
        }
        if (eventLoops != null) {
            eventLoops.close();
        }
        security.values().forEach(ListenerSecurity::close);
        connectionQuotas.close();
        log.info("Network server stopped");
    }

    private ServerBootstrap bootstrap(Endpoint endpoint) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(eventLoops.acceptor(), eventLoops.io())
                .channel(eventLoops.serverChannelType())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childHandler(initializer(endpoint));
        if (config.socketSendBufferBytes() != -1) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, config.socketSendBufferBytes());
        }
        if (config.socketReceiveBufferBytes() != -1) {
            // Set on the listening socket too so that it applies to the TCP window negotiated at accept time.
            bootstrap.option(ChannelOption.SO_RCVBUF, config.socketReceiveBufferBytes());
            bootstrap.childOption(ChannelOption.SO_RCVBUF, config.socketReceiveBufferBytes());
        }
        return bootstrap;
    }

    private ConnectionInitializer initializer(Endpoint endpoint) {
        SharedListener shared = sharedListeners.get(endpoint.listenerName());
        ConnectionInitializer initializer = new ConnectionInitializer(config, securityOf(endpoint),
                shared != null ? shared.policy() : policy, shared != null ? shared.handler() : handler,
                connectionIndexes::getAndIncrement, openConnections, connectionQuotas, observer,
                loop -> processorIndexes.getOrDefault(loop, 0));
        if (shared != null && shared.relayTarget() != null) {
            initializer.relayingForeignProtocol(shared.relayTarget(), eventLoops.socketChannelType());
        }
        initializers.put(endpoint.listenerName(), initializer);
        return initializer;
    }

    /**
     * Replaces a TLS listener's context (its key store or trust store changed): connections accepted from now on
     * use it, established ones keep the one they were accepted with, as in Kafka.
     */
    public synchronized void reloadTls(String listenerName, SslContext context) {
        ConnectionInitializer initializer = initializers.get(listenerName.toUpperCase(Locale.ROOT));
        if (initializer == null) {
            throw new IllegalArgumentException("No bound listener named " + listenerName);
        }
        initializer.reloadTls(context);
        log.info("Listener {} uses its new TLS key and trust material for new connections", listenerName);
    }

    private ListenerSecurity securityOf(Endpoint endpoint) {
        ListenerSecurity listener = security.get(endpoint.listenerName());
        return listener != null ? listener : ListenerSecurity.plaintext(endpoint.listenerName());
    }

    private static InetSocketAddress bindAddress(Endpoint endpoint) {
        return endpoint.isWildcardHost() ? new InetSocketAddress(endpoint.port())
                : new InetSocketAddress(endpoint.host(), endpoint.port());
    }
}
