package io.tributary.it.groups;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Groups;
import io.tributary.it.support.RawKafkaConnection;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListConsumerGroupsOptions;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.LeaveGroupResponse;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LeaveGroup at every version a client may send. librdkafka (kcat, confluent-kafka, node-rdkafka) sends v0-1, which
 * name the member at the top level; the Java consumer sends v5, a list. Either way the member is gone at once.
 */
class LeaveGroupVersionsIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @ParameterizedTest(name = "LeaveGroup v{0}")
    @ValueSource(shorts = {0, 1, 2, 3, 4, 5})
    void memberLeavesTheGroupAtOnce(short version) throws Exception {
        // given the only member of a classic group
        TopicPartition partition = newPartition("leave-v" + version);
        String group = Groups.uniqueGroupId("leave-v" + version);
        try (RawKafkaConnection connection = RawKafkaConnection.open("localhost", broker.port())) {
            RawClassicMember member = joined(connection, group, partition);

            // when
            LeaveGroupResponse response = member.leave(version);

            // then the answer has the version's shape, and the group is empty at once (not after the session timeout)
            assertThat(response.error()).isEqualTo(Errors.NONE);
            if (version >= 3) {
                assertThat(response.memberResponses()).singleElement()
                        .satisfies(m -> assertThat(m.memberId()).isEqualTo(member.memberId()));
            } else {
                assertThat(response.memberResponses()).isEmpty();
            }
            ConsumerGroupDescription description = Groups.describe(broker.clients().admin(), group);
            assertThat(description.members()).isEmpty();
            assertThat(description.groupState()).isEqualTo(GroupState.EMPTY);
            assertThat(Groups.list(broker.clients().admin(), new ListConsumerGroupsOptions()))
                    .filteredOn(listing -> listing.groupId().equals(group))
                    .singleElement().satisfies(listing -> assertThat(listing.groupState()).contains(GroupState.EMPTY));
        }
    }

    @ParameterizedTest(name = "OffsetCommit v{0} after leaving")
    @ValueSource(shorts = {2, 7, 9})
    void memberThatLeftCannotCommit(short commitVersion) throws Exception {
        // given a member that committed once and then left (as librdkafka does, with LeaveGroup v1)
        TopicPartition partition = newPartition("left-commit-v" + commitVersion);
        String group = Groups.uniqueGroupId("left-commit-v" + commitVersion);
        try (RawKafkaConnection connection = RawKafkaConnection.open("localhost", broker.port())) {
            RawClassicMember member = joined(connection, group, partition);
            int generation = member.generationId();
            assertThat(member.commit(commitVersion, member.memberId(), generation, partition, 5)).isEqualTo(Errors.NONE);
            assertThat(member.leave((short) 1).error()).isEqualTo(Errors.NONE);

            // when its old member id and generation commit again
            Errors afterLeaving = member.commit(commitVersion, member.memberId(), generation, partition, 9);

            // then the commit is refused and not stored
            assertThat(afterLeaving).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
            assertThat(Groups.committedPositions(broker.clients().admin(), group))
                    .containsExactlyEntriesOf(Map.of(partition, 5L));
        }
    }

    @ParameterizedTest(name = "LeaveGroup v{0} by an unknown member")
    @ValueSource(shorts = {0, 1, 2, 3, 5})
    void unknownMemberIsToldSo(short version) throws Exception {
        // given a group with one member
        TopicPartition partition = newPartition("leave-unknown-v" + version);
        String group = Groups.uniqueGroupId("leave-unknown-v" + version);
        try (RawKafkaConnection connection = RawKafkaConnection.open("localhost", broker.port())) {
            RawClassicMember member = joined(connection, group, partition);

            // when a member id the group never had leaves
            LeaveGroupResponse response = member.leave(version, "ghost");

            // then (v0-2 at the top level, v3+ per member) and the real member stays
            assertThat(response.error()).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
            assertThat(response.topLevelError()).isEqualTo(version >= 3 ? Errors.NONE : Errors.UNKNOWN_MEMBER_ID);
            assertThat(Groups.describe(broker.clients().admin(), group).members()).hasSize(1);
        }
    }

    private static RawClassicMember joined(RawKafkaConnection connection, String group, TopicPartition partition)
            throws Exception {
        RawClassicMember member = new RawClassicMember(connection, group);
        member.awaitCoordinator();
        member.joinAndSync(partition);
        return member;
    }

    private static TopicPartition newPartition(String purpose) throws Exception {
        String topic = TopicNames.unique(purpose);
        broker.createTopic(topic, 1);
        return new TopicPartition(topic, 0);
    }
}
