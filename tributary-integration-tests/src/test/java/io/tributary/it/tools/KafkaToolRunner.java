package io.tributary.it.tools;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.common.utils.Exit;

/**
 * Runs one of Kafka's command-line tools in-process, capturing what it prints and the exit code it asks for. The
 * tools end with {@link Exit#exit}, which is redirected here so the test JVM survives.
 */
public final class KafkaToolRunner {

    /** What a tool printed and the status it exited with. */
    public record ToolResult(int exitCode, String out, String err) {
        public String output() {
            return out + err;
        }
    }

    /** A tool's entry point, usually {@code SomeCommand::main}. */
    @FunctionalInterface
    public interface ToolMain {
        void main(String[] args) throws Exception;
    }

    private static final class ToolExited extends RuntimeException {
        private static final long serialVersionUID = 1L;
        ToolExited(int code) {
            super("tool requested exit(" + code + ")", null, false, false);
        }
    }

    private KafkaToolRunner() {
    }

    /** Calls the tool's main method with the given arguments; tools run one at a time (System.out is global). */
    public static synchronized ToolResult run(ToolMain tool, String... args) throws Exception {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // Some tools catch Throwable around their own exit(0) and then exit(1): the first request is the real one.
        AtomicReference<Integer> firstExitCode = new AtomicReference<>();
        Exit.setExitProcedure((code, message) -> {
            firstExitCode.compareAndSet(null, code);
            throw new ToolExited(code);
        });
        try (PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream capturedErr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(capturedOut);
            System.setErr(capturedErr);
            tool.main(args);
        } catch (ToolExited exited) {
            // expected: the exit code was recorded when the tool asked to exit
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            Exit.resetExitProcedure();
        }
        int exitCode = firstExitCode.get() == null ? 0 : firstExitCode.get();
        return new ToolResult(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
