package io.tributary.server;

import io.tributary.metadata.config.BrokerConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point: starts one broker from a server.properties file and runs until stopped. */
public final class TributaryServer implements AutoCloseable {

    private final Broker broker;

    private TributaryServer(Broker broker) {
        this.broker = broker;
    }

    /** Starts a broker from Kafka-style properties; returns once it is answering requests. */
    public static TributaryServer start(Properties properties) throws Exception {
        return new TributaryServer(Broker.start(new BrokerConfig(ServerProperties.asMap(properties))));
    }

    public int boundPort() {
        return broker.boundPort();
    }

    /** The port of the HTTP endpoint ({@code tributary.http.listener}: metrics, health probes), if enabled. */
    public java.util.OptionalInt httpPort() {
        return broker.httpPort();
    }

    public String bootstrapServers() {
        return "localhost:" + boundPort();
    }

    @Override
    public void close() {
        broker.close();
    }

    /**
     * Stops without a controlled shutdown: the files are closed as by {@link #close()}, but the controller is not
     * asked to move leaderships away first, so the others notice this node is gone only when its session expires.
     * For stopping every node of a cluster at once, where the last ones have no quorum left to confirm a controlled
     * shutdown and would each wait for its timeout.
     */
    public void closeWithoutControlledShutdown() {
        broker.close(false);
    }

    public static void main(String[] args) throws Exception {
        StartupTrace.mark("main");
        // Netty's allocator JFR events would start JFR's machinery on the first pooled chunk, inside the first
        // request (about 20 ms of a network thread). Whoever records them sets -Dio.netty.jfr.enabled=true.
        if (System.getProperty("io.netty.jfr.enabled") == null) System.setProperty("io.netty.jfr.enabled", "false");
        ClassPreloading preloading = ClassPreloading.startInBackground();
        LoggerFactory.getILoggerFactory(); // logging set up once, here, while ApiKeys initializes on the other thread
        preloading.loggingReady();
        StartupTrace.mark("logging set up");
        if (args.length < 1) {
            System.err.println("USAGE: tributary-server.sh server.properties [--override property=value]*");
            System.exit(1);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!"--override".equals(args[i]) || i + 1 >= args.length || !args[i + 1].contains("=")) {
                System.err.println("Unexpected argument '" + args[i] + "': expected --override property=value");
                System.exit(1);
            }
            String[] kv = args[++i].split("=", 2);
            overrides.put(kv[0].trim(), kv[1].trim());
        }
        long startNanos = System.nanoTime();
        Broker broker;
        StartupTrace.mark("arguments read");
        try {
            broker = Broker.start(new BrokerConfig(ServerProperties.read(Path.of(args[0]), overrides)));
        } catch (ConfigException e) {
            // A bad setting is the user's to fix: one line naming it, as Kafka prints, and no stack trace.
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        StartupTrace.mark("started");
        // Not a static field: that would set up logging before main, ahead of the preloading thread's start.
        Logger log = LoggerFactory.getLogger(TributaryServer.class);
        log.info("Tributary started in {} ms", (System.nanoTime() - startNanos) / 1_000_000);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "tributary-shutdown"));
        stopped.await();
    }
}
