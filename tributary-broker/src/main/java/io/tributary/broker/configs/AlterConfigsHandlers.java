package io.tributary.broker.configs;

import io.tributary.broker.ApiHandler;
import io.tributary.metadata.MetadataController;
import io.tributary.network.ResponseAction;
import org.apache.kafka.common.requests.AlterConfigsRequest;
import org.apache.kafka.common.requests.AlterConfigsResponse;
import org.apache.kafka.common.requests.IncrementalAlterConfigsRequest;
import org.apache.kafka.common.requests.IncrementalAlterConfigsResponse;

/** IncrementalAlterConfigs and the legacy AlterConfigs: config changes are metadata records too. */
public final class AlterConfigsHandlers {

    private final MetadataController controller;

    public AlterConfigsHandlers(MetadataController controller) {
        this.controller = controller;
    }

    public ApiHandler<IncrementalAlterConfigsRequest> incremental() {
        return (context, request) -> controller.incrementalAlterConfigs(request.data())
                .thenApply(data -> ResponseAction.send(new IncrementalAlterConfigsResponse(data)));
    }

    public ApiHandler<AlterConfigsRequest> legacy() {
        return (context, request) -> controller.legacyAlterConfigs(request.data())
                .thenApply(data -> ResponseAction.send(new AlterConfigsResponse(data)));
    }
}
