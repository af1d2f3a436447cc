package io.tributary.broker.testing;

import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.replay.MetadataReplayer;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.TopicRecord;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/** Builds metadata images for broker tests the way the controller does: by replaying records. */
public final class TestImages {

    public static final String LISTENER = "INTERNAL";

    private final MetadataReplayer replayer = new MetadataReplayer(MetadataImage.empty("test-cluster"));
    private long offset;

    public static TestImages builder() {
        return new TestImages();
    }

    /** A broker with one endpoint on {@link #LISTENER} at {@code host-<id>:9000+id}. */
    public TestImages broker(int id, boolean fenced) {
        replayer.replay(new RegisterBrokerRecord(id, List.of(new BrokerRegistration.Listener(LISTENER,
                "host-" + id, 9000 + id, SecurityProtocol.PLAINTEXT)), null, fenced));
        offset++;
        return this;
    }

    public TestImages topic(String name, Uuid id) {
        replayer.replay(new TopicRecord(name, id));
        offset++;
        return this;
    }

    public TestImages partition(Uuid topicId, int partition, int[] replicas, int[] isr, int leader, int leaderEpoch) {
        replayer.replay(new PartitionRecord(topicId, partition, replicas, isr, leader, leaderEpoch, 0));
        offset++;
        return this;
    }

    public MetadataImage build() {
        return replayer.build(offset);
    }
}
