package io.tributary.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.embedded.EmbeddedTributaryCluster;
import io.tributary.it.support.Consuming;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TestCertificates;
import io.tributary.it.support.TestClients;
import io.tributary.it.support.TopicNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.SaslConfigs;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Three combined nodes with SASL_SSL everywhere the Kafka protocol runs: clients, replication, the controller
 * channel and transaction markers all authenticate with SCRAM-SHA-512 over TLS (the brokers as user "broker", from
 * tributary.bootstrap.scram.credentials), and sessions expire every few seconds (KIP-368). A partition leader stops;
 * its acknowledged records survive and the producer carries on with the new leader.
 */
class SecureClusterIT {

    @Test
    void replicatesAndFailsOverWithSaslSslEverywhere() throws Exception {
        Path dir = Files.createTempDirectory("tributary-secure-cluster");
        TestCertificates certificates = TestCertificates.create(dir);
        String scram = "org.apache.kafka.common.security.scram.ScramLoginModule required ";
        EmbeddedTributaryCluster.Builder builder = EmbeddedTributaryCluster.builder().nodes(3)
                // The embedded cluster names its broker listener PLAINTEXT; the map makes it speak SASL_SSL.
                .config("listener.security.protocol.map", "PLAINTEXT:SASL_SSL,CONTROLLER:PLAINTEXT")
                .config("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .config("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512")
                // sessions end every few seconds: clients re-authenticate, node-to-node connections are renewed
                .config("connections.max.reauth.ms", 4000)
                .config("listener.name.plaintext.scram-sha-512.sasl.jaas.config",
                        scram + "username=\"broker\" password=\"broker-secret\";")
                .config("tributary.bootstrap.scram.credentials",
                        "SCRAM-SHA-512=[name=broker,password=broker-secret] "
                                + "SCRAM-SHA-512=[name=admin,password=admin-secret]");
        certificates.brokerSsl("").forEach(builder::config);
        Map<String, Object> client = new HashMap<>(certificates.clientSsl("SASL_SSL", false));
        client.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
        client.put(SaslConfigs.SASL_JAAS_CONFIG, scram + "username=\"admin\" password=\"admin-secret\";");

        try (EmbeddedTributaryCluster cluster = builder.start();
             TestClients clients = new TestClients(cluster.bootstrapServers())) {
            // given: a fully replicated topic
            String topic = TopicNames.unique("secure");
            Admin admin = clients.newAdmin(client);
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 3))).all().get();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> describe(admin, topic).partitions().get(0)
                    .isr().size() == 3);
            var producer = clients.producer(client);
            Producing.sendAll(producer, Producing.numbered(topic, 0, "a", 100));

            // when: the leader stops
            int leader = describe(admin, topic).partitions().get(0).leader().id();
            cluster.node(leader).stop();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                var partition = describe(admin, topic).partitions().get(0);
                return partition.leader() != null && partition.leader().id() != leader;
            });
            Producing.sendAll(producer, Producing.numbered(topic, 0, "b", 100));

            // then
            var records = Consuming.readFromBeginning(clients.consumer(client), Consuming.partitions(topic, 1), 200);
            assertThat(Consuming.values(records)).containsExactlyElementsOf(concat(
                    Producing.numberedValues("a", 0, 100), Producing.numberedValues("b", 0, 100)));
        }
    }

    private static TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
