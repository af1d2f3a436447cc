package io.tributary.broker.acl;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.api.Responses;
import io.tributary.broker.authz.RequestAuthorizer;
import org.apache.kafka.common.message.DescribeAclsResponseData;
import org.apache.kafka.common.requests.DescribeAclsRequest;
import org.apache.kafka.common.requests.DescribeAclsResponse;

/**
 * DescribeAcls with an authorizer: the ACLs of this broker's metadata image matching the filter (DESCRIBE on the
 * cluster is checked by the router). CreateAcls and DeleteAcls change the metadata log, so they go to the
 * controller like the other controller APIs.
 */
public final class AclHandlers {

    private AclHandlers() {
    }

    public static ApiHandler<DescribeAclsRequest> describeAcls(RequestAuthorizer authorizer) {
        return (ctx, request) -> Responses.completed(new DescribeAclsResponse(new DescribeAclsResponseData()
                .setResources(DescribeAclsResponse.aclsResources(authorizer.acls(request.filter()))),
                ctx.apiVersion()));
    }
}
