package io.tributary.metadata.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;
import static org.apache.kafka.common.config.ConfigDef.Type.BOOLEAN;
import static org.apache.kafka.common.config.ConfigDef.Type.STRING;

import org.apache.kafka.common.config.ConfigDef;

/** The authorizer's settings, with Kafka's names and defaults (StandardAuthorizer's). */
public final class AuthorizerConfigDefinitions {

    public static final String AUTHORIZER_CLASS_NAME = "authorizer.class.name";
    public static final String SUPER_USERS = "super.users";
    public static final String ALLOW_EVERYONE_IF_NO_ACL_FOUND = "allow.everyone.if.no.acl.found";

    /** Kafka's standard authorizer: accepted as a name for Tributary's own, which has its semantics. */
    public static final String KAFKA_STANDARD_AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";
    public static final String TRIBUTARY_AUTHORIZER = "io.tributary.broker.authz.AclAuthorizer";

    private AuthorizerConfigDefinitions() {
    }

    static void define(ConfigDef def) {
        def.define(AUTHORIZER_CLASS_NAME, STRING, "",
                ConfigDef.ValidString.in("", KAFKA_STANDARD_AUTHORIZER, TRIBUTARY_AUTHORIZER), HIGH,
                "The authorizer: empty for none (every request allowed, the ACL APIs answer SECURITY_DISABLED), or "
                    + KAFKA_STANDARD_AUTHORIZER + " / " + TRIBUTARY_AUTHORIZER
                    + " for ACLs kept in the metadata log, with Kafka's StandardAuthorizer semantics.")
            .define(SUPER_USERS, STRING, "", MEDIUM,
                "Principals allowed everything whatever the ACLs, separated by semicolons, e.g. "
                    + "User:admin;User:broker.")
            .define(ALLOW_EVERYONE_IF_NO_ACL_FOUND, BOOLEAN, false, MEDIUM,
                "Whether a resource without any ACL is open to everyone (otherwise only super users may use it).");
    }
}
