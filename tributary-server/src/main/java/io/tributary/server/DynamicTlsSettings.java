package io.tributary.server;

import io.netty.handler.ssl.SslContext;
import io.tributary.metadata.MetadataListener;
import io.tributary.metadata.config.BrokerConfig;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.network.Endpoint;
import io.tributary.network.NettyServer;
import io.tributary.network.security.TlsContexts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Key and trust stores changed at run time, as Kafka allows: {@code kafka-configs --entity-type brokers
 * --entity-name <id> --alter --add-config listener.name.<l>.ssl.keystore.location=...} (any of Kafka's
 * reconfigurable {@code ssl.*} settings, listener-prefixed, for this broker). The listener's TLS context is rebuilt
 * from server.properties overlaid with those values; connections accepted afterwards use it, established ones keep
 * theirs. Settings that do not load (a missing file, a wrong password) are logged and the listener keeps what it has.
 */
final class DynamicTlsSettings implements MetadataListener {

    private static final Logger LOG = LoggerFactory.getLogger(DynamicTlsSettings.class);

    private final BrokerConfig config;
    private final List<Endpoint> tlsListeners;
    private final NettyServer network;
    private final String brokerId;
    /** Per listener, the dynamic values its current context was built with. */
    private final Map<String, Map<String, String>> applied = new HashMap<>();

    DynamicTlsSettings(BrokerConfig config, List<Endpoint> listeners, NettyServer network) {
        this.config = config;
        this.tlsListeners = listeners.stream().filter(e -> e.securityProtocol() == SecurityProtocol.SSL
                || e.securityProtocol() == SecurityProtocol.SASL_SSL).toList();
        this.network = network;
        this.brokerId = String.valueOf(config.nodeId());
    }

    void apply(MetadataImage image) {
        Map<String, String> dynamic = image.configs().brokerConfigs(brokerId);
        for (Endpoint listener : tlsListeners) {
            String prefix = ListenerSecuritySettings.prefix(listener.listenerName());
            Map<String, String> values = new TreeMap<>();
            dynamic.forEach((key, value) -> {
                if (key.startsWith(prefix) && SslConfigs.RECONFIGURABLE_CONFIGS.contains(key.substring(prefix.length()))
                        && value != null) {
                    values.put(key.substring(prefix.length()), value);
                }
            });
            if (values.equals(applied.getOrDefault(listener.listenerName(), Map.of()))) {
                continue;
            }
            Map<String, Object> configs = ListenerSecuritySettings.serverConfigs(config, listener);
            configs.putAll(values);
            try {
                SslContext context = TlsContexts.server(configs);
                network.reloadTls(listener.listenerName(), context);
                applied.put(listener.listenerName(), values);
            } catch (RuntimeException e) {
                LOG.error("Listener {} keeps its TLS key and trust material: the updated settings {} do not load",
                        listener.listenerName(), values.keySet(), e);
            }
        }
    }

    @Override
    public void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage) {
        if (tlsListeners.isEmpty()) {
            return;
        }
        if (delta == null || delta.changedConfigs().stream().anyMatch(resource ->
                resource.type() == ConfigResource.Type.BROKER && resource.name().equals(brokerId))) {
            apply(newImage);
        }
    }
}
