package io.tributary.broker.producer;

import io.tributary.broker.ApiHandler;
import io.tributary.broker.Responses;
import io.tributary.coordinator.group.CoordinatorRequestContext;
import io.tributary.coordinator.transaction.TransactionCoordinator;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.apache.kafka.common.requests.InitProducerIdResponse;

/**
 * InitProducerId. Idempotent producers (no transactional id) get a fresh producer id at epoch 0 each time, as in
 * Kafka; transactional ones are the transaction coordinator's (epoch bumps, fencing, aborting what was left open).
 */
public final class InitProducerIdHandler implements ApiHandler<InitProducerIdRequest> {

    private final ProducerIdAllocator allocator;
    private final TransactionCoordinator transactions;

    public InitProducerIdHandler(ProducerIdAllocator allocator, TransactionCoordinator transactions) {
        this.allocator = allocator;
        this.transactions = transactions;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, InitProducerIdRequest request) {
        if (request.data().transactionalId() != null) {
            return transactions.initProducerId(new CoordinatorRequestContext(context.apiVersion(),
                            context.clientId(), context.clientAddress()), request.data())
                    .thenApply(data -> ResponseAction.send(new InitProducerIdResponse(data)));
        }
        return Responses.completed(new InitProducerIdResponse(new InitProducerIdResponseData()
                .setProducerId(allocator.nextProducerId())
                .setProducerEpoch((short) 0)));
    }
}
