package io.tributary.metadata.controller;

import io.tributary.metadata.image.AclEntry;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.AccessControlEntryRecord;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.RemoveAccessControlEntryRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.CreateAclsRequestData;
import org.apache.kafka.common.message.CreateAclsResponseData;
import org.apache.kafka.common.message.DeleteAclsResponseData;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.CreateAclsRequest;
import org.apache.kafka.common.requests.DeleteAclsResponse;
import org.apache.kafka.common.utils.SecurityUtils;

/**
 * CreateAcls and DeleteAcls on the controller, as Kafka's AclControlManager: a new ACL gets a fresh id unless an
 * identical one exists (then it is a success without a record); each delete filter removes every ACL it matches,
 * and an ACL matched by several filters is removed once but reported under each.
 */
public final class AclControl {

    /** Kafka's bound on the records of one user operation. */
    static final int MAX_RECORDS_PER_OPERATION = 10_000;

    private static final String CLUSTER_NAME = "kafka-cluster";

    public ControllerResult<CreateAclsResponseData> createAcls(MetadataImage image, CreateAclsRequestData request) {
        Set<AclEntry> existing = new HashSet<>(image.acls().asMap().values());
        Set<Uuid> usedIds = new HashSet<>(image.acls().asMap().keySet());
        List<MetadataRecord> records = new ArrayList<>();
        CreateAclsResponseData response = new CreateAclsResponseData();
        for (CreateAclsRequestData.AclCreation creation : request.creations()) {
            CreateAclsResponseData.AclCreationResult result = new CreateAclsResponseData.AclCreationResult();
            try {
                AclBinding binding = CreateAclsRequest.aclBinding(creation);
                validate(binding);
                AclEntry acl = AclEntry.of(binding);
                if (existing.add(acl)) {
                    if (records.size() >= MAX_RECORDS_PER_OPERATION) {
                        throw new InvalidRequestException("Cannot create more than " + MAX_RECORDS_PER_OPERATION
                            + " ACLs in one request");
                    }
                    records.add(new AccessControlEntryRecord(newId(usedIds), acl));
                }
            } catch (RuntimeException e) {
                ApiError error = ApiError.fromThrowable(e);
                result.setErrorCode(error.error().code()).setErrorMessage(error.message());
            }
            response.results().add(result);
        }
        return new ControllerResult<>(records, response);
    }

    public ControllerResult<DeleteAclsResponseData> deleteAcls(MetadataImage image, List<AclBindingFilter> filters) {
        Set<Uuid> removed = new LinkedHashSet<>();
        DeleteAclsResponseData response = new DeleteAclsResponseData();
        for (AclBindingFilter filter : filters) {
            DeleteAclsResponseData.DeleteAclsFilterResult result = new DeleteAclsResponseData.DeleteAclsFilterResult();
            if (filter.patternFilter().isUnknown() || filter.entryFilter().isUnknown()) {
                ApiError error = ApiError.fromThrowable(new InvalidRequestException("Unknown "
                    + (filter.patternFilter().isUnknown() ? "patternFilter." : "entryFilter.")));
                response.filterResults().add(result.setErrorCode(error.error().code())
                    .setErrorMessage(error.message()));
                continue;
            }
            for (Map.Entry<Uuid, AclEntry> entry : image.acls().asMap().entrySet()) {
                AclBinding binding = entry.getValue().toBinding();
                if (filter.matches(binding)) {
                    removed.add(entry.getKey());
                    result.matchingAcls().add(DeleteAclsResponse.matchingAcl(binding, ApiError.NONE));
                }
            }
            response.filterResults().add(result);
        }
        if (removed.size() > MAX_RECORDS_PER_OPERATION) {
            ApiError error = ApiError.fromThrowable(new InvalidRequestException("Cannot remove more than "
                + MAX_RECORDS_PER_OPERATION + " ACLs in one request"));
            response.filterResults().forEach(r -> r.setErrorCode(error.error().code())
                .setErrorMessage(error.message()).setMatchingAcls(new ArrayList<>()));
            return new ControllerResult<>(List.of(), response);
        }
        List<MetadataRecord> records = new ArrayList<>();
        removed.forEach(id -> records.add(new RemoveAccessControlEntryRecord(id)));
        return new ControllerResult<>(records, response);
    }

    /** Kafka's checks of a new ACL (AclApis and AclControlManager.validateNewAcl). */
    static void validate(AclBinding binding) {
        switch (binding.pattern().resourceType()) {
            case UNKNOWN, ANY -> throw new InvalidRequestException("Invalid resourceType "
                + binding.pattern().resourceType());
            default -> { }
        }
        switch (binding.pattern().patternType()) {
            case LITERAL, PREFIXED -> { }
            default -> throw new InvalidRequestException("Invalid patternType " + binding.pattern().patternType());
        }
        switch (binding.entry().operation()) {
            case UNKNOWN, ANY -> throw new InvalidRequestException("Invalid operation "
                + binding.entry().operation());
            default -> { }
        }
        switch (binding.entry().permissionType()) {
            case ALLOW, DENY -> { }
            default -> throw new InvalidRequestException("Invalid permissionType "
                + binding.entry().permissionType());
        }
        String name = binding.pattern().name();
        if (name == null || name.isEmpty()) {
            throw new InvalidRequestException("Invalid empty resource name");
        }
        if (binding.pattern().resourceType() == org.apache.kafka.common.resource.ResourceType.CLUSTER
            && !CLUSTER_NAME.equals(name)) {
            throw new InvalidRequestException("The only valid name for the CLUSTER resource is " + CLUSTER_NAME);
        }
        try {
            SecurityUtils.parseKafkaPrincipal(binding.entry().principal());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("Invalid principal " + binding.entry().principal() + ": "
                + e.getMessage());
        }
        if (binding.entry().host() == null || binding.entry().host().isEmpty()) {
            throw new InvalidRequestException("Invalid empty host");
        }
    }

    private static Uuid newId(Set<Uuid> used) {
        Uuid id;
        do {
            id = Uuid.randomUuid();
        } while (!used.add(id));
        return id;
    }
}
