package io.tributary.embedded.junit;

import io.tributary.embedded.EmbeddedTributary;
import io.tributary.embedded.EmbeddedTributaryCluster;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts embedded brokers for tests, as {@link Tributary} describes; can also be registered with
 * {@code @ExtendWith(TributaryExtension.class)}, which means a {@code @Tributary} with its defaults.
 *
 * <p>Resolves parameters of type {@code String} annotated {@link BootstrapServers}, {@link Admin} (one per test, or
 * per class when asked for in {@code @BeforeAll}, closed with it), {@link EmbeddedTributary} and {@link EmbeddedTributaryCluster}; injects fields of
 * those types annotated {@link BootstrapServers} or {@link TributaryResource}: static ones before all tests (per-class
 * lifecycle only), instance ones before each test.
 *
 * <p>All state lives in the JUnit {@link ExtensionContext.Store} of the class or of the test, never in statics, so
 * classes and tests may run in parallel; brokers and admins are closed when their class or test ends.
 */
public final class TributaryExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(TributaryExtension.class);
    private static final String BROKER = "broker";
    private static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** Closes an admin with the store of its class or test. */
    private record AdminKey(BrokerResource broker) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Optional<Tributary> own = AnnotationSupport.findAnnotation(testClass, Tributary.class);
        Tributary effective = classAnnotation(testClass);
        if (lifecycle(effective) == Tributary.Lifecycle.PER_CLASS) {
            ExtensionContext.Store store = context.getStore(NAMESPACE);
            if (own.isPresent() && testClass.getEnclosingClass() != null) {
                // A nested class with settings of its own: its own broker, not the enclosing class's.
                store.put(BROKER, newBroker(own.get()));
            } else {
                store.getOrComputeIfAbsent(BROKER, key -> newBroker(effective),
                        BrokerResource.class);
            }
            injectFields(context, testClass, null, context);
        } else if (!staticFields(testClass).isEmpty()) {
            throw new ExtensionConfigurationException("Static fields " + staticFields(testClass)
                    + " cannot be injected with a broker per test: make them instance fields");
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Optional<Tributary> onMethod = context.getTestMethod()
                .flatMap(method -> AnnotationSupport.findAnnotation(method, Tributary.class));
        Tributary effective = onMethod.orElseGet(() -> classAnnotation(context.getRequiredTestClass()));
        if (onMethod.isPresent() || lifecycle(effective) == Tributary.Lifecycle.PER_METHOD) {
            context.getStore(NAMESPACE).put(BROKER, newBroker(effective));
        }
        Object instance = context.getRequiredTestInstance();
        injectFields(context, instance.getClass(), instance, context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return (type == String.class && parameterContext.isAnnotated(BootstrapServers.class))
                || type == Admin.class || type == EmbeddedTributary.class || type == EmbeddedTributaryCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        try {
            return resolve(parameterContext.getParameter().getType(), extensionContext);
        } catch (IllegalStateException e) {
            throw new ParameterResolutionException("Cannot resolve " + parameterContext.getParameter() + ": "
                    + e.getMessage(), e);
        }
    }

    private Object resolve(Class<?> type, ExtensionContext context) {
        BrokerResource broker = broker(context);
        if (type == EmbeddedTributary.class) {
            if (broker.broker == null) {
                throw new IllegalStateException("this is a cluster: ask for an EmbeddedTributaryCluster");
            }
            return broker.broker;
        }
        if (type == EmbeddedTributaryCluster.class) {
            if (broker.cluster == null) {
                throw new IllegalStateException("this is a single broker (@Tributary(nodes = 1))");
            }
            return broker.cluster;
        }
        if (type == Admin.class) {
            return context.getStore(NAMESPACE).getOrComputeIfAbsent(new AdminKey(broker),
                    key -> new AdminResource(Admin.create(Map.of(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))),
                    AdminResource.class).admin;
        }
        return broker.bootstrapServers();
    }

    private static BrokerResource broker(ExtensionContext context) {
        BrokerResource resource = context.getStore(NAMESPACE).get(BROKER, BrokerResource.class);
        if (resource == null) {
            throw new IllegalStateException("no embedded broker here (with a broker per test, constructors and"
                    + " @BeforeAll methods have none)");
        }
        return resource;
    }

    private void injectFields(ExtensionContext context, Class<?> type, Object instance, ExtensionContext scope) {
        Predicate<Field> wanted = field -> Modifier.isStatic(field.getModifiers()) == (instance == null);
        for (Field field : AnnotationSupport.findAnnotatedFields(type, BootstrapServers.class, wanted)) {
            if (field.getType() != String.class) {
                throw new ExtensionConfigurationException("@BootstrapServers field " + field + " must be a String");
            }
            set(field, instance, resolve(String.class, scope));
        }
        for (Field field : AnnotationSupport.findAnnotatedFields(type, TributaryResource.class, wanted)) {
            if (field.getType() != Admin.class && field.getType() != EmbeddedTributary.class
                    && field.getType() != EmbeddedTributaryCluster.class) {
                throw new ExtensionConfigurationException("@TributaryResource field " + field
                        + " must be an Admin, an EmbeddedTributary or an EmbeddedTributaryCluster");
            }
            set(field, instance, resolve(field.getType(), scope));
        }
    }

    private static void set(Field field, Object instance, Object value) {
        if (Modifier.isFinal(field.getModifiers())) {
            throw new ExtensionConfigurationException("Field " + field + " must not be final to be injected");
        }
        try {
            field.setAccessible(true);
            field.set(instance, value);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExtensionConfigurationException("Could not inject " + field, e);
        }
    }

    private static List<Field> staticFields(Class<?> type) {
        Predicate<Field> isStatic = field -> Modifier.isStatic(field.getModifiers());
        List<Field> fields = new java.util.ArrayList<>(
                AnnotationSupport.findAnnotatedFields(type, BootstrapServers.class, isStatic));
        fields.addAll(AnnotationSupport.findAnnotatedFields(type, TributaryResource.class, isStatic));
        return fields;
    }

    /** The class's annotation, else an enclosing class's (nested tests), else none (plain {@code @ExtendWith}). */
    private static Tributary classAnnotation(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            Optional<Tributary> found = AnnotationSupport.findAnnotation(type, Tributary.class);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return null;
    }

    private static Tributary.Lifecycle lifecycle(Tributary annotation) {
        return annotation == null ? Tributary.Lifecycle.PER_CLASS : annotation.lifecycle();
    }

    private static BrokerResource newBroker(Tributary annotation) {
        if (annotation != null && annotation.nodes() > 1) {
            EmbeddedTributaryCluster.Builder builder = EmbeddedTributaryCluster.builder().nodes(annotation.nodes());
            forEachSetting(annotation, builder::config);
            return new BrokerResource(null, builder.start());
        }
        EmbeddedTributary.Builder builder = EmbeddedTributary.builder();
        if (annotation != null) {
            builder.nodeId(annotation.nodeId());
            forEachSetting(annotation, builder::config);
        }
        return new BrokerResource(builder.start(), null);
    }

    private static void forEachSetting(Tributary annotation, java.util.function.BiConsumer<String, Object> action) {
        for (String setting : annotation.config()) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw new ExtensionConfigurationException("@Tributary config '" + setting + "' is not key=value");
            }
            action.accept(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
        }
    }

    /** A broker or a cluster, closed with the store that holds it (the class's or the test's). */
    // CloseableResource for JUnit before 5.13, AutoCloseable for 5.13+ (which warns about CloseableResource alone)
    @SuppressWarnings("deprecation")
    private static final class BrokerResource implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final EmbeddedTributary broker;
        private final EmbeddedTributaryCluster cluster;

        BrokerResource(EmbeddedTributary broker, EmbeddedTributaryCluster cluster) {
            this.broker = broker;
            this.cluster = cluster;
        }

        String bootstrapServers() {
            return broker != null ? broker.bootstrapServers() : cluster.bootstrapServers();
        }

        @Override
        public void close() {
            if (broker != null) {
                broker.close();
            } else {
                cluster.close();
            }
        }
    }

    @SuppressWarnings("deprecation")
    private static final class AdminResource implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final Admin admin;

        AdminResource(Admin admin) {
            this.admin = admin;
        }

        @Override
        public void close() {
            admin.close(ADMIN_CLOSE_TIMEOUT);
        }
    }
}
