package io.tributary.bench.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.utils.Time;

import io.tributary.metadata.ControllerConfig;
import io.tributary.metadata.MetadataController;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.log.LocalMetadataLog;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.RemoveTopicRecord;
import io.tributary.metadata.record.TopicRecord;
import io.tributary.metadata.snapshot.SnapshotPolicy;

/**
 * Restart time of the metadata controller after a long metadata history (issue 16): how long a single node's
 * {@link MetadataController} takes from opening its metadata log to having the whole image, with and without
 * snapshots.
 *
 * <p>{@code generate DIR RECORDS full|snapshots} writes about RECORDS metadata records: in {@code snapshots} mode
 * through a running controller, whose applier builds the images that the log snapshots with Kafka's default policy
 * (20 MiB / 1 h); in {@code full} mode straight into the log, never snapshotted, which is how every start worked
 * before (the same records, without paying for images nobody snapshots):
 * one batch per admin operation, as the controller writes them, cycling create a topic (topic, 3 partitions, a
 * config), change two of a live topic's configs, again, delete a live topic, over about 2,000 live topics.
 *
 * <p>{@code restart DIR full|snapshots} opens the log and starts the controller once and prints the milliseconds until the image
 * holds everything (run it in a fresh JVM per measurement: the harness does).
 */
public final class MetadataRestartTime {

    private static final int NODE_ID = 1;
    private static final String CLUSTER_ID = "metadata-restart-bench-0";
    private static final int LIVE_TOPICS = 2000;
    private static final int PARTITIONS = 3;

    private MetadataRestartTime() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("generate")) {
            generate(Path.of(args[1]), Long.parseLong(args[2]), policy(args[3]));
        } else if (args.length == 3 && args[0].equals("restart")) {
            restart(Path.of(args[1]), policy(args[2]));
        } else {
            System.err.println("Usage: MetadataRestartTime generate DIR RECORDS full|snapshots"
                + " | restart DIR full|snapshots");
            System.exit(1);
        }
    }

    /** Kafka's defaults, or never a snapshot (every start replays the whole log, as before snapshots). */
    private static SnapshotPolicy policy(String mode) {
        return switch (mode) {
            case "snapshots" -> SnapshotPolicy.DEFAULT;
            case "full" -> new SnapshotPolicy(Long.MAX_VALUE, 0);
            default -> throw new IllegalArgumentException("mode is full or snapshots, not " + mode);
        };
    }

    private static void generate(Path dir, long records, SnapshotPolicy policy) throws Exception {
        Random random = new Random(16);
        List<Uuid> live = new ArrayList<>();
        List<String> names = new ArrayList<>();
        long written = 0;
        long batches = 0;
        long topicsCreated = 0;
        long start = System.nanoTime();
        boolean snapshots = policy.maxBytesBetweenSnapshots() != Long.MAX_VALUE;
        try (LocalMetadataLog log = LocalMetadataLog.open(dir, NODE_ID, policy);
             MetadataController controller = new MetadataController(config(), log, Time.SYSTEM)) {
            if (snapshots) {
                controller.start();
            } else {
                log.start(batch -> { });
            }
            long last = -1;
            for (long step = 0; written < records; step++) {
                List<MetadataRecord> batch = new ArrayList<>();
                int kind = live.size() < LIVE_TOPICS ? 0 : (int) (step % 4);
                if (kind == 0) {
                    Uuid id = Uuid.randomUuid();
                    String name = "topic-" + topicsCreated++;
                    batch.add(new TopicRecord(name, id));
                    for (int p = 0; p < PARTITIONS; p++) {
                        batch.add(new PartitionRecord(id, p, new int[] {NODE_ID}, new int[] {NODE_ID}, NODE_ID, 0, 0));
                    }
                    batch.add(new ConfigRecord(ConfigResource.Type.TOPIC, name, "retention.ms", "604800000"));
                    live.add(id);
                    names.add(name);
                } else if (kind == 3) {
                    int victim = random.nextInt(live.size());
                    batch.add(new RemoveTopicRecord(live.get(victim)));
                    live.set(victim, live.get(live.size() - 1));
                    names.set(victim, names.get(names.size() - 1));
                    live.remove(live.size() - 1);
                    names.remove(names.size() - 1);
                } else {
                    String name = names.get(random.nextInt(names.size()));
                    batch.add(new ConfigRecord(ConfigResource.Type.TOPIC, name, "retention.ms",
                        Long.toString(3_600_000L + step)));
                    batch.add(new ConfigRecord(ConfigResource.Type.TOPIC, name, "segment.bytes",
                        Long.toString(100_000_000L + step)));
                }
                last = log.append(batch).toCompletableFuture().join();
                written += batch.size();
                batches++;
            }
            if (snapshots) {
                controller.whenApplied(last).join();
            }
            System.out.printf("generated.records=%d%ngenerated.batches=%d%ngenerated.live_topics=%d%n"
                    + "generated.seconds=%.1f%n", written, batches, live.size(), (System.nanoTime() - start) / 1e9);
        }
        printFiles(dir);
    }

    private static void restart(Path dir, SnapshotPolicy policy) throws Exception {
        long start = System.nanoTime();
        try (LocalMetadataLog log = LocalMetadataLog.open(dir, NODE_ID, policy);
             MetadataController controller = new MetadataController(config(), log, Time.SYSTEM)) {
            controller.start();
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            // CPU time of the whole JVM so far (start-up, JIT and GC threads included): on a shared machine the
            // wall-clock figure also counts waiting for a core.
            long cpuMs = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
            System.out.printf("restart.ms=%d%nrestart.process_cpu_ms=%d%nrestart.image_offset=%d%n"
                + "restart.live_topics=%d%n", elapsedMs, cpuMs, controller.image().offset(),
                controller.image().topics().size());
        }
    }

    private static void printFiles(Path dir) throws IOException {
        long logBytes = 0;
        long snapshotBytes = 0;
        int segments = 0;
        int snapshots = 0;
        try (Stream<Path> files = Files.list(dir.resolve(LocalMetadataLog.PARTITION_DIR))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".log")) {
                    logBytes += Files.size(file);
                    segments++;
                } else if (name.endsWith(".checkpoint")) {
                    snapshotBytes += Files.size(file);
                    snapshots++;
                }
            }
        }
        System.out.printf("files.segments=%d%nfiles.log_bytes=%d%nfiles.snapshots=%d%nfiles.snapshot_bytes=%d%n",
            segments, logBytes, snapshots, snapshotBytes);
    }

    private static ControllerConfig config() {
        return new ControllerConfig(NODE_ID, CLUSTER_ID, Map.of(), List.of(new BrokerRegistration.Listener(
            "PLAINTEXT", "localhost", 9092, SecurityProtocol.PLAINTEXT)), null);
    }
}
