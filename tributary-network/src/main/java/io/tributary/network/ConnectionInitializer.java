package io.tributary.network;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import io.netty.channel.EventLoop;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

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
    private final NetworkObserver observer;
    private final ToIntFunction<EventLoop> processorIndex;

    ConnectionInitializer(NetworkConfig config, String listenerName, ApiVersionPolicy policy, RequestHandler handler,
                          LongSupplier connectionIndexes, ChannelGroup openConnections) {
        this(config, listenerName, policy, handler, connectionIndexes, openConnections, NetworkObserver.NONE,
                loop -> 0);
    }

    ConnectionInitializer(NetworkConfig config, String listenerName, ApiVersionPolicy policy, RequestHandler handler,
                          LongSupplier connectionIndexes, ChannelGroup openConnections, NetworkObserver observer,
                          ToIntFunction<EventLoop> processorIndex) {
        this.observer = observer;
        this.processorIndex = processorIndex;
        this.config = config;
        this.listenerName = listenerName;
        this.parser = new RequestParser(policy);
        this.handler = handler;
        this.connectionIndexes = connectionIndexes;
        this.openConnections = openConnections;
    }

    @Override
    protected void initChannel(Channel channel) {
        if (openConnections != null) {
            openConnections.add(channel);
        }
        channel.pipeline().addLast(
                // observeOutput: a large response still draining to a slow client is activity, not idleness
                new IdleStateHandler(true, 0, 0, config.connectionsMaxIdleMs(), TimeUnit.MILLISECONDS),
                new FrameDecoder(config.maxRequestBytes()),
                new ConnectionHandler(listenerName, parser, handler, connectionIndexes,
                        MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, observer, processorIndex.applyAsInt(channel.eventLoop())));
    }
}
