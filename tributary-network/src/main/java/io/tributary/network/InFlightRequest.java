package io.tributary.network;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.requests.AbstractResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request waiting for its turn to be answered. Owns the frame the request was parsed from (the request may hold
 * slices of it) until released. Only touched on the connection's event loop.
 */
final class InFlightRequest {

    private static final Logger log = LoggerFactory.getLogger(InFlightRequest.class);

    private final RequestContext context;
    private final DecodedRequest decoded;
    private ByteBuf frame;
    private boolean completed;
    private ResponseAction action;
    private Throwable failure;
    /** Raw SASL tokens (after a SaslHandshake v0) are no Kafka requests but are answered in turn like them. */
    private byte[] rawReply;
    private boolean raw;
    private boolean closeAfterRawReply;
    /** The request's timeline ({@link System#nanoTime()}), taken only when a {@link NetworkObserver} listens. */
    long receivedNs;
    long handlingNs;
    long localDoneNs;
    long completedNs;
    long writeNs;

    InFlightRequest(RequestContext context, DecodedRequest decoded, ByteBuf frame) {
        this.context = context;
        this.decoded = decoded;
        this.frame = frame;
    }

    /**
     * The already-known answer to a raw SASL token: {@code token} as a bare size-prefixed frame (none when null), then
     * a close if {@code close}.
     */
    static InFlightRequest rawSaslReply(byte[] token, boolean close) {
        InFlightRequest reply = new InFlightRequest(null, null, null);
        reply.raw = true;
        reply.rawReply = token;
        reply.closeAfterRawReply = close;
        reply.completed = true;
        return reply;
    }

    boolean isRawSaslReply() {
        return raw;
    }

    /** The raw token to send back; null for none. */
    byte[] rawReply() {
        return rawReply;
    }

    boolean closesAfterRawReply() {
        return closeAfterRawReply;
    }

    RequestContext context() {
        return context;
    }

    DecodedRequest decoded() {
        return decoded;
    }

    boolean isCompleted() {
        return completed;
    }

    void complete(ResponseAction action, Throwable failure) {
        this.completed = true;
        this.action = action;
        this.failure = failure;
    }

    /** The handler's action, or a generic error response (Errors.forException mapping) if the handler failed. */
    ResponseAction outcome() {
        if (failure == null && action != null) {
            return action;
        }
        Throwable cause = failure == null ? new IllegalStateException("Handler completed with a null action")
                : unwrap(failure);
        if (cause instanceof ApiException) {
            log.debug("Request {} on {} failed", context.header(), context.connectionId(), cause);
        } else {
            log.error("Unexpected error handling request {} on {}", context.header(), context.connectionId(), cause);
        }
        AbstractResponse errorResponse = decoded.request().getErrorResponse(cause);
        return ResponseAction.send(errorResponse);
    }

    void release() {
        if (frame != null) {
            frame.release();
            frame = null;
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
