package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcFiguresTest {

    @Test
    void addsUserAndSystemTicksCountingFieldsAfterTheCommandName() {
        // given: a command name with a space and a parenthesis in it
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 12345 0 0 0 1500 250 0 0 20 0 97 0 100 0";

        // then
        assertThat(ProcFigures.cpuTicks(stat)).isEqualTo(1750);
    }

    @Test
    void readsVmRssInKib() {
        // given
        String status = "Name:\tjava\nVmPeak:\t 4000000 kB\nVmRSS:\t  812345 kB\nThreads:\t97\n";

        // then
        assertThat(ProcFigures.rssKib(status)).isEqualTo(812_345);
        assertThat(ProcFigures.rssKib("Name:\tjava\nState:\tZ (zombie)\n")).isEqualTo(-1);
    }

    @Test
    void readsThisProcess() {
        // then
        long pid = ProcessHandle.current().pid();
        assertThat(ProcFigures.rssKib(pid)).isPositive();
        assertThat(ProcFigures.cpuTicks(pid)).isNotNegative();
        assertThat(ProcFigures.cpuTicks(-5)).isEqualTo(-1);
    }
}
