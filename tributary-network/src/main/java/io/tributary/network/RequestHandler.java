package io.tributary.network;

import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.requests.AbstractRequest;

/** The broker side of the network: turns one decoded request into a {@link ResponseAction}. */
@FunctionalInterface
public interface RequestHandler {

    /**
     * Called on the connection's event-loop thread, in arrival order, one call per request. The stage may complete
     * on any thread; the network writes responses strictly in request order per connection. The request's buffers
     * (e.g. ProduceRequest records) stay valid until the returned stage completes.
     *
     * <p>A thrown exception or an exceptionally completed stage is answered with
     * {@link AbstractRequest#getErrorResponse(Throwable)}.
     */
    CompletionStage<ResponseAction> handle(RequestContext context, AbstractRequest request);
}
