package io.tributary.it.nemesis;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.tributary.it.cluster.ProcessCluster;
import io.tributary.it.support.AcknowledgingProducer;
import io.tributary.it.support.AcknowledgingProducer.Ack;
import io.tributary.it.support.Consuming;
import io.tributary.it.support.GroupMember;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * One seeded run: a proxied 3-node cluster, an idempotent acks=all producer, a transactional producer and a
 * read_committed consumer group of two at work while the {@link Nemesis} injects faults for the given duration;
 * then production goes on after the last fault, everything stops, both topics are read back, and the history is
 * checked ({@link HistoryChecker}) and written under {@code target/nemesis/}.
 */
final class NemesisRun {

    static final int NODES = 3;
    static final int PARTITIONS = 3;
    private static final int IDEMPOTENT_RECORDS_PER_SECOND = 300;
    private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(60);
    private static final int MORE_AFTER_HEALING = 200;
    /**
     * Each node's own tmpfs (DISK_FULL): a node stores ~10 MiB after 75 s, 16 MiB after 120 s, ~90 MiB after 19 of
     * 30 minutes (most of it __consumer_offsets: a commit after every poll), so ~150 MiB after 30. While a disk is
     * full its filler holds the rest, so this much memory is in use then.
     */
    static final int DISK_MIB = 384;

    private NemesisRun() {
    }

    /** Runs with every fault kind in {@code kinds}; DISK_FULL only where the nodes' disks can be mounted. */
    static HistoryChecker.Verdict execute(long seed, Duration duration, List<Fault.Kind> kinds) throws Exception {
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path runDir = Path.of(System.getProperty("basedir", "."), "target", "nemesis", "seed-" + seed + "-" + time)
                .toAbsolutePath();
        try (ProcessCluster cluster = new ProcessCluster("nemesis-seed-" + seed, NODES, Map.of(), true)) {
            try {
                List<String> notes = new ArrayList<>();
                List<Fault.Kind> usable = usableKinds(cluster, kinds, notes);
                cluster.start();
                History history = run(cluster, seed, duration, usable, notes);
                HistoryChecker.Verdict verdict = HistoryChecker.check(history);
                HistoryFiles.write(runDir, history, verdict);
                printDiskUse(cluster);
                System.out.println("[nemesis] " + verdict.summary().line() + "\n  history: " + runDir + "\n  cluster: "
                        + cluster.workDir());
                verdict.problems().forEach(problem -> System.out.println("[nemesis]   " + problem));
                return verdict;
            } catch (Exception | AssertionError e) {
                System.err.println("[nemesis] seed " + seed + " failed: " + e + "\n" + cluster.diagnostics(60));
                throw e;
            }
        }
    }

    /**
     * The kinds the run can inject: DISK_FULL needs each node's data folder on a disk of its own, which needs mount
     * permission; without it the kind is left out (one line, and a note in the summary).
     */
    private static List<Fault.Kind> usableKinds(ProcessCluster cluster, List<Fault.Kind> kinds, List<String> notes)
            throws Exception {
        if (!kinds.contains(Fault.Kind.DISK_FULL) || cluster.mountOwnDisks(DISK_MIB)) {
            return kinds;
        }
        String note = "disk_full skipped (no mount permission)";
        System.out.println("[nemesis] " + note);
        notes.add(note);
        List<Fault.Kind> usable = kinds.stream().filter(kind -> kind != Fault.Kind.DISK_FULL).toList();
        if (usable.isEmpty()) {
            throw new org.opentest4j.TestAbortedException("only DISK_FULL asked for, and disks cannot be mounted");
        }
        return usable;
    }

