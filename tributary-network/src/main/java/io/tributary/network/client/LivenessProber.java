package io.tributary.network.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Asks the operating system whether a Kafka-protocol process still lives behind a host:port. A probe connects and
 * sends an ApiVersions request:
 * <ul>
 *   <li>any answer: {@link Verdict#ANSWERING}; the connection is kept open, idle, as a {@link Watch} whose close
 *       is the first sign that the process went away (its kernel closes its sockets when it dies);</li>
 *   <li>connection refused, or accepted and closed without an answer (a proxy in front of a dead process does
 *       that): {@link Verdict#GONE};</li>
 *   <li>no answer within the timeout (a paused process, a slow machine, a network partition, a dead host whose
 *       kernel cannot answer either): {@link Verdict#UNKNOWN}. Only the caller's own timeouts may decide then.</li>
 * </ul>
 * So a GC pause or a stopped process is never mistaken for a crash: their kernels still accept connections and
 * keep them open. Only for listeners that speak plaintext Kafka (PLAINTEXT, SASL_PLAINTEXT: ApiVersions comes
 * before authentication); a TLS listener would close an unencrypted probe.
 */
public final class LivenessProber implements AutoCloseable {

    private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;

    /** What a probe learnt. */
    public enum Verdict { ANSWERING, GONE, UNKNOWN }

    /** A probe's outcome; for {@link Verdict#ANSWERING} the open connection that watches the process. */
    public record Result(Verdict verdict, String detail, Watch watch) {
    }

    /** An idle connection to an answering process. */
    public interface Watch extends AutoCloseable {

        /** Completes when the connection closes: the process died, or it closed an idle connection. */
        CompletionStage<Void> lost();

        @Override
        void close();
    }

    private final String clientId;
    private final int timeoutMs;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;

    /** A prober with its own event loop thread, shut down by {@link #close()}. */
    public LivenessProber(String clientId, int timeoutMs) {
        if (timeoutMs <= 0) throw new IllegalArgumentException("timeoutMs must be > 0");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.timeoutMs = timeoutMs;
        this.group = ClientEventLoops.newGroup(1, "tributary-liveness-prober");
        this.bootstrap = new Bootstrap().group(group).channel(ClientEventLoops.channelType())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMs)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new ProbeHandler());
                    }
                });
    }

    /** Probes {@code host:port}; the stage completes on the prober's thread, within about the timeout. */
    public CompletionStage<Result> probe(String host, int port) {
        CompletableFuture<Result> result = new CompletableFuture<>();
        String destination = host + ":" + port;
        ChannelFuture connect;
        try {
            connect = bootstrap.connect(host, port);
        } catch (RuntimeException e) { // the group is shut down
            result.complete(new Result(Verdict.UNKNOWN, e.toString(), null));
            return result;
        }
        connect.addListener(connected -> {
            try {
                onConnected(connect, connected, result, destination);
            } catch (RuntimeException e) { // never leave the probe unanswered
                connect.channel().close();
                result.complete(new Result(Verdict.UNKNOWN, "probing " + destination + " failed: " + e, null));
            }
        });
        return result;
    }

    private void onConnected(ChannelFuture connect, Future<? super Void> connected,
                             CompletableFuture<Result> result, String destination) {
            if (!connected.isSuccess()) {
                result.complete(connectFailed(destination, connected.cause()));
                return;
            }
            Channel channel = connect.channel();
            ProbeHandler handler = channel.pipeline().get(ProbeHandler.class);
            ScheduledFuture<?> timer = channel.eventLoop().schedule(() -> {
                if (result.complete(new Result(Verdict.UNKNOWN, destination + " accepted the connection but did "
                        + "not answer within " + timeoutMs + " ms", null))) {
                    channel.close();
                }
            }, timeoutMs, TimeUnit.MILLISECONDS);
            handler.answered.thenRun(() -> {
                timer.cancel(false);
                if (!result.complete(new Result(Verdict.ANSWERING, destination + " answered",
                        new ChannelWatch(channel)))) {
                    channel.close();
                }
            });
            channel.closeFuture().addListener(closed -> {
                timer.cancel(false);
                result.complete(new Result(Verdict.GONE, destination + " closed the connection without answering",
                        null));
            });
            channel.writeAndFlush(apiVersionsFrame(clientId)).addListener(written -> {
                if (!written.isSuccess()) {
                    channel.close();
                }
            });
    }

    private static Result connectFailed(String destination, Throwable cause) {
        // Netty's ConnectTimeoutException is a ConnectException too: only a refusal says nobody listens.
        if (cause instanceof ConnectException && !(cause instanceof ConnectTimeoutException)) {
            return new Result(Verdict.GONE, destination + " refused the connection: " + cause.getMessage(), null);
        }
        // Accepted and reset before the connect completed here: what a proxy in front of a dead process does too.
        if (cause instanceof java.io.IOException && cause.getMessage() != null
                && cause.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connection reset")) {
            return new Result(Verdict.GONE, destination + " reset the connection: " + cause.getMessage(), null);
        }
        return new Result(Verdict.UNKNOWN, "cannot connect to " + destination + ": " + cause, null);
    }

    private static ByteBuf apiVersionsFrame(String clientId) {
        short version = 0; // every Kafka-protocol server answers v0 (an unsupported version too, at v0)
        RequestHeader header = new RequestHeader(ApiKeys.API_VERSIONS, version, clientId, 0);
        ByteBuffer body = new ApiVersionsRequest(new ApiVersionsRequestData(), version).serializeWithHeader(header);
        ByteBuf frame = Unpooled.buffer(4 + body.remaining());
        frame.writeInt(body.remaining());
        frame.writeBytes(body);
        return frame;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Notes the first bytes read (the answer) and discards everything read. */
    private static final class ProbeHandler extends ChannelInboundHandlerAdapter {

        private final CompletableFuture<Void> answered = new CompletableFuture<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            answered.complete(null);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a reset: the close listener decides
        }
    }

    private record ChannelWatch(Channel channel) implements Watch {

        @Override
        public CompletionStage<Void> lost() {
            CompletableFuture<Void> lost = new CompletableFuture<>();
            channel.closeFuture().addListener(closed -> lost.complete(null));
            return lost;
        }

        @Override
        public void close() {
            channel.close();
        }
    }
}
