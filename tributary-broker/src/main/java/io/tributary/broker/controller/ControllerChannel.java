package io.tributary.broker.controller;

import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;

/**
 * How the broker side reaches the active controller: directly when this node is it, otherwise over the network
 * to the node the quorum names as leader, retrying on NOT_CONTROLLER and lost connections until a deadline.
 */
public interface ControllerChannel {

    /**
     * Has the active controller handle {@code request}. Completes with its response, or with the request's own
     * error response (NOT_CONTROLLER / REQUEST_TIMED_OUT) when no controller could answer in time.
     */
    CompletableFuture<AbstractResponse> send(AbstractRequest request);

    /**
     * Same, with an explicit deadline instead of the request's own timeout (e.g. heartbeats, which must not
     * outlive the next one). Implementations that cannot bound the call fall back to {@link #send(AbstractRequest)}.
     */
    default CompletableFuture<AbstractResponse> send(AbstractRequest request, long timeoutMs) {
        return send(request);
    }
}
