package io.tributary.broker.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import io.tributary.coordinator.transaction.TransactionCoordinator;
import io.tributary.metrics.KafkaMetrics;
import io.tributary.metrics.MetricName;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AddPartitionsToTxnResponse;
import org.junit.jupiter.api.Test;

class VerificationMetricsTest {

    private static final TopicPartition IN = new TopicPartition("t", 0);
    private static final TopicPartition OUT = new TopicPartition("t", 1);

    private final KafkaMetrics metrics = new KafkaMetrics();
    private final CoordinatorTransactionVerifier verifier = new CoordinatorTransactionVerifier(
            coordinatorConfirming(IN), null, CoordinatorTransactionVerifier.AddRetry.KAFKA_DEFAULTS,
            new VerificationMetrics(metrics));

    @Test
    void everyAskIsTimedAndEveryUnconfirmedPartitionCountsAsAFailure() throws Exception {
        // when: one ask confirmed, one with a partition outside the transaction
        verifier.verify("tx", 7L, (short) 0, Set.of(IN), false).get(5, TimeUnit.SECONDS);
        Map<TopicPartition, Errors> refused = verifier.verify("tx", 7L, (short) 0, Set.of(IN, OUT), false)
                .get(5, TimeUnit.SECONDS);

        // then: Kafka's AddPartitionsToTxnManager names
        assertThat(refused).containsEntry(IN, Errors.NONE).containsEntry(OUT, Errors.TRANSACTION_ABORTABLE);
        assertThat(histogram("VerificationTimeMs").getCount()).isEqualTo(2);
        assertThat(meter("VerificationFailureRate").getCount()).isEqualTo(1);
    }

    private Histogram histogram(String name) {
        return metrics.histogram(name(name));
    }

    private Meter meter(String name) {
        return metrics.meter(name(name), "failures");
    }

    private static MetricName name(String name) {
        return MetricName.of("kafka.server", "AddPartitionsToTxnManager", name);
    }

    /** A local coordinator that finds only {@code member} in the transaction (verify-only). */
    private static TransactionCoordinator coordinatorConfirming(TopicPartition member) {
        return (TransactionCoordinator) Proxy.newProxyInstance(VerificationMetricsTest.class.getClassLoader(),
                new Class<?>[] {TransactionCoordinator.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "partitionFor" -> 0;
                    case "isActive" -> true;
                    case "addPartitionsToTxn" -> {
                        AddPartitionsToTxnRequestData request = (AddPartitionsToTxnRequestData) args[1];
                        AddPartitionsToTxnResponseData.AddPartitionsToTxnResultCollection results =
                                new AddPartitionsToTxnResponseData.AddPartitionsToTxnResultCollection();
                        request.transactions().forEach(txn -> {
                            Map<TopicPartition, Errors> errors = new java.util.HashMap<>();
                            txn.topics().forEach(topic -> topic.partitions().forEach(p -> {
                                TopicPartition tp = new TopicPartition(topic.name(), p);
                                errors.put(tp, tp.equals(member) ? Errors.NONE : Errors.TRANSACTION_ABORTABLE);
                            }));
                            results.add(AddPartitionsToTxnResponse.resultForTransaction(txn.transactionalId(),
                                    errors));
                        });
                        yield CompletableFuture.completedFuture(
                                new AddPartitionsToTxnResponseData().setResultsByTransaction(results));
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
