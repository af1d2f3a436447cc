package io.tributary.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.tools.KafkaToolRunner;
import io.tributary.it.tools.KafkaToolRunner.ToolResult;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.tools.AclCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code kafka-acls} (Kafka's AclCommand, unmodified) adds, lists and removes ACLs, prefixed patterns included. */
class AclToolIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder()
            .config("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
            .config("super.users", "User:ANONYMOUS")
            .build();

    @Test
    void addsListsAndRemovesPrefixedAndLiteralAcls() throws Exception {
        ToolResult added = acls("--add", "--allow-principal", "User:alice", "--operation", "Read",
                "--operation", "Describe", "--topic", "pay-", "--resource-pattern-type", "prefixed");
        assertThat(added.exitCode()).as(added.output()).isZero();
        ToolResult producer = acls("--add", "--allow-principal", "User:bob", "--producer", "--topic", "orders",
                "--transactional-id", "tx-1");
        assertThat(producer.exitCode()).as(producer.output()).isZero();

        ToolResult prefixed = acls("--list", "--topic", "pay-", "--resource-pattern-type", "prefixed");
        assertThat(prefixed.output()).contains("name=pay-", "patternType=PREFIXED", "principal=User:alice",
                "operation=READ", "operation=DESCRIBE");
        ToolResult matching = acls("--list", "--topic", "pay-eu", "--resource-pattern-type", "match");
        assertThat(matching.output()).contains("name=pay-", "patternType=PREFIXED");
        assertThat(bindings(ResourceType.TOPIC, "orders"))
                .extracting(b -> b.entry().operation())
                .contains(AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.CREATE);
        assertThat(bindings(ResourceType.TRANSACTIONAL_ID, "tx-1")).isNotEmpty();

        ToolResult removed = acls("--remove", "--force", "--topic", "pay-", "--resource-pattern-type", "prefixed");
        assertThat(removed.exitCode()).as(removed.output()).isZero();

        assertThat(bindings(ResourceType.TOPIC, "pay-")).isEmpty();
        assertThat(bindings(ResourceType.TOPIC, "orders")).isNotEmpty();
    }

    private static ToolResult acls(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "--bootstrap-server";
        all[1] = broker.bootstrapServers();
        System.arraycopy(args, 0, all, 2, args.length);
        return KafkaToolRunner.run(AclCommand::main, all);
    }

    private static Collection<AclBinding> bindings(ResourceType type, String name) throws Exception {
        return broker.clients().admin().describeAcls(new AclBindingFilter(
                new ResourcePatternFilter(type, name, PatternType.ANY), AccessControlEntryFilter.ANY))
                .values().get(15, TimeUnit.SECONDS);
    }
}
