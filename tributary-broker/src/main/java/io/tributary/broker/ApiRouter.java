package io.tributary.broker;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.authz.ClusterOperations;
import io.tributary.broker.authz.RequestAuthorizer;
import io.tributary.network.RequestContext;
import io.tributary.network.RequestHandler;
import io.tributary.network.ResponseAction;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Dispatches each request to the handler registered for its API key. */
public final class ApiRouter implements RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);

    private final Map<ApiKeys, ApiHandler<AbstractRequest>> handlers;
    private final RequestAuthorizer authorizer;
    /** APIs whose handler applies the cluster rule itself (the controller's: forwarded requests differ). */
    private final Set<ApiKeys> selfAuthorizing;

    private ApiRouter(Map<ApiKeys, ApiHandler<AbstractRequest>> handlers, RequestAuthorizer authorizer,
                      Set<ApiKeys> selfAuthorizing) {
        this.handlers = handlers;
        this.authorizer = authorizer;
        this.selfAuthorizing = selfAuthorizing;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Hands the request to its handler. A handler's failure, thrown or completing its stage, is turned into the
     * request's error response in one place, the network layer ({@code InFlightRequest.outcome}).
     */
    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, AbstractRequest request) {
        ApiHandler<AbstractRequest> handler = handlers.get(context.apiKey());
        if (handler == null) {
            // The network only lets advertised APIs through, so this is a wiring bug; answer like Kafka would.
            LOG.error("No handler for {}", context.apiKey());
            return CompletableFuture.failedFuture(
                    new UnsupportedVersionException("Unsupported API " + context.apiKey()));
        }
        if (!selfAuthorizing.contains(context.apiKey()) && !ClusterOperations.allowed(authorizer, context)) {
            return CompletableFuture.completedFuture(ResponseAction.send(request.getErrorResponse(0,
                    new ClusterAuthorizationException("Cluster authorization failed."))));
        }
        return handler.handle(context, request);
    }

    public static final class Builder {
        private final Map<ApiKeys, ApiHandler<AbstractRequest>> handlers = new EnumMap<>(ApiKeys.class);
        private RequestAuthorizer authorizer = RequestAuthorizer.NONE;
        private final Set<ApiKeys> selfAuthorizing = EnumSet.noneOf(ApiKeys.class);

        /** Applies the cluster-wide rules of {@link ClusterOperations} before every handler. */
        public Builder authorizer(RequestAuthorizer authorizer) {
            this.authorizer = authorizer;
            return this;
        }

        @SuppressWarnings("unchecked")
        public <R extends AbstractRequest> Builder route(ApiKeys api, ApiHandler<R> handler) {
            handlers.put(api, (ApiHandler<AbstractRequest>) handler);
            return this;
        }

        /** Routes an API whose handler checks {@link ClusterOperations} itself. */
        public <R extends AbstractRequest> Builder routeSelfAuthorizing(ApiKeys api, ApiHandler<R> handler) {
            selfAuthorizing.add(api);
            return route(api, handler);
        }

        public ApiRouter build() {
            return new ApiRouter(new EnumMap<>(handlers), authorizer, EnumSet.copyOf(selfAuthorizing));
        }
    }
}
