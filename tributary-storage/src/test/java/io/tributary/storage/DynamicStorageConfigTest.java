package io.tributary.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** DynamicStorageConfig writes its equals and hashCode out (see there): both settings must still count. */
class DynamicStorageConfigTest {

    @Test
    void equalOnlyWhenBothSettingsAreEqual() {
        // given
        DynamicStorageConfig config = new DynamicStorageConfig(15_000, 86_400_000);

        // then
        assertThat(config).isEqualTo(new DynamicStorageConfig(15_000, 86_400_000))
                .hasSameHashCodeAs(new DynamicStorageConfig(15_000, 86_400_000))
                .isNotEqualTo(new DynamicStorageConfig(15_001, 86_400_000))
                .isNotEqualTo(new DynamicStorageConfig(15_000, 86_400_001))
                .isNotEqualTo(null);
    }
}