    private static History run(ProcessCluster cluster, long seed, Duration duration, List<Fault.Kind> kinds,
                               List<String> notes) throws Exception {
        long start = System.nanoTime();
        String idempotentTopic = createTopic(cluster, "nemesis-idempotent");
        String transactionalTopic = createTopic(cluster, "nemesis-transactional");
        String group = TopicNames.unique("nemesis-group");
        ClusterHealth health = new ClusterHealth(cluster);
        Map<String, Object> readCommitted = Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (GroupMember first = GroupMember.start("member-1",
                cluster.clients().classicGroupConsumer(group, readCommitted), true, idempotentTopic, transactionalTopic);
             GroupMember second = GroupMember.start("member-2",
                     cluster.clients().classicGroupConsumer(group, readCommitted), true, idempotentTopic,
                     transactionalTopic);
             TransactionalWorkload transactions = new TransactionalWorkload(cluster.clients(), transactionalTopic,
                     PARTITIONS, "nemesis-txn-" + seed + "-" + System.nanoTime());
             OffsetWatcher offsets = new OffsetWatcher(cluster.state().admin(), group, start)) {
            AcknowledgingProducer idempotent = new AcknowledgingProducer(cluster.clients(), idempotentTopic, PARTITIONS,
                    "idem", Map.of(
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000), IDEMPOTENT_RECORDS_PER_SECOND);
            await("both producers under way").atMost(PROGRESS_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .until(() -> idempotent.acknowledgedCount() > 0 && transactions.committedCount() > 0);

            List<Fault> faults = new Nemesis(cluster, health, seed, start, kinds).run(duration);

            long finalHeal = finalHeal(health);
            int target = idempotent.acknowledgedCount() + MORE_AFTER_HEALING;
            await("production to go on after the faults").atMost(PROGRESS_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .until(() -> idempotent.acknowledgedCount() >= target);
            List<Ack> idempotentAcks = idempotent.stopAndCollect();
            transactions.stop();
            boolean caughtUp = awaitGroupRead(List.of(first, second), idempotentAcks, transactions.committed());
            first.leave();
            second.leave();
            offsets.stop();

            List<ConsumerRecord<String, String>> idempotentLog = readBack(cluster, idempotentTopic);
            List<ConsumerRecord<String, String>> transactionalLog = readBack(cluster, transactionalTopic);
            Map<String, List<ConsumerRecord<String, String>>> reads = new LinkedHashMap<>();
            reads.put(first.name(), first.received());
            reads.put(second.name(), second.received());
            return new History(seed, duration.toMillis(), faults, idempotentTopic, idempotent.sentCount(),
                    idempotentAcks, transactionalTopic, transactions.sentCount(), transactions.committed(),
                    transactions.aborted(), transactions.uncertain(), reads, caughtUp, offsets.observations(),
                    offsets.regressions(), idempotentLog, transactionalLog, finalHeal, notes);
        }
    }

    private static String createTopic(ProcessCluster cluster, String purpose) throws Exception {
        String topic = TopicNames.unique(purpose);
        cluster.state().admin().createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) NODES)
                .configs(Map.of("min.insync.replicas", "2")))).all().get(15, TimeUnit.SECONDS);
        cluster.state().awaitFullIsr(topic, Duration.ofSeconds(30));
        return topic;
    }

    /** What each node's own disk holds at the end: what sizes {@link #DISK_MIB}. */
    private static void printDiskUse(ProcessCluster cluster) throws java.io.IOException {
        StringBuilder use = new StringBuilder();
        for (int id : cluster.allIds()) {
            if (cluster.disk(id).isPresent()) {
                use.append(" node ").append(id).append(": ").append(cluster.disk(id).get().usedBytes() >> 20)
                        .append(" MiB");
            }
        }
        if (!use.isEmpty()) {
            System.out.println("[nemesis] disk use at the end (of " + DISK_MIB + " MiB each):" + use);
        }
    }

    /** Milliseconds until every partition is led with a full ISR after the last fault, or -1 if not in time. */
    private static long finalHeal(ClusterHealth health) {
        try {
            return health.awaitWhole(Nemesis.HEAL_TIMEOUT).toMillis();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static boolean awaitGroupRead(List<GroupMember> members, List<Ack> idempotent, List<Ack> committed) {
        Set<String> expected = new HashSet<>();
        idempotent.forEach(ack -> expected.add(ack.value()));
        committed.forEach(ack -> expected.add(ack.value()));
        try {
            await("the group to read every acknowledged record").atMost(PROGRESS_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        Set<String> read = new HashSet<>();
                        members.forEach(member -> read.addAll(member.receivedValues()));
                        return read.containsAll(expected);
                    });
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<ConsumerRecord<String, String>> readBack(ProcessCluster cluster, String topic) {
        return Consuming.readToEnd(cluster.clients().readCommittedConsumer(), Consuming.partitions(topic, PARTITIONS));
    }
}
