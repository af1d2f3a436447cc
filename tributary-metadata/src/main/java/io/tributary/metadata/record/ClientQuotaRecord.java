package io.tributary.metadata.record;

import java.util.Objects;

import org.apache.kafka.common.quota.ClientQuotaEntity;

/**
 * Sets one client quota of an entity (Kafka's ClientQuotaRecord): the entity maps {@code user}, {@code client-id}
 * or {@code ip} to a name, {@code null} naming the default entity; a {@code null} value removes the quota.
 */
public record ClientQuotaRecord(ClientQuotaEntity entity, String key, Double value) implements MetadataRecord {

    public ClientQuotaRecord {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(key, "key");
    }

    public boolean remove() {
        return value == null;
    }
}
