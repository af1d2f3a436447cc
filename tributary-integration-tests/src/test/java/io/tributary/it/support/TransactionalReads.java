package io.tributary.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Reading a topic the way each isolation level sees it, and checking how a transactional call failed. */
public final class TransactionalReads {

    private static final long ADMIN_TIMEOUT_SECONDS = 15;

    private TransactionalReads() {
    }

    /** Every committed value of the topic, up to the last stable offset of each partition. */
    public static List<String> committedValues(TestClients clients, String topic, int partitions) {
        return Consuming.values(Consuming.readToEnd(clients.readCommittedConsumer(), Consuming.partitions(topic, partitions)));
    }

    /** Every value in the log, open and aborted transactions included, up to the high watermark. */
    public static List<String> uncommittedValues(TestClients clients, String topic, int partitions) {
        return Consuming.values(Consuming.readToEnd(clients.consumer(), Consuming.partitions(topic, partitions)));
    }

    /** ListOffsets "latest" through Admin: the high watermark, or with READ_COMMITTED the last stable offset. */
    public static long latestOffset(Admin admin, TopicPartition partition, IsolationLevel isolation) throws Exception {
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest()), new ListOffsetsOptions(isolation))
                .partitionResult(partition).get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).offset();
    }

    /** The client may wrap the broker's error; the Kafka exception that matters is somewhere in the cause chain. */
    @SafeVarargs
    public static void assertFailedWithOneOf(Throwable failure, Class<? extends Throwable>... expected) {
        assertThat(failure).as("failure of the transactional call").isNotNull();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            for (Class<? extends Throwable> type : expected) {
                if (type.isInstance(cause)) {
                    return;
                }
            }
        }
        throw new AssertionError("expected one of " + List.of(expected) + " in the cause chain, but got " + failure,
                failure);
    }
}
