package io.tributary.server;

import io.tributary.broker.authz.AclAuthorizer;
import io.tributary.broker.authz.AuthorizerSettings;
import io.tributary.broker.authz.RequestAuthorizer;
import io.tributary.metadata.config.AuthorizerConfigDefinitions;
import io.tributary.metadata.config.BrokerConfig;
import io.tributary.metadata.image.MetadataImage;
import java.util.function.Supplier;

/** The authorizer {@code authorizer.class.name} asks for: none, or the ACL authorizer over the metadata image. */
final class Authorization {

    private Authorization() {
    }

    static RequestAuthorizer from(BrokerConfig c, Supplier<MetadataImage> image) {
        String className = c.getString(AuthorizerConfigDefinitions.AUTHORIZER_CLASS_NAME);
        if (className == null || className.isBlank()) {
            return RequestAuthorizer.NONE;
        }
        AuthorizerSettings settings = new AuthorizerSettings(
                AuthorizerSettings.parseSuperUsers(c.getString(AuthorizerConfigDefinitions.SUPER_USERS)),
                c.getBoolean(AuthorizerConfigDefinitions.ALLOW_EVERYONE_IF_NO_ACL_FOUND));
        return new AclAuthorizer(settings, () -> image.get().acls());
    }
}
