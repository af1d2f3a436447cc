package io.tributary.metadata.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsSynonym;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;

import io.tributary.metadata.image.MetadataImage;

/**
 * Answers DescribeConfigs for topics and brokers from a metadata image, with Kafka's values, sources, synonym
 * order and flags. Authorization is the caller's job.
 */
public final class ConfigDescriber {

    private final EffectiveConfigResolver resolver;
    private final Supplier<MetadataImage> currentImage;

    public ConfigDescriber(EffectiveConfigResolver resolver, Supplier<MetadataImage> currentImage) {
        this.resolver = resolver;
        this.currentImage = currentImage;
    }

    /** Typed value of every topic config of {@code topic} in the current image (for building the log config). */
    public Map<String, Object> effectiveTopicConfig(String topic) {
        return resolver.effectiveTopicConfig(currentImage.get(), topic);
    }

    public Map<String, Object> effectiveTopicConfig(MetadataImage image, String topic) {
        return resolver.effectiveTopicConfig(image, topic);
    }

    /** The value this broker runs with for a broker setting in {@code image}: dynamic, static or default. */
    public Object brokerValue(MetadataImage image, String name) {
        return resolver.brokerValue(image, name);
    }

    public DescribeConfigsResult describe(DescribeConfigsResource resource, boolean includeSynonyms,
                                          boolean includeDocumentation) {
        return describe(currentImage.get(), resource, includeSynonyms, includeDocumentation);
    }

    public DescribeConfigsResult describe(MetadataImage image, DescribeConfigsResource resource, boolean includeSynonyms,
                                          boolean includeDocumentation) {
        DescribeConfigsResult result = new DescribeConfigsResult()
            .setResourceType(resource.resourceType())
            .setResourceName(resource.resourceName());
        try {
            ConfigResource.Type type = ConfigResource.Type.forId(resource.resourceType());
            List<DescribeConfigsResourceResult> configs;
            if (type == ConfigResource.Type.TOPIC) {
                configs = describeTopic(image, resource.resourceName(), includeSynonyms, includeDocumentation);
            } else if (type == ConfigResource.Type.BROKER) {
                configs = describeBroker(image, resource.resourceName(), includeSynonyms, includeDocumentation);
            } else if (type == ConfigResource.Type.GROUP) {
                configs = describeGroup(image, resource.resourceName(), includeSynonyms, includeDocumentation);
            } else {
                throw new InvalidRequestException("Unsupported resource type: " + type);
            }
            List<String> keys = resource.configurationKeys();
            configs.removeIf(c -> keys != null && !keys.contains(c.name()));
            return result.setErrorCode(Errors.NONE.code()).setConfigs(configs);
        } catch (ApiException e) {
            ApiError error = ApiError.fromThrowable(e);
            return result.setErrorCode(error.error().code()).setErrorMessage(error.message()).setConfigs(new ArrayList<>());
        }
    }

    private List<DescribeConfigsResourceResult> describeTopic(MetadataImage image, String topic, boolean includeSynonyms,
                                                              boolean includeDocumentation) {
        Topic.validate(topic);
        if (image.topics().get(topic).isEmpty()) {
            throw new UnknownTopicOrPartitionException("The topic '" + topic + "' does not exist.");
        }
        Map<String, String> overrides = image.configs().topicConfigs(topic);
        List<DescribeConfigsResourceResult> results = new ArrayList<>();
        for (String name : new TreeMap<>(TopicConfigDefinitions.DEFINITION.configKeys()).keySet()) {
            ConfigDef.ConfigKey key = TopicConfigDefinitions.DEFINITION.configKeys().get(name);
            Object value = resolver.resolveTopicConfig(image, overrides, name).value();
            String valueAsString = ConfigDef.convertToString(value, key.type);
            List<DescribeConfigsSynonym> synonyms = new ArrayList<>();
            if (overrides.containsKey(name)) {
                synonyms.add(new DescribeConfigsSynonym().setName(name).setValue(valueAsString)
                    .setSource(ConfigSource.TOPIC_CONFIG.id()));
            }
            TopicConfigDefinitions.primaryServerName(name).ifPresent(serverName -> synonyms.addAll(
                brokerSynonyms(image, serverName, false)));
            byte source = synonyms.isEmpty() ? ConfigSource.DEFAULT_CONFIG.id() : synonyms.get(0).source();
            results.add(new DescribeConfigsResourceResult()
                .setName(name)
                .setValue(valueAsString)
                .setConfigSource(source)
                .setIsSensitive(false)
                .setReadOnly(false)
                .setSynonyms(includeSynonyms ? synonyms : new ArrayList<>())
                .setConfigType(configType(key.type).id())
                .setDocumentation(includeDocumentation ? key.documentation : null));
        }
        return results;
    }

