package io.tributary.it.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.TopicNames;
import io.tributary.it.tools.KafkaToolRunner.ToolResult;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.tools.FeatureCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kafka-features}: describe the finalized features, downgrade transaction.version (KIP-890) and upgrade it
 * back (UpdateFeatures), refuse a level this broker does not support; a Kafka 4 transactional producer works at
 * either level.
 */
class FeaturesToolIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    void transactionVersionIsDowngradedAndUpgradedWithTheOfficialTool() throws Exception {
        // given a new cluster: transaction.version finalized at 2
        assertThat(features("describe").out()).containsPattern(
                "Feature: transaction.version\\s+SupportedMinVersion: 0\\s+SupportedMaxVersion: 2\\s+"
                        + "FinalizedVersionLevel: 2");

        // when it is downgraded to 1, and a too-high level is asked for
        ToolResult downgrade = features("downgrade", "--feature", "transaction.version=1");
        ToolResult tooHigh = features("upgrade", "--feature", "transaction.version=3");

        // then the downgrade is finalized, and the others are refused with Kafka's reasons
        assertThat(downgrade.exitCode()).as(downgrade.output()).isZero();
        assertThat(finalizedTransactionVersion()).isEqualTo((short) 1);
        assertThat(tooHigh.exitCode()).isNotZero();
        assertThat(tooHigh.output()).contains("only supports versions [0-2]");

        // and a Kafka 4 transactional producer commits at level 1, then again after the upgrade back to 2
        commitOneTransaction();
        ToolResult upgrade = features("upgrade", "--feature", "transaction.version=2");
        assertThat(upgrade.exitCode()).as(upgrade.output()).isZero();
        assertThat(finalizedTransactionVersion()).isEqualTo((short) 2);
        commitOneTransaction();

        // and an "upgrade" to a lower level is refused: a downgrade must say so
        ToolResult upgradeDown = features("upgrade", "--feature", "transaction.version=1");
        assertThat(upgradeDown.exitCode()).isNotZero();
        assertThat(upgradeDown.output()).contains("Can't downgrade the version of this feature");
        assertThat(finalizedTransactionVersion()).isEqualTo((short) 2);
    }

    @Test
    void eligibleLeaderReplicasAreFinalizedAtOneAndCanBeSwitchedOffAndOnAgain() throws Exception {
        // given a new cluster: eligible.leader.replicas.version finalized at 1, as Kafka 4.1+ formats one
        assertThat(features("describe").out()).containsPattern(
                "Feature: eligible.leader.replicas.version\\s+SupportedMinVersion: 0\\s+SupportedMaxVersion: 1\\s+"
                        + "FinalizedVersionLevel: 1");

        // when it is disabled, then upgraded back
        ToolResult disable = features("disable", "--feature", "eligible.leader.replicas.version");
        short disabled = finalizedLevel("eligible.leader.replicas.version");
        ToolResult upgrade = features("upgrade", "--feature", "eligible.leader.replicas.version=1");

        // then
        assertThat(disable.exitCode()).as(disable.output()).isZero();
        assertThat(disabled).isZero();
        assertThat(upgrade.exitCode()).as(upgrade.output()).isZero();
        assertThat(finalizedLevel("eligible.leader.replicas.version")).isEqualTo((short) 1);
    }

    private static short finalizedLevel(String feature) throws Exception {
        try (Admin admin = broker.clients().newAdmin(Map.of())) {
            FeatureMetadata metadata = admin.describeFeatures().featureMetadata().get(15, TimeUnit.SECONDS);
            var finalized = metadata.finalizedFeatures().get(feature);
            return finalized == null ? 0 : finalized.maxVersionLevel();
        }
    }

    private static ToolResult features(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "--bootstrap-server";
        all[1] = broker.bootstrapServers();
        System.arraycopy(args, 0, all, 2, args.length);
        return KafkaToolRunner.run(FeatureCommand::main, all);
    }

    private static short finalizedTransactionVersion() throws Exception {
        try (Admin admin = broker.clients().newAdmin(Map.of())) {
            FeatureMetadata metadata = admin.describeFeatures().featureMetadata().get(15, TimeUnit.SECONDS);
            return metadata.finalizedFeatures().get("transaction.version").maxVersionLevel();
        }
    }

    private static void commitOneTransaction() throws Exception {
        String topic = TopicNames.unique("features-txn");
        broker.createTopic(topic, 1);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "features-" + topic,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000),
                new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "v")).get(15, TimeUnit.SECONDS);
            producer.commitTransaction();
        }
    }
}
