package io.tributary.metadata.controller;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.config.BrokerConfigDefinitions;
import io.tributary.metadata.config.BrokerConfigValidator;
import io.tributary.metadata.config.EffectiveConfigResolver;
import io.tributary.metadata.config.GroupConfigDefinitions;
import io.tributary.metadata.config.GroupConfigValidator;
import io.tributary.metadata.config.TopicConfigDefinitions;
import io.tributary.metadata.config.TopicConfigValidator;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.MetadataRecord;

/** IncrementalAlterConfigs and the legacy (replace-all) AlterConfigs for topic, broker and group resources. */
public final class ConfigAlteration {

    private final TopicConfigValidator topicValidator;
    private final EffectiveConfigResolver resolver;

    public ConfigAlteration(EffectiveConfigResolver resolver) {
        this.topicValidator = new TopicConfigValidator(resolver);
        this.resolver = resolver;
    }

    public ControllerResult<IncrementalAlterConfigsResponseData> incrementalAlterConfigs(
        MetadataImage image, IncrementalAlterConfigsRequestData request) {
        IncrementalAlterConfigsResponseData response = new IncrementalAlterConfigsResponseData();
        List<MetadataRecord> records = new ArrayList<>();
        for (IncrementalAlterConfigsRequestData.AlterConfigsResource resource : request.resources()) {
            List<MetadataRecord> resourceRecords = new ArrayList<>();
            ApiError error = incrementalAlter(image, resource, resourceRecords);
            if (error.isSuccess()) {
                records.addAll(resourceRecords);
            }
            response.responses().add(new IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse()
                .setResourceType(resource.resourceType())
                .setResourceName(resource.resourceName())
                .setErrorCode(error.error().code())
                .setErrorMessage(error.isSuccess() ? null : error.message()));
        }
        return new ControllerResult<>(request.validateOnly() ? List.of() : withElrUpdates(image, records), response);
    }

    /** The config records, then (KIP-966) the ELR updates a change of min.insync.replicas brings. */
    private List<MetadataRecord> withElrUpdates(MetadataImage image, List<MetadataRecord> records) {
        List<MetadataRecord> all = new ArrayList<>(records);
        all.addAll(MinIsrChanges.after(image, records, resolver));
        return all;
    }

    public ControllerResult<AlterConfigsResponseData> legacyAlterConfigs(MetadataImage image,
                                                                         AlterConfigsRequestData request) {
        AlterConfigsResponseData response = new AlterConfigsResponseData();
        List<MetadataRecord> records = new ArrayList<>();
        for (AlterConfigsRequestData.AlterConfigsResource resource : request.resources()) {
            List<MetadataRecord> resourceRecords = new ArrayList<>();
            ApiError error = replaceAll(image, resource, resourceRecords);
            if (error.isSuccess()) {
                records.addAll(resourceRecords);
            }
            response.responses().add(new AlterConfigsResponseData.AlterConfigsResourceResponse()
                .setResourceType(resource.resourceType())
                .setResourceName(resource.resourceName())
                .setErrorCode(error.error().code())
                .setErrorMessage(error.isSuccess() ? null : error.message()));
        }
        return new ControllerResult<>(request.validateOnly() ? List.of() : withElrUpdates(image, records), response);
    }

    private ApiError incrementalAlter(MetadataImage image, IncrementalAlterConfigsRequestData.AlterConfigsResource request,
                                      List<MetadataRecord> records) {
        Optional<ConfigResource> resource = checkResource(image, request.resourceType(), request.resourceName());
        if (resource.isEmpty()) {
            return resourceError(image, request.resourceType(), request.resourceName());
        }
        List<String> names = request.configs().stream().map(AlterableConfig::name).collect(Collectors.toList());
        if (new HashSet<>(names).size() != names.size()) {
            return new ApiError(Errors.INVALID_REQUEST, "Error due to duplicate config keys");
        }
        Map<String, String> current = image.configs().configs(resource.get());
        Map<String, String> updated = new HashMap<>(current);
        for (AlterableConfig config : request.configs()) {
            AlterConfigOp.OpType op;
            try {
                op = AlterConfigOp.OpType.forId(config.configOperation());
            } catch (IllegalArgumentException e) {
                return new ApiError(Errors.INVALID_REQUEST, "Unknown alter config operation " + config.configOperation());
            }
            if (op == null) {
                return new ApiError(Errors.INVALID_REQUEST, "Unknown alter config operation " + config.configOperation());
            }
            switch (op) {
                case SET:
                    updated.put(config.name(), config.value());
                    break;
                case DELETE:
                    updated.remove(config.name());
                    break;
                default:
                    Optional<ConfigDef.ConfigKey> key = keyOf(resource.get().type(), config.name());
                    if (key.isEmpty() || key.get().type != ConfigDef.Type.LIST) {
                        return new ApiError(Errors.INVALID_CONFIG, "Can't " + op + " to key " + config.name()
                            + " because its type is not LIST.");
                    }
                    updated.put(config.name(), applyListOp(op, updated.get(config.name()), key.get(), config.value()));
            }
        }
        return commitIfValid(image, resource.get(), current, updated, records);
    }