    /** Typed value of every group config of {@code groupId}: its own, else the broker's default. */
    public Map<String, Object> effectiveGroupConfig(String groupId) {
        MetadataImage image = currentImage.get();
        return GroupConfigDefinitions.resolve(groupConfigs(image, groupId), name -> resolver.brokerValue(image, name));
    }

    private static Map<String, String> groupConfigs(MetadataImage image, String groupId) {
        return image.configs().configs(new ConfigResource(ConfigResource.Type.GROUP, groupId));
    }

    /** Kafka's group describe: each group config, GROUP_CONFIG where the group sets it, else the broker's value. */
    private List<DescribeConfigsResourceResult> describeGroup(MetadataImage image, String groupId,
                                                              boolean includeSynonyms, boolean includeDocumentation) {
        if (groupId.isEmpty()) {
            throw new InvalidRequestException("Group name must not be empty");
        }
        Map<String, String> own = groupConfigs(image, groupId);
        Map<String, Object> values = GroupConfigDefinitions.resolve(own, name -> resolver.brokerValue(image, name));
        List<DescribeConfigsResourceResult> results = new ArrayList<>();
        new TreeMap<>(values).forEach((name, value) -> {
            ConfigDef.ConfigKey key = GroupConfigDefinitions.DEFINITION.configKeys().get(name);
            String valueAsString = ConfigDef.convertToString(value, key.type);
            ConfigSource source = own.containsKey(name) ? ConfigSource.GROUP_CONFIG : ConfigSource.DEFAULT_CONFIG;
            List<DescribeConfigsSynonym> synonyms = new ArrayList<>();
            if (includeSynonyms) {
                synonyms.add(synonym(name, valueAsString, source, false));
            }
            results.add(new DescribeConfigsResourceResult()
                .setName(name)
                .setValue(valueAsString)
                .setConfigSource(source.id())
                .setIsSensitive(false)
                .setReadOnly(false)
                .setSynonyms(synonyms)
                .setConfigType(configType(key.type).id())
                .setDocumentation(includeDocumentation ? key.documentation : null));
        });
        return results;
    }

