package io.tributary.it.admin;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.it.support.EmbeddedBroker;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AclsIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    void aclApisAnswerSecurityDisabledLikeKafkaWithoutAnAuthorizer() {
        // given
        AclBinding binding = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "t", PatternType.LITERAL),
                new AccessControlEntry("User:alice", "*", AclOperation.READ, AclPermissionType.ALLOW));

        // when / then
        assertThatThrownBy(() -> broker.clients().admin().describeAcls(AclBindingFilter.ANY).values()
                .get(15, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SecurityDisabledException.class);
        assertThatThrownBy(() -> broker.clients().admin().createAcls(List.of(binding)).all()
                .get(15, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SecurityDisabledException.class);
        assertThatThrownBy(() -> broker.clients().admin().deleteAcls(List.of(AclBindingFilter.ANY)).all()
                .get(15, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SecurityDisabledException.class);
    }
}
