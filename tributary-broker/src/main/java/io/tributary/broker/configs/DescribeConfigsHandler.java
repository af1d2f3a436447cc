package io.tributary.broker.configs;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.api.Responses;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.config.ConfigDescriber;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.requests.DescribeConfigsRequest;
import org.apache.kafka.common.requests.DescribeConfigsResponse;

/** DescribeConfigs: every topic or broker config with its value, source, and (on request) synonyms and docs. */
public final class DescribeConfigsHandler implements ApiHandler<DescribeConfigsRequest> {

    private final ConfigDescriber describer;
    private final Supplier<MetadataImage> image;

    public DescribeConfigsHandler(ConfigDescriber describer, Supplier<MetadataImage> image) {
        this.describer = describer;
        this.image = image;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, DescribeConfigsRequest request) {
        DescribeConfigsRequestData data = request.data();
        MetadataImage snapshot = image.get();
        DescribeConfigsResponseData response = new DescribeConfigsResponseData();
        for (DescribeConfigsResource resource : data.resources()) {
            response.results().add(describer.describe(snapshot, resource, data.includeSynonyms(),
                    data.includeDocumentation()));
        }
        return Responses.completed(new DescribeConfigsResponse(response));
    }
}
