package io.tributary.bench.tools;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A broker's {@code -Xlog:gc:file=F:uptime,tags} log, read as it grows: its pauses, lines such as
 * {@code [12.345s][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 52M->8M(1024M) 19.946ms}. Concurrent
 * phases ({@code Concurrent Mark Cycle 80.1ms}) are not pauses and are left out. The JVM writes each line whole
 * and flushes it, so a pause is read within a moment of its end; a line still being written is kept for the next
 * read.
 */
final class GcLog {

    private static final Pattern PAUSE = Pattern.compile("^\\[(\\d+(?:\\.\\d+)?)s\\].*\\bPause\\b.*?(\\d+(?:\\.\\d+)?)ms\\s*$");
    /** The heap before, after and its size, as in {@code 52M->8M(1024M)}. */
    private static final Pattern HEAP = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    /**
     * One stop-the-world pause: the JVM's uptime at the log line, its length, and the heap in use after it (MiB;
     * NaN but for a young, mixed or full collection, whose line says). The heap after the young pauses is
     * what a leak on the heap shows in, whatever the collector's sizing does to the resident memory.
     */
    record Pause(double uptimeSeconds, double millis, double heapAfterMib) {
    }

    private final Path file;
    private long position;
    private String partial = "";

    GcLog(Path file) {
        this.file = file;
    }

    /** A pause line's figures, or null for any other line. */
    static Pause parse(String line) {
        Matcher m = PAUSE.matcher(line);
        if (!m.matches()) return null;
        // Only a collection's "after" is the live heap: Remark and Cleanup print the occupancy, garbage included.
        Matcher heap = HEAP.matcher(line);
        boolean collects = line.contains("Pause Young") || line.contains("Pause Full");
        double after = collects && heap.find() ? mib(Long.parseLong(heap.group(3)), heap.group(4)) : Double.NaN;
        return new Pause(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), after);
    }

    private static double mib(long value, String unit) {
        return switch (unit) {
            case "K" -> value / 1024.0;
            case "G" -> value * 1024.0;
            default -> value;
        };
    }

    /** Skips what the log holds now (the broker's start-up), so that later reads see only new pauses. */
    void skipExisting() throws IOException {
        readNew();
    }

    /** The pauses logged since the last read; none if there is no log (yet). */
    List<Pause> readNew() throws IOException {
        List<Pause> pauses = new ArrayList<>();
        if (!Files.exists(file)) return pauses;
        byte[] bytes;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            if (length < position) { // the log was rotated or truncated: start over
                position = 0;
                partial = "";
            }
            bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, length - position)];
            raf.seek(position);
            raf.readFully(bytes);
            position += bytes.length;
        }
        String text = partial + new String(bytes, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        partial = text.substring(end + 1);
        if (end < 0) return pauses;
        for (String line : text.substring(0, end).split("\n")) {
            Pause pause = parse(line);
            if (pause != null) pauses.add(pause);
        }
        return pauses;
    }

    static double maxMillis(List<Pause> pauses) {
        double max = 0;
        for (Pause p : pauses) max = Math.max(max, p.millis());
        return max;
    }

    /** The heap in use after the last of these pauses that says; NaN if none does. */
    static double lastHeapAfterMib(List<Pause> pauses) {
        double last = Double.NaN;
        for (Pause p : pauses) if (!Double.isNaN(p.heapAfterMib())) last = p.heapAfterMib();
        return last;
    }

    static double totalMillis(List<Pause> pauses) {
        double total = 0;
        for (Pause p : pauses) total += p.millis();
        return total;
    }
}
