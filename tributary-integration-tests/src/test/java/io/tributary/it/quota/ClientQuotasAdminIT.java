package io.tributary.it.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.embedded.EmbeddedTributary;
import io.tributary.it.support.TestClients;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterClientQuotasOptions;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.quota.ClientQuotaFilterComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AlterClientQuotas / DescribeClientQuotas through the Admin client, as {@code kafka-configs --entity-type users
 * --entity-type clients} uses them: set, describe with filters, remove, Kafka's validation errors, and the quotas
 * surviving a restart (they live in the metadata log).
 */
class ClientQuotasAdminIT {

    private static EmbeddedTributary broker;
    private static TestClients clients;

    @BeforeAll
    static void start() {
        Map<String, String> config = new HashMap<>();
        config.put("listeners", "PLAINTEXT://localhost:0");
        broker = EmbeddedTributary.builder().config(config).start();
        clients = new TestClients(broker.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        if (clients != null) {
            clients.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void setDescribeAndRemoveQuotasOfUsersClientsAndDefaults() throws Exception {
        Admin admin = clients.admin();
        ClientQuotaEntity alice = entity("alice", "app-1");
        ClientQuotaEntity defaultUser = entity(null, "<none>");
        ClientQuotaEntity defaultClient = clientOnly(null);

        // when quotas are set for user+client-id, the default user, and the default client-id
        alter(admin, false,
                new ClientQuotaAlteration(alice, List.of(op("producer_byte_rate", 1024.0),
                        op("consumer_byte_rate", 2048.0))),
                new ClientQuotaAlteration(defaultUser, List.of(op("request_percentage", 50.5))),
                new ClientQuotaAlteration(defaultClient, List.of(op("controller_mutation_rate", 10.0))));

        // then describing everything shows each entity with its values
        Map<ClientQuotaEntity, Map<String, Double>> all = describe(admin, ClientQuotaFilter.all());
        assertThat(all).containsEntry(alice, Map.of("producer_byte_rate", 1024.0, "consumer_byte_rate", 2048.0))
                .containsEntry(defaultUser, Map.of("request_percentage", 50.5))
                .containsEntry(defaultClient, Map.of("controller_mutation_rate", 10.0));

        // and filters match as Kafka's do: exact names, defaults, and strict
        assertThat(describe(admin, ClientQuotaFilter.containsOnly(List.of(
                ClientQuotaFilterComponent.ofEntity(ClientQuotaEntity.USER, "alice"),
                ClientQuotaFilterComponent.ofEntity(ClientQuotaEntity.CLIENT_ID, "app-1")))))
                .containsOnlyKeys(alice);
        assertThat(describe(admin, ClientQuotaFilter.containsOnly(List.of(
                ClientQuotaFilterComponent.ofDefaultEntity(ClientQuotaEntity.USER)))))
                .containsOnlyKeys(defaultUser);
        assertThat(describe(admin, ClientQuotaFilter.contains(List.of(
                ClientQuotaFilterComponent.ofEntityType(ClientQuotaEntity.CLIENT_ID)))))
                .containsKeys(alice, defaultClient).doesNotContainKey(defaultUser);

        // when one key is removed and another entity loses its only key
        alter(admin, false,
                new ClientQuotaAlteration(alice, List.of(op("consumer_byte_rate", null))),
                new ClientQuotaAlteration(defaultClient, List.of(op("controller_mutation_rate", null))));

        // then the removed key and the emptied entity are gone
        Map<ClientQuotaEntity, Map<String, Double>> after = describe(admin, ClientQuotaFilter.all());
        assertThat(after).containsEntry(alice, Map.of("producer_byte_rate", 1024.0))
                .doesNotContainKey(defaultClient);

        // and validate-only changes nothing
        alter(admin, true, new ClientQuotaAlteration(alice, List.of(op("producer_byte_rate", 4096.0))));
        assertThat(describe(admin, ClientQuotaFilter.all())).containsEntry(alice, Map.of("producer_byte_rate", 1024.0));

        // and the quotas survive a restart: they are records of the metadata log
        clients.close();
        broker.restart();
        clients = new TestClients(broker.bootstrapServers());
        assertThat(describe(clients.admin(), ClientQuotaFilter.all()))
                .containsEntry(alice, Map.of("producer_byte_rate", 1024.0))
                .containsEntry(defaultUser, Map.of("request_percentage", 50.5))
                .doesNotContainKey(defaultClient);
    }

    @Test
    void invalidAlterationsAreRefusedWithKafkasErrorsAndLeaveOtherEntitiesAlone() throws Exception {
        Admin admin = clients.admin();
        ClientQuotaEntity unknownKey = clientOnly("bad-key");
        ClientQuotaEntity fractional = clientOnly("fractional");
        ClientQuotaEntity negative = clientOnly("negative");
        ClientQuotaEntity ipWithUser = new ClientQuotaEntity(Map.of(ClientQuotaEntity.IP, "127.0.0.1",
                ClientQuotaEntity.USER, "bob"));
        ClientQuotaEntity ipWithByteRate = new ClientQuotaEntity(Map.of(ClientQuotaEntity.IP, "127.0.0.1"));
        ClientQuotaEntity good = clientOnly("good-client");

        var result = admin.alterClientQuotas(List.of(
                new ClientQuotaAlteration(unknownKey, List.of(op("not_a_quota", 1.0))),
                new ClientQuotaAlteration(fractional, List.of(op("producer_byte_rate", 10.5))),
                new ClientQuotaAlteration(negative, List.of(op("consumer_byte_rate", -1.0))),
                new ClientQuotaAlteration(ipWithUser, List.of(op("connection_creation_rate", 10.0))),
                new ClientQuotaAlteration(ipWithByteRate, List.of(op("producer_byte_rate", 10.0))),
                new ClientQuotaAlteration(good, List.of(op("producer_byte_rate", 100.0)))));

        assertRefused(result.values().get(unknownKey), "Invalid configuration key not_a_quota");
        assertRefused(result.values().get(fractional), "producer_byte_rate cannot be a fractional value.");
        assertRefused(result.values().get(negative), "Quota consumer_byte_rate must be greater than 0");
        assertRefused(result.values().get(ipWithUser), "IP entity should not be combined with User or ClientId");
        assertRefused(result.values().get(ipWithByteRate), "Invalid configuration key producer_byte_rate");
        result.values().get(good).get(15, TimeUnit.SECONDS);
        assertThat(describe(admin, ClientQuotaFilter.all())).containsEntry(good, Map.of("producer_byte_rate", 100.0))
                .doesNotContainKeys(unknownKey, fractional, negative, ipWithUser, ipWithByteRate);

        // an ip entity takes connection_creation_rate
        ClientQuotaEntity ip = new ClientQuotaEntity(Map.of(ClientQuotaEntity.IP, "127.0.0.2"));
        alter(admin, false, new ClientQuotaAlteration(ip, List.of(op("connection_creation_rate", 5.0))));
        assertThat(describe(admin, ClientQuotaFilter.containsOnly(List.of(
                ClientQuotaFilterComponent.ofEntityType(ClientQuotaEntity.IP))))).containsEntry(ip,
                Map.of("connection_creation_rate", 5.0));
    }

    @Test
    void aFilterMixingIpWithUserFailsTheDescribe() {
        assertThatThrownBy(() -> clients.admin().describeClientQuotas(ClientQuotaFilter.contains(List.of(
                ClientQuotaFilterComponent.ofEntityType(ClientQuotaEntity.IP),
                ClientQuotaFilterComponent.ofEntity(ClientQuotaEntity.USER, "alice")))).entities()
                .get(15, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("IP filter component should not be used with user or clientId");
    }

    private static void assertRefused(org.apache.kafka.common.KafkaFuture<Void> future, String message) {
        assertThatThrownBy(() -> future.get(15, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(InvalidRequestException.class).hasMessageContaining(message);
    }

    private static void alter(Admin admin, boolean validateOnly, ClientQuotaAlteration... alterations)
            throws Exception {
        admin.alterClientQuotas(List.of(alterations), new AlterClientQuotasOptions().validateOnly(validateOnly))
                .all().get(15, TimeUnit.SECONDS);
    }

    private static Map<ClientQuotaEntity, Map<String, Double>> describe(Admin admin, ClientQuotaFilter filter)
            throws Exception {
        return admin.describeClientQuotas(filter).entities().get(15, TimeUnit.SECONDS);
    }

    private static ClientQuotaAlteration.Op op(String key, Double value) {
        return new ClientQuotaAlteration.Op(key, value);
    }

    /** A user entity with a client id; "<none>" leaves the client id out, null names the default. */
    private static ClientQuotaEntity entity(String user, String clientId) {
        Map<String, String> entries = new HashMap<>();
        entries.put(ClientQuotaEntity.USER, user);
        if (!"<none>".equals(clientId)) {
            entries.put(ClientQuotaEntity.CLIENT_ID, clientId);
        }
        return new ClientQuotaEntity(entries);
    }

    private static ClientQuotaEntity clientOnly(String clientId) {
        Map<String, String> entries = new HashMap<>();
        entries.put(ClientQuotaEntity.CLIENT_ID, clientId);
        return new ClientQuotaEntity(entries);
    }
}
