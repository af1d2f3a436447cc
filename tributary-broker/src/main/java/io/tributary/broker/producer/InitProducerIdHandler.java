package io.tributary.broker.producer;

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

    public InitProducerIdHandler(ProducerIdSource producerIds, TransactionCoordinator transactions) {
        this.producerIds = producerIds;
        this.transactions = transactions;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, InitProducerIdRequest request) {
        if (request.data().transactionalId() != null) {
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
