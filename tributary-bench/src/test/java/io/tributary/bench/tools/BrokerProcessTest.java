package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BrokerProcessTest {

    @Test
    void addsUserAndSystemTicksCountingFieldsAfterTheLastParenthesis() {
        // given: a command name with a space and a parenthesis of its own
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 6417 0 0 0 1500 250 0 0 20 0 40 0 123 0 0";

        // then
        assertThat(BrokerProcess.cpuTicks(stat)).isEqualTo(1750);
    }

    @Test
    void readsNumbersOfStatusLines() {
        // given
        String status = "Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  524288 kB\nThreads:\t87\n";

        // then
        assertThat(BrokerProcess.statusField(status, "VmRSS:")).isEqualTo(524_288);
        assertThat(BrokerProcess.statusField(status, "Threads:")).isEqualTo(87);
        assertThatThrownBy(() -> BrokerProcess.statusField(status, "VmSwap:"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void knowsHotSpotsCompilerThreadsByTheirCutNames() {
        // then
        assertThat(BrokerProcess.isJitThread("C2 CompilerThre")).isTrue();
        assertThat(BrokerProcess.isJitThread("C1 CompilerThre")).isTrue();
        assertThat(BrokerProcess.isJitThread("tributary-netwo")).isFalse();
        assertThat(BrokerProcess.isJitThread("G1 Conc#0")).isFalse();
    }

    @Test
    void turnsTicksIntoSecondsAndReadsItsOwnProcess() {
        // given
        BrokerProcess self = BrokerProcess.of(ProcessHandle.current().pid(), 100);

        // then
        assertThat(self.cpuSeconds(100, 350)).isEqualTo(2.5);
        assertThat(self.known()).isTrue();
        assertThat(self.alive()).isTrue();
        assertThat(self.threads()).isPositive();
        assertThat(self.rssMib()).isPositive();
        assertThat(self.cpuTicks()).isNotNegative();
        assertThat(self.jitTicks()).isBetween(0L, self.cpuTicks());
        assertThat(BrokerProcess.of(0, 100).known()).isFalse();
    }
}
