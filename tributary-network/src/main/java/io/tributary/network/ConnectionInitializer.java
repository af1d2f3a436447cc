package io.tributary.network;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.tributary.network.security.ListenerSecurity;
import java.util.concurrent.TimeUnit;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Builds each accepted connection's pipeline: TLS (with a handshake deadline, and chunked writes for record files)
 * on SSL and SASL_SSL listeners, idle detection, framing, then request dispatch.
 */
final class ConnectionInitializer extends ChannelInitializer<Channel> {

    /** Bounds memory per connection; Kafka producers pipeline at most 5 by default. */
    static final int MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION = 100;

    private final NetworkConfig config;
    private final String listenerName;
    private final ListenerSecurity security;
    /** The listener's TLS context; replaced when its key or trust store changes (new connections use the new one). */
    private volatile SslContext tls;
    private final RequestParser parser;
    private final RequestHandler handler;
    private final LongSupplier connectionIndexes;
    private final ChannelGroup openConnections;
    private final ConnectionQuotas connectionQuotas;
    private final NetworkObserver observer;
    private final ToIntFunction<EventLoop> processorIndex;
    /** Where connections that do not speak Kafka go (a shared controller listener), or null. */
    private Supplier<InetSocketAddress> relayTarget;
    private Class<? extends SocketChannel> relayChannelType;

    ConnectionInitializer(NetworkConfig config, String listenerName, ApiVersionPolicy policy, RequestHandler handler,
                          LongSupplier connectionIndexes, ChannelGroup openConnections) {
        this(config, ListenerSecurity.plaintext(listenerName), policy, handler, connectionIndexes, openConnections,
                new ConnectionQuotas(ConnectionLimits.NONE));
    }

    ConnectionInitializer(NetworkConfig config, ListenerSecurity security, ApiVersionPolicy policy,
                          RequestHandler handler, LongSupplier connectionIndexes, ChannelGroup openConnections,
                          ConnectionQuotas connectionQuotas) {
        this(config, security, policy, handler, connectionIndexes, openConnections, connectionQuotas,
                NetworkObserver.NONE, loop -> 0);
    }

    ConnectionInitializer(NetworkConfig config, ListenerSecurity security, ApiVersionPolicy policy,
                          RequestHandler handler, LongSupplier connectionIndexes, ChannelGroup openConnections,
                          ConnectionQuotas connectionQuotas, NetworkObserver observer,
                          ToIntFunction<EventLoop> processorIndex) {
        this.connectionQuotas = connectionQuotas;
        this.observer = observer;
        this.processorIndex = processorIndex;
        this.config = config;
        this.listenerName = security.listenerName();
        this.security = security;
        this.tls = security.tls();
        this.parser = new RequestParser(policy);
        this.handler = handler;
        this.connectionIndexes = connectionIndexes;
        this.openConnections = openConnections;
    }

    /** Relays connections whose first byte is not a Kafka frame's to {@code target} ({@link ProtocolSniffer}). */
    ConnectionInitializer relayingForeignProtocol(Supplier<InetSocketAddress> target,
                                                  Class<? extends SocketChannel> channelType) {
        if (security.usesTls() || security.usesSasl()) {
            throw new IllegalArgumentException("Listener " + listenerName
                    + " shares its port with Raft, so it must be PLAINTEXT, not " + security.protocol());
        }
        this.relayTarget = target;
        this.relayChannelType = channelType;
        return this;
    }

    /** A new TLS context for connections accepted from now on; established connections keep theirs. */
    void reloadTls(SslContext context) {
        if (!security.usesTls()) {
            throw new IllegalStateException("Listener " + listenerName + " does not use TLS");
        }
        this.tls = context;
    }

    /** Until a SASL connection authenticates, its frames are bounded by sasl.server.max.receive.size. */
    private FrameDecoder frameDecoder() {
        FrameDecoder decoder = new FrameDecoder(config.maxRequestBytes());
        if (security.usesSasl()) {
            decoder.maxFrameBytes(Math.min(config.maxRequestBytes(), security.saslMaxReceiveBytes()));
        }
        return decoder;
    }

    @Override
    protected void initChannel(Channel channel) {
        if (!connectionQuotas.onAccepted(channel, listenerName)) {
            return; // refused and closed: too many connections from its address
        }
        if (openConnections != null) {
            openConnections.add(channel);
        }
        if (security.usesTls()) {
            SslHandler handler = tls.newHandler(channel.alloc());
            handler.setHandshakeTimeoutMillis(security.tlsHandshakeTimeoutMs());
            channel.pipeline().addLast(handler, new ChunkedWriteHandler());
        }
        if (relayTarget != null) {
            channel.pipeline().addLast(new ProtocolSniffer(relayTarget, relayChannelType));
        }
        channel.pipeline().addLast(
                // observeOutput: a large response still draining to a slow client is activity, not idleness
                new IdleStateHandler(true, 0, 0, config.connectionsMaxIdleMs(), TimeUnit.MILLISECONDS),
                frameDecoder(),
                new ConnectionHandler(security, parser, handler, connectionIndexes,
                        MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, observer, processorIndex.applyAsInt(channel.eventLoop()))
                        .maxRequestBytes(config.maxRequestBytes()));
    }
}
