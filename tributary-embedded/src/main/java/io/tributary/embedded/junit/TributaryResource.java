package io.tributary.embedded.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of type {@link org.apache.kafka.clients.admin.Admin} or
 * {@link io.tributary.embedded.EmbeddedTributary} for injection by the {@link TributaryExtension} (parameters of
 * those types need no annotation).
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TributaryResource {
}
