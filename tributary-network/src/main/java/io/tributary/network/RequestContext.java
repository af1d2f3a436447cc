package io.tributary.network;

import java.net.InetAddress;
import java.util.Objects;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * Who sent a request and on which connection.
 *
 * @param header       the parsed request header (its api version is the one the client asked for, even when the
 *                     network answers an unsupported ApiVersions request at version 0)
 * @param connectionId Kafka-style {@code localAddr:port-remoteAddr:port-N}
 * @param clientAddress the peer's address
 * @param listenerName the listener the connection was accepted on, e.g. {@code PLAINTEXT}
 * @param securityProtocol the listener's security protocol
 * @param principal    who the connection authenticated as; {@code User:ANONYMOUS} when it did not
 */
public record RequestContext(RequestHeader header, String connectionId, InetAddress clientAddress,
                             String listenerName, SecurityProtocol securityProtocol, KafkaPrincipal principal) {

    public RequestContext {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(listenerName, "listenerName");
        Objects.requireNonNull(securityProtocol, "securityProtocol");
        Objects.requireNonNull(principal, "principal");
    }

    /** An unauthenticated PLAINTEXT connection's context. */
    public RequestContext(RequestHeader header, String connectionId, InetAddress clientAddress, String listenerName) {
        this(header, connectionId, clientAddress, listenerName, SecurityProtocol.PLAINTEXT, KafkaPrincipal.ANONYMOUS);
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
