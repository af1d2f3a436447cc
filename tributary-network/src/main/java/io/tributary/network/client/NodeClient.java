package io.tributary.network.client;

import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;

/**
 * Sends Kafka requests to other nodes of the cluster (replica fetches, controller calls, transaction markers).
 * One connection per destination, requests pipelined on it and answered in order.
 */
public interface NodeClient extends AutoCloseable {

    /**
     * Sends {@code request} (its version already chosen) to {@code host:port}.
     *
     * @return the parsed response; fails with Kafka's {@code DisconnectException} when the connection is lost or
     *         cannot be made, and with Kafka's {@code TimeoutException} after {@code timeoutMs}
     */
    CompletableFuture<AbstractResponse> send(String host, int port, AbstractRequest request, long timeoutMs);

    @Override
    void close();
}
