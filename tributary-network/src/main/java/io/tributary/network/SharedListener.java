package io.tributary.network;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A listener served differently from the others: its own API table and handler (a controller listener answers
 * the controller's APIs, not the broker's), and, when {@code relayTarget} is set, Raft connections on the same
 * port relayed to the local Raft server ({@link ProtocolSniffer}).
 *
 * @param relayTarget where non-Kafka connections go; it may answer null while that server is not up (they are
 *                    then closed); null for a listener that speaks only the Kafka protocol
 */
public record SharedListener(ApiVersionPolicy policy, RequestHandler handler, Supplier<InetSocketAddress> relayTarget) {

    public SharedListener {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(handler, "handler");
    }
}
