package io.tributary.metadata.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.metadata.image.AclEntry;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.BinaryWriter;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.MetadataRecordSerde;
import io.tributary.metadata.replay.ImageRecords;
import io.tributary.metadata.replay.MetadataReplayer;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.message.CreateAclsRequestData;
import org.apache.kafka.common.message.CreateAclsResponseData;
import org.apache.kafka.common.message.DeleteAclsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.CreateAclsRequest;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class AclControlTest {

    private final AclControl control = new AclControl();
    private MetadataImage image = MetadataImage.empty("cluster");

    private static AclBinding acl(ResourceType type, String name, PatternType pattern, String principal) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", AclOperation.READ, AclPermissionType.ALLOW));
    }

    private CreateAclsResponseData create(AclBinding... bindings) {
        CreateAclsRequestData request = new CreateAclsRequestData();
        for (AclBinding binding : bindings) {
            request.creations().add(CreateAclsRequest.aclCreation(binding));
        }
        ControllerResult<CreateAclsResponseData> result = control.createAcls(image, request);
        apply(result.records());
        return result.response();
    }

    private void apply(List<MetadataRecord> records) {
        MetadataReplayer replayer = new MetadataReplayer(image);
        records.forEach(r -> replayer.replay(r, image.offset() + 1));
        image = replayer.build(image.offset() + 1);
    }

    @Test
    void createsEachNewAclOnceAndRefusesInvalidOnes() {
        AclBinding topicAcl = acl(ResourceType.TOPIC, "orders", PatternType.LITERAL, "User:alice");

        CreateAclsResponseData response = create(topicAcl, topicAcl,
                acl(ResourceType.CLUSTER, "not-the-cluster", PatternType.LITERAL, "User:alice"),
                acl(ResourceType.TOPIC, "", PatternType.LITERAL, "User:alice"),
                acl(ResourceType.TOPIC, "x", PatternType.LITERAL, "alice"));

        assertThat(response.results()).extracting(CreateAclsResponseData.AclCreationResult::errorCode).containsExactly(
                Errors.NONE.code(), Errors.NONE.code(), Errors.INVALID_REQUEST.code(), Errors.INVALID_REQUEST.code(),
                Errors.INVALID_REQUEST.code());
        assertThat(image.acls().asMap().values()).containsExactly(AclEntry.of(topicAcl));

        create(topicAcl);
        assertThat(image.acls().asMap()).hasSize(1);
    }

    @Test
    void deleteRemovesWhatEachFilterMatchesAndReportsItPerFilter() {
        AclBinding literal = acl(ResourceType.TOPIC, "pay-eu", PatternType.LITERAL, "User:alice");
        AclBinding prefixed = acl(ResourceType.TOPIC, "pay-", PatternType.PREFIXED, "User:bob");
        AclBinding group = acl(ResourceType.GROUP, "g", PatternType.LITERAL, "User:alice");
        create(literal, prefixed, group);

        AclBindingFilter matchPayEu = new AclBindingFilter(new ResourcePatternFilter(ResourceType.TOPIC, "pay-eu",
                PatternType.MATCH), AccessControlEntryFilter.ANY);
        AclBindingFilter alice = new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter("User:alice", null, AclOperation.ANY, AclPermissionType.ANY));
        ControllerResult<DeleteAclsResponseData> result = control.deleteAcls(image, List.of(matchPayEu, alice));
        apply(result.records());

        assertThat(result.records()).hasSize(3);
        assertThat(result.response().filterResults().get(0).matchingAcls()).hasSize(2);
        assertThat(result.response().filterResults().get(1).matchingAcls()).hasSize(2);
        assertThat(image.acls().isEmpty()).isTrue();
    }

    @Test
    void aclRecordsSurviveEncodingAndRebuildTheImage() {
        create(acl(ResourceType.TRANSACTIONAL_ID, "tx-", PatternType.PREFIXED, "User:*"),
                acl(ResourceType.DELEGATION_TOKEN, "token", PatternType.LITERAL, "User:carol"),
                acl(ResourceType.USER, "User:dave", PatternType.LITERAL, "User:carol"));

        BinaryWriter out = new BinaryWriter(256);
        MetadataRecordSerde.writeRecords(ImageRecords.of(image), out);
        List<MetadataRecord> decoded = MetadataRecordSerde.readRecords(out.toByteBuffer());
        MetadataReplayer replayer = new MetadataReplayer(MetadataImage.empty("cluster"));
        decoded.forEach(r -> replayer.replay(r, 0));

        assertThat(replayer.build(0).acls()).isEqualTo(image.acls());
    }
}
