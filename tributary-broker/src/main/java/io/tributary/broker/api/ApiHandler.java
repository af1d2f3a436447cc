package io.tributary.broker.api;

import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.requests.AbstractRequest;

/** Handles one Kafka API. Called on the connection's event loop; may complete on any thread. */
@FunctionalInterface
public interface ApiHandler<R extends AbstractRequest> {

    CompletionStage<ResponseAction> handle(RequestContext context, R request);
}
