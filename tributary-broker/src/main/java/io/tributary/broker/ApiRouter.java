package io.tributary.broker;

import io.tributary.broker.api.ApiHandler;
import io.tributary.network.RequestContext;
import io.tributary.network.RequestHandler;
import io.tributary.network.ResponseAction;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Dispatches each request to the handler registered for its API key. */
public final class ApiRouter implements RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);

    private final Map<ApiKeys, ApiHandler<AbstractRequest>> handlers;

    private ApiRouter(Map<ApiKeys, ApiHandler<AbstractRequest>> handlers) {
        this.handlers = handlers;
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
        return handler.handle(context, request);
    }

    public static final class Builder {
        private final Map<ApiKeys, ApiHandler<AbstractRequest>> handlers = new EnumMap<>(ApiKeys.class);

        @SuppressWarnings("unchecked")
        public <R extends AbstractRequest> Builder route(ApiKeys api, ApiHandler<R> handler) {
            handlers.put(api, (ApiHandler<AbstractRequest>) handler);
            return this;
        }

        public ApiRouter build() {
            return new ApiRouter(new EnumMap<>(handlers));
        }
    }
}