    private ApiError replaceAll(MetadataImage image, AlterConfigsRequestData.AlterConfigsResource request,
                                List<MetadataRecord> records) {
        Optional<ConfigResource> resource = checkResource(image, request.resourceType(), request.resourceName());
        if (resource.isEmpty()) {
            return resourceError(image, request.resourceType(), request.resourceName());
        }
        Map<String, String> updated = new HashMap<>();
        for (AlterConfigsRequestData.AlterableConfig config : request.configs()) {
            if (updated.containsKey(config.name())) {
                return new ApiError(Errors.INVALID_REQUEST, "Error due to duplicate config keys");
            }
            updated.put(config.name(), config.value());
        }
        return commitIfValid(image, resource.get(), image.configs().configs(resource.get()), updated, records);
    }

    private ApiError commitIfValid(MetadataImage image, ConfigResource resource, Map<String, String> current,
                                   Map<String, String> updated, List<MetadataRecord> records) {
        Set<String> touched = new TreeSet<>(current.keySet());
        touched.addAll(updated.keySet());
        Map<String, String> changes = new HashMap<>();
        for (String name : touched) {
            if (!updated.containsKey(name) || !Objects.equals(current.get(name), updated.get(name))) {
                changes.put(name, updated.get(name));
            }
        }
        Optional<ApiError> error;
        if (resource.type() == ConfigResource.Type.TOPIC) {
            error = topicValidator.validate(image, updated);
        } else if (resource.type() == ConfigResource.Type.GROUP) {
            error = new GroupConfigValidator(name -> resolver.brokerValue(image, name)).validate(updated);
        } else if (updated.containsValue(null)) {
            error = Optional.of(new ApiError(Errors.INVALID_REQUEST, "Null value not supported for broker configs"));
        } else {
            error = BrokerConfigValidator.validate(changes, !resource.name().isEmpty());
        }
        if (error.isPresent()) {
            return error.get();
        }
        for (String name : touched) {
            if (changes.containsKey(name)) {
                records.add(new ConfigRecord(resource.type(), resource.name(), name, changes.get(name)));
            }
        }
        return ApiError.NONE;
    }

    private static String applyListOp(AlterConfigOp.OpType op, String currentValue, ConfigDef.ConfigKey key, String value) {
        String base = currentValue != null ? currentValue
            : key.defaultValue == null ? "" : ConfigDef.convertToString(key.defaultValue, key.type);
        List<String> items = splitList(base);
        for (String item : splitList(value == null ? "" : value)) {
            if (op == AlterConfigOp.OpType.APPEND) {
                if (!items.contains(item)) {
                    items.add(item);
                }
            } else {
                items.remove(item);
            }
        }
        return String.join(",", items);
    }

    private static List<String> splitList(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
            .collect(Collectors.toCollection(ArrayList::new));
    }

    private static Optional<ConfigDef.ConfigKey> keyOf(ConfigResource.Type type, String name) {
        switch (type) {
            case TOPIC:
                return TopicConfigDefinitions.key(name);
            case GROUP:
                return GroupConfigDefinitions.key(name);
            default:
                return BrokerConfigDefinitions.key(name);
        }
    }

    /** The resource, if it is a known topic or a valid broker name ("" = cluster default). */
    private static Optional<ConfigResource> checkResource(MetadataImage image, byte typeId, String name) {
        ConfigResource.Type type = ConfigResource.Type.forId(typeId);
        if (type == ConfigResource.Type.TOPIC && image.topics().get(name).isPresent()) {
            return Optional.of(new ConfigResource(type, name));
        }
        if (type == ConfigResource.Type.BROKER && (name.isEmpty() || isInteger(name))) {
            return Optional.of(new ConfigResource(type, name));
        }
        if (type == ConfigResource.Type.GROUP && !name.isEmpty()) {
            return Optional.of(new ConfigResource(type, name)); // like Kafka, a group need not exist yet
        }
        return Optional.empty();
    }

    private static ApiError resourceError(MetadataImage image, byte typeId, String name) {
        ConfigResource.Type type = ConfigResource.Type.forId(typeId);
        if (type == ConfigResource.Type.TOPIC) {
            return new ApiError(Errors.UNKNOWN_TOPIC_OR_PARTITION, "The topic '" + name + "' does not exist.");
        }
        if (type == ConfigResource.Type.BROKER) {
            return new ApiError(Errors.INVALID_REQUEST, "Broker id must be an integer, but it is: " + name);
        }
        if (type == ConfigResource.Type.GROUP) {
            return new ApiError(Errors.INVALID_REQUEST, "Default group resources are not allowed.");
        }
        return new ApiError(Errors.INVALID_REQUEST, "Unsupported resource type: " + type);
    }

    private static boolean isInteger(String name) {
        try {
            Integer.parseInt(name);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
