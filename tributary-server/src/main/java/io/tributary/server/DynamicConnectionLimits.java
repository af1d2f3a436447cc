package io.tributary.server;

import io.tributary.metadata.MetadataListener;
import io.tributary.metadata.config.ConfigDescriber;
import io.tributary.metadata.image.ClientQuotasImage;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.network.NettyServer;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the socket server's connection limits in step with the broker configs of the metadata image, so that
 * {@code kafka-configs --entity-type brokers --alter --add-config max.connections=...} applies without a restart,
 * as in Kafka, and the {@code connection_creation_rate} quotas of ip entities with them. A value the network
 * cannot use (an override naming an unknown host) is logged and the limits in force are kept.
 */
final class DynamicConnectionLimits implements MetadataListener {

    private static final Logger LOG = LoggerFactory.getLogger(DynamicConnectionLimits.class);

    private final ConfigDescriber configs;
    private final NettyServer network;
    private final List<String> listenerNames;
    private final String interBrokerListener;
    private ClientQuotasImage appliedQuotas;

    DynamicConnectionLimits(ConfigDescriber configs, NettyServer network, Collection<String> listenerNames,
                            String interBrokerListener) {
        this.configs = configs;
        this.network = network;
        this.listenerNames = List.copyOf(listenerNames);
        this.interBrokerListener = interBrokerListener;
    }

    void apply(MetadataImage image) {
        appliedQuotas = image.clientQuotas();
        try {
            network.updateConnectionLimits(QuotaWiring.connectionLimits(name -> configs.brokerValue(image, name),
                    listenerNames, interBrokerListener, image.clientQuotas()));
        } catch (ConfigException e) {
            LOG.warn("Keeping the connection limits in force: {}", e.getMessage());
        }
    }

    @Override
    public void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage) {
        if (delta == null || newImage.clientQuotas() != appliedQuotas || delta.changedConfigs().stream()
                .anyMatch(resource -> resource.type() == ConfigResource.Type.BROKER)) {
            apply(newImage);
        }
    }
}
