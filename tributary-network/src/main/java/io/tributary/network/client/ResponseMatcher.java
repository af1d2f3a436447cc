package io.tributary.network.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client end of one connection: numbers and writes requests, and matches each response frame to the oldest
 * call waiting (Kafka answers a connection's requests in order), checking the correlation id. Everything here runs
 * on the connection's event loop. When the connection closes, every waiting call fails with DisconnectException.
 */
final class ResponseMatcher extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseMatcher.class);

    private final String clientId;
    private final String destination;
    private final ArrayDeque<PendingCall> pending = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private int nextCorrelationId;
    private boolean inactive;

    ResponseMatcher(String clientId, String destination) {
        this.clientId = clientId;
        this.destination = destination;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    /** Called on the event loop. A call whose future is already done (timed out while connecting) is skipped. */
    void send(AbstractRequest request, CompletableFuture<AbstractResponse> future) {
        if (future.isDone()) return;
        if (inactive || !ctx.channel().isActive()) {
            future.completeExceptionally(disconnected());
            return;
        }
        RequestHeader header = new RequestHeader(request.apiKey(), request.version(), clientId, nextCorrelationId++);
        ByteBuffer message;
        try {
            message = request.serializeWithHeader(header);
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
            return;
        }
        pending.addLast(new PendingCall(header, future));
        ByteBuf frame = Unpooled.wrappedBuffer(Unpooled.copyInt(message.remaining()), Unpooled.wrappedBuffer(message));
        ctx.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            PendingCall call = pending.pollFirst();
            int correlationId = frame.readableBytes() >= 4 ? frame.getInt(frame.readerIndex()) : -1;
            if (call == null || correlationId != call.header().correlationId()) {
                LOG.warn("Closing connection to {}: response with correlation id {} does not match {}", destination,
                        correlationId, call == null ? "any request" : call.header().correlationId());
                if (call != null) call.future().completeExceptionally(disconnected());
                context.close();
                return;
            }
            if (call.future().isDone()) return; // timed out: the late response is dropped
            call.future().complete(parse(frame, call));
        } catch (RuntimeException e) {
            LOG.debug("Unreadable response from {}", destination, e);
        } finally {
            frame.release();
        }
    }

    /**
     * Parsed from a heap copy of the frame: the response (a fetch's records included) outlives the network buffer,
     * which is released at once. A frame longer than one socket read was already gathered once by the decoder, so
     * a big fetch response is copied twice in user space (kept: responses do not carry a releasable buffer).
     */
    private static AbstractResponse parse(ByteBuf frame, PendingCall call) {
        ByteBuffer copy = ByteBuffer.allocate(frame.readableBytes());
        frame.getBytes(frame.readerIndex(), copy);
        copy.flip();
        try {
            return AbstractResponse.parseResponse(copy, call.header());
        } catch (RuntimeException e) {
            call.future().completeExceptionally(e);
            throw e;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        inactive = true;
        DisconnectException cause = disconnected();
        PendingCall call;
        while ((call = pending.pollFirst()) != null) call.future().completeExceptionally(cause);
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        LOG.debug("Closing connection to {}", destination, cause);
        context.close();
    }

    private DisconnectException disconnected() {
        return new DisconnectException("Connection to " + destination + " was closed");
    }
}
