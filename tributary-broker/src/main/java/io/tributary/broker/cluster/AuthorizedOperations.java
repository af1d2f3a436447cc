package io.tributary.broker.cluster;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.utils.Utils;

/**
 * Authorized-operation bit fields (KIP-430). No authorizer runs, so every operation a resource supports is
 * allowed, which is what Kafka reports when no authorizer is configured.
 */
public final class AuthorizedOperations {

    public static final int NOT_REQUESTED = Integer.MIN_VALUE;

    public static final int TOPIC = bits(AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE,
            AclOperation.DESCRIBE, AclOperation.DELETE, AclOperation.ALTER, AclOperation.DESCRIBE_CONFIGS,
            AclOperation.ALTER_CONFIGS);

    public static final int CLUSTER = bits(AclOperation.CREATE, AclOperation.CLUSTER_ACTION,
            AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS, AclOperation.IDEMPOTENT_WRITE,
            AclOperation.ALTER, AclOperation.DESCRIBE, AclOperation.CREATE_TOKENS, AclOperation.DESCRIBE_TOKENS);

    private AuthorizedOperations() {
    }

    private static int bits(AclOperation... operations) {
        Set<Byte> codes = Stream.of(operations).map(AclOperation::code).collect(Collectors.toSet());
        return Utils.to32BitField(codes);
    }
}
