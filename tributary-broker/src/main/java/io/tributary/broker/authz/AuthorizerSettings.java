package io.tributary.broker.authz;

import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.utils.SecurityUtils;

/**
 * The authorizer's settings: {@code super.users} (principals separated by semicolons, e.g.
 * {@code User:admin;User:broker}) and {@code allow.everyone.if.no.acl.found}.
 */
public record AuthorizerSettings(Set<KafkaPrincipal> superUsers, boolean allowEveryoneIfNoAclFound) {

    public AuthorizerSettings {
        superUsers = Set.copyOf(superUsers);
    }

    /** Parses {@code super.users} as Kafka does: split on ';', trimmed, empty entries ignored. */
    public static Set<KafkaPrincipal> parseSuperUsers(String value) {
        Set<KafkaPrincipal> principals = new HashSet<>();
        if (value == null) {
            return principals;
        }
        for (String part : value.split(";")) {
            String trimmed = part.trim();
            if (!trimmed.isEmpty()) {
                principals.add(SecurityUtils.parseKafkaPrincipal(trimmed));
            }
        }
        return principals;
    }
}
