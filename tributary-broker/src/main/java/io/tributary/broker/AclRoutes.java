package io.tributary.broker;

import io.tributary.broker.acl.AclHandlers;
import io.tributary.broker.acl.NoAuthorizerAclHandlers;
import io.tributary.broker.authz.RequestAuthorizer;
import io.tributary.broker.controller.ControllerApiHandler;
import org.apache.kafka.common.protocol.ApiKeys;

/** Routes of the ACL APIs: SECURITY_DISABLED without an authorizer; with one, changes go to the controller. */
final class AclRoutes {

    private AclRoutes() {
    }

    static void add(ApiRouter.Builder routes, RequestAuthorizer authorizer, ControllerApiHandler controllerApis) {
        if (!authorizer.enabled()) {
            routes.route(ApiKeys.DESCRIBE_ACLS, NoAuthorizerAclHandlers.describeAcls())
                    .route(ApiKeys.CREATE_ACLS, NoAuthorizerAclHandlers.createAcls())
                    .route(ApiKeys.DELETE_ACLS, NoAuthorizerAclHandlers.deleteAcls());
            return;
        }
        routes.route(ApiKeys.DESCRIBE_ACLS, AclHandlers.describeAcls(authorizer))
                .routeSelfAuthorizing(ApiKeys.CREATE_ACLS, controllerApis)
                .routeSelfAuthorizing(ApiKeys.DELETE_ACLS, controllerApis);
    }
}
