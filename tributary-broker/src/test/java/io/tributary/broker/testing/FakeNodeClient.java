package io.tributary.broker.testing;

import io.tributary.network.client.NodeClient;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;

/** Answers each send with the next scripted reply and records where it went. */
public final class FakeNodeClient implements NodeClient {

    /** One recorded send. */
    public record Sent(String host, int port, AbstractRequest request, long timeoutMs) {
    }

    private final Deque<Function<AbstractRequest, CompletableFuture<AbstractResponse>>> replies = new ArrayDeque<>();
    private final List<Sent> sent = new ArrayList<>();

    public synchronized FakeNodeClient answer(Function<AbstractRequest, AbstractResponse> reply) {
        replies.add(request -> CompletableFuture.completedFuture(reply.apply(request)));
        return this;
    }

    /** An answer the test completes itself, e.g. later, to hold a request in flight. */
    public synchronized FakeNodeClient answerWith(Function<AbstractRequest, CompletableFuture<AbstractResponse>> reply) {
        replies.add(reply);
        return this;
    }

    public synchronized FakeNodeClient fail(RuntimeException failure) {
        replies.add(request -> CompletableFuture.failedFuture(failure));
        return this;
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    @Override
    public synchronized CompletableFuture<AbstractResponse> send(String host, int port, AbstractRequest request,
                                                                 long timeoutMs) {
        sent.add(new Sent(host, port, request, timeoutMs));
        Function<AbstractRequest, CompletableFuture<AbstractResponse>> reply = replies.poll();
        return reply == null ? new CompletableFuture<>() : reply.apply(request);
    }

    @Override
    public void close() {
    }
}
