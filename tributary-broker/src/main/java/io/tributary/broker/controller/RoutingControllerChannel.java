package io.tributary.broker.controller;

import io.tributary.network.client.NodeClient;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotControllerException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.utils.ExponentialBackoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller channel: runs a request on the local controller while this node is the active one, otherwise
 * sends it (same version) to the active controller: on a combined node to its broker endpoint on the inter-broker
 * listener, on a broker-only node to its controller listener ({@link ControllerEndpoints}). A reply of
 * NOT_CONTROLLER, a lost connection, or no known active controller is retried with exponential backoff until the
 * request's deadline; then the request's own error response answers it.
 */
public final class RoutingControllerChannel implements ControllerChannel {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingControllerChannel.class);

    /** Retry pacing: 100 ms doubling up to 1 s, with Kafka's 20% jitter so brokers don't retry in step. */
    public static final ExponentialBackoff DEFAULT_BACKOFF = new ExponentialBackoff(100, 2, 1000, 0.2);

    private final int nodeId;
    private final LocalController controller;
    private final NodeClient client;
    private final ControllerEndpoints endpoints;
    private final ScheduledExecutorService scheduler;
    private final ExponentialBackoff backoff;

    /**
     * @param client    must send with client id {@link ControllerRequests#clientId(int)} of {@code nodeId}, so
     *                  the receiver answers instead of forwarding again
     * @param scheduler runs the retries (never blocked by this class)
     */
    public RoutingControllerChannel(int nodeId, LocalController controller, NodeClient client,
                                    String interBrokerListener, ScheduledExecutorService scheduler,
                                    ExponentialBackoff backoff) {
        // A combined node's controllers are brokers too: their registered inter-broker endpoint.
        this(nodeId, controller, client, controllerId -> controller.image().brokers().get(controllerId)
                .flatMap(b -> b.endpoint(interBrokerListener))
                .map(e -> InetSocketAddress.createUnresolved(e.host(), e.port())), scheduler, backoff);
    }

    /** @param endpoints where each controller is reached (a broker-only node: the controllers' controller listener) */
    public RoutingControllerChannel(int nodeId, LocalController controller, NodeClient client,
                                    ControllerEndpoints endpoints, ScheduledExecutorService scheduler,
                                    ExponentialBackoff backoff) {
        this.nodeId = nodeId;
        this.controller = controller;
        this.client = client;
        this.endpoints = endpoints;
        this.scheduler = scheduler;
        this.backoff = backoff;
    }

    @Override
    public CompletableFuture<AbstractResponse> send(AbstractRequest request) {
        return send(request, ControllerRequests.timeoutMs(request));
    }

    @Override
    public CompletableFuture<AbstractResponse> send(AbstractRequest request, long timeoutMs) {
        CompletableFuture<AbstractResponse> result = new CompletableFuture<>();
        new Attempts(request, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs), result).run();
        return result;
    }

    /** The tries of one request. */
    private final class Attempts {
        private final AbstractRequest request;
        private final long deadlineNanos;
        private final CompletableFuture<AbstractResponse> result;
        private int tries;
        private RuntimeException lastFailure = new TimeoutException("The controller did not answer in time");

        Attempts(AbstractRequest request, long deadlineNanos, CompletableFuture<AbstractResponse> result) {
            this.request = request;
            this.deadlineNanos = deadlineNanos;
            this.result = result;
        }

        void run() {
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (remainingMs <= 0) {
                result.complete(request.getErrorResponse(lastFailure));
                return;
            }
            CompletionStage<AbstractResponse> answer;
            try {
                // The local controller is bounded by the deadline too, so a stuck controller thread cannot hang it.
                answer = controller.isActive()
                        ? controller.handle(request).toCompletableFuture().orTimeout(remainingMs, TimeUnit.MILLISECONDS)
                        : forward(remainingMs);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            if (answer == null) {
                return; // no destination known: a retry is already scheduled
            }
            answer.whenComplete(this::onAnswer);
        }

        private CompletionStage<AbstractResponse> forward(long remainingMs) {
            OptionalInt active = controller.activeControllerId();
            if (active.isEmpty() || active.getAsInt() == nodeId) {
                // No leader yet, or this node was just elected and is not active yet.
                retry(new NotControllerException("No active controller is known yet"));
                return null;
            }
            int controllerId = active.getAsInt();
            Optional<InetSocketAddress> endpoint = endpoints.addressOf(controllerId);
            if (endpoint.isEmpty()) {
                retry(new NotControllerException("Controller " + controllerId + " has no known endpoint yet"));
                return null;
            }
            return client.send(endpoint.get().getHostString(), endpoint.get().getPort(), request, remainingMs);
        }

        private void onAnswer(AbstractResponse response, Throwable error) {
            if (error != null) {
                Throwable cause = unwrap(error);
                if (cause instanceof java.util.concurrent.TimeoutException) {
                    retry(new TimeoutException("The controller did not answer in time"));
                } else if (isRetriable(cause)) {
                    retry((RuntimeException) cause);
                } else {
                    if (!(cause instanceof org.apache.kafka.common.errors.ApiException)) {
                        LOG.warn("Controller request {} failed", request.apiKey(), cause);
                    }
                    result.complete(request.getErrorResponse(cause));
                }
            } else if (response.errorCounts().containsKey(Errors.NOT_CONTROLLER)) {
                retry(new NotControllerException("The controller moved"));
            } else {
                result.complete(response);
            }
        }

        private void retry(RuntimeException failure) {
            lastFailure = failure;
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            long delay = Math.max(0, Math.min(backoff.backoff(tries++), remainingMs));
            LOG.debug("Retrying {} in {} ms: {}", request.apiKey(), delay, failure.getMessage());
            scheduler.schedule(this::run, delay, TimeUnit.MILLISECONDS);
        }
    }

    private static boolean isRetriable(Throwable e) {
        return e instanceof NotControllerException || e instanceof DisconnectException
                || e instanceof NetworkException || e instanceof TimeoutException;
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
