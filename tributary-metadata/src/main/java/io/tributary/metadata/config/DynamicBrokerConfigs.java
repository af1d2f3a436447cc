package io.tributary.metadata.config;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SslConfigs;

/**
 * Kafka's dynamically updatable broker configs ({@code DynamicBrokerConfig.AllDynamicConfigs}) and its rules for
 * changing them: which may be set at all, which only per listener, which only per broker (not as the cluster
 * default), and that values parse and validate against the broker's {@link BrokerConfigDefinitions}.
 */
public final class DynamicBrokerConfigs {

    /** SSL keystore/truststore settings: changeable only with a listener prefix. */
    private static final Set<String> SECURITY = Set.copyOf(SslConfigs.RECONFIGURABLE_CONFIGS);

    private static final Set<String> LOG_CLEANER = Set.of("log.cleaner.threads", "log.cleaner.dedupe.buffer.size",
            "log.cleaner.io.buffer.load.factor", "log.cleaner.io.buffer.size", "message.max.bytes",
            "log.cleaner.io.max.bytes.per.second", "log.cleaner.backoff.ms");

    private static final Set<String> THREAD_POOLS = Set.of("num.io.threads", "num.replica.fetchers",
            "num.recovery.threads.per.data.dir", "background.threads");

    private static final Set<String> LISTENERS = Set.of(
            "advertised.listeners", "listeners", "listener.security.protocol.map",
            "principal.builder.class", "ssl.protocol", "ssl.provider", "ssl.cipher.suites", "ssl.enabled.protocols",
            "ssl.keystore.type", "ssl.keystore.location", "ssl.keystore.password", "ssl.key.password",
            "ssl.truststore.type", "ssl.truststore.location", "ssl.truststore.password", "ssl.keymanager.algorithm",
            "ssl.trustmanager.algorithm", "ssl.endpoint.identification.algorithm", "ssl.secure.random.implementation",
            "ssl.client.auth", "ssl.engine.factory.class",
            "sasl.mechanism.inter.broker.protocol", "sasl.jaas.config", "sasl.enabled.mechanisms",
            "sasl.kerberos.service.name", "sasl.kerberos.kinit.cmd", "sasl.kerberos.ticket.renew.window.factor",
            "sasl.kerberos.ticket.renew.jitter", "sasl.kerberos.min.time.before.relogin",
            "sasl.kerberos.principal.to.local.rules", "sasl.login.refresh.window.factor",
            "sasl.login.refresh.window.jitter", "sasl.login.refresh.min.period.seconds",
            "sasl.login.refresh.buffer.seconds",
            "max.connections", "max.connection.creation.rate", "num.network.threads");

    private static final Set<String> SOCKET_SERVER = Set.of("max.connections.per.ip",
            "max.connections.per.ip.overrides", "max.connections", "max.connection.creation.rate");

    private static final Set<String> PRODUCER_STATE = Set.of("producer.id.expiration.ms",
            "transaction.partition.verification.enable");

    private static final Set<String> REMOTE_LOG = Set.of("remote.log.index.file.cache.total.size.bytes",
            "remote.fetch.max.wait.ms", "remote.log.manager.copy.max.bytes.per.second",
            "remote.log.manager.fetch.max.bytes.per.second", "remote.list.offsets.request.timeout.ms");

    /** Kafka's DynamicConfig.Broker: the KIP-73 replication throttles. */
    private static final Set<String> REPLICATION_QUOTAS = Set.of("leader.replication.throttled.rate",
            "follower.replication.throttled.rate");

    /** Listener settings that apply to the whole cluster, so they may be a cluster default too. */
    private static final Set<String> CLUSTER_LEVEL_LISTENER_CONFIGS = Set.of("max.connections",
            "max.connection.creation.rate", "num.network.threads");

    /** Every config Kafka can change at run time. */
    public static final Set<String> ALL = all();

    /** Configs only a single broker's resource may set. */
    private static final Set<String> PER_BROKER = perBroker();

    private DynamicBrokerConfigs() {
    }

    /**
     * Checks changes to one broker resource ({@code perBroker}: a broker id, otherwise the cluster default) the
     * way Kafka does, in Kafka's order.
     *
     * @param changes names being set (non-null value) or removed (null value)
     * @throws ConfigException with Kafka's message when a change is not allowed
     */
    public static void validate(Map<String, String> changes, boolean perBroker) {
        Set<String> names = changes.keySet();
        refuse(names.stream().filter(DynamicBrokerConfigs::isStatic).collect(Collectors.toSet()),
                "Cannot update these configs dynamically");
        refuse(names.stream().filter(SECURITY::contains).collect(Collectors.toSet()),
                "These security configs can be dynamically updated only per-listener using the listener prefix");
        changes.forEach((name, value) -> {
            if (value != null) {
                BrokerConfigDefinitions.keyOrListenerBase(name).ifPresent(key -> parseAndValidate(key, value));
            }
        });
        if (!perBroker) {
            refuse(names.stream().filter(DynamicBrokerConfigs::isPerBroker).collect(Collectors.toSet()),
                    "Cannot update these configs at default cluster level, broker id must be specified");
        }
    }

    /** A defined broker config that Kafka cannot change at run time; unknown names are custom configs, accepted. */
    private static boolean isStatic(String name) {
        return BrokerConfigDefinitions.key(name).isPresent() && !ALL.contains(name);
    }

    /** A setting only a broker id's resource may set, never the cluster default. */
    static boolean isPerBrokerOnly(String name) {
        return isPerBroker(name);
    }

    private static boolean isPerBroker(String name) {
        return PER_BROKER.contains(name) || ListenerConfigs.baseName(name)
                .map(base -> !CLUSTER_LEVEL_LISTENER_CONFIGS.contains(base)).orElse(false);
    }

    private static void parseAndValidate(ConfigDef.ConfigKey key, String value) {
        Object parsed = ConfigDef.parseType(key.name, value.trim(), key.type);
        if (key.validator != null) {
            key.validator.ensureValid(key.name, parsed);
        }
    }

    /** Kafka prints the names as a Scala set: {@code Set(a, b)}. */
    private static void refuse(Collection<String> names, String message) {
        if (!names.isEmpty()) {
            throw new ConfigException(message + ": Set(" + String.join(", ", new TreeSet<>(names)) + ")");
        }
    }

    private static Set<String> all() {
        Set<String> names = new HashSet<>(SECURITY);
        names.addAll(LOG_CLEANER);
        // Every primary broker default of a topic config (Kafka's DynamicLogConfig).
        TopicConfigDefinitions.SYNONYMS.values().forEach(list -> names.add(list.get(0).name()));
        names.addAll(THREAD_POOLS);
        names.add("metric.reporters");
        names.addAll(LISTENERS);
        names.addAll(SOCKET_SERVER);
        names.addAll(PRODUCER_STATE);
        names.addAll(REMOTE_LOG);
        names.addAll(REPLICATION_QUOTAS);
        return Set.copyOf(names);
    }

    private static Set<String> perBroker() {
        Set<String> names = new HashSet<>(SECURITY);
        names.addAll(LISTENERS);
        names.removeAll(CLUSTER_LEVEL_LISTENER_CONFIGS);
        return Set.copyOf(names);
    }
}
