package io.tributary.network.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.tributary.network.FrameDecoder;
import io.tributary.network.security.ClientSecurity;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * {@link NodeClient} over Netty: one connection per host:port, opened on first use and again after it is lost;
 * requests are pipelined on it and matched to responses in order. A timed-out request fails alone, the
 * connection stays. Response futures complete on the connection's event loop: callbacks must not block.
 */
public final class NettyNodeClient implements NodeClient {

    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 10;

    private final String clientId;
    private final int maxResponseBytes;
    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final ClientSecurity security;
    private final Map<String, ChannelFuture> connections = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A client with its own event loop (one thread; epoll when available), shut down by {@link #close()}. */
    public NettyNodeClient(String clientId, int maxResponseBytes) {
        this(clientId, maxResponseBytes, ClientSecurity.PLAINTEXT);
    }

    /**
     * A client whose connections are secured as {@code security} says (the inter-broker listener's protocol): a
     * request waits until its connection's TLS handshake and SASL exchange are done.
     */
    public NettyNodeClient(String clientId, int maxResponseBytes, ClientSecurity security) {
        if (maxResponseBytes <= 0) throw new IllegalArgumentException("maxResponseBytes must be > 0");
        this.security = Objects.requireNonNull(security, "security");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.maxResponseBytes = maxResponseBytes;
        this.group = ClientEventLoops.newGroup(1, "tributary-node-client");
        this.channelType = ClientEventLoops.channelType();
    }

    @Override
    public CompletableFuture<AbstractResponse> send(String host, int port, AbstractRequest request, long timeoutMs) {
        CompletableFuture<AbstractResponse> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(new DisconnectException("Node client " + clientId + " is closed"));
            return future;
        }
        String destination = host + ":" + port;
        ChannelFuture[] opened = new ChannelFuture[1];
        ChannelFuture connection = connections.computeIfAbsent(destination, d -> opened[0] = connect(host, port, d));
        if (opened[0] == null && SaslClientExchange.sessionEnding(connection.channel())) {
            // KIP-368: the peer closes a connection whose SASL session expired; rather than re-authenticating it,
            // new requests go to a fresh connection while the old one finishes what it carries.
            connections.remove(destination, connection);
            connection = connections.computeIfAbsent(destination, d -> opened[0] = connect(host, port, d));
        }
        Channel channel = connection.channel();
        if (opened[0] != null) {
            // a lost or failed connection is forgotten, so that the next send opens a new one; registered outside
            // computeIfAbsent since it may run at once on this thread
            ChannelFuture created = connection;
            channel.closeFuture().addListener(f -> connections.remove(destination, created));
        }
        // the deadline counts from the call, connecting included
        ScheduledFuture<?> timer = channel.eventLoop().schedule(() -> future.completeExceptionally(
                new TimeoutException(request.apiKey() + " request to " + destination + " timed out after "
                        + timeoutMs + " ms")), timeoutMs, TimeUnit.MILLISECONDS);
        future.whenComplete((response, error) -> timer.cancel(false));
        connection.addListener(connected -> { // listeners run on the channel's event loop, in the order added
            if (!connected.isSuccess()) {
                future.completeExceptionally(new DisconnectException("Cannot connect to " + destination + ": "
                        + connected.cause(), connected.cause()));
                return;
            }
            ResponseMatcher matcher = channel.pipeline().get(ResponseMatcher.class);
            if (matcher == null) {
                future.completeExceptionally(new DisconnectException("Connection to " + destination + " was closed"));
                return;
            }
            matcher.send(request, future);
        });
        return future;
    }

    /** Connected, then (when secured) TLS-handshaken and authenticated: the future requests wait for. */
    private ChannelFuture connect(String host, int port, String destination) {
        ChannelFuture connected = bootstrap(host, port, destination);
        if (security.protocol() == SecurityProtocol.PLAINTEXT) {
            return connected;
        }
        ChannelPromise ready = SaslClientExchange.ready(connected.channel());
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                ready.tryFailure(f.cause());
            }
        });
        return ready;
    }

    private ChannelFuture bootstrap(String host, int port, String destination) {
        return new Bootstrap()
                .group(group)
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (security.usesTls()) {
                            SslHandler tls = security.tls().newHandler(ch.alloc(), host, port);
                            if (security.verifyHostname()) {
                                SSLParameters parameters = tls.engine().getSSLParameters();
                                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                                tls.engine().setSSLParameters(parameters);
                            }
                            ch.pipeline().addLast(tls);
                        }
                        ch.pipeline().addLast(new FrameDecoder(maxResponseBytes));
                        if (security.protocol() != SecurityProtocol.PLAINTEXT) {
                            ch.pipeline().addLast(new SaslClientExchange(security, clientId, host));
                        }
                        ch.pipeline().addLast(new ResponseMatcher(clientId, destination));
                    }
                })
                .connect(host, port);
    }

    /** Closes every connection (waiting calls fail with DisconnectException) and an owned event loop. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (ChannelFuture connection : List.copyOf(connections.values())) {
            connection.channel().close().awaitUninterruptibly();
        }
        connections.clear();
        group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
