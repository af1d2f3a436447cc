package io.tributary.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.cluster.ImageClusterView;
import io.tributary.broker.partition.TopicLookup;
import io.tributary.broker.testing.FakeControllerChannel;
import io.tributary.broker.testing.TestContexts;
import io.tributary.broker.testing.TestImages;
import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.coordinator.transaction.TransactionCoordinator;
import io.tributary.metadata.image.MetadataImage;
import java.lang.reflect.Proxy;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData.Coordinator;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.FindCoordinatorRequest.CoordinatorType;
import org.apache.kafka.common.requests.FindCoordinatorResponse;
import org.junit.jupiter.api.Test;

class FindCoordinatorHandlerTest {

    private static final Uuid OFFSETS_ID = Uuid.randomUuid();

    @Test
    void answersTheLeaderOfTheGroupsPartition() throws Exception {
        // given partition 0 of __consumer_offsets is led by broker 2
        Coordinator coordinator = find(offsetsLedBy(2), Set.of());

        // then
        assertThat(coordinator.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(coordinator.nodeId()).isEqualTo(2);
        assertThat(coordinator.host()).isEqualTo("host-2");
        assertThat(coordinator.port()).isEqualTo(9002);
    }

    @Test
    void answersThisBrokerOnlyOnceItsShardIsLoaded() throws Exception {
        assertThat(find(offsetsLedBy(1), Set.of()).errorCode())
                .isEqualTo(Errors.COORDINATOR_NOT_AVAILABLE.code());
        assertThat(find(offsetsLedBy(1), Set.of(0)).nodeId()).isEqualTo(1);
    }

    @Test
    void aPartitionWithoutLeaderHasNoCoordinator() throws Exception {
        assertThat(find(offsetsLedBy(-1), Set.of(0)).errorCode()).isEqualTo(Errors.COORDINATOR_NOT_AVAILABLE.code());
    }

    private static MetadataImage offsetsLedBy(int leader) {
        return TestImages.builder().broker(1, false).broker(2, false)
                .topic(Topic.GROUP_METADATA_TOPIC_NAME, OFFSETS_ID)
                .partition(OFFSETS_ID, 0, new int[] {1, 2}, new int[] {1, 2}, leader, 3)
                .build();
    }

    private static Coordinator find(MetadataImage image, Set<Integer> loaded) throws Exception {
        TopicLookup topics = new TopicLookup(() -> image);
        FindCoordinatorHandler handler = new FindCoordinatorHandler(coordinator(GroupCoordinator.class, loaded),
                coordinator(TransactionCoordinator.class, loaded),
                new InternalTopics(new FakeControllerChannel(), topics, null, null),
                new ImageClusterView(1, () -> image, () -> OptionalInt.of(1)), topics);
        short version = 4;
        FindCoordinatorRequest request = new FindCoordinatorRequest.Builder(new FindCoordinatorRequestData()
                .setKeyType(CoordinatorType.GROUP.id())
                .setCoordinatorKeys(java.util.List.of("group-a"))).build(version);
        var action = handler.handle(TestContexts.of(ApiKeys.FIND_COORDINATOR, version, "client"), request)
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        return ((FindCoordinatorResponse) action.response()).data().coordinators().get(0);
    }

    /** Only what FindCoordinator asks: every key maps to partition 0, loaded as given. */
    private static <T> T coordinator(Class<T> type, Set<Integer> loaded) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "partitionFor" -> 0;
                    case "isActive" -> loaded.contains((Integer) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                }));
    }
}
