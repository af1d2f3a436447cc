package io.tributary.it.share;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Producing;
import io.tributary.it.support.RawKafkaConnection;
import io.tributary.it.support.TopicNames;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.ShareAcknowledgeRequestData;
import org.apache.kafka.common.message.ShareFetchRequestData;
import org.apache.kafka.common.message.ShareFetchResponseData;
import org.apache.kafka.common.message.ShareGroupHeartbeatRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.FindCoordinatorResponse;
import org.apache.kafka.common.requests.ShareAcknowledgeRequest;
import org.apache.kafka.common.requests.ShareAcknowledgeResponse;
import org.apache.kafka.common.requests.ShareFetchRequest;
import org.apache.kafka.common.requests.ShareFetchResponse;
import org.apache.kafka.common.requests.ShareGroupHeartbeatRequest;
import org.apache.kafka.common.requests.ShareGroupHeartbeatResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Share group protocol details with raw requests: versions and features, sessions, fencing and their errors. */
class ShareProtocolIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    private final AtomicInteger correlation = new AtomicInteger();

    @Test
    void apiVersionsAdvertisesTheShareApisAndTheShareVersionFeature() throws Exception {
        try (RawKafkaConnection connection = connect()) {
            ApiVersionsResponseData data = this.<ApiVersionsResponse>call(connection,
                    new ApiVersionsRequest.Builder().build((short) 4), ApiKeys.API_VERSIONS).data();
            assertThat(range(data, ApiKeys.SHARE_GROUP_HEARTBEAT)).containsExactly(1, 1);
            assertThat(range(data, ApiKeys.SHARE_GROUP_DESCRIBE)).containsExactly(1, 1);
            assertThat(range(data, ApiKeys.SHARE_FETCH)).containsExactly(1, 2);
            assertThat(range(data, ApiKeys.SHARE_ACKNOWLEDGE)).containsExactly(1, 2);
            assertThat(range(data, ApiKeys.DESCRIBE_SHARE_GROUP_OFFSETS)).containsExactly(0, 1);
            assertThat(range(data, ApiKeys.ALTER_SHARE_GROUP_OFFSETS)).containsExactly(0, 0);
            assertThat(range(data, ApiKeys.DELETE_SHARE_GROUP_OFFSETS)).containsExactly(0, 0);
            assertThat(data.apiKeys().find(ApiKeys.WRITE_SHARE_GROUP_STATE.id)).isNull(); // inter-broker only
            assertThat(data.supportedFeatures().find("share.version").maxVersion()).isEqualTo((short) 1);
            assertThat(data.finalizedFeatures().find("share.version").maxVersionLevel()).isEqualTo((short) 1);
            assertThat(data.finalizedFeaturesEpoch()).isNotNegative();
        }
    }

    @Test
    void membershipErrorsAreKafkas() throws Exception {
        String group = "proto-" + TopicNames.unique("hb");
        String topic = TopicNames.unique("share-hb");
        broker.createTopic(topic, 2);
        try (RawKafkaConnection connection = connect()) {
            awaitCoordinator(connection, (byte) 0, group);
            ShareGroupHeartbeatResponse joined = heartbeat(connection, group, "m1", 0, List.of(topic));
            assertThat(joined.data().errorCode()).isZero();
            assertThat(joined.data().memberEpoch()).isPositive();
            assertThat(joined.data().assignment().topicPartitions()).hasSize(1);
            assertThat(joined.data().assignment().topicPartitions().get(0).partitions()).containsExactlyInAnyOrder(0, 1);
            int epoch = joined.data().memberEpoch();

            assertThat(heartbeat(connection, group, "m1", epoch + 7, null).data().errorCode())
                    .isEqualTo(Errors.FENCED_MEMBER_EPOCH.code());
            assertThat(heartbeat(connection, group, "nobody", 3, null).data().errorCode())
                    .isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
            assertThat(heartbeat(connection, "no-such-" + group, "m1", 3, null).data().errorCode())
                    .isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
            assertThat(heartbeat(connection, group, "m2", 0, List.of()).data().errorCode())
                    .isEqualTo(Errors.INVALID_REQUEST.code());
            assertThat(heartbeat(connection, group, "m1", epoch, null).data().errorCode()).isZero();
            ShareGroupHeartbeatResponse left = heartbeat(connection, group, "m1", -1, null);
            assertThat(left.data().errorCode()).isZero();
            assertThat(left.data().memberEpoch()).isEqualTo(-1);
        }
    }

    @Test
    void shareSessionsAndAcknowledgementsAnswerWithKafkasErrors() throws Exception {
        String topic = TopicNames.unique("share-session");
        Uuid topicId = broker.createTopic(topic, 1);
        String group = "session-" + topic;
        ShareConsumers.startAtEarliest(broker.clients().admin(), group);
        Producing.sendAll(broker.clients().producer(), Producing.numbered(topic, 0, "s", 3));
        try (RawKafkaConnection connection = connect()) {
            // no session yet
            assertThat(fetch(connection, group, "m", 4, topicId).data().errorCode())
                    .isEqualTo(Errors.SHARE_SESSION_NOT_FOUND.code());
            // opening (waiting while the share-partition state loads): the three records are acquired
            ShareFetchResponseData opened = fetch(connection, group, "m", 0, topicId, 10_000).data();
            assertThat(opened.errorCode()).isZero();
            ShareFetchResponseData.PartitionData partition = opened.responses().iterator().next().partitions().get(0);
            assertThat(partition.acquiredRecords()).hasSize(1);
            assertThat(partition.acquiredRecords().get(0).firstOffset()).isZero();
            assertThat(partition.acquiredRecords().get(0).lastOffset()).isEqualTo(2);
            assertThat(opened.acquisitionLockTimeoutMs()).isEqualTo(30_000);
            // the next request must carry epoch 1
            assertThat(fetch(connection, group, "m", 5, topicId).data().errorCode())
                    .isEqualTo(Errors.INVALID_SHARE_SESSION_EPOCH.code());
            // ShareAcknowledge can't open a session
            assertThat(acknowledge(connection, group, "m", 0, topicId, 0, 0).data().errorCode())
                    .isEqualTo(Errors.INVALID_SHARE_SESSION_EPOCH.code());
            // another member can't acknowledge what "m" holds
            fetch(connection, group, "other", 0, topicId);
            ShareAcknowledgeResponse foreign = acknowledge(connection, group, "other", 1, topicId, 0, 0);
            assertThat(foreign.data().responses().iterator().next().partitions().get(0).errorCode())
                    .isEqualTo(Errors.INVALID_RECORD_STATE.code());
            // "m" accepts offset 0 in the session's next epoch
            ShareAcknowledgeResponse accepted = acknowledge(connection, group, "m", 1, topicId, 0, 0);
            assertThat(accepted.data().errorCode()).isZero();
            assertThat(accepted.data().responses().iterator().next().partitions().get(0).errorCode()).isZero();
            // acknowledging it again: no longer acquired
            ShareAcknowledgeResponse twice = acknowledge(connection, group, "m", 2, topicId, 0, 0);
            assertThat(twice.data().responses().iterator().next().partitions().get(0).errorCode())
                    .isEqualTo(Errors.INVALID_RECORD_STATE.code());
            // closing the session (epoch -1) with its last acknowledgements
            assertThat(acknowledge(connection, group, "m", -1, topicId, 1, 2).data().errorCode()).isZero();
        }
    }

    @Test
    void findCoordinatorFindsTheShareCoordinator() throws Exception {
        try (RawKafkaConnection connection = connect()) {
            // the first request creates __share_group_state; the coordinator is there once its partition loaded
            FindCoordinatorResponse found = awaitCoordinator(connection, (byte) 2, "g:" + Uuid.randomUuid() + ":0");
            assertThat(found.data().coordinators().get(0).nodeId()).isEqualTo(broker.nodeId());
        }
    }

    /** FindCoordinator until it names a coordinator (the first request creates the internal topic). */
    private FindCoordinatorResponse awaitCoordinator(RawKafkaConnection connection, byte keyType, String key)
            throws Exception {
        FindCoordinatorResponse found = null;
        for (int i = 0; i < 100; i++) {
            found = call(connection, new FindCoordinatorRequest.Builder(new FindCoordinatorRequestData()
                    .setKeyType(keyType).setCoordinatorKeys(List.of(key))).build((short) 6), ApiKeys.FIND_COORDINATOR);
            if (found.data().coordinators().get(0).errorCode() == 0) {
                return found;
            }
            Thread.sleep(100);
        }
        assertThat(found.data().coordinators().get(0).errorCode()).isZero();
        return found;
    }

    private ShareGroupHeartbeatResponse heartbeat(RawKafkaConnection connection, String group, String member,
                                                  int epoch, List<String> topics) throws Exception {
        return call(connection, new ShareGroupHeartbeatRequest.Builder(new ShareGroupHeartbeatRequestData()
                .setGroupId(group).setMemberId(member).setMemberEpoch(epoch).setSubscribedTopicNames(topics))
                .build((short) 1), ApiKeys.SHARE_GROUP_HEARTBEAT);
    }

    private ShareFetchResponse fetch(RawKafkaConnection connection, String group, String member, int epoch,
                                     Uuid topicId) throws Exception {
        return fetch(connection, group, member, epoch, topicId, 0);
    }

    private ShareFetchResponse fetch(RawKafkaConnection connection, String group, String member, int epoch,
                                     Uuid topicId, int maxWaitMs) throws Exception {
        ShareFetchRequestData data = new ShareFetchRequestData().setGroupId(group).setMemberId(member)
                .setShareSessionEpoch(epoch).setMaxWaitMs(maxWaitMs).setMinBytes(1).setMaxBytes(1 << 20)
                .setMaxRecords(500).setBatchSize(500);
        if (epoch == 0) {
            ShareFetchRequestData.FetchTopic topic = new ShareFetchRequestData.FetchTopic().setTopicId(topicId);
            topic.partitions().add(new ShareFetchRequestData.FetchPartition().setPartitionIndex(0));
            data.topics().add(topic);
        }
        return call(connection, new ShareFetchRequest.Builder(data).build((short) 2), ApiKeys.SHARE_FETCH);
    }

    private ShareAcknowledgeResponse acknowledge(RawKafkaConnection connection, String group, String member,
                                                 int epoch, Uuid topicId, long first, long last) throws Exception {
        ShareAcknowledgeRequestData data = new ShareAcknowledgeRequestData().setGroupId(group).setMemberId(member)
                .setShareSessionEpoch(epoch);
        ShareAcknowledgeRequestData.AcknowledgeTopic topic = new ShareAcknowledgeRequestData.AcknowledgeTopic()
                .setTopicId(topicId);
        topic.partitions().add(new ShareAcknowledgeRequestData.AcknowledgePartition().setPartitionIndex(0)
                .setAcknowledgementBatches(List.of(new ShareAcknowledgeRequestData.AcknowledgementBatch()
                        .setFirstOffset(first).setLastOffset(last).setAcknowledgeTypes(List.of((byte) 1)))));
        data.topics().add(topic);
        return call(connection, new ShareAcknowledgeRequest.Builder(data).build((short) 2), ApiKeys.SHARE_ACKNOWLEDGE);
    }

    private <R extends AbstractResponse> R call(RawKafkaConnection connection, AbstractRequest request,
                                                ApiKeys api) throws Exception {
        return connection.roundTrip(request, RawKafkaConnection.header(api, request.version(),
                correlation.incrementAndGet()));
    }

    private static List<Integer> range(ApiVersionsResponseData data, ApiKeys api) {
        ApiVersionsResponseData.ApiVersion version = data.apiKeys().find(api.id);
        assertThat(version).as(api.name).isNotNull();
        return List.of((int) version.minVersion(), (int) version.maxVersion());
    }

    private static RawKafkaConnection connect() throws Exception {
        return RawKafkaConnection.open("localhost", broker.port());
    }
}
