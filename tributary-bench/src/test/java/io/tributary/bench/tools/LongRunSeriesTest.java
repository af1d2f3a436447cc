package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LongRunSeriesTest {

    private static final long MIB = 1024 * 1024;
    private static final long SECOND = 1_000_000_000L;

    private static LongRunSeries.Reading reading(double seconds, long producedMib, long consumedMib, long ticks,
                                                 long rssMib, long dataMib) {
        return new LongRunSeries.Reading((long) (seconds * SECOND) + 7L, producedMib * MIB, consumedMib * MIB, ticks,
                rssMib < 0 ? -1 : rssMib * 1024, dataMib < 0 ? -1 : dataMib * 1024);
    }

    @Test
    void ratesAreTheDifferenceToThePreviousReadingOverTheTimeBetween() {
        // given
        LongRunSeries series = new LongRunSeries(reading(0, 0, 0, 1000, 500, 0), 100);

        // when
        LongRunSeries.Row first = series.add(reading(10, 200, 190, 1500, 600, 150), 4.5, 12.0);
        LongRunSeries.Row second = series.add(reading(15, 300, 300, 1600, 610, 160), 6.0, 0.0);

        // then
        assertThat(first.seconds()).isEqualTo(10.0);
        assertThat(first.produceMibPerS()).isCloseTo(20.0, within(1e-9));
        assertThat(first.consumeMibPerS()).isCloseTo(19.0, within(1e-9));
        assertThat(first.brokerCpuCores()).isCloseTo(0.5, within(1e-9)); // 500 ticks = 5 s of CPU in 10 s
        assertThat(first.rssMib()).isEqualTo(600.0);
        assertThat(first.dataMib()).isEqualTo(150.0);
        assertThat(second.produceMibPerS()).isCloseTo(20.0, within(1e-9));
        assertThat(second.consumeMibPerS()).isCloseTo(22.0, within(1e-9));
        assertThat(second.brokerCpuCores()).isCloseTo(0.2, within(1e-9));
        assertThat(series.producedMibPerS()).isCloseTo(20.0, within(1e-9));
        assertThat(series.consumedMibPerS()).isCloseTo(20.0, within(1e-9));
        assertThat(series.meanCpuCores()).isCloseTo(0.4, within(1e-9)); // 6 s of CPU in 15 s
    }

    @Test
    void writesCsvRowsWithEmptyFieldsForWhatIsUnknown() {
        // given
        LongRunSeries series = new LongRunSeries(reading(0, 0, 0, -1, -1, -1), 100);

        // when
        LongRunSeries.Row row = series.add(reading(10, 100, 100, 50, -1, -1), Double.NaN, Double.NaN);

        // then
        assertThat(LongRunSeries.HEADER.split(",")).hasSize(9).startsWith("seconds");
        assertThat(row.csv()).isEqualTo("10.0,10.00,10.00,,,,,,");
        assertThat(series.meanCpuCores()).isNaN();
        assertThat(series.meanRssFirst(20)).isNaN();
    }

    @Test
    void meanRssOfTheFirstAndLastWindowsOfTheRun() {
        // given: 60 s in 10 s intervals
        LongRunSeries series = new LongRunSeries(reading(0, 0, 0, 0, 100, 0), 100);
        long[] rss = {400, 420, 430, 500, 510, 530};
        for (int i = 0; i < rss.length; i++) series.add(reading(10 * (i + 1), 0, 0, 0, rss[i], 0), 1.0, 0.0);

        // then: intervals ending at 10 and 20 s, and at 50 and 60 s
        assertThat(series.meanRssFirst(20)).isCloseTo(410.0, within(1e-9));
        assertThat(series.meanRssLast(20)).isCloseTo(520.0, within(1e-9));
        assertThat(series.rows()).hasSize(6);
    }

    @Test
    void heapAfterGcOfTheIntervalsWithAGcInTheFirstAndLastWindows() {
        // given: GCs in some intervals only, the RSS growing as the young generation grows
        LongRunSeries series = new LongRunSeries(reading(0, 0, 0, 0, 100, 0), 100);
        double[] heapAfter = {21, Double.NaN, 23, 22, Double.NaN, 24};
        for (int i = 0; i < heapAfter.length; i++)
            series.add(reading(10 * (i + 1), 0, 0, 0, 200 + 50 * i, 0), 1.0, 2.0, heapAfter[i]);

        // then
        assertThat(series.meanHeapAfterGcFirst(20)).isEqualTo(21.0);
        assertThat(series.meanHeapAfterGcLast(20)).isEqualTo(24.0);
        assertThat(series.meanHeapAfterGcLast(40)).isCloseTo(23.0, within(1e-9));
        assertThat(series.rows().get(0).csv()).endsWith(",2.00,21.0");
        assertThat(series.rows().get(1).csv()).endsWith(",2.00,");
    }

    @Test
    void aMissingRssReadingIsLeftOutOfTheMean() {
        // given
        LongRunSeries series = new LongRunSeries(reading(0, 0, 0, 0, 100, 0), 100);
        series.add(reading(10, 0, 0, 0, 400, 0), 1.0, 0.0);
        series.add(reading(20, 0, 0, 0, -1, 0), 1.0, 0.0);

        // then
        assertThat(series.meanRssFirst(20)).isEqualTo(400.0);
    }
}
