package io.tributary.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Start, restart and close times in a warm JVM: logged (target/surefire-reports), and bounded loosely. */
class StartupTimeTest {

    private static final Logger LOG = LoggerFactory.getLogger(StartupTimeTest.class);

    @Test
    void startsAndClosesQuicklyOnceWarm() {
        // given: a warm JVM
        EmbeddedTributary.builder().start().close();

        for (int i = 0; i < 3; i++) {
            // when
            long t0 = System.nanoTime();
            EmbeddedTributary broker = EmbeddedTributary.builder().start();
            long t1 = System.nanoTime();
            int port = broker.port();
            broker.restart();
            long t2 = System.nanoTime();
            int portAfterRestart = broker.port();
            broker.close();
            long t3 = System.nanoTime();
            LOG.warn("embedded broker: start {} ms, restart {} ms (port {} -> {}), close {} ms", (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, port, portAfterRestart, (t3 - t2) / 1_000_000);

            // then
            assertThat((t1 - t0) / 1_000_000).isLessThan(10_000);
        }
    }
}
