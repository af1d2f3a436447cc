package io.tributary.broker.configs;

import io.tributary.broker.authz.ConfigResourceAuthorization;
import io.tributary.broker.authz.RequestAuthorizer;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.protocol.Errors;

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
    private final RequestAuthorizer authorizer;

    public DescribeConfigsHandler(ConfigDescriber describer, Supplier<MetadataImage> image) {
        this(describer, image, RequestAuthorizer.NONE);
    }

    public DescribeConfigsHandler(ConfigDescriber describer, Supplier<MetadataImage> image,
                                  RequestAuthorizer authorizer) {
        this.describer = describer;
        this.image = image;
        this.authorizer = authorizer;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, DescribeConfigsRequest request) {
        DescribeConfigsRequestData data = request.data();
        MetadataImage snapshot = image.get();
        DescribeConfigsResponseData response = new DescribeConfigsResponseData();
        for (DescribeConfigsResource resource : data.resources()) {
            Errors denied = ConfigResourceAuthorization.check(authorizer, context, resource.resourceType(),
                    resource.resourceName(), AclOperation.DESCRIBE_CONFIGS);
            if (denied != Errors.NONE) {
                response.results().add(new DescribeConfigsResponseData.DescribeConfigsResult()
                        .setErrorCode(denied.code()).setErrorMessage(denied.message())
                        .setResourceType(resource.resourceType()).setResourceName(resource.resourceName()));
                continue;
            }
            response.results().add(describer.describe(snapshot, resource, data.includeSynonyms(),
                    data.includeDocumentation()));
        }
        return Responses.completed(new DescribeConfigsResponse(response));
    }
}
