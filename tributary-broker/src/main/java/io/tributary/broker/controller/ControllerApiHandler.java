package io.tributary.broker.controller;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.authz.ClusterOperations;
import io.tributary.broker.authz.RequestAuthorizer;
import java.util.function.Function;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
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
    private final RequestAuthorizer authorizer;
    private final Function<Uuid, String> topicNames;

    public ControllerApiHandler(LocalController controller, ControllerChannel channel) {
        this(controller, channel, RequestAuthorizer.NONE, id -> null);
    }

    /** @param topicNames a topic id's name or null, for the checks of requests naming topics by id */
    public ControllerApiHandler(LocalController controller, ControllerChannel channel, RequestAuthorizer authorizer,
                                Function<Uuid, String> topicNames) {
        this.controller = controller;
        this.channel = channel;
        this.authorizer = authorizer;
        this.topicNames = topicNames;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, AbstractRequest request) {
        boolean forwarded = ControllerRequests.isFromChannel(context.clientId());
        // A forwarded request was checked with the client's principal where it arrived; the forwarding node
        // itself must be trusted with CLUSTER_ACTION (brokers' principals are super users or hold it).
        boolean allowed = forwarded
                ? !authorizer.enabled() || authorizer.authorizeCluster(context, AclOperation.CLUSTER_ACTION)
                : ClusterOperations.allowed(authorizer, context);
        if (!allowed) {
            return CompletableFuture.completedFuture(ResponseAction.send(request.getErrorResponse(0,
                    new ClusterAuthorizationException("Cluster authorization failed."))));
        }
        CompletionStage<AbstractResponse> answer;
        if (!forwarded) {
            AdminRequestAuthorization.Split split = AdminRequestAuthorization.split(context, request, authorizer,
                    topicNames);
            if (split == null) {
                answer = channel.send(request);
            } else if (split.allowed() == null) {
                answer = CompletableFuture.completedFuture(split.merge().apply(null));
            } else {
                answer = channel.send(split.allowed()).thenApply(split.merge());
            }
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
