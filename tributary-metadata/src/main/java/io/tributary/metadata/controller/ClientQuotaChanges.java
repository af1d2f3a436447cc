package io.tributary.metadata.controller;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.common.message.AlterClientQuotasRequestData;
import org.apache.kafka.common.message.AlterClientQuotasResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.quota.ClientQuotaEntity;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.quota.QuotaKeys;
import io.tributary.metadata.record.ClientQuotaRecord;
import io.tributary.metadata.record.MetadataRecord;

/**
 * AlterClientQuotas: validates each entity and its operations as Kafka's controller does (entity types and their
 * combinations, known keys, positive values, integral values for integral keys) and turns the accepted ones into
 * {@link ClientQuotaRecord}s; a value equal to the current one, or the removal of an absent key, writes nothing.
 * Errors are per entity; the other entities still apply.
 */
public final class ClientQuotaChanges {

    public ControllerResult<AlterClientQuotasResponseData> alter(MetadataImage image,
                                                                 AlterClientQuotasRequestData request) {
        List<MetadataRecord> records = new ArrayList<>();
        AlterClientQuotasResponseData response = new AlterClientQuotasResponseData();
        Set<ClientQuotaEntity> seen = new HashSet<>();
        for (AlterClientQuotasRequestData.EntryData entry : request.entries()) {
            Map<String, String> names = new HashMap<>();
            String entityError = null;
            for (AlterClientQuotasRequestData.EntityData entity : entry.entity()) {
                if (names.containsKey(entity.entityType())) {
                    entityError = "Invalid client quota entity, duplicate entity entry " + entity.entityType();
                }
                names.put(entity.entityType(), entity.entityName());
            }
            ClientQuotaEntity entity = new ClientQuotaEntity(names);
            String error;
            if (!seen.add(entity)) {
                error = "Ignoring duplicate entity " + entity;
            } else {
                error = entityError != null ? entityError : alterEntity(image, entity, entry.ops(), records);
            }
            response.entries().add(result(entry, error));
        }
        return new ControllerResult<>(request.validateOnly() ? List.of() : records, response);
    }

    /** Adds the entity's records; returns the error that refuses the whole entity, or null. */
    private static String alterEntity(MetadataImage image, ClientQuotaEntity entity,
                                      List<AlterClientQuotasRequestData.OpData> ops, List<MetadataRecord> records) {
        String error = validateEntity(entity.entries());
        if (error != null) {
            return error;
        }
        boolean ip = entity.entries().containsKey(ClientQuotaEntity.IP);
        Map<String, Double> current = image.clientQuotas().quotas(entity);
        Set<String> keys = new HashSet<>();
        List<MetadataRecord> changes = new ArrayList<>();
        for (AlterClientQuotasRequestData.OpData op : ops) {
            if (!keys.add(op.key())) {
                return "Duplicate quota key " + op.key() + " not updating quota for this entity " + entity;
            }
            if (op.remove()) {
                if (current.containsKey(op.key())) {
                    changes.add(new ClientQuotaRecord(entity, op.key(), null));
                }
                continue;
            }
            String invalid = QuotaKeys.validate(ip, op.key(), op.value());
            if (invalid != null) {
                return invalid;
            }
            if (!Objects.equals(current.get(op.key()), op.value())) {
                changes.add(new ClientQuotaRecord(entity, op.key(), op.value()));
            }
        }
        records.addAll(changes);
        return null;
    }

    private static String validateEntity(Map<String, String> entries) {
        if (entries.isEmpty()) {
            return "Invalid empty client quota entity";
        }
        for (Map.Entry<String, String> e : entries.entrySet()) {
            String type = e.getKey();
            if (!type.equals(ClientQuotaEntity.USER) && !type.equals(ClientQuotaEntity.CLIENT_ID)
                && !type.equals(ClientQuotaEntity.IP)) {
                return "Unhandled client quota entity type: " + type;
            }
            if (e.getValue() != null && e.getValue().isEmpty()) {
                return "Empty " + type + " not supported";
            }
        }
        if (entries.containsKey(ClientQuotaEntity.IP)) {
            if (entries.size() > 1) {
                return "Invalid quota entity combination, IP entity should not be combined with User or ClientId";
            }
            String ip = entries.get(ClientQuotaEntity.IP);
            if (ip != null && !resolvable(ip)) {
                return ip + " is not a valid IP or resolvable host.";
            }
        }
        return null;
    }

    private static boolean resolvable(String host) {
        try {
            InetAddress.getByName(host);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static AlterClientQuotasResponseData.EntryData result(AlterClientQuotasRequestData.EntryData entry,
                                                                 String error) {
        AlterClientQuotasResponseData.EntryData result = new AlterClientQuotasResponseData.EntryData()
            .setErrorCode(error == null ? Errors.NONE.code() : Errors.INVALID_REQUEST.code())
            .setErrorMessage(error);
        entry.entity().forEach(e -> result.entity().add(new AlterClientQuotasResponseData.EntityData()
            .setEntityType(e.entityType()).setEntityName(e.entityName())));
        return result;
    }
}
