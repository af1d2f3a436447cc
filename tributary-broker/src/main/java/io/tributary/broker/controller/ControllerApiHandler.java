package io.tributary.broker.controller;

import io.tributary.broker.api.ApiHandler;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.errors.NotControllerException;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;

/**
 * Every API the active controller answers (topic and config changes, reassignments, DescribeQuorum, and the
 * internal broker-to-controller APIs). A client's request goes through this node's controller channel; a request
 * another node's channel already forwarded is answered here or refused with NOT_CONTROLLER, never forwarded
 * again, so two nodes with different views of the leader cannot bounce it between them.
 */
public final class ControllerApiHandler implements ApiHandler<AbstractRequest> {

    private final LocalController controller;
    private final ControllerChannel channel;

    public ControllerApiHandler(LocalController controller, ControllerChannel channel) {
        this.controller = controller;
        this.channel = channel;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, AbstractRequest request) {
        CompletionStage<AbstractResponse> answer;
        if (!ControllerRequests.isFromChannel(context.clientId())) {
            answer = channel.send(request);
        } else if (controller.isActive()) {
            answer = controller.handle(request);
        } else {
            answer = CompletableFuture.failedFuture(new NotControllerException(
                    "This node is not the active controller"));
        }
        return answer.handle((response, error) -> ResponseAction.send(
                error == null ? response : request.getErrorResponse(unwrap(error))));
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
