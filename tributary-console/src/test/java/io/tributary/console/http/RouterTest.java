package io.tributary.console.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final RouteHandler TOPICS = request -> "topics";
    private static final RouteHandler TOPIC = request -> "topic";
    private static final RouteHandler CREATE = request -> "create";
    private static final RouteHandler DRY_RUN = request -> "dry run";

    private final Router router = new Router()
            .get("/topics", TOPICS)
            .post("/topics", CREATE)
            .get("/topics/{topic}", TOPIC)
            .postReading("/groups/{group}/reset-offsets", DRY_RUN);

    @Test
    void matchesByMethodAndPathWithParameters() {
        // when
        var list = router.match("GET", "/topics");
        var one = router.match("GET", "/topics/orders");
        var create = router.match("POST", "/topics/");

        // then
        assertThat(list).hasValueSatisfying(m -> assertThat(m.handler()).isSameAs(TOPICS));
        assertThat(one).hasValueSatisfying(m -> {
            assertThat(m.handler()).isSameAs(TOPIC);
            assertThat(m.params()).isEqualTo(Map.of("topic", "orders"));
        });
        assertThat(create).as("a trailing slash is the same path")
                .hasValueSatisfying(m -> assertThat(m.handler()).isSameAs(CREATE));
    }

    @Test
    void decodesParametersButKeepsAPlusSign() {
        // when
        var match = router.match("GET", "/topics/a%2Fb+c%20d");

        // then a topic name cannot hold "/", but the decoding must not split or lose characters
        assertThat(match).hasValueSatisfying(m -> assertThat(m.params().get("topic")).isEqualTo("a/b+c d"));
    }

    @Test
    void changingRoutesAreMarkedAndReadingPostsAreNot() {
        assertThat(router.match("POST", "/topics")).hasValueSatisfying(m -> assertThat(m.changing()).isTrue());
        assertThat(router.match("GET", "/topics")).hasValueSatisfying(m -> assertThat(m.changing()).isFalse());
        assertThat(router.match("POST", "/groups/g1/reset-offsets"))
                .hasValueSatisfying(m -> assertThat(m.changing()).isFalse());
    }

    @Test
    void unknownPathsAndMethodsDoNotMatch() {
        assertThat(router.match("GET", "/topics/orders/extra")).isEmpty();
        assertThat(router.match("GET", "/")).isEmpty();
        assertThat(router.match("DELETE", "/topics/orders")).isEmpty();
        assertThat(router.knowsPath("/topics/orders")).as("405 rather than 404").isTrue();
        assertThat(router.knowsPath("/nothing")).isFalse();
    }
}
