package io.tributary.broker.testing;

import io.tributary.broker.controller.LocalController;
import io.tributary.metadata.image.MetadataImage;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.kafka.common.errors.NotControllerException;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;

/** A controller whose activity, leader and answers the test sets. */
public final class FakeLocalController implements LocalController {

    public volatile boolean active;
    public volatile OptionalInt activeControllerId = OptionalInt.empty();
    public volatile MetadataImage image = MetadataImage.empty("test-cluster");
    public volatile Function<AbstractRequest, AbstractResponse> answer;
    public final List<AbstractRequest> handled = new ArrayList<>();

    @Override
    public synchronized CompletionStage<AbstractResponse> handle(AbstractRequest request) {
        if (!active) {
            return CompletableFuture.failedFuture(new NotControllerException("not active"));
        }
        handled.add(request);
        AbstractResponse response = answer.apply(request);
        // A null answer stands for a controller that never answers (stuck thread).
        return response == null ? new CompletableFuture<>() : CompletableFuture.completedFuture(response);
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public OptionalInt activeControllerId() {
        return activeControllerId;
    }

    @Override
    public MetadataImage image() {
        return image;
    }
}
