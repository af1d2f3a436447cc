package io.tributary.it.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.tools.KafkaToolRunner;
import io.tributary.it.tools.KafkaToolRunner.ToolResult;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kafka.admin.ConfigCommand;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Kafka's own {@code kafka-configs} manages client quotas on Tributary: users, clients, both, defaults, ips. */
class QuotasToolIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    void kafkaConfigsAltersDescribesAndDeletesQuotas() throws Exception {
        ToolResult userAndClient = configs("--entity-type", "users", "--entity-name", "alice",
                "--entity-type", "clients", "--entity-name", "etl", "--alter",
                "--add-config", "producer_byte_rate=5242880,consumer_byte_rate=1048576");
        ToolResult clientDefault = configs("--entity-type", "clients", "--entity-default", "--alter",
                "--add-config", "request_percentage=50");
        ToolResult ip = configs("--entity-type", "ips", "--entity-name", "127.0.0.1", "--alter",
                "--add-config", "connection_creation_rate=100");

        assertThat(userAndClient.exitCode()).as(userAndClient.output()).isZero();
        assertThat(userAndClient.out()).contains("Completed updating config for user alice");
        assertThat(clientDefault.exitCode()).as(clientDefault.output()).isZero();
        assertThat(ip.exitCode()).as(ip.output()).isZero();

        ToolResult clients = configs("--entity-type", "clients", "--describe");
        assertThat(clients.exitCode()).as(clients.output()).isZero();
        assertThat(clients.out()).contains("Quota configs for the default client-id are request_percentage=50.0");
        ToolResult both = configs("--entity-type", "users", "--entity-name", "alice", "--entity-type", "clients",
                "--entity-name", "etl", "--describe");
        assertThat(both.exitCode()).as(both.output()).isZero();
        assertThat(both.out()).contains("Quota configs for user-principal 'alice', client-id 'etl' are")
                .contains("producer_byte_rate=5242880.0").contains("consumer_byte_rate=1048576.0");
        ToolResult ips = configs("--entity-type", "ips", "--describe");
        assertThat(ips.out()).contains("Quota configs for ip '127.0.0.1' are connection_creation_rate=100.0");

        ToolResult deleted = configs("--entity-type", "users", "--entity-name", "alice",
                "--entity-type", "clients", "--entity-name", "etl", "--alter", "--delete-config", "consumer_byte_rate");
        assertThat(deleted.exitCode()).as(deleted.output()).isZero();
        Map<String, String> aliceEtl = new HashMap<>();
        aliceEtl.put(ClientQuotaEntity.USER, "alice");
        aliceEtl.put(ClientQuotaEntity.CLIENT_ID, "etl");
        assertThat(broker.clients().admin().describeClientQuotas(ClientQuotaFilter.all()).entities()
                .get(15, TimeUnit.SECONDS)).containsEntry(new ClientQuotaEntity(aliceEtl),
                Map.of("producer_byte_rate", 5242880.0));
    }

    @Test
    void kafkaConfigsReportsAnInvalidQuota() throws Exception {
        ToolResult fractional = configs("--entity-type", "clients", "--entity-name", "x", "--alter",
                "--add-config", "producer_byte_rate=10.5");

        assertThat(fractional.exitCode()).isNotZero();
        assertThat(fractional.output()).contains("producer_byte_rate cannot be a fractional value.");
    }

    private static ToolResult configs(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "--bootstrap-server";
        all[1] = broker.bootstrapServers();
        System.arraycopy(args, 0, all, 2, args.length);
        return KafkaToolRunner.run(ConfigCommand::main, all);
    }
}
