package io.tributary.network;

import java.util.Objects;
import org.apache.kafka.common.requests.AbstractResponse;

/**
 * What to do once a request is handled: send a response, send nothing (produce acks=0), close, or send a last response
 * and close (a failed authentication); optionally followed by muting the connection for a client quota's throttle
 * time (KIP-219: answer first, then stop reading).
 */
public final class ResponseAction {

    public enum Kind { SEND, NO_RESPONSE, CLOSE_CONNECTION, SEND_AND_CLOSE }

    private static final ResponseAction NO_RESPONSE = new ResponseAction(Kind.NO_RESPONSE, null);
    private static final ResponseAction CLOSE_CONNECTION = new ResponseAction(Kind.CLOSE_CONNECTION, null);

    private final Kind kind;
    private final AbstractResponse response;
    private final int throttleMs;

    private ResponseAction(Kind kind, AbstractResponse response) {
        this(kind, response, 0);
    }

    private ResponseAction(Kind kind, AbstractResponse response, int throttleMs) {
        this.kind = kind;
        this.response = response;
        this.throttleMs = throttleMs;
    }

    /**
     * The same action, after which the network stops reading from the connection for {@code throttleMs}
     * (a client over its quota). The response's own throttle_time_ms is the caller's to set.
     */
    public ResponseAction throttledFor(int throttleMs) {
        if (throttleMs <= 0 || kind == Kind.CLOSE_CONNECTION) {
            return this;
        }
        return new ResponseAction(kind, response, throttleMs);
    }

    /** How long to mute the connection once this action is carried out; 0 for not at all. */
    public int throttleMs() {
        return throttleMs;
    }

    public static ResponseAction send(AbstractResponse response) {
        return new ResponseAction(Kind.SEND, Objects.requireNonNull(response, "response"));
    }

    /** Sends the response, then closes the connection; later requests are dropped. */
    public static ResponseAction sendAndClose(AbstractResponse response) {
        return new ResponseAction(Kind.SEND_AND_CLOSE, Objects.requireNonNull(response, "response"));
    }

    public static ResponseAction noResponse() {
        return NO_RESPONSE;
    }

    /** Closes the connection after every earlier response has been written. */
    public static ResponseAction closeConnection() {
        return CLOSE_CONNECTION;
    }

    public Kind kind() {
        return kind;
    }

    /** The response to send; only for {@link Kind#SEND} and {@link Kind#SEND_AND_CLOSE}. */
    public AbstractResponse response() {
        if (response == null) {
            throw new IllegalStateException("No response for action " + kind);
        }
        return response;
    }

    @Override
    public String toString() {
        return response != null ? "ResponseAction[" + kind + " " + response.apiKey() + "]" : "ResponseAction[" + kind + "]";
    }
}
