package io.tributary.bench.tools;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Time to a new leader after a crash (issue 16), measured as a client sees it: an acks=all producer writes one
 * record every {@code --interval-ms} to one partition; after a warm-up this tool SIGKILLs that partition's leader
 * (one of the {@code --pids} processes) and reports the milliseconds from the kill until the first record sent
 * after the kill is acknowledged. That includes detecting the crash, electing a leader from the ISR, the client's
 * metadata refresh and the new leader's acks=all round trip; both brokers are measured with the same client
 * defaults. Prints {@code failover.*=value} lines; exits 2 if no record was acknowledged within the timeout.
 */
public final class FailoverTime {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    private FailoverTime() {
    }

    public static void main(String[] args) throws Exception {
        FailoverOptions options = NamedOptions.parseOrExit(args, FailoverOptions::parse);
        System.exit(run(options));
    }

    private static int run(FailoverOptions options) throws Exception {
        FailoverTarget target;
        try (Admin admin = Admin.create(adminProps(options))) {
            target = awaitTarget(admin, options);
        }
        long pid = options.pids().get(target.leader());
        ProcessHandle victim = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException("no process " + pid + " for node " + target.leader()));
        System.out.printf("failover.partition=%d%nfailover.killed_node=%d%nfailover.killed_pid=%d%n",
                target.partition(), target.leader(), pid);

        AtomicLong eligibleFrom = new AtomicLong(Long.MAX_VALUE);
        CompletableFuture<Long> firstAckAfterKill = new CompletableFuture<>();
        AtomicInteger acked = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        byte[] value = new byte[options.recordSize()];
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(options))) {
            Runnable sendOne = () -> {
                long sentAt = System.nanoTime();
                producer.send(new ProducerRecord<>(options.topic(), target.partition(), null, value), (meta, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                    } else {
                        acked.incrementAndGet();
                        if (sentAt >= eligibleFrom.get()) firstAckAfterKill.complete(System.nanoTime());
                    }
                });
            };
            sendFor(sendOne, options.intervalMs(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.warmupMs()));
            producer.flush();
            if (acked.get() == 0) throw new IllegalStateException("no record was acknowledged during the warm-up");
            int failedBeforeKill = failed.get();

            long killedAt = System.nanoTime();
            victim.destroyForcibly(); // SIGKILL on Linux
            // Only records sent once the signal is out count: one sent in between could still be acked by the old leader.
            eligibleFrom.set(System.nanoTime());
            long deadline = killedAt + TimeUnit.MILLISECONDS.toNanos(options.timeoutMs());
            while (!firstAckAfterKill.isDone() && System.nanoTime() < deadline) {
                sendOne.run();
                TimeUnit.MILLISECONDS.sleep(options.intervalMs());
            }
            if (!firstAckAfterKill.isDone()) {
                System.out.printf("failover.error=no record sent after the kill was acknowledged within %d ms%n",
                        options.timeoutMs());
                return 2;
            }
            double failoverMs = (firstAckAfterKill.get() - killedAt) / 1e6;
            System.out.printf("failover.ms=%.0f%nfailover.failed_sends=%d%n", failoverMs, failed.get() - failedBeforeKill);
        }
        try (Admin admin = Admin.create(adminProps(options))) {
            System.out.printf("failover.new_leader=%d%n", leaderOf(admin, options.topic(), target.partition()));
        } catch (ExecutionException | TimeoutException e) {
            System.out.println("failover.new_leader=unknown");
        }
        return 0;
    }

    private static void sendFor(Runnable sendOne, int intervalMs, long untilNanos) throws InterruptedException {
        while (System.nanoTime() < untilNanos) {
            sendOne.run();
            TimeUnit.MILLISECONDS.sleep(intervalMs);
        }
    }

    /** Waits until a partition qualifies: after a previous kill the restarted broker must first rejoin the ISRs. */
    private static FailoverTarget awaitTarget(Admin admin, FailoverOptions options) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.timeoutMs()) * 2;
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(options.topic())).allTopicNames()
                        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(options.topic());
                List<FailoverTarget.PartitionState> states = description.partitions().stream()
                        .map(p -> new FailoverTarget.PartitionState(p.partition(), idOf(p.leader()),
                                p.replicas().size(), p.isr().size()))
                        .toList();
                var target = FailoverTarget.choose(states, options.pids().keySet(), quorumLeader(admin));
                if (target.isPresent()) return target.get();
            } catch (ExecutionException | TimeoutException e) {
                // the topic or the cluster is not ready yet: try again
            }
            if (System.nanoTime() > deadline)
                throw new IllegalStateException("no partition of " + options.topic() + " with all replicas in sync");
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    /** The metadata quorum's leader, or -1 when the cluster does not say (it is then not avoided). */
    private static int quorumLeader(Admin admin) throws InterruptedException {
        try {
            return admin.describeMetadataQuorum().quorumInfo()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).leaderId();
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        }
    }

    private static int leaderOf(Admin admin, String topic, int partition)
            throws ExecutionException, TimeoutException, InterruptedException {
        return idOf(admin.describeTopics(List.of(topic)).allTopicNames()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().get(partition).leader());
    }

    private static int idOf(Node node) {
        return node == null ? -1 : node.id();
    }

    private static Properties adminProps(FailoverOptions options) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        return props;
    }

    /** Kafka's producer defaults but acks=all, no linger, and a delivery timeout past the measurement's. */
    private static Properties producerProps(FailoverOptions options) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, options.timeoutMs() + 30_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }
}
