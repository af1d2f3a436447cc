package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ConnectionsLoadTest {

    private static final ConnectionsOptions OPTIONS = ConnectionsOptions.parse(
            new String[] {"--bootstrap-server", "127.0.0.1:9092", "--topic", "t", "--connections", "1000"});

    @Test
    void reportsTheLatencyFootprintAndRateOfAGoodRun() {
        // given
        SendTally tally = answeredTally(200);
        ConnectionsLoad.Window window = new ConnectionsLoad.Window(2_000_000_000L, 1000, 1250, 300, 400, 612.5, 80);
        BrokerProcess broker = BrokerProcess.of(1, 100);
        Figures figures = new Figures();

        // when
        ConnectionsLoad.report(OPTIONS, tally, window, new IdleConnections.Outcome(990, 990, 0, null), broker,
                figures);

        // then
        assertThat(figures.errors()).isEmpty();
        assertThat(figures.value("active_p99_ms")).isEqualTo("3.000");
        assertThat(figures.value("active_records_per_s")).isEqualTo("100.000");
        assertThat(figures.value("rss_connected_mib")).isEqualTo("612.500");
        assertThat(figures.value("threads_connected")).isEqualTo("80");
        assertThat(figures.value("cpu_idle_connections_s")).isEqualTo("2.500");
        assertThat(figures.value("cpu_idle_connections_no_jit_s")).isEqualTo("1.500");
    }

    @Test
    void aClosedIdleConnectionOrAFailedSendIsAnError() {
        // given
        SendTally tally = answeredTally(10);
        tally.onSent(true);
        tally.onCompleted(true, 0, 1, new IllegalStateException("NOT_ENOUGH_REPLICAS"));
        tally.onSent(true);

        // when
        var errors = ConnectionsLoad.errors(OPTIONS, tally,
                new IdleConnections.Outcome(990, 987, 3, "idle connection 5 closed by the broker 1.0 s after"));

        // then
        assertThat(errors).hasSize(3);
        assertThat(errors.get(0)).contains("1 of 12 sends failed", "NOT_ENOUGH_REPLICAS");
        assertThat(errors.get(1)).contains("1 of 12 sends were never answered");
        assertThat(errors.get(2)).contains("3 of 990 idle connections were closed", "idle connection 5");
    }

    @Test
    void idleConnectionsThatWereNeverCheckedAreAnError() {
        // then
        assertThat(ConnectionsLoad.errors(OPTIONS, answeredTally(1), null)).containsExactly(
                "the idle connections were not checked");
    }

    @Test
    void connectsTheIdleClientsToTheFirstBootstrapServer() {
        // then
        assertThat(ConnectionsLoad.firstAddress("127.0.0.1:26092, other:1")).isEqualTo(
                new InetSocketAddress("127.0.0.1", 26092));
    }

    private static SendTally answeredTally(int sends) {
        SendTally tally = new SendTally();
        for (int i = 0; i < sends; i++) {
            tally.onSent(true);
            tally.onCompleted(true, 0, 3_000_000L, null);
        }
        return tally;
    }
}
