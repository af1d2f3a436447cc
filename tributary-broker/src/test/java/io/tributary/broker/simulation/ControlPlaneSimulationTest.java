package io.tributary.broker.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.replay.ImageRecords;
import io.tributary.metadata.replay.MetadataReplayer;

/**
 * The deterministic control-plane simulation (docs/scaling.md). In CI: a few seeds at 20 brokers / 2,000
 * partitions and one at the 100 brokers / 100,000 partitions. A long run with many seeds:
 * {@code mvn -B -ntp verify -pl tributary-broker -am -Dtest=ControlPlaneSimulationTest#manySeeds
 * -Dsurefire.failIfNoSpecifiedTests=false -Dtributary.sim.seeds=200 -Dtributary.sim.size=small}
 * ({@code -Dtributary.sim.firstSeed=N} to start elsewhere, {@code size=scale} for 100 brokers).
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
        }
    }

    @Test
    @Timeout(120)
    void sameSeedSameRun() {
        SimulationResult first = new ControlPlaneSimulation(ControlPlaneSimulation.Config.small(42)).run();
        SimulationResult second = new ControlPlaneSimulation(ControlPlaneSimulation.Config.small(42)).run();
        assertThat(fingerprint(second)).isEqualTo(fingerprint(first));
    }

    @Test
    @Timeout(300)
    void hundredBrokersHundredThousandPartitions() {
        SimulationResult result = new ControlPlaneSimulation(ControlPlaneSimulation.Config.scale(7)).run();
        System.out.print(result.summary());
        System.out.printf("  image heap: %.0f bytes per partition (%d partitions)%n",
            imageBytesPerPartition(result), result.config().partitions());
        assertThat(result.ok()).as(result.failures()).isTrue();
    }

    @Test
    void manySeeds() {
        int seeds = Integer.getInteger("tributary.sim.seeds", 0);
        long firstSeed = Long.getLong("tributary.sim.firstSeed", 1000);
        boolean scale = "scale".equals(System.getProperty("tributary.sim.size"));
        List<String> failed = new ArrayList<>();
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            SimulationResult result = new ControlPlaneSimulation(scale ? ControlPlaneSimulation.Config.scale(seed)
                : ControlPlaneSimulation.Config.small(seed)).run();
            System.out.print(result.summary());
            if (!result.ok()) {
                failed.add(result.failures());
            }
        }
        assertThat(failed).isEmpty();
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
        assertThat(fresh.sameContentAs(latest)).isTrue();
        return (after - before) / (double) result.config().partitions();
    }

    private static MetadataImage rebuild(MetadataImage image) {
        MetadataReplayer replayer = new MetadataReplayer(MetadataImage.empty(image.clusterId()));
        ImageRecords.of(image).forEach(replayer::replay);
        return replayer.build(image.offset());
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
