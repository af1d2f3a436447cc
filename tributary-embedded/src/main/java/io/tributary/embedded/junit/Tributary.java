package io.tributary.embedded.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs an embedded Tributary broker for a test class (default) or for each test, and injects its
 * {@link BootstrapServers bootstrap servers}, an {@link org.apache.kafka.clients.admin.Admin} or the
 * {@link io.tributary.embedded.EmbeddedTributary} itself into parameters and fields.
 *
 * <pre>
 * &#64;Tributary(config = {"num.partitions=3"})
 * class OrdersTest {
 *     &#64;Test
 *     void sends(&#64;BootstrapServers String bootstrapServers, Admin admin) { ... }
 * }
 * </pre>
 *
 * On a test method, it gives that test a broker of its own with the method's settings.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TributaryExtension.class)
public @interface Tributary {

    /** One broker for the whole class (default), or a new one for each test. */
    Lifecycle lifecycle() default Lifecycle.PER_CLASS;

    /** Broker settings as {@code key=value}, applied over the embedded defaults. */
    String[] config() default {};

    /** The broker's node id (single broker only: a cluster's nodes are 1..N). */
    int nodeId() default 1;

    /**
     * More than one: an {@link io.tributary.embedded.EmbeddedTributaryCluster} of that many nodes, injected as such;
     * bootstrap servers then name every node.
     */
    int nodes() default 1;

    /** When brokers start and stop. */
    enum Lifecycle {
        /** Started before the class's first test ({@code @BeforeAll}), closed after its last. */
        PER_CLASS,
        /** Started before each test ({@code @BeforeEach}), closed after it. */
        PER_METHOD
    }
}
