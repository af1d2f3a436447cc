package io.tributary.metadata.record;

import org.apache.kafka.common.config.ConfigResource;

/** Sets one dynamic config of a topic or broker resource; a {@code null} value removes the override. */
public record ConfigRecord(ConfigResource.Type resourceType, String resourceName, String name, String value)
    implements MetadataRecord {

    public ConfigResource resource() {
        return new ConfigResource(resourceType, resourceName);
    }
}
