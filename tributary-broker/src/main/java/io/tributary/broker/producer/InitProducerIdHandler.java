package io.tributary.broker.producer;

import io.tributary.broker.authz.RequestAuthorizer;
import io.tributary.broker.api.Responses;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.resource.ResourceType;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.api.VersionedErrors;
import io.tributary.coordinator.group.CoordinatorRequestContext;
import io.tributary.coordinator.transaction.TransactionCoordinator;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.apache.kafka.common.requests.InitProducerIdResponse;

/**
 * InitProducerId. Idempotent producers (no transactional id) get a fresh producer id at epoch 0 each time, as in
 * Kafka; transactional ones are the transaction coordinator's (epoch bumps, fencing, aborting what was left open).
 */
public final class InitProducerIdHandler implements ApiHandler<InitProducerIdRequest> {

    private final ProducerIdSource producerIds;
    private final TransactionCoordinator transactions;
    private final RequestAuthorizer authorizer;

    public InitProducerIdHandler(ProducerIdSource producerIds, TransactionCoordinator transactions) {
        this(producerIds, transactions, RequestAuthorizer.NONE);
    }

    public InitProducerIdHandler(ProducerIdSource producerIds, TransactionCoordinator transactions,
                                 RequestAuthorizer authorizer) {
        this.producerIds = producerIds;
        this.transactions = transactions;
        this.authorizer = authorizer;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, InitProducerIdRequest request) {
        String transactionalId = request.data().transactionalId();
        if (transactionalId != null && !authorizer.authorize(context, AclOperation.WRITE,
                ResourceType.TRANSACTIONAL_ID, transactionalId)) {
            return Responses.completed(request.getErrorResponse(0,
                    Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED.exception()));
        }
        // As Kafka (KIP-679): an idempotent producer needs IDEMPOTENT_WRITE on the cluster or WRITE on some topic.
        if (transactionalId == null && !authorizer.authorizeCluster(context, AclOperation.IDEMPOTENT_WRITE)
                && !authorizer.authorizeByResourceType(context, AclOperation.WRITE, ResourceType.TOPIC)) {
            return Responses.completed(request.getErrorResponse(0, Errors.CLUSTER_AUTHORIZATION_FAILED.exception()));
        }
        if (transactionalId != null) {
            return transactions.initProducerId(new CoordinatorRequestContext(context.apiVersion(),
                            context.clientId(), context.clientAddress()), request.data())
                    .thenApply(data -> ResponseAction.send(new InitProducerIdResponse(data.setErrorCode(
                            VersionedErrors.forVersion(ApiKeys.INIT_PRODUCER_ID, context.apiVersion(),
                                    data.errorCode())))));
        }
        // A failure becomes the request's own error response in the network layer (InFlightRequest).
        return producerIds.nextAsync().thenApply(id -> ResponseAction.send(new InitProducerIdResponse(
                new InitProducerIdResponseData().setProducerId(id).setProducerEpoch((short) 0))));
    }
}
