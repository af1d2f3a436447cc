package io.tributary.broker.api;

import io.tributary.network.ResponseAction;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.requests.AbstractResponse;

/** Shorthands for handlers that answer synchronously. */
public final class Responses {

    private Responses() {
    }

    public static CompletionStage<ResponseAction> completed(AbstractResponse response) {
        return CompletableFuture.completedFuture(ResponseAction.send(response));
    }
}
