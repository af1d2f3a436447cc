package io.tributary.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.network.ConnectionLimits.CreationRates;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CreationRates writes its equals and hashCode out (see there): every component must still count. */
class CreationRatesTest {

    private static final InetAddress LOCALHOST = InetAddress.getLoopbackAddress();

    @Test
    void equalWhenEveryComponentIsEqual() {
        // given
        CreationRates rates = new CreationRates(10, Map.of("PLAINTEXT", 5), 3, Map.of(LOCALHOST, 2), 11, 1);
        CreationRates same = new CreationRates(10, Map.of("PLAINTEXT", 5), 3, Map.of(LOCALHOST, 2), 11, 1);

        // then
        assertThat(rates).isEqualTo(same).hasSameHashCodeAs(same);
    }

    @Test
    void differentWhenAnyComponentDiffers() {
        // given
        CreationRates rates = new CreationRates(10, Map.of("PLAINTEXT", 5), 3, Map.of(LOCALHOST, 2), 11, 1);

        // when
        List<CreationRates> others = List.of(
                new CreationRates(9, Map.of("PLAINTEXT", 5), 3, Map.of(LOCALHOST, 2), 11, 1),
                new CreationRates(10, Map.of("PLAINTEXT", 6), 3, Map.of(LOCALHOST, 2), 11, 1),
                new CreationRates(10, Map.of("PLAINTEXT", 5), 4, Map.of(LOCALHOST, 2), 11, 1),
                new CreationRates(10, Map.of("PLAINTEXT", 5), 3, Map.of(), 11, 1),
                new CreationRates(10, Map.of("PLAINTEXT", 5), 3, Map.of(LOCALHOST, 2), 10, 1),
                new CreationRates(10, Map.of("PLAINTEXT", 5), 3, Map.of(LOCALHOST, 2), 11, 2));

        // then
        assertThat(others).allSatisfy(other -> assertThat(other).isNotEqualTo(rates));
        assertThat(rates).isNotEqualTo(null).isNotEqualTo("rates");
    }
}
