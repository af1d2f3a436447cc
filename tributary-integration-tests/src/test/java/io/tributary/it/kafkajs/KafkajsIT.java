package io.tributary.it.kafkajs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.Map;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Groups;
import io.tributary.it.support.NodeScenarios;
import io.tributary.it.support.TopicNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * KafkaJS 2.x, the most used pure-JavaScript client, against the broker: it speaks old protocol versions (EndTxn v1,
 * LeaveGroup v0-3) and knows only the error codes those versions define. The scenarios are in
 * {@code src/test/kafkajs/scenarios.js}; skipped unless {@code npm ci} was run there ({@code .ci/run} does it).
 */
class KafkajsIT {

    private static final NodeScenarios SCENARIOS = new NodeScenarios("src/test/kafkajs", "node_modules/kafkajs");
    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @BeforeAll
    static void kafkajsInstalled() {
        assumeThat(SCENARIOS.installed()).as(SCENARIOS.installHint()).isTrue();
    }

    @Test
    void fencedTransactionalProducerIsToldInTermsItKnows() throws Exception {
        // given a topic, and two KafkaJS transactional producers with the same transactional id
        String topic = TopicNames.unique("kafkajs-fenced");
        broker.createTopic(topic, 1);

        // when the first one commits after the second initialized
        Map<String, String> seen = run("fenced-transaction", topic);

        // then KafkaJS recognises the fencing (INVALID_PRODUCER_EPOCH for its EndTxn v1), not "Unknown error code 90"
        assertThat(seen).containsEntry("currentCommit", "ok");
        assertThat(seen.get("zombieCommit")).contains("INVALID_PRODUCER_EPOCH").doesNotContain("Unknown error");
    }

    @Test
    void consumerThatDisconnectsLeavesItsGroupAtOnce() throws Exception {
        // given
        String topic = TopicNames.unique("kafkajs-group");
        String group = Groups.uniqueGroupId("kafkajs");

        // when a KafkaJS admin creates the topic, a producer writes, and a member reads and disconnects
        Map<String, String> seen = run("group-leave", topic, group);

        // then the group is empty at once (the member's session is 60 s) and can be deleted
        assertThat(seen).containsEntry("created", "true")
                .containsEntry("read", "a,b,c")
                .containsEntry("groupState", "Empty")
                .containsEntry("groupMembers", "0")
                .containsEntry("committed", "3")
                .containsEntry("deleted", "ok");
    }

    private static Map<String, String> run(String scenario, String... args) throws Exception {
        return SCENARIOS.run(Map.of(), scenario, broker.bootstrapServers(), args);
    }
}
