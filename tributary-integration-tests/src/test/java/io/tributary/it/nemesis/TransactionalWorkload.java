package io.tributary.it.nemesis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.tributary.it.support.AcknowledgingProducer.Ack;
import io.tributary.it.support.TestClients;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * A transactional producer on its own thread, committing and aborting in turn, each transaction one record per
 * partition. Values are "txn-committed-N" or "txn-aborted-N" (N increasing over the run): an aborted-tagged value is
 * never in a transaction the producer asked to commit, so no read_committed reader may ever see it. A transaction
 * counts as committed when commitTransaction returned; its records' offsets are then its acknowledgements. One whose
 * commit failed is uncertain (the coordinator may still have committed it). On errors the producer aborts, or when
 * it cannot, is replaced by a new one with the same transactional id (whose initTransactions finishes the old one).
 */
final class TransactionalWorkload implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final long PAUSE_BETWEEN_TRANSACTIONS_MS = 20;

    private final TestClients clients;
    private final String topic;
    private final int partitions;
    private final String transactionalId;
    private final ConcurrentLinkedQueue<Ack> committed = new ConcurrentLinkedQueue<>();
    private final Set<String> aborted = ConcurrentHashMap.newKeySet();
    private final Set<String> uncertain = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;
    private KafkaProducer<String, String> producer;

    TransactionalWorkload(TestClients clients, String topic, int partitions, String transactionalId) {
        this.clients = clients;
        this.topic = topic;
        this.partitions = partitions;
        this.transactionalId = transactionalId;
        this.thread = new Thread(this::runUntilStopped, "transactional-workload");
        thread.setDaemon(true);
        thread.start();
    }

    int sentCount() {
        return sent.get();
    }

    int committedCount() {
        return committed.size();
    }

    int failureCount() {
        return failures.get();
    }

    List<Ack> committed() {
        return new ArrayList<>(committed);
    }

    Set<String> aborted() {
        return Set.copyOf(aborted);
    }

    Set<String> uncertain() {
        return Set.copyOf(uncertain);
    }

    /** Lets the transaction under way finish (bounded), then closes the producer. */
    void stop() throws InterruptedException {
        running = false;
        thread.join(STOP_TIMEOUT.toMillis());
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join(STOP_TIMEOUT.toMillis());
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void runUntilStopped() {
        int transaction = 0;
        int sequence = 0;
        try {
            while (running) {
                boolean commit = transaction++ % 2 == 0;
                List<String> values = new ArrayList<>();
                for (int p = 0; p < partitions; p++) {
                    values.add("txn-" + (commit ? "committed" : "aborted") + "-" + sequence++);
                }
                runOne(values, commit);
                Thread.sleep(PAUSE_BETWEEN_TRANSACTIONS_MS); // a steady rate, not a wait for anything
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeProducer();
        }
    }

    private void runOne(List<String> values, boolean commit) {
        boolean commitAsked = false;
        try {
            if (producer == null) {
                producer = newProducer();
                producer.initTransactions();
            }
            producer.beginTransaction();
            if (!commit) {
                aborted.addAll(values);
            }
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int p = 0; p < values.size(); p++) {
                sends.add(producer.send(new ProducerRecord<>(topic, p, null, values.get(p))));
                sent.incrementAndGet();
            }
            if (commit) {
                commitAsked = true;
                producer.commitTransaction();
                for (int p = 0; p < values.size(); p++) {
                    RecordMetadata metadata = sends.get(p).get(0, TimeUnit.SECONDS); // done: the commit flushed it
                    committed.add(new Ack(metadata.partition(), metadata.offset(), values.get(p)));
                }
            } else {
                producer.abortTransaction();
            }
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException
                 | UnsupportedVersionException | InvalidProducerEpochException e) {
            failed(values, commitAsked);
            closeProducer();
        } catch (KafkaException | IllegalStateException e) {
            failed(values, commitAsked);
            abortOrReplace();
        } catch (Exception e) {
            failed(values, commitAsked);
            closeProducer();
        }
    }

    private void failed(List<String> values, boolean commitAsked) {
        failures.incrementAndGet();
        if (commitAsked) {
            uncertain.addAll(values);
        }
    }

    private void abortOrReplace() {
        if (producer == null) {
            return;
        }
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            closeProducer();
        }
    }

    private KafkaProducer<String, String> newProducer() {
        return clients.transactionalProducer(transactionalId, Map.of(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException ignored) {
                // replaced anyway
            }
            producer = null;
        }
    }
}
