package io.tributary.it.support;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * A subscribed group member polling on its own thread, the way an application runs a consumer. Only that thread
 * touches the KafkaConsumer (it is single-threaded); tests read what it received and owns through snapshots.
 * With {@code commitAfterEachPoll} it commits synchronously after every non-empty poll and before giving partitions
 * up, so in a settled group no record is delivered twice.
 */
public final class GroupMember implements AutoCloseable {

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final String name;
    private final KafkaConsumer<String, String> consumer;
    private final boolean commitAfterEachPoll;
    private final List<ConsumerRecord<String, String>> received = new CopyOnWriteArrayList<>();
    private final List<Set<TopicPartition>> revocations = new CopyOnWriteArrayList<>();
    private final AtomicInteger completedRebalances = new AtomicInteger();
    private final AtomicInteger failedCommits = new AtomicInteger();
    private final Thread thread;
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile int generation = -1;
    private volatile boolean keepPolling = true;
    private volatile boolean closeConsumerWhenStopped = true;
    private volatile Throwable failure;

    private GroupMember(String name, KafkaConsumer<String, String> consumer, boolean commitAfterEachPoll,
                        Collection<String> topics) {
        this.name = name;
        this.consumer = consumer;
        this.commitAfterEachPoll = commitAfterEachPoll;
        this.thread = new Thread(() -> run(topics), "group-member-" + name);
        this.thread.setDaemon(true);
    }

    /** Subscribes the consumer to the topics and starts polling on a new thread. */
    public static GroupMember start(String name, KafkaConsumer<String, String> consumer, boolean commitAfterEachPoll,
                                    String... topics) {
        GroupMember member = new GroupMember(name, consumer, commitAfterEachPoll, List.of(topics));
        member.thread.start();
        return member;
    }

    private void run(Collection<String> topics) {
        try {
            consumer.subscribe(topics, new Listener());
            while (keepPolling) {
                ConsumerRecords<String, String> records = consumer.poll(POLL_TIMEOUT);
                records.forEach(received::add);
                if (commitAfterEachPoll && !records.isEmpty()) {
                    commitQuietly();
                }
                assignment = Set.copyOf(consumer.assignment());
                generation = consumer.groupMetadata().generationId();
            }
            if (closeConsumerWhenStopped) {
                consumer.close();
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    /**
     * A commit can lose a race with a rebalance, or time out while the group coordinator moves to another broker;
     * the records then come again, which tests that count allow for.
     */
    private void commitQuietly() {
        try {
            consumer.commitSync();
        } catch (CommitFailedException | RebalanceInProgressException | RetriableException e) {
            failedCommits.incrementAndGet();
        }
    }

    /** Stops polling and closes the consumer, which (for a dynamic member) sends LeaveGroup. */
    public void leave() throws InterruptedException {
        stopThread(true);
    }

    /**
     * Stops polling but leaves the consumer open, like an application thread that hangs: no LeaveGroup is sent and
     * the client's background heartbeats go on until its max poll interval expires.
     */
    public void stopPollingWithoutClosing() throws InterruptedException {
        stopThread(false);
    }

    private void stopThread(boolean closeConsumer) throws InterruptedException {
        closeConsumerWhenStopped = closeConsumer;
        keepPolling = false;
        thread.join(STOP_TIMEOUT.toMillis());
        if (thread.isAlive()) {
            throw new IllegalStateException(name + " did not stop polling within " + STOP_TIMEOUT);
        }
    }

    public String name() {
        return name;
    }

    public List<ConsumerRecord<String, String>> received() {
        return List.copyOf(received);
    }

    public List<String> receivedValues() {
        return received.stream().map(ConsumerRecord::value).collect(Collectors.toList());
    }

    /** The partitions owned after the latest poll or rebalance callback. */
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    /** The classic generation id (or KIP-848 member epoch) after the latest poll. */
    public int generation() {
        return generation;
    }

    /** How many rebalances handed this member an assignment (onPartitionsAssigned calls). */
    public int completedRebalances() {
        return completedRebalances.get();
    }

    /** The partitions of every non-empty onPartitionsRevoked call, in order. */
    public List<Set<TopicPartition>> revocations() {
        return List.copyOf(revocations);
    }

    public int failedCommits() {
        return failedCommits.get();
    }

    /** The exception that ended the polling thread, or null. */
    public Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        try {
            if (thread.isAlive()) {
                leave();
            } else if (!closeConsumerWhenStopped) {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
            }
        } catch (Exception ignored) {
            // Best effort at the end of a test; the fixture closes every client again anyway.
        }
    }

    @Override
    public String toString() {
        return name + assignment;
    }

    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            if (commitAfterEachPoll) {
                commitQuietly();
            }
            revocations.add(Set.copyOf(partitions));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assignment = Set.copyOf(consumer.assignment());
            generation = consumer.groupMetadata().generationId();
            completedRebalances.incrementAndGet();
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // Lost partitions may already belong to someone else: committing them would be refused.
            revocations.add(Set.copyOf(partitions));
        }
    }
}
