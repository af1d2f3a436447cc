package io.tributary.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nemesis' per-node disk: a full disk refuses writes until freed; mounts of dead runs are cleaned up. Needs root. */
class NodeDiskTest {

    @TempDir
    Path root;

    @Test
    void aFilledDiskRefusesEveryWriteUntilTheFillerIsDeleted() throws Exception {
        NodeDisk disk = mountOrSkip(root.resolve("node-1").resolve("data"));
        try {
            long filler = disk.fill();

            assertThat(filler).isGreaterThan(0).isLessThanOrEqualTo(disk.sizeBytes());
            assertThatThrownBy(() -> Files.write(disk.mountPoint().resolve("more"), new byte[64 * 1024]))
                    .isInstanceOf(IOException.class).hasMessageContaining("No space left on device");

            disk.free();
            Files.write(disk.mountPoint().resolve("more"), new byte[64 * 1024]);
            assertThat(Files.size(disk.mountPoint().resolve("more"))).isEqualTo(64 * 1024);
        } finally {
            disk.unmount();
        }
        assertThat(mounted(disk.mountPoint())).isFalse();
    }

    @Test
    void aMountLeftByARunThatIsGoneIsUnmountedAndALiveOnesIsKept() throws Exception {
        NodeDisk stale = mountOrSkip(root.resolve("run-a").resolve("node-1").resolve("data"));
        NodeDisk live = mountOrSkip(root.resolve("run-b").resolve("node-1").resolve("data"));
        try {
            // a JVM that is gone: a pid no process has
            Files.writeString(stale.mountPoint().resolveSibling("data.disk.owner"), Long.toString(Long.MAX_VALUE));

            NodeDisk.unmountStale(root);

            assertThat(mounted(stale.mountPoint())).isFalse();
            assertThat(mounted(live.mountPoint())).isTrue();
        } finally {
            stale.unmount();
            live.unmount();
        }
    }

    private static NodeDisk mountOrSkip(Path dir) throws Exception {
        Optional<NodeDisk> disk = NodeDisk.mount(dir, 4);
        assumeThat(disk).as("mounting a tmpfs (needs root)").isPresent();
        return disk.get();
    }

    private static boolean mounted(Path dir) throws IOException {
        String target = " " + dir.toAbsolutePath().normalize() + " ";
        return Files.readAllLines(Path.of("/proc/mounts")).stream().anyMatch(line -> line.contains(target));
    }
}
