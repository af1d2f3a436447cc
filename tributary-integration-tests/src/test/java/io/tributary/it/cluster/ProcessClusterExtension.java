package io.tributary.it.cluster;

import java.util.Map;
import java.util.function.IntFunction;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * One {@link ProcessCluster} per test class ({@code @RegisterExtension static}): started before the first test,
 * killed after the last. When a test or a lifecycle method fails, the tail of every node's console output is
 * printed next to the failure.
 */
public final class ProcessClusterExtension implements BeforeAllCallback, AfterAllCallback,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    private static final int LOG_LINES_PER_NODE = 80;

    private final int size;
    private final Map<String, String> overrides;
    private final IntFunction<Map<String, String>> nodeOverrides;
    private ProcessCluster cluster;

    public ProcessClusterExtension(int size) {
        this(size, Map.of());
    }

    public ProcessClusterExtension(int size, Map<String, String> overrides) {
        this(size, overrides, id -> Map.of());
    }

    /** {@code nodeOverrides}: each node's own settings by node id (e.g. its broker.rack). */
    public ProcessClusterExtension(int size, Map<String, String> overrides,
                                   IntFunction<Map<String, String>> nodeOverrides) {
        this.size = size;
        this.overrides = Map.copyOf(overrides);
        this.nodeOverrides = nodeOverrides;
    }

    public ProcessCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("the cluster starts before the first test of the class");
        }
        return cluster;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster = new ProcessCluster(context.getRequiredTestClass().getSimpleName(), size, overrides, false,
                nodeOverrides);
        try {
            cluster.start();
        } catch (Throwable failure) {
            printDiagnostics("cluster start-up");
            cluster.close();
            throw failure;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        printDiagnostics(context.getDisplayName());
        throw throwable;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        printDiagnostics(context.getDisplayName() + " (before each)");
        throw throwable;
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        printDiagnostics(context.getDisplayName() + " (after each)");
        throw throwable;
    }

    private void printDiagnostics(String failed) {
        if (cluster != null) {
            System.err.println("==== " + failed + " failed; node logs follow ====\n"
                    + cluster.diagnostics(LOG_LINES_PER_NODE));
        }
    }
}
