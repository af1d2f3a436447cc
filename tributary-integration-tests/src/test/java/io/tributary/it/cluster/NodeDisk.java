package io.tributary.it.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A size-limited tmpfs mounted on one node's data folder (partition logs, Raft log, meta.properties), so a test can
 * fill that node's disk and free it again. Mounting needs root; {@link #mount} says when it is not allowed.
 * <p>
 * A run killed before it unmounted leaves its mounts behind (holding memory, and a mount point {@code mvn clean}
 * cannot delete). Each mount therefore records the test JVM that made it in {@value #OWNER_FILE} beside the mount
 * point, and {@link #unmountStale} unmounts every tmpfs under a folder whose owner is no longer alive.
 */
public final class NodeDisk {

    static final String FILLER = "nemesis-filler";
    private static final String OWNER_FILE = "disk.owner";
    private static final int CHUNK_BYTES = 1024 * 1024;

    private final Path mountPoint;
    private final long sizeBytes;
    private volatile boolean mounted = true;

    private NodeDisk(Path mountPoint, long sizeBytes) {
        this.mountPoint = mountPoint;
        this.sizeBytes = sizeBytes;
    }

    /** Mounts a tmpfs of {@code sizeMiB} on {@code dir} (created if missing); empty when mounting is not allowed. */
    static Optional<NodeDisk> mount(Path dir, int sizeMiB) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.writeString(ownerFile(dir), Long.toString(ProcessHandle.current().pid()));
        Command.Result result = Command.run("mount", "-t", "tmpfs", "-o", "size=" + sizeMiB + "m", "tmpfs",
                dir.toString());
        if (result.exitCode() != 0) {
            Files.deleteIfExists(ownerFile(dir));
            System.out.println("[disk] cannot mount a tmpfs on " + dir + ": " + result.output().strip());
            return Optional.empty();
        }
        return Optional.of(new NodeDisk(dir, (long) sizeMiB * 1024 * 1024));
    }

    /**
     * Unmounts every tmpfs mounted under {@code root} by a JVM that is gone (a run killed before its clean-up), so
     * its memory is returned and its folders can be deleted.
     */
    static void unmountStale(Path root) throws IOException, InterruptedException {
        Path mounts = Path.of("/proc/mounts");
        if (!Files.isReadable(mounts)) {
            return;
        }
        String prefix = root.toAbsolutePath().normalize() + "/";
        for (String line : Files.readAllLines(mounts)) {
            String[] fields = line.split(" ");
            if (fields.length < 3 || !fields[2].equals("tmpfs") || !fields[1].startsWith(prefix)) {
                continue;
            }
            Path mountPoint = Path.of(fields[1].replace("\\040", " "));
            if (!ownerAlive(mountPoint)) {
                System.out.println("[disk] unmounting " + mountPoint + ", left behind by a run that is gone");
                unmount(mountPoint);
            }
        }
    }

    private static boolean ownerAlive(Path mountPoint) {
        try {
            long pid = Long.parseLong(Files.readString(ownerFile(mountPoint)).strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static Path ownerFile(Path mountPoint) {
        return mountPoint.resolveSibling(mountPoint.getFileName() + "." + OWNER_FILE);
    }

    public Path mountPoint() {
        return mountPoint;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    /** Bytes in use on the disk, by anyone. */
    public long usedBytes() throws IOException {
        var store = Files.getFileStore(mountPoint);
        return store.getTotalSpace() - store.getUnallocatedSpace();
    }

    /**
     * Writes a filler file until the file system refuses (ENOSPC): from then on no one can allocate a byte on this
     * disk. Returns the bytes the filler took.
     */
    public long fill() throws IOException {
        Path filler = mountPoint.resolve(FILLER);
        byte[] chunk = new byte[CHUNK_BYTES];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (written <= sizeBytes) {
                out.write(chunk);
                written += chunk.length;
            }
        } catch (IOException full) {
            if (!isNoSpace(full)) {
                throw full;
            }
            return Files.size(filler);
        }
        throw new IllegalStateException("wrote " + written + " bytes to " + filler + " without filling the disk");
    }

    /** Deletes the filler: the space is free again. */
    public void free() throws IOException {
        Files.deleteIfExists(mountPoint.resolve(FILLER));
    }

    /** Unmounts (lazily if still busy, e.g. a killed child's mappings not yet released); never throws. */
    void unmount() {
        if (!mounted) {
            return;
        }
        mounted = false;
        try {
            unmount(mountPoint);
            Files.deleteIfExists(ownerFile(mountPoint));
        } catch (IOException e) {
            System.err.println("[disk] could not unmount " + mountPoint + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void unmount(Path mountPoint) throws IOException, InterruptedException {
        if (Command.run("umount", mountPoint.toString()).exitCode() != 0) {
            Command.Result lazy = Command.run("umount", "-l", mountPoint.toString());
            if (lazy.exitCode() != 0) {
                throw new IOException("umount -l " + mountPoint + ": " + lazy.output().strip());
            }
        }
    }

    private static boolean isNoSpace(IOException e) {
        String message = e.getMessage();
        return message != null && message.contains("No space left on device");
    }

    /** A short external command (mount, umount), its output merged. */
    private static final class Command {

        private Command() {
        }

        record Result(int exitCode, String output) {
        }

        static Result run(String... args) throws IOException, InterruptedException {
            Process process;
            try {
                process = new ProcessBuilder(args).redirectErrorStream(true).start();
            } catch (IOException e) {
                return new Result(-1, e.getMessage()); // no such command: as good as not allowed
            }
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, String.join(" ", args) + " timed out");
            }
            return new Result(process.exitValue(), output);
        }
    }

    @Override
    public String toString() {
        return "tmpfs " + (sizeBytes >> 20) + " MiB on " + mountPoint;
    }
}
