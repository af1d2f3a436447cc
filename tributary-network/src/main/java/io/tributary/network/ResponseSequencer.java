package io.tributary.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.apache.kafka.common.requests.AbstractResponse;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a connection's in-flight requests in arrival order and writes their outcomes strictly in that order, however
 * their handler stages complete. Only touched on the connection's event loop.
 */
final class ResponseSequencer {

    private static final Logger log = LoggerFactory.getLogger(ResponseSequencer.class);

    private final ArrayDeque<InFlightRequest> queue = new ArrayDeque<>();
    /** False on TLS connections: file regions cannot go through the SslHandler and are read into buffers instead. */
    private final boolean zeroCopy;
    private final NetworkObserver observer;
    private boolean closed;
    /** The longest quota throttle among the outcomes written by the last {@link #drain}. */
    private int drainedThrottleMs;

    ResponseSequencer() {
        this(true);
    }

    ResponseSequencer(boolean zeroCopy) {
        this(zeroCopy, NetworkObserver.NONE);
    }

    ResponseSequencer(boolean zeroCopy, NetworkObserver observer) {
        this.zeroCopy = zeroCopy;
        this.observer = observer;
    }

    void add(InFlightRequest request) {
        queue.addLast(request);
    }

    int size() {
        return queue.size();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** True once the connection is closing: nothing more will be written. */
    boolean isClosed() {
        return closed;
    }

    /**
     * Writes (without flushing) the outcome of every completed request at the head of the queue.
     *
     * @return whether anything was written that still needs a flush
     */
    boolean drain(ChannelHandlerContext ctx) {
        boolean wrote = false;
        drainedThrottleMs = 0;
        InFlightRequest head;
        while (!closed && (head = queue.peekFirst()) != null && head.isCompleted()) {
            queue.pollFirst();
            try {
                wrote |= head.isRawSaslReply() ? writeRawSaslReply(ctx, head) : writeOutcome(ctx, head);
            } catch (RuntimeException e) {
                log.error("Failed to write the response to {} on {}; closing the connection",
                        head.context().header(), head.context().connectionId(), e);
                closeAfterPendingWrites(ctx);
            } finally {
                head.release();
            }
        }
        return wrote && !closed;
    }

    /**
     * Drops everything still queued; called when the connection goes away. Requests whose handler is still running
     * keep their frame (the handler may be reading it) and are released when their stage completes.
     */
    void close() {
        closed = true;
        InFlightRequest request;
        while ((request = queue.pollFirst()) != null) {
            if (request.isCompleted()) {
                request.release();
            }
        }
    }

    /** The longest client quota throttle among the outcomes the last {@link #drain} wrote (0 if none). */
    int drainedThrottleMs() {
        return drainedThrottleMs;
    }

    private boolean writeOutcome(ChannelHandlerContext ctx, InFlightRequest request) {
        ResponseAction action = request.outcome();
        drainedThrottleMs = Math.max(drainedThrottleMs, action.throttleMs());
        boolean timed = observer.enabled();
        if (timed) {
            request.writeNs = System.nanoTime();
        }
        switch (action.kind()) {
            case SEND -> {
                if (timed) {
                    // The promise of the response's own last write completes once all of it left for the socket.
                    ChannelPromise sent = ctx.newPromise();
                    write(ctx, request, action, sent);
                    sent.addListener(written -> {
                        if (!written.isSuccess() && ctx.channel().isRegistered()) {
                            ctx.pipeline().fireExceptionCaught(written.cause()); // as the void promise would have
                        }
                        observed(request, action.response(), action.throttleMs());
                    });
                } else {
                    write(ctx, request, action, ctx.voidPromise());
                }
                return true;
            }
            case SEND_AND_CLOSE -> {
                write(ctx, request, action, ctx.voidPromise());
                closeAfterPendingWrites(ctx);
                return false;
            }
            case NO_RESPONSE -> {
                if (timed) {
                    observed(request, null, action.throttleMs());
                }
                return false;
            }
            case CLOSE_CONNECTION -> {
                log.debug("Closing {} as requested by the handler of {}", request.context().connectionId(),
                        request.context().header());
                closeAfterPendingWrites(ctx);
                return false;
            }
            default -> throw new IllegalStateException("Unknown action " + action);
        }
    }

    /** A SaslHandshake v0 exchange's reply: the bare token, size-prefixed, without a Kafka response header. */
    private boolean writeRawSaslReply(ChannelHandlerContext ctx, InFlightRequest reply) {
        boolean wrote = false;
        byte[] token = reply.rawReply();
        if (token != null) {
            ByteBuf frame = ctx.alloc().directBuffer(4 + token.length);
            frame.writeInt(token.length).writeBytes(token);
            ctx.write(frame);
            wrote = true;
        }
        if (reply.closesAfterRawReply()) {
            closeAfterPendingWrites(ctx);
            return false;
        }
        return wrote;
    }

    private void observed(InFlightRequest request, AbstractResponse response, int throttleMs) {
        observer.requestCompleted(request.context(), request.decoded().request(), response, request.receivedNs,
                request.handlingNs, request.localDoneNs, request.completedNs, request.writeNs, System.nanoTime(),
                throttleMs);
    }

    private void write(ChannelHandlerContext ctx, InFlightRequest request, ResponseAction action, ChannelPromise sent) {
        DecodedRequest decoded = request.decoded();
        ResponseWriter.write(ctx.alloc(), ctx, request.context().correlationId(), decoded.responseHeaderVersion(),
                action.response().data(), decoded.responseVersion(), zeroCopy, sent);
    }

    /** Flushes responses written so far, then closes; later requests are dropped. */
    private void closeAfterPendingWrites(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        close();
    }
}
