package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class AclSetupTest {

    @Test
    void makesExactlyTheCountAskedOfDistinctAclsWithTheBenchOnesFirst() {
        // when
        List<AclBinding> acls = AclSetup.acls(1000, "User:ANONYMOUS", "bench-", "bench-consumer-");

        // then
        assertThat(acls).hasSize(1000);
        assertThat(new HashSet<>(acls)).hasSize(1000);
        assertThat(acls.subList(0, 4)).allSatisfy(acl -> {
            assertThat(acl.entry().principal()).isEqualTo("User:ANONYMOUS");
            assertThat(acl.pattern().patternType()).isEqualTo(PatternType.PREFIXED);
        });
        assertThat(acls).filteredOn(acl -> acl.pattern().resourceType() == ResourceType.GROUP).hasSizeGreaterThan(100);
        assertThat(acls).filteredOn(acl -> acl.pattern().patternType() == PatternType.LITERAL).hasSizeGreaterThan(400);
        assertThat(acls.stream().skip(4)).noneMatch(acl -> acl.entry().principal().equals("User:ANONYMOUS"));
        assertThat(acls).anyMatch(acl -> acl.entry().operation() == AclOperation.WRITE
                && acl.pattern().name().equals("bench-") && !acl.entry().host().equals("*"));
    }

    @Test
    void refusesACountTooSmallForTheBenchItself() {
        assertThatThrownBy(() -> AclSetup.acls(3, "User:ANONYMOUS", "bench-", "g-"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
