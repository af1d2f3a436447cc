package io.tributary.console.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.console.ConsoleSettings;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SessionsTest {

    private static final long TIMEOUT_MS = 60_000;

    private final AtomicLong now = new AtomicLong(1_000);
    private final Sessions sessions = new Sessions(new ConsoleSettings("localhost:9092", Map.of(), Optional.empty(),
            false, TIMEOUT_MS), now::get);

    @Test
    void anAnonymousSessionIsFoundByItsIdUntilItIdlesOut() {
        // given an anonymous session
        ConsoleSession session = sessions.anonymous();

        // when it is used within the timeout, then it is found; once idle longer, it is gone
        now.addAndGet(TIMEOUT_MS - 1);
        assertThat(sessions.find(session.id())).contains(session);
        now.addAndGet(TIMEOUT_MS + 1);
        assertThat(sessions.find(session.id())).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
        assertThat(session.csrfToken()).isNotEqualTo(session.id()).hasSizeGreaterThan(20);
    }

    @Test
    void clientsThatNeverReturnTheCookieCannotGrowTheSessionsWithoutBound() {
        // given a first session, used last
        ConsoleSession first = sessions.anonymous();
        now.incrementAndGet();
        ConsoleSession second = sessions.anonymous();
        for (int i = 2; i < Sessions.MAX_SESSIONS; i++) {
            now.incrementAndGet();
            sessions.anonymous();
        }
        now.incrementAndGet();
        assertThat(sessions.find(first.id())).isPresent(); // now the most recently used

        // when one more session than the bound is made
        now.incrementAndGet();
        ConsoleSession extra = sessions.anonymous();

        // then the least recently used one made room, not the one used just before
        assertThat(sessions.find(second.id())).isEmpty();
        assertThat(sessions.find(extra.id())).isPresent();
        assertThat(sessions.find(first.id())).isPresent();
    }

    @Test
    void aLoginIsRefusedWhenTheConsoleNeedsNone() {
        assertThatThrownBy(() -> sessions.login("alice", "secret"))
                .isInstanceOfSatisfying(SessionRefused.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
