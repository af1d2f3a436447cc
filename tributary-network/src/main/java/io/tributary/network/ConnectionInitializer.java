package io.tributary.network;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Builds each accepted connection's pipeline: idle detection, framing, then request dispatch. */
final class ConnectionInitializer extends ChannelInitializer<Channel> {

    /** Bounds memory per connection; Kafka producers pipeline at most 5 by default. */
    static final int MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION = 100;

    private final NetworkConfig config;
    private final String listenerName;
    private final RequestParser parser;
    private final RequestHandler handler;
    private final LongSupplier connectionIndexes;
    private final ChannelGroup openConnections;
    private final ConnectionQuotas connectionQuotas;

    ConnectionInitializer(NetworkConfig config, String listenerName, ApiVersionPolicy policy, RequestHandler handler,
                          LongSupplier connectionIndexes, ChannelGroup openConnections) {
        this(config, listenerName, policy, handler, connectionIndexes, openConnections,
                new ConnectionQuotas(ConnectionLimits.NONE));
    }

    ConnectionInitializer(NetworkConfig config, String listenerName, ApiVersionPolicy policy, RequestHandler handler,
                          LongSupplier connectionIndexes, ChannelGroup openConnections,
                          ConnectionQuotas connectionQuotas) {
        this.connectionQuotas = connectionQuotas;
        this.config = config;
        this.listenerName = listenerName;
        this.parser = new RequestParser(policy);
        this.handler = handler;
        this.connectionIndexes = connectionIndexes;
        this.openConnections = openConnections;
    }

    @Override
    protected void initChannel(Channel channel) {
        if (!connectionQuotas.onAccepted(channel, listenerName)) {
            return; // refused and closed: too many connections from its address
        }
        if (openConnections != null) {
            openConnections.add(channel);
        }
        channel.pipeline().addLast(
                // observeOutput: a large response still draining to a slow client is activity, not idleness
                new IdleStateHandler(true, 0, 0, config.connectionsMaxIdleMs(), TimeUnit.MILLISECONDS),
                new FrameDecoder(config.maxRequestBytes()),
                new ConnectionHandler(listenerName, parser, handler, connectionIndexes,
                        MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION));
    }
}
