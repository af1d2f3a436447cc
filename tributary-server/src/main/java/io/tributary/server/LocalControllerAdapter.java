package io.tributary.server;

import io.tributary.broker.controller.LocalController;
import io.tributary.metadata.MetadataController;
import io.tributary.metadata.image.MetadataImage;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;

/** This node's metadata controller as the broker side sees it; the broker module does not know the metadata one. */
record LocalControllerAdapter(MetadataController controller) implements LocalController {

    @Override
    public CompletionStage<AbstractResponse> handle(AbstractRequest request) {
        return controller.handle(request);
    }

    @Override
    public boolean isActive() {
        return controller.isActive();
    }

    @Override
    public OptionalInt activeControllerId() {
        return controller.activeControllerId();
    }

    @Override
    public MetadataImage image() {
        return controller.image();
    }
}
