package io.tributary.broker.simulation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.apache.kafka.common.errors.NotControllerException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;

import io.tributary.broker.controller.ControllerChannel;

/**
 * A broker's channel to the active controller over the simulated network: the request goes to the quorum leader,
 * its controller handles it (the real request handler), the response comes back. A lost request or response, or
 * a controller that never answers, ends in REQUEST_TIMED_OUT at the deadline, as on a real connection.
 */
final class SimControllerChannel implements ControllerChannel {

    private static final long DEFAULT_TIMEOUT_MS = 30_000;

    private final int brokerId;
    private final EventLoop loop;
    private final SimNetwork network;
    private final ControllerRouter router;

    SimControllerChannel(int brokerId, EventLoop loop, SimNetwork network, ControllerRouter router) {
        this.brokerId = brokerId;
        this.loop = loop;
        this.network = network;
        this.router = router;
    }

    @Override
    public CompletableFuture<AbstractResponse> send(AbstractRequest request) {
        return send(request, DEFAULT_TIMEOUT_MS);
    }

    @Override
    public CompletableFuture<AbstractResponse> send(AbstractRequest request, long timeoutMs) {
        CompletableFuture<AbstractResponse> result = new CompletableFuture<>();
        loop.schedule(timeoutMs, () -> result.completeExceptionally(new TimeoutException(
            request.apiKey() + " to the controller timed out after " + timeoutMs + " ms")));
        int target = router.activeControllerNode();
        if (target == -1) {
            loop.schedule(1, () -> result.completeExceptionally(new NotControllerException("No quorum leader")));
            return result;
        }
        network.send(brokerId, target, () -> router.handle(target, request).whenComplete((response, error) ->
            network.send(target, brokerId, () -> {
                if (error != null) {
                    result.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
                } else {
                    result.complete(response);
                }
            })));
        return result;
    }
}
