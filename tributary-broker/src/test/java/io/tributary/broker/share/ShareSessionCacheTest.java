package io.tributary.broker.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Share sessions: one per member, the next epoch after opening, the session limit and idle eviction. */
class ShareSessionCacheTest {

    @Test
    void aFullCacheRefusesNewSessionsUntilOneIsIdleLongEnough() {
        ShareSessionCache cache = new ShareSessionCache(1, 1000);
        List<ShareSession> evicted = new ArrayList<>();
        ShareSession first = cache.open("g", "a", 0, evicted);
        assertThat(first.epoch).isEqualTo(1);

        assertThat(cache.open("g", "b", 500, evicted)).isNull(); // SHARE_SESSION_LIMIT_REACHED
        assertThat(cache.open("g", "a", 600, evicted)).isNotNull(); // the same member starts over

        ShareSession b = cache.open("g", "b", 2000, evicted);
        assertThat(b).isNotNull();
        assertThat(evicted).extracting(s -> s.memberId).containsExactly("a");
        assertThat(cache.get("g", "a")).isNull();
        assertThat(cache.remove("g", "b")).isSameAs(b);
    }
}
