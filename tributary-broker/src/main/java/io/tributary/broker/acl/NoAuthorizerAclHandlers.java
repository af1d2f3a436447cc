package io.tributary.broker.acl;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.api.Responses;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.requests.CreateAclsRequest;
import org.apache.kafka.common.requests.DeleteAclsRequest;
import org.apache.kafka.common.requests.DescribeAclsRequest;

/**
 * DescribeAcls, CreateAcls and DeleteAcls on a broker without an authorizer: Kafka advertises them and answers
 * each with SECURITY_DISABLED ("No Authorizer is configured."), which is what tools and clients expect to see.
 */
public final class NoAuthorizerAclHandlers {

    private static final String NO_AUTHORIZER = "No Authorizer is configured.";

    private NoAuthorizerAclHandlers() {
    }

    public static ApiHandler<DescribeAclsRequest> describeAcls() {
        return (ctx, request) -> Responses.completed(
                request.getErrorResponse(0, new SecurityDisabledException(NO_AUTHORIZER)));
    }

    public static ApiHandler<CreateAclsRequest> createAcls() {
        return (ctx, request) -> Responses.completed(
                request.getErrorResponse(0, new SecurityDisabledException(NO_AUTHORIZER)));
    }

    public static ApiHandler<DeleteAclsRequest> deleteAcls() {
        return (ctx, request) -> Responses.completed(
                request.getErrorResponse(0, new SecurityDisabledException(NO_AUTHORIZER)));
    }
}
