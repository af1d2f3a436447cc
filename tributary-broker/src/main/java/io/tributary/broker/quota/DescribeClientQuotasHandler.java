package io.tributary.broker.quota;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.api.Responses;
import io.tributary.metadata.image.ClientQuotasImage;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.message.DescribeClientQuotasRequestData;
import org.apache.kafka.common.message.DescribeClientQuotasResponseData;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.requests.DescribeClientQuotasRequest;
import org.apache.kafka.common.requests.DescribeClientQuotasResponse;

/**
 * DescribeClientQuotas, answered from this broker's metadata image as Kafka's brokers do: the filter's components
 * match an entity type exactly (a name, or the default), or any specified name; {@code strict} also requires the
 * entity to have no other types. A malformed filter fails the whole request with Kafka's error and message.
 */
public final class DescribeClientQuotasHandler implements ApiHandler<DescribeClientQuotasRequest> {

    private final Supplier<MetadataImage> images;

    public DescribeClientQuotasHandler(Supplier<MetadataImage> images) {
        this.images = images;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, DescribeClientQuotasRequest request) {
        return Responses.completed(new DescribeClientQuotasResponse(
                describe(images.get().clientQuotas(), request.data())));
    }

    static DescribeClientQuotasResponseData describe(ClientQuotasImage quotas,
                                                     DescribeClientQuotasRequestData request) {
        Map<String, String> exact = new HashMap<>();
        Set<String> specified = new HashSet<>();
        for (DescribeClientQuotasRequestData.ComponentData component : request.components()) {
            String type = component.entityType();
            if (type.isEmpty()) {
                throw new InvalidRequestException("Invalid empty entity type.");
            }
            if (exact.containsKey(type) || specified.contains(type)) {
                throw new InvalidRequestException("Entity type " + type
                        + " cannot appear more than once in the filter.");
            }
            if (!type.equals(ClientQuotaEntity.IP) && !type.equals(ClientQuotaEntity.USER)
                    && !type.equals(ClientQuotaEntity.CLIENT_ID)) {
                throw new UnsupportedVersionException("Unsupported entity type " + type);
            }
            switch (component.matchType()) {
                case DescribeClientQuotasRequest.MATCH_TYPE_EXACT -> {
                    if (component.match() == null) {
                        throw new InvalidRequestException("Request specified MATCH_TYPE_EXACT, but set match string "
                                + "to null.");
                    }
                    exact.put(type, component.match());
                }
                case DescribeClientQuotasRequest.MATCH_TYPE_DEFAULT -> {
                    if (component.match() != null) {
                        throw new InvalidRequestException("Request specified MATCH_TYPE_DEFAULT, but also specified "
                                + "a match string.");
                    }
                    exact.put(type, null);
                }
                case DescribeClientQuotasRequest.MATCH_TYPE_SPECIFIED -> {
                    if (component.match() != null) {
                        throw new InvalidRequestException("Request specified MATCH_TYPE_SPECIFIED, but also "
                                + "specified a match string.");
                    }
                    specified.add(type);
                }
                default -> throw new InvalidRequestException("Unknown match type " + component.matchType());
            }
        }
        boolean ip = exact.containsKey(ClientQuotaEntity.IP) || specified.contains(ClientQuotaEntity.IP);
        boolean userOrClient = exact.containsKey(ClientQuotaEntity.USER) || specified.contains(ClientQuotaEntity.USER)
                || exact.containsKey(ClientQuotaEntity.CLIENT_ID) || specified.contains(ClientQuotaEntity.CLIENT_ID);
        if (ip && userOrClient) {
            throw new InvalidRequestException("Invalid entity filter component combination. IP filter component "
                    + "should not be used with user or clientId filter component.");
        }
        DescribeClientQuotasResponseData response = new DescribeClientQuotasResponseData();
        quotas.asMap().forEach((entity, values) -> {
            if (matches(entity.entries(), exact, specified, request.strict())) {
                response.entries().add(entry(entity, values));
            }
        });
        return response;
    }

    private static boolean matches(Map<String, String> entity, Map<String, String> exact, Set<String> specified,
                                   boolean strict) {
        if (strict && entity.size() != exact.size() + specified.size()) {
            return false;
        }
        for (Map.Entry<String, String> e : exact.entrySet()) {
            if (!entity.containsKey(e.getKey()) || !Objects.equals(entity.get(e.getKey()), e.getValue())) {
                return false;
            }
        }
        return entity.keySet().containsAll(specified);
    }

    private static DescribeClientQuotasResponseData.EntryData entry(ClientQuotaEntity entity,
                                                                   Map<String, Double> values) {
        DescribeClientQuotasResponseData.EntryData entry = new DescribeClientQuotasResponseData.EntryData();
        entity.entries().forEach((type, name) -> entry.entity().add(
                new DescribeClientQuotasResponseData.EntityData().setEntityType(type).setEntityName(name)));
        values.forEach((key, value) -> entry.values().add(
                new DescribeClientQuotasResponseData.ValueData().setKey(key).setValue(value)));
        return entry;
    }
}
