package io.tributary.server;

import io.tributary.broker.ControllerListenerApis;
import io.tributary.network.Endpoint;
import io.tributary.network.NettyServer;
import io.tributary.network.RequestHandler;
import io.tributary.network.SharedListener;
import io.tributary.quorum.QuorumMetadataLog;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A voter's controller listener: one port for the Kafka protocol (the controller's APIs, answered once the
 * controller runs; earlier requests wait) and Raft (relayed to the Ratis server's loopback port once it listens).
 */
final class ControllerListener {

    private final Set<String> names;
    private final CompletableFuture<ControllerListenerApis> apis = new CompletableFuture<>();
    private volatile QuorumMetadataLog raft;

    ControllerListener(Set<String> names) {
        this.names = names;
    }

    /** Registers the controller listeners listed in {@code listeners} with the (not yet started) server. */
    void serveOn(NettyServer network, String listeners) {
        RequestHandler handler = (context, request) -> {
            ControllerListenerApis ready = apis.getNow(null);
            return ready != null ? ready.handler().handle(context, request)
                    : apis.thenCompose(a -> a.handler().handle(context, request));
        };
        for (Endpoint endpoint : Endpoint.parseList(listeners)) {
            if (names.contains(endpoint.listenerName())) {
                network.serve(endpoint.listenerName(), new SharedListener(ControllerListenerApis.table(), handler,
                        this::raftAddress));
            }
        }
    }

    void raftFrom(QuorumMetadataLog log) {
        this.raft = log;
    }

    void ready(ControllerListenerApis handlers) {
        apis.complete(handlers);
    }

    void failed(Throwable cause) {
        apis.completeExceptionally(cause);
    }

    private InetSocketAddress raftAddress() {
        QuorumMetadataLog log = raft;
        return log == null ? null : log.raftAddress();
    }
}
