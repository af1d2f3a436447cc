package io.tributary.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.tributary.network.security.ListenerSecurity;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per connection: parses frames into requests, hands them to the {@link RequestHandler} and writes responses in
 * request order. Applies backpressure by pausing reads while the socket is congested or too many requests are in
 * flight, and closes idle connections that have nothing in flight.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

    private final String listenerName;
    private final ListenerSecurity security;
    private final RequestParser parser;
    private final RequestHandler handler;
    private final LongSupplier connectionIndexes;
    private final int maxInFlightRequests;
    private final NetworkObserver observer;
    private final int networkProcessor;
    private int maxRequestBytes = Integer.MAX_VALUE;
    private final ResponseSequencer sequencer;
    private ConnectionIdentity identity;
    private ConnectionAuthenticator authenticator;
    /** Set while frames of one socket read are being dispatched, so their responses share one flush. */
    private boolean inReadBatch;
    private boolean flushPending;
    /** Muted (no reads) until this System.nanoTime() because the client went over a quota; 0 when not. */
    private long throttledUntilNanos;

    ConnectionHandler(String listenerName, RequestParser parser, RequestHandler handler,
                      LongSupplier connectionIndexes, int maxInFlightRequests) {
        this(ListenerSecurity.plaintext(listenerName), parser, handler, connectionIndexes, maxInFlightRequests);
    }

    ConnectionHandler(ListenerSecurity security, RequestParser parser, RequestHandler handler,
                      LongSupplier connectionIndexes, int maxInFlightRequests) {
        this(security, parser, handler, connectionIndexes, maxInFlightRequests, NetworkObserver.NONE, 0);
    }

    ConnectionHandler(ListenerSecurity security, RequestParser parser, RequestHandler handler,
                      LongSupplier connectionIndexes, int maxInFlightRequests, NetworkObserver observer,
                      int networkProcessor) {
        this.observer = observer;
        this.networkProcessor = networkProcessor;
        this.listenerName = security.listenerName();
        this.security = security;
        this.sequencer = new ResponseSequencer(!security.usesTls(), observer);
        this.parser = parser;
        this.handler = handler;
        this.connectionIndexes = connectionIndexes;
        this.maxInFlightRequests = maxInFlightRequests;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long receivedNs = observer.enabled() ? System.nanoTime() : 0;
        inReadBatch = true;
        ByteBuf frame = (ByteBuf) msg;
        // Frames still buffered when the peer disconnects are delivered after the fact; nobody is left to answer.
        if (sequencer.isClosed() || !ctx.channel().isActive()) {
            frame.release();
            return;
        }
        if (authenticator != null && authenticator.expectsRawToken()) {
            readRawSaslToken(ctx, frame);
            return;
        }
        InFlightRequest request;
        try {
            frame = Frames.contiguous(ctx.alloc(), frame);
            DecodedRequest decoded = parser.parse(frame.nioBuffer());
            ConnectionIdentity id = identity(ctx);
            ConnectionAuthenticator auth = authenticator(ctx);
            RequestContext context = new RequestContext(decoded.header(), id.connectionId(), id.clientAddress(),
                    listenerName, auth.protocol(), auth.principal());
            request = new InFlightRequest(context, decoded, frame);
            request.receivedNs = receivedNs;
        } catch (RuntimeException e) {
            frame.release();
            rejectRequest(ctx, e);
            return;
        }
        sequencer.add(request);
        boolean wasAuthenticated = authenticator.isAuthenticated();
        ConnectionAuthenticator.Verdict verdict = authenticator.check(request.decoded().request());
        liftFrameLimitOnceAuthenticated(ctx, wasAuthenticated);
        if (verdict.passes()) {
            dispatch(ctx, request);
        } else {
            onCompleted(ctx, request, verdict.answer(), null);
        }
        updateAutoRead(ctx);
    }

    /**
     * A frame of a SaslHandshake v0 exchange: a bare SASL token, not a Kafka request. Its reply (or the close a failure
     * brings) takes its turn behind the responses still owed, like any request's.
     */
    private void readRawSaslToken(ChannelHandlerContext ctx, ByteBuf frame) {
        ConnectionAuthenticator.RawReply reply;
        boolean wasAuthenticated = authenticator.isAuthenticated();
        try {
            byte[] token = ByteBufUtil.getBytes(frame);
            reply = authenticator.rawToken(token);
        } catch (RuntimeException e) {
            log.warn("Closing connection {}: SASL token could not be processed", identity(ctx).connectionId(), e);
            reply = ConnectionAuthenticator.RawReply.CLOSE;
        } finally {
            frame.release();
        }
        liftFrameLimitOnceAuthenticated(ctx, wasAuthenticated);
        sequencer.add(InFlightRequest.rawSaslReply(reply.token(), reply.close()));
        drainCompleted(ctx);
        updateAutoRead(ctx);
    }

    /** Once a SASL connection has authenticated, frames may be as large as socket.request.max.bytes. */
    private void liftFrameLimitOnceAuthenticated(ChannelHandlerContext ctx, boolean wasAuthenticated) {
        if (!wasAuthenticated && authenticator.isAuthenticated()) {
            FrameDecoder decoder = ctx.pipeline().get(FrameDecoder.class);
            if (decoder != null) {
                decoder.maxFrameBytes(maxRequestBytes);
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inReadBatch = false;
        if (flushPending) {
            flushPending = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        updateAutoRead(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                SslHandler tls = ctx.pipeline().get(SslHandler.class);
                authenticator(ctx).tlsEstablished(tls.engine().getSession());
            } else {
                log.info("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), handshake.cause().toString());
            }
            ctx.fireUserEventTriggered(event);
            return;
        }
        if (!(event instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        // A slow request (e.g. a long-polling fetch) is not idleness; the next idle event re-checks.
        if (sequencer.isEmpty()) {
            log.debug("Closing idle connection {}", identity(ctx).connectionId());
            ctx.close();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        observer.connectionOpened(listenerName, networkProcessor);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        observer.connectionClosed(listenerName, networkProcessor);
        sequencer.close();
        if (authenticator != null) {
            authenticator.close();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause.getCause() instanceof javax.net.ssl.SSLException) {
            log.debug("I/O error on {}; closing it", identity(ctx).connectionId(), cause);
        } else {
            log.warn("Unexpected error on {}; closing it", identity(ctx).connectionId(), cause);
        }
        ctx.close();
    }

    private void dispatch(ChannelHandlerContext ctx, InFlightRequest request) {
        CompletionStage<ResponseAction> stage;
        boolean timed = observer.enabled();
        if (timed) {
            request.handlingNs = System.nanoTime();
        }
        try {
            stage = Objects.requireNonNull(handler.handle(request.context(), request.decoded().request()),
                    "RequestHandler returned a null stage");
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        if (timed) {
            request.localDoneNs = System.nanoTime();
        }
        EventLoop eventLoop = ctx.channel().eventLoop();
        stage.whenComplete((action, failure) -> {
            if (eventLoop.inEventLoop()) {
                onCompleted(ctx, request, action, failure);
                return;
            }
            try {
                eventLoop.execute(() -> onCompleted(ctx, request, action, failure));
            } catch (RejectedExecutionException e) {
                // The server is shutting down and the connection is gone; only the frame needs freeing.
                request.release();
            }
        });
    }

    private void onCompleted(ChannelHandlerContext ctx, InFlightRequest request, ResponseAction action,
                             Throwable failure) {
        if (observer.enabled()) {
            request.completedNs = System.nanoTime();
        }
        request.complete(action, failure);
        if (sequencer.isClosed()) {
            request.release(); // connection gone: nothing to write, but the handler is done with the frame
            return;
        }
        drainCompleted(ctx);
        updateAutoRead(ctx);
    }

    /** Writes every answer now at the head of the queue (flushed at the end of a read batch, else at once). */
    private void drainCompleted(ChannelHandlerContext ctx) {
        if (sequencer.drain(ctx)) {
            if (inReadBatch) {
                flushPending = true;
            } else {
                ctx.flush();
            }
        }
        int throttleMs = sequencer.drainedThrottleMs();
        if (throttleMs > 0) {
            throttle(ctx, throttleMs);
        }
    }

    private void rejectRequest(ChannelHandlerContext ctx, RuntimeException e) {
        String connectionId = identity(ctx).connectionId();
        if (e instanceof UnsupportedVersionException) {
            log.info("Closing connection {}: {}", connectionId, e.getMessage());
        } else {
            log.warn("Closing connection {}: unparseable request", connectionId, e);
        }
        // Earlier requests' responses are still owed, but Kafka closes on a bad frame and so do we.
        sequencer.close();
        ctx.close();
    }

    /**
     * Stops reading from the connection for {@code throttleMs} after a response to a client over its quota, as
     * Kafka mutes a throttled channel; requests already read are still answered.
     */
    private void throttle(ChannelHandlerContext ctx, int throttleMs) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(throttleMs);
        if (until - throttledUntilNanos <= 0 && throttledUntilNanos != 0) {
            return; // already muted at least that long
        }
        throttledUntilNanos = until;
        ctx.executor().schedule(() -> {
            if (throttledUntilNanos == until) {
                throttledUntilNanos = 0;
                updateAutoRead(ctx);
            }
        }, throttleMs, TimeUnit.MILLISECONDS);
    }

    private void updateAutoRead(ChannelHandlerContext ctx) {
        boolean shouldRead = !sequencer.isClosed() && ctx.channel().isWritable()
                && sequencer.size() < maxInFlightRequests && throttledUntilNanos == 0;
        ChannelConfig config = ctx.channel().config();
        if (config.isAutoRead() != shouldRead) {
            config.setAutoRead(shouldRead);
        }
    }

    /** The frame limit once authenticated (socket.request.max.bytes). */
    ConnectionHandler maxRequestBytes(int maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
        return this;
    }

    private ConnectionAuthenticator authenticator(ChannelHandlerContext ctx) {
        if (authenticator == null) {
            authenticator = new ConnectionAuthenticator(security, identity(ctx).clientAddress());
        }
        return authenticator;
    }

    private ConnectionIdentity identity(ChannelHandlerContext ctx) {
        if (identity == null) {
            identity = ConnectionIdentity.of(ctx.channel(), connectionIndexes.getAsLong());
        }
        return identity;
    }
}
