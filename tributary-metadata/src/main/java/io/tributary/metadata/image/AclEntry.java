package io.tributary.metadata.image;

import java.util.Objects;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * One access control entry as the metadata log stores it (Kafka's StandardAcl): a resource pattern (LITERAL or
 * PREFIXED, {@code *} for every name) and who may or may not do what on it from which host.
 *
 * @param principal a principal string such as {@code User:alice} or {@code User:*}
 * @param host      an IP address or {@code *}
 */
public record AclEntry(ResourceType resourceType, String resourceName, PatternType patternType, String principal,
                       String host, AclOperation operation, AclPermissionType permissionType) {

    public AclEntry {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(patternType, "patternType");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(permissionType, "permissionType");
    }

    public static AclEntry of(AclBinding binding) {
        return new AclEntry(binding.pattern().resourceType(), binding.pattern().name(),
            binding.pattern().patternType(), binding.entry().principal(), binding.entry().host(),
            binding.entry().operation(), binding.entry().permissionType());
    }

    public AclBinding toBinding() {
        return new AclBinding(new ResourcePattern(resourceType, resourceName, patternType),
            new AccessControlEntry(principal, host, operation, permissionType));
    }
}
