package io.tributary.broker.authz;

import java.util.List;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

import static org.apache.kafka.common.acl.AclOperation.ALTER;
import static org.apache.kafka.common.acl.AclOperation.ALTER_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.CLUSTER_ACTION;
import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.CREATE_TOKENS;
import static org.apache.kafka.common.acl.AclOperation.DELETE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_TOKENS;
import static org.apache.kafka.common.acl.AclOperation.IDEMPOTENT_WRITE;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;

/** The operations each resource type supports (what KIP-430's authorized operations are drawn from). */
public final class SupportedOperations {

    private static final List<AclOperation> TOPIC = List.of(READ, WRITE, CREATE, DESCRIBE, DELETE, ALTER,
            DESCRIBE_CONFIGS, ALTER_CONFIGS);
    private static final List<AclOperation> GROUP = List.of(READ, DESCRIBE, DELETE, DESCRIBE_CONFIGS,
            ALTER_CONFIGS);
    private static final List<AclOperation> CLUSTER = List.of(CREATE, CLUSTER_ACTION, DESCRIBE_CONFIGS,
            ALTER_CONFIGS, IDEMPOTENT_WRITE, ALTER, DESCRIBE);
    private static final List<AclOperation> TRANSACTIONAL_ID = List.of(DESCRIBE, WRITE);
    private static final List<AclOperation> DELEGATION_TOKEN = List.of(DESCRIBE);
    private static final List<AclOperation> USER = List.of(CREATE_TOKENS, DESCRIBE_TOKENS);

    private SupportedOperations() {
    }

    public static List<AclOperation> of(ResourceType type) {
        return switch (type) {
            case TOPIC -> TOPIC;
            case GROUP -> GROUP;
            case CLUSTER -> CLUSTER;
            case TRANSACTIONAL_ID -> TRANSACTIONAL_ID;
            case DELEGATION_TOKEN -> DELEGATION_TOKEN;
            case USER -> USER;
            default -> throw new IllegalArgumentException("Not a concrete resource type: " + type);
        };
    }
}
