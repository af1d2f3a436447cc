package io.tributary.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.testing.TestImages;
import io.tributary.metadata.image.MetadataImage;
import java.util.OptionalInt;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;

class ImageClusterViewTest {

    private final MetadataImage image = TestImages.builder()
            .broker(1, false).broker(2, true).broker(3, false).build();

    @Test
    void liveBrokersAreTheUnfencedOnesWithAnEndpointOnTheListener() {
        // given
        ImageClusterView view = new ImageClusterView(1, () -> image, OptionalInt::empty);

        // when / then
        assertThat(view.aliveBrokers(TestImages.LISTENER)).extracting(Node::id).containsExactly(1, 3);
        assertThat(view.aliveBrokers("OTHER")).isEmpty();
        assertThat(view.broker(3, TestImages.LISTENER)).get()
                .satisfies(node -> assertThat(node.host()).isEqualTo("host-3"));
        assertThat(view.broker(2, TestImages.LISTENER)).isEmpty();
        assertThat(view.isAlive(2)).isFalse();
        assertThat(view.isAlive(4)).isFalse();
        assertThat(view.clusterId()).isEqualTo("test-cluster");
    }

    @Test
    void controllerIsTheActiveControllerOrElseALiveBroker() {
        // given
        ImageClusterView known = new ImageClusterView(1, () -> image, () -> OptionalInt.of(3));
        ImageClusterView unknown = new ImageClusterView(1, () -> image, OptionalInt::empty);

        // when / then
        assertThat(known.controllerId()).isEqualTo(3);
        assertThat(unknown.controllerId()).isIn(1, 3);
    }
}
