package io.tributary.broker.authz;

import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.utils.SecurityUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorizer's settings: {@code super.users} (principals separated by semicolons, e.g.
 * {@code User:admin;User:broker}) and {@code allow.everyone.if.no.acl.found}.
 */
public record AuthorizerSettings(Set<KafkaPrincipal> superUsers, boolean allowEveryoneIfNoAclFound) {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizerSettings.class);

    public AuthorizerSettings {
        superUsers = Set.copyOf(superUsers);
    }

    /**
     * Parses {@code super.users} as Kafka does: split on ';', trimmed, empty entries ignored. An entry that is not
     * {@code Type:name} can match no principal (Kafka compares strings), so it is skipped with a warning.
     */
    public static Set<KafkaPrincipal> parseSuperUsers(String value) {
        Set<KafkaPrincipal> principals = new HashSet<>();
        if (value == null) {
            return principals;
        }
        for (String part : value.split(";")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                principals.add(SecurityUtils.parseKafkaPrincipal(trimmed));
            } catch (IllegalArgumentException e) {
                LOG.warn("Ignoring super.users entry '{}': a principal is Type:name, e.g. User:admin", trimmed);
            }
        }
        return principals;
    }
}
