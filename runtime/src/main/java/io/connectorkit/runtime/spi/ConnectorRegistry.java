package io.connectorkit.runtime.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.SoftReference;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Finds the connector of an app. A host that runs several apps in one JVM (the embedded target, tests) binds a
 * definition to an app key. Otherwise the connector jar's description ({@value ConnectorDescription#RESOURCE},
 * generated from its descriptor) is used, else the one {@link ConnectorProvider} on the class path, else the
 * {@linkplain ConnectorDefinition#standard() standard} connector. What is found on the class path is kept per
 * class loader, so it is read once.
 */
public final class ConnectorRegistry {

    private static final Map<String, ConnectorDefinition> BOUND = new ConcurrentHashMap<>();
    /** Soft values: a definition holds classes of its loader, and must not keep that loader alive through the key. */
    private static final Map<ClassLoader, SoftReference<ConnectorDefinition>> DISCOVERED = new WeakHashMap<>();

    private ConnectorRegistry() {}

    /**
     * Makes calls of the app with this key use the definition, until the returned handle is closed. Binding a key
     * again replaces the earlier definition.
     *
     * @param appKey the key the host resolves the app's connector with
     * @param definition the connector the app's calls use
     * @return the handle whose {@link Binding#close()} removes this binding, and nothing when the key has been bound
     *     to another definition since
     * @throws NullPointerException when the key or the definition is null
     */
    public static Binding bind(String appKey, ConnectorDefinition definition) {
        Objects.requireNonNull(appKey, "app key");
        Objects.requireNonNull(definition, "definition");
        BOUND.put(appKey, definition);
        return () -> BOUND.remove(appKey, definition);
    }

    /**
     * The connector of an app: its binding, else what the class path holds, in the order the class comment gives.
     *
     * @param appKey the app's key, or null for no binding lookup
     * @param loader the class loader to search for a description or a provider; the result is cached for it
     * @return the connector's definition, never null
     * @throws IllegalStateException when the class path holds several descriptions or several providers, or the
     *     description names a hook class that cannot be used
     * @throws IllegalArgumentException when the description's fields or prerequisites are refused by
     *     {@link ConnectorDefinition.Builder#build()}
     * @throws java.io.UncheckedIOException when the description cannot be read
     */
    public static ConnectorDefinition resolve(String appKey, ClassLoader loader) {
        ConnectorDefinition bound = appKey == null ? null : BOUND.get(appKey);
        if (bound != null) {
            return bound;
        }
        synchronized (DISCOVERED) {
            SoftReference<ConnectorDefinition> cached = DISCOVERED.get(loader);
            ConnectorDefinition definition = cached == null ? null : cached.get();
            if (definition == null) {
                definition = discover(loader);
                DISCOVERED.put(loader, new SoftReference<>(definition));
            }
            return definition;
        }
    }

    private static ConnectorDefinition discover(ClassLoader loader) {
        List<URL> descriptions;
        try {
            descriptions = Collections.list(loader.getResources(ConnectorDescription.RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot look for " + ConnectorDescription.RESOURCE, e);
        }
        if (descriptions.size() > 1) {
            throw new IllegalStateException("Several connector descriptions are on the class path (" + descriptions
                    + "); an app has exactly one connector jar made by connector:generate");
        }
        if (descriptions.size() == 1) {
            return describedConnector(descriptions.get(0), loader);
        }
        List<ConnectorProvider> providers = ServiceLoader.load(ConnectorProvider.class, loader).stream()
                .map(ServiceLoader.Provider::get)
                .collect(Collectors.toList());
        if (providers.size() > 1) {
            throw new IllegalStateException("Several connectors are on the class path ("
                    + providers.stream().map(p -> p.getClass().getName()).collect(Collectors.joining(", "))
                    + "); an app has exactly one: keep one entry in META-INF/services/"
                    + ConnectorProvider.class.getName());
        }
        return providers.isEmpty()
                ? ConnectorDefinition.standard()
                : providers.get(0).connector();
    }

    private static ConnectorDefinition describedConnector(URL description, ClassLoader loader) {
        try (InputStream in = description.openStream()) {
            return ConnectorDescription.fromJsonText(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .toDefinition(loader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the connector description " + description, e);
        }
    }

    /**
     * An active binding; closing it removes the binding. Closing it again does nothing. Use it in
     * try-with-resources; its {@code close()} throws no checked exception.
     */
    @FunctionalInterface
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }
}
