package io.tributary.metadata.image;

import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.quota.ClientQuotaEntity;

/**
 * The client quotas set through AlterClientQuotas, per entity ({@code user}, {@code client-id}, both, or {@code ip};
 * a {@code null} name is the entity type's default). Keys are Kafka's: {@code producer_byte_rate},
 * {@code consumer_byte_rate}, {@code request_percentage}, {@code controller_mutation_rate},
 * {@code connection_creation_rate}.
 */
public final class ClientQuotasImage {

    public static final ClientQuotasImage EMPTY = new ClientQuotasImage(Map.of());

    private final Map<ClientQuotaEntity, Map<String, Double>> quotas;

    public ClientQuotasImage(Map<ClientQuotaEntity, Map<String, Double>> quotas) {
        this.quotas = Map.copyOf(quotas);
    }

    public boolean isEmpty() {
        return quotas.isEmpty();
    }

    /** The quotas of exactly this entity (empty if none). */
    public Map<String, Double> quotas(ClientQuotaEntity entity) {
        return quotas.getOrDefault(entity, Map.of());
    }

    /** The value of one quota of exactly this entity. */
    public Optional<Double> quota(ClientQuotaEntity entity, String key) {
        return Optional.ofNullable(quotas(entity).get(key));
    }

    public Map<ClientQuotaEntity, Map<String, Double>> asMap() {
        return quotas;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientQuotasImage other && quotas.equals(other.quotas);
    }

    @Override
    public int hashCode() {
        return quotas.hashCode();
    }

    @Override
    public String toString() {
        return "ClientQuotasImage" + quotas;
    }
}
