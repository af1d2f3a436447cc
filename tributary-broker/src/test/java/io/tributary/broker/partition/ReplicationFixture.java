package io.tributary.broker.partition;

import io.tributary.broker.controller.ControllerChannel;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.storage.api.LogConfig;
import io.tributary.storage.LogManager;
import io.tributary.storage.StorageConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.AlterPartitionResponseData;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.AlterPartitionRequest;
import org.apache.kafka.common.requests.AlterPartitionResponse;
import org.apache.kafka.common.utils.Time;

/** Real logs in a temp dir, partitions over them, and a controller channel the test answers by hand. */
public final class ReplicationFixture implements AutoCloseable {

    public static final TopicPartition TP = new TopicPartition("orders", 0);
    public static final Uuid TOPIC_ID = Uuid.fromString("AAAAAAAAAAAAAAAAAAAAAQ");

    public final LogManager logs;
    private final boolean durable;
    public final FakeController controller = new FakeController();
    public final List<TopicPartition> hwMoves = new CopyOnWriteArrayList<>();

    public ReplicationFixture(Path dir) {
        this(dir, false);
    }

    /** {@code durable}: acknowledgements and the high watermark wait for fsync (tributary.durable). */
    public ReplicationFixture(Path dir, boolean durable) {
        this.durable = durable;
        logs = new LogManager(StorageConfig.defaults(List.of(dir)).withCleanerEnable(false).withDurable(durable),
                Time.SYSTEM);
        logs.startup();
    }

    /** A partition on broker {@code localId} (no role yet). */
    public Partition partition(int localId) {
        return new Partition(new TopicIdPartition(TOPIC_ID, TP),
                logs.getOrCreateLog(TP, TOPIC_ID, LogConfig.defaults()), localId, durable, hwMoves::add,
                new AlterPartitionSender(controller, localId, () -> 100L + localId));
    }

    public static PartitionRegistration registration(int leader, int leaderEpoch, int partitionEpoch, int[] isr) {
        return new PartitionRegistration(new int[] {1, 2, 3}, isr, leader, leaderEpoch, partitionEpoch);
    }

    public static MemoryRecords records(String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = new SimpleRecord(System.currentTimeMillis(), values[i].getBytes(StandardCharsets.UTF_8));
        }
        return MemoryRecords.withRecords(Compression.NONE, records);
    }

    @Override
    public void close() {
        logs.close();
    }

    /** Records AlterPartition requests; the test completes each one. */
    public static final class FakeController implements ControllerChannel {
        public final List<AlterPartitionRequest> requests = new CopyOnWriteArrayList<>();
        public final List<CompletableFuture<AbstractResponse>> answers = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<AbstractResponse> send(AbstractRequest request) {
            requests.add((AlterPartitionRequest) request);
            CompletableFuture<AbstractResponse> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        }

        /** Answers the latest request: the ISR it asked for, committed at {@code partitionEpoch}. */
        public void accept(int leaderEpoch, int partitionEpoch) {
            AlterPartitionRequest request = requests.get(requests.size() - 1);
            var partition = request.data().topics().get(0).partitions().get(0);
            List<Integer> isr = partition.newIsrWithEpochs().stream().map(b -> b.brokerId()).toList();
            answers.get(answers.size() - 1).complete(new AlterPartitionResponse(new AlterPartitionResponseData()
                    .setTopics(List.of(new AlterPartitionResponseData.TopicData().setTopicId(TOPIC_ID)
                            .setPartitions(List.of(new AlterPartitionResponseData.PartitionData()
                                    .setPartitionIndex(0).setLeaderId(request.data().brokerId())
                                    .setLeaderEpoch(leaderEpoch).setIsr(isr).setPartitionEpoch(partitionEpoch)))))));
        }

        public List<Integer> lastRequestedIsr() {
            var partition = requests.get(requests.size() - 1).data().topics().get(0).partitions().get(0);
            return partition.newIsrWithEpochs().stream().map(b -> b.brokerId()).toList();
        }
    }
}
