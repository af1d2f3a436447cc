package io.tributary.broker.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.replay.ImageRecords;
import io.tributary.metadata.replay.MetadataReplayer;

/**
 * The deterministic control-plane simulation (docs/scaling.md). In CI: three seeds at 20 brokers / 2,000
 * partitions, and a determinism check. The long run, many seeds ({@code size=scale}: the 100 brokers /
 * 100,000 partitions, minutes per seed):
 * {@code mvn -B -ntp verify -pl tributary-broker -am -Dtest=ControlPlaneSimulationTest#manySeeds
 * -Dsurefire.failIfNoSpecifiedTests=false -Dtributary.sim.seeds=200 -Dtributary.sim.size=small}
 * ({@code -Dtributary.sim.firstSeed=N} to start elsewhere).
 */
class ControlPlaneSimulationTest {

    @Test
    @Timeout(120)
    void invariantsHoldUnderSeededFaults() {
        for (long seed = 1; seed <= 3; seed++) {
            SimulationResult result = new ControlPlaneSimulation(ControlPlaneSimulation.Config.small(seed)).run();
            System.out.print(result.summary());
            assertThat(result.ok()).as(result.failures()).isTrue();
            assertThat(result.faults()).isNotEmpty();
            assertThat(result.measurements().propagationMs()).isNotEmpty();
            if (seed == 1) {
                // The heap measurement of the long run, kept working here on a small image.
                assertThat(imageBytesPerPartition(result)).isPositive();
            }
        }
    }

    @Test
    @Timeout(120)
    void sameSeedSameRun() {
        SimulationResult first = new ControlPlaneSimulation(ControlPlaneSimulation.Config.small(42)).run();
        SimulationResult second = new ControlPlaneSimulation(ControlPlaneSimulation.Config.small(42)).run();
        assertThat(fingerprint(second)).isEqualTo(fingerprint(first));
    }

    /**
     * The long run (not in CI: minutes per seed at 100 brokers). Prints each run's figures; with
     * {@code tributary.sim.size=scale} also the heap of the final 100,000-partition image.
     */
    @Test
    @EnabledIfSystemProperty(named = "tributary.sim.seeds", matches = "[1-9][0-9]*")
    @Timeout(value = 24, unit = TimeUnit.HOURS)
    void manySeeds() {
        int seeds = Integer.getInteger("tributary.sim.seeds", 0);
        long firstSeed = Long.getLong("tributary.sim.firstSeed", 1000);
        boolean scale = "scale".equals(System.getProperty("tributary.sim.size"));
        List<String> failed = new ArrayList<>();
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            SimulationResult result = new ControlPlaneSimulation(scale ? ControlPlaneSimulation.Config.scale(seed)
                : ControlPlaneSimulation.Config.small(seed)).run();
            System.out.print(result.summary());
            if (scale) {
                System.out.printf("  image heap: %.0f bytes per partition (%d partitions); heap used after GC "
                    + "with the run's state alive: %d MiB%n", imageBytesPerPartition(result),
                    result.config().partitions(), usedAfterGc() >> 20);
            }
            if (!result.ok()) {
                failed.add(result.failures());
            }
        }
        assertThat(failed).isEmpty();
    }

    /** The heap of a 100,000-partition image alone: the scale run's set-up without the faults. */
    @Test
    @EnabledIfSystemProperty(named = "tributary.sim.heap", matches = "true")
    @Timeout(value = 1, unit = TimeUnit.HOURS)
    void imageHeapAtScale() {
        ControlPlaneSimulation.Config scale = ControlPlaneSimulation.Config.scale(7);
        SimulationResult result = new ControlPlaneSimulation(new ControlPlaneSimulation.Config(scale.seed(),
            scale.brokers(), scale.partitions(), scale.partitionsPerTopic(), 0, scale.meanFaultIntervalMs(),
            scale.maxLoss())).run();
        assertThat(result.ok()).as(result.failures()).isTrue();
        System.out.printf("image heap: %.0f bytes per partition (%d partitions)%n", imageBytesPerPartition(result),
            result.config().partitions());
    }

    private static List<Object> fingerprint(SimulationResult r) {
        List<Object> f = new ArrayList<>(List.of(r.simulatedMs(), r.batches(), r.endOffset(), r.events(),
            r.messages(), r.messagesLost(), r.faults(), r.measurements().propagationMs(), r.controllerFailoverMs()));
        r.measurements().failures().forEach(x -> f.add(List.of(x.brokerId, x.failedAtMs, x.movedAtMs)));
        return f;
    }

    /**
     * The heap of one image at the run's size: the final image rebuilt from its own records into fresh objects
     * (nothing shared with the run's images), the used heap measured after full GCs before and after, with only
     * the new image kept.
     */
    private static double imageBytesPerPartition(SimulationResult result) {
        MetadataImage latest = result.finalImage();
        long before = usedAfterGc();
        MetadataImage fresh = rebuild(latest);
        long after = usedAfterGc();
        // Rebuilt from records without their batch offsets, broker epochs differ; the partitions may not.
        assertThat(fresh.topics()).isEqualTo(latest.topics());
        return (after - before) / (double) result.config().partitions();
    }

    private static MetadataImage rebuild(MetadataImage image) {
        MetadataReplayer replayer = new MetadataReplayer(MetadataImage.empty(image.clusterId()));
        for (MetadataRecord record : ImageRecords.of(image)) {
            // Records of an image share its arrays: copy them, so the new image owns all it holds.
            replayer.replay(record instanceof PartitionRecord p ? new PartitionRecord(p.topicId(), p.partitionId(),
                p.replicas().clone(), p.isr().clone(), p.leader(), p.leaderEpoch(), p.partitionEpoch(),
                p.addingReplicas().clone(), p.removingReplicas().clone()) : record);
        }
        return replayer.build(image.offset());
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
