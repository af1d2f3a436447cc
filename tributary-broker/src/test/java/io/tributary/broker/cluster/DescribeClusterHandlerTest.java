package io.tributary.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.testing.TestContexts;
import io.tributary.broker.testing.TestImages;
import io.tributary.metadata.image.MetadataImage;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeClusterResponseData.DescribeClusterBroker;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.DescribeClusterRequest;
import org.apache.kafka.common.requests.DescribeClusterResponse;
import org.junit.jupiter.api.Test;

class DescribeClusterHandlerTest {

    private final MetadataImage image = TestImages.builder().broker(1, false).broker(2, true).broker(3, false)
            .build();
    private final DescribeClusterHandler handler = new DescribeClusterHandler(
            new ImageClusterView(1, () -> image, () -> OptionalInt.of(3)));

    @Test
    void listsTheLiveBrokersAndTheActiveController() throws Exception {
        // when
        DescribeClusterResponseData response = describe(new DescribeClusterRequestData());

        // then
        assertThat(response.controllerId()).isEqualTo(3);
        assertThat(response.brokers()).extracting(DescribeClusterBroker::brokerId).containsExactlyInAnyOrder(1, 3);
    }

    @Test
    void listsFencedBrokersFlaggedWhenAsked() throws Exception {
        // when
        DescribeClusterResponseData response = describe(new DescribeClusterRequestData().setIncludeFencedBrokers(true));

        // then
        assertThat(response.brokers()).hasSize(3);
        assertThat(response.brokers().find(2).isFenced()).isTrue();
        assertThat(response.brokers().find(1).isFenced()).isFalse();
    }

    private DescribeClusterResponseData describe(DescribeClusterRequestData data) throws Exception {
        short version = 2;
        var action = handler.handle(TestContexts.of(ApiKeys.DESCRIBE_CLUSTER, version, "admin"),
                new DescribeClusterRequest.Builder(data).build(version)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        return ((DescribeClusterResponse) action.response()).data();
    }
}
