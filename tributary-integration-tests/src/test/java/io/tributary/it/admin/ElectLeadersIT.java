package io.tributary.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.support.EmbeddedBroker;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ElectionNotNeededException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ElectLeadersIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    void preferredElectionIsNotNeededOnASingleBrokerAndUnknownPartitionsAreReported() throws Exception {
        // given
        broker.createTopic("elect", 1);
        TopicPartition existing = new TopicPartition("elect", 0);
        TopicPartition missing = new TopicPartition("elect", 5);

        // when
        Map<TopicPartition, Optional<Throwable>> results = broker.clients().admin()
                .electLeaders(ElectionType.PREFERRED, Set.of(existing, missing))
                .partitions().get(15, TimeUnit.SECONDS);

        // then
        assertThat(results.get(existing)).containsInstanceOf(ElectionNotNeededException.class);
        assertThat(results.get(missing)).containsInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void electingAllPartitionsReportsNothingToDo() throws Exception {
        // when
        Map<TopicPartition, Optional<Throwable>> results = broker.clients().admin()
                .electLeaders(ElectionType.PREFERRED, null).partitions().get(15, TimeUnit.SECONDS);

        // then
        assertThat(results).isEmpty();
    }
}
