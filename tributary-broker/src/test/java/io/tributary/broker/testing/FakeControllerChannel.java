package io.tributary.broker.testing;

import io.tributary.broker.controller.ControllerChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;

/** A controller channel answered by a function the test sets, recording every request. */
public final class FakeControllerChannel implements ControllerChannel {

    private final List<AbstractRequest> requests = new ArrayList<>();
    private volatile Function<AbstractRequest, AbstractResponse> answer;

    public FakeControllerChannel answer(Function<AbstractRequest, AbstractResponse> answer) {
        this.answer = answer;
        return this;
    }

    public synchronized List<AbstractRequest> requests() {
        return List.copyOf(requests);
    }

    @SuppressWarnings("unchecked")
    public synchronized <T extends AbstractRequest> List<T> requests(Class<T> type) {
        return requests.stream().filter(type::isInstance).map(r -> (T) r).toList();
    }

    @Override
    public CompletableFuture<AbstractResponse> send(AbstractRequest request) {
        synchronized (this) {
            requests.add(request);
        }
        return CompletableFuture.completedFuture(answer.apply(request));
    }
}
