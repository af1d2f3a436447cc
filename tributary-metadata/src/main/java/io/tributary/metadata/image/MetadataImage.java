package io.tributary.metadata.image;

import java.util.Map;
import java.util.Objects;

/**
 * An immutable view of the cluster metadata as of a metadata log offset. Readers grab the current instance
 * once and use it for the whole request, so they see a consistent state without locking.
 */
public final class MetadataImage {

    /** Offset of an image that reflects no record yet. */
    public static final long NO_OFFSET = -1L;

    private final String clusterId;
    private final long offset;
    private final TopicsImage topics;
    private final ConfigsImage configs;
    private final BrokersImage brokers;
    private final long nextProducerId;
    private final ScramCredentialsImage scram;
    private final ClientQuotasImage clientQuotas;
    private final AclsImage acls;
    private final Map<String, Short> features;

    public MetadataImage(String clusterId, long offset, TopicsImage topics, ConfigsImage configs, BrokersImage brokers) {
        this(clusterId, offset, topics, configs, brokers, 0L);
    }

    public MetadataImage(String clusterId, long offset, TopicsImage topics, ConfigsImage configs, BrokersImage brokers,
                         long nextProducerId) {
        this(clusterId, offset, topics, configs, brokers, nextProducerId, ScramCredentialsImage.EMPTY,
            ClientQuotasImage.EMPTY, AclsImage.EMPTY);
    }

    public MetadataImage(String clusterId, long offset, TopicsImage topics, ConfigsImage configs, BrokersImage brokers,
                         long nextProducerId, ScramCredentialsImage scram) {
        this(clusterId, offset, topics, configs, brokers, nextProducerId, scram, ClientQuotasImage.EMPTY,
            AclsImage.EMPTY);
    }

    public MetadataImage(String clusterId, long offset, TopicsImage topics, ConfigsImage configs, BrokersImage brokers,
                         long nextProducerId, ClientQuotasImage clientQuotas) {
        this(clusterId, offset, topics, configs, brokers, nextProducerId, ScramCredentialsImage.EMPTY, clientQuotas,
            AclsImage.EMPTY);
    }

    public MetadataImage(String clusterId, long offset, TopicsImage topics, ConfigsImage configs, BrokersImage brokers,
                         long nextProducerId, AclsImage acls) {
        this(clusterId, offset, topics, configs, brokers, nextProducerId, ScramCredentialsImage.EMPTY,
            ClientQuotasImage.EMPTY, acls);
    }

    public MetadataImage(String clusterId, long offset, TopicsImage topics, ConfigsImage configs, BrokersImage brokers,
                         long nextProducerId, ScramCredentialsImage scram, ClientQuotasImage clientQuotas,
                         AclsImage acls) {
        this(clusterId, offset, topics, configs, brokers, nextProducerId, scram, clientQuotas, acls, Map.of());
    }

    /**
     * The whole image: topics, configs, brokers, producer ids, the security state (SCRAM, quotas, ACLs) and the
     * feature levels finalized by UpdateFeatures.
     */
    public MetadataImage(String clusterId, long offset, TopicsImage topics, ConfigsImage configs, BrokersImage brokers,
                         long nextProducerId, ScramCredentialsImage scram, ClientQuotasImage clientQuotas,
                         AclsImage acls, Map<String, Short> features) {
        this.features = Map.copyOf(features);
        this.scram = Objects.requireNonNull(scram, "scram");
        this.clientQuotas = Objects.requireNonNull(clientQuotas, "clientQuotas");
        this.nextProducerId = nextProducerId;
        this.acls = Objects.requireNonNull(acls, "acls");
        this.clusterId = Objects.requireNonNull(clusterId, "clusterId");
        this.offset = offset;
        this.topics = Objects.requireNonNull(topics, "topics");
        this.configs = Objects.requireNonNull(configs, "configs");
        this.brokers = Objects.requireNonNull(brokers, "brokers");
    }

    public static MetadataImage empty(String clusterId) {
        return new MetadataImage(clusterId, NO_OFFSET, TopicsImage.EMPTY, ConfigsImage.EMPTY, BrokersImage.EMPTY);
    }

    public String clusterId() {
        return clusterId;
    }

    /** Offset of the last metadata record reflected here, or {@link #NO_OFFSET}. */
    public long offset() {
        return offset;
    }

    public TopicsImage topics() {
        return topics;
    }

    public ConfigsImage configs() {
        return configs;
    }

    public BrokersImage brokers() {
        return brokers;
    }

    /** The first producer id not yet handed out in a block (AllocateProducerIds). */
    public long nextProducerId() {
        return nextProducerId;
    }

    /** Users' SCRAM credentials. */
    public ScramCredentialsImage scram() {
        return scram;
    }

    /** Client quotas (AlterClientQuotas), per user / client-id / ip entity. */
    public ClientQuotasImage clientQuotas() {
        return clientQuotas;
    }

    /** The ACLs the authorizer enforces; an unchanged set is the same instance from image to image. */
    public AclsImage acls() {
        return acls;
    }

    /** Feature levels finalized by UpdateFeatures (the others are at their defaults: {@link Features}). */
    public Map<String, Short> features() {
        return features;
    }

    /** Same content, ignoring the offset. */
    public boolean sameContentAs(MetadataImage other) {
        return clusterId.equals(other.clusterId) && nextProducerId == other.nextProducerId && topics.equals(other.topics)
            && configs.equals(other.configs) && brokers.equals(other.brokers) && scram.equals(other.scram)
            && clientQuotas.equals(other.clientQuotas) && acls.equals(other.acls) && features.equals(other.features);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetadataImage other && offset == other.offset && sameContentAs(other);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clusterId, offset, topics, configs, brokers, nextProducerId, scram, clientQuotas, acls,
            features);
    }

    @Override
    public String toString() {
        return "MetadataImage(clusterId=" + clusterId + ", offset=" + offset + ", " + topics + ", " + configs
            + ", " + brokers + ", nextProducerId=" + nextProducerId + ", " + clientQuotas + ", " + acls + ")";
    }
}
