package io.tributary.network;

import java.net.InetAddress;
import java.util.Objects;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Who sent a request and on which connection.
 *
 * @param header       the parsed request header (its api version is the one the client asked for, even when the
 *                     network answers an unsupported ApiVersions request at version 0)
 * @param connectionId Kafka-style {@code localAddr:port-remoteAddr:port-N}
 * @param clientAddress the peer's address
 * @param listenerName the listener the connection was accepted on, e.g. {@code PLAINTEXT}
 */
public record RequestContext(RequestHeader header, String connectionId, InetAddress clientAddress,
                             String listenerName) {

    public RequestContext {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(listenerName, "listenerName");
    }

    public ApiKeys apiKey() {
        return header.apiKey();
    }

    public short apiVersion() {
        return header.apiVersion();
    }

    public String clientId() {
        return header.clientId();
    }

    public int correlationId() {
        return header.correlationId();
    }
}