    private List<DescribeConfigsResourceResult> describeBroker(MetadataImage image, String resourceName,
                                                               boolean includeSynonyms, boolean includeDocumentation) {
        boolean perBroker = !resourceName.isEmpty();
        Map<String, Object> entries = new TreeMap<>();
        if (perBroker) {
            int brokerId = parseBrokerId(resourceName);
            if (brokerId != resolver.nodeId()) {
                throw new InvalidRequestException("Unexpected broker id, expected " + resolver.nodeId()
                    + " or empty string, but received " + resourceName);
            }
            resolver.staticConfig().keySet().forEach(name -> entries.put(name, resolver.brokerValue(image, name)));
            BrokerConfigDefinitions.DEFINITION.names().forEach(name -> entries.put(name, resolver.brokerValue(image, name)));
        } else {
            resolver.dynamicDefaultConfig(image).forEach((name, raw) -> entries.put(name,
                BrokerConfigDefinitions.keyOrListenerBase(name).map(k -> ConfigDef.parseType(name, raw, k.type))
                    .orElse((Object) raw)));
        }
        List<DescribeConfigsResourceResult> results = new ArrayList<>();
        entries.forEach((name, value) -> {
            Optional<ConfigDef.ConfigKey> key = BrokerConfigDefinitions.keyOrListenerBase(name);
            // Like Kafka, a config of unknown type might hold a secret, so its value is never shown.
            boolean sensitive = BrokerConfigDefinitions.isSensitive(name);
            String valueAsString = sensitive ? null : ConfigDef.convertToString(value, key.get().type);
            List<DescribeConfigsSynonym> synonyms = new ArrayList<>(brokerSynonyms(image, name, sensitive));
            if (!perBroker) {
                synonyms.removeIf(s -> s.source() != ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG.id());
            }
            byte source = synonyms.isEmpty() ? ConfigSource.DEFAULT_CONFIG.id() : synonyms.get(0).source();
            boolean readOnly = BrokerConfigDefinitions.synonymsOf(name).stream().noneMatch(BrokerConfigDefinitions::isDynamic);
            results.add(new DescribeConfigsResourceResult()
                .setName(name)
                .setValue(valueAsString)
                .setConfigSource(source)
                .setIsSensitive(sensitive)
                .setReadOnly(readOnly)
                .setSynonyms(includeSynonyms ? synonyms : new ArrayList<>())
                .setConfigType(configType(key.map(k -> k.type).orElse(null)).id())
                .setDocumentation(includeDocumentation ? key.map(k -> k.documentation).orElse(null) : null));
        });
        return results;
    }

    /**
     * Kafka's synonym list for a broker config: grouped by source (dynamic per-broker, dynamic default, static,
     * built-in default), each group in synonym priority order; entries before the config itself are dropped.
     */
    private List<DescribeConfigsSynonym> brokerSynonyms(MetadataImage image, String name, boolean sensitive) {
        List<String> names = BrokerConfigDefinitions.synonymsOf(name);
        List<DescribeConfigsSynonym> all = new ArrayList<>();
        addSynonyms(all, names, resolver.dynamicNodeConfig(image), ConfigSource.DYNAMIC_BROKER_CONFIG, sensitive);
        addSynonyms(all, names, resolver.dynamicDefaultConfig(image), ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG, sensitive);
        addSynonyms(all, names, resolver.staticConfig(), ConfigSource.STATIC_BROKER_CONFIG, sensitive);
        for (String synonym : names) {
            BrokerConfigDefinitions.key(synonym).filter(k -> k.defaultValue != null).ifPresent(k ->
                all.add(synonym(synonym, ConfigDef.convertToString(k.defaultValue, k.type), ConfigSource.DEFAULT_CONFIG,
                    sensitive)));
        }
        int first = 0;
        while (first < all.size() && !all.get(first).name().equals(name)) {
            first++;
        }
        return all.subList(first, all.size());
    }

    private static void addSynonyms(List<DescribeConfigsSynonym> target, List<String> names, Map<String, String> values,
                                    ConfigSource source, boolean sensitive) {
        for (String name : names) {
            String value = values.get(name);
            if (value != null) {
                target.add(synonym(name, value, source, sensitive));
            }
        }
    }

    private static DescribeConfigsSynonym synonym(String name, String value, ConfigSource source, boolean sensitive) {
        return new DescribeConfigsSynonym().setName(name).setValue(sensitive ? null : value).setSource(source.id());
    }

    private static int parseBrokerId(String resourceName) {
        try {
            return Integer.parseInt(resourceName);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("Broker id must be an integer, but it is: " + resourceName);
        }
    }

    static ConfigType configType(ConfigDef.Type type) {
        if (type == null) {
            return ConfigType.UNKNOWN;
        }
        switch (type) {
            case BOOLEAN: return ConfigType.BOOLEAN;
            case STRING: return ConfigType.STRING;
            case INT: return ConfigType.INT;
            case SHORT: return ConfigType.SHORT;
            case LONG: return ConfigType.LONG;
            case DOUBLE: return ConfigType.DOUBLE;
            case LIST: return ConfigType.LIST;
            case CLASS: return ConfigType.CLASS;
            case PASSWORD: return ConfigType.PASSWORD;
            default: return ConfigType.UNKNOWN;
        }
    }
}
