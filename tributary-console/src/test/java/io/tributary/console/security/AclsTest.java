package io.tributary.console.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.console.http.HttpError;
import io.tributary.console.http.Json;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/** The ACL page's JSON into Kafka's bindings and filters. */
class AclsTest {

    @Test
    void aBindingWithKafkasDefaultsForPatternHostAndPermission() throws Exception {
        AclBinding binding = Acls.binding(json("{\"resourceType\":\"topic\",\"resourceName\":\"orders\","
                + "\"principal\":\"User:alice\",\"operation\":\"read\"}"));

        assertThat(binding).isEqualTo(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "orders",
                PatternType.LITERAL), new AccessControlEntry("User:alice", "*", AclOperation.READ,
                AclPermissionType.ALLOW)));
        assertThat(Acls.row(binding)).containsEntry("resourceType", "TOPIC").containsEntry("operation", "READ")
                .containsEntry("patternType", "LITERAL").containsEntry("permissionType", "ALLOW");
    }

    @Test
    void anIncompleteOrUnknownBindingIsABadRequest() {
        assertThatThrownBy(() -> Acls.binding(json("{\"resourceType\":\"TOPIC\",\"resourceName\":\"t\","
                + "\"principal\":\"User:a\"}"))).isInstanceOf(HttpError.class).hasMessageContaining("operation");
        assertThatThrownBy(() -> Acls.binding(json("{\"resourceType\":\"TOPIC\",\"resourceName\":\"t\","
                + "\"principal\":\"User:a\",\"operation\":\"FLY\"}"))).isInstanceOf(HttpError.class)
                .hasMessageContaining("FLY");
        assertThatThrownBy(() -> Acls.binding(json("{\"resourceType\":\"ANY\",\"resourceName\":\"t\","
                + "\"principal\":\"User:a\",\"operation\":\"READ\"}"))).isInstanceOf(HttpError.class);
    }

    @Test
    void aFilterMatchesAnythingWhereAFieldIsMissingOrAny() throws Exception {
        AclBindingFilter filter = Acls.filter(json("{\"resourceType\":\"TOPIC\",\"resourceName\":\"orders\","
                + "\"operation\":\"ANY\",\"principal\":\"\"}"));

        assertThat(filter.patternFilter().resourceType()).isEqualTo(ResourceType.TOPIC);
        assertThat(filter.patternFilter().name()).isEqualTo("orders");
        assertThat(filter.patternFilter().patternType()).isEqualTo(PatternType.ANY);
        assertThat(filter.entryFilter().principal()).isNull();
        assertThat(filter.entryFilter().host()).isNull();
        assertThat(filter.entryFilter().operation()).isEqualTo(AclOperation.ANY);
        assertThat(filter.entryFilter().permissionType()).isEqualTo(AclPermissionType.ANY);
        assertThat(Acls.filter(json("{}"))).isEqualTo(AclBindingFilter.ANY);
    }

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }
}
