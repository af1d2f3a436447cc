package io.tributary.network;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Builds the production connection pipeline on an {@link EmbeddedChannel}. */
final class EmbeddedConnections {

    static final String LISTENER = "PLAINTEXT";

    private EmbeddedConnections() {
    }

    static NetworkConfig config() {
        return NetworkConfig.defaults(List.of(new Endpoint(LISTENER, "", 0)));
    }

    static EmbeddedChannel open(RequestHandler handler) {
        return open(config(), TestHandlers.ALL_KNOWN_VERSIONS, handler);
    }

    static EmbeddedChannel open(NetworkConfig config, ApiVersionPolicy policy, RequestHandler handler) {
        AtomicLong indexes = new AtomicLong();
        return new EmbeddedChannel(
                new ConnectionInitializer(config, LISTENER, policy, handler, indexes::getAndIncrement, null));
    }
}
