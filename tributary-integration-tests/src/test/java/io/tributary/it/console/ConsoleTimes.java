package io.tributary.it.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.it.support.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * What the console's time measurements share: a wide topic made and waited for, and an API call timed (the first
 * call, warm-up calls, then min, median and max of the warm ones, printed).
 */
final class ConsoleTimes {

    static final int WARM_UP = 5;
    static final int CALLS = 20;

    private ConsoleTimes() {
    }

    /** Creates a topic of replication factor 1 and waits until every partition has a leader. */
    static void createTopic(EmbeddedBroker broker, String name, int partitions) throws Exception {
        try {
            broker.clients().admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1)),
                    new CreateTopicsOptions().timeoutMs(120_000)).all().get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            // A slow machine: the controller may answer late; the topic is created all the same.
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            try {
                return broker.clients().admin().describeTopics(List.of(name)).allTopicNames().get()
                        .get(name).partitions().stream().filter(p -> p.leader() != null).count() == partitions;
            } catch (ExecutionException e) {
                return false;
            }
        });
    }

    /**
     * Times {@code GET path}: the first call (which {@code checkFirst} looks at), {@link #WARM_UP} calls in all before
     * {@link #CALLS} timed ones; {@code setup} says what the cluster holds, for the printed line.
     */
    static void measure(ConsoleApi api, String path, String setup, Consumer<ConsoleApi.Response> checkFirst) {
        long first = System.nanoTime();
        ConsoleApi.Response firstResponse = api.get(path);
        assertThat(firstResponse.status()).isEqualTo(200);
        checkFirst.accept(firstResponse);
        System.out.printf("GET %s first call: %.1f ms%n", path, (System.nanoTime() - first) / 1e6);
        for (int i = 1; i < WARM_UP; i++) {
            assertThat(api.get(path).status()).isEqualTo(200);
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            long start = System.nanoTime();
            ConsoleApi.Response response = api.get(path);
            millis.add((System.nanoTime() - start) / 1e6);
            assertThat(response.status()).isEqualTo(200);
        }
        Collections.sort(millis);
        System.out.printf("GET %s (%s): min %.1f ms, median %.1f ms, max %.1f ms (%d calls)%n", path, setup,
                millis.get(0), (millis.get(CALLS / 2 - 1) + millis.get(CALLS / 2)) / 2, millis.get(CALLS - 1), CALLS);
    }
}
