package io.connectorkit.fake.snowflake;

import io.connectorkit.runtime.embedded.EmbeddedApp;
import io.connectorkit.runtime.sql.Account;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.h2.Driver;

/**
 * An application built from staged files, as Snowflake builds one from a stage or a version: the objects its setup
 * script creates (checked as Snowflake checks them, see {@link StagedSetupScript}), and the connector that the
 * jars under {@code lib/} hold (the description connector:generate put into the connector jar, else its provider,
 * else the standard connector) installed on an H2 database of its own and answering the app's calls. An upgrade
 * installs the new files' connector on the same database, so the app's state survives as it does in Snowflake.
 */
final class StagedApp implements AutoCloseable {

    final FakeNativeApp nativeApp;
    /** How the app was installed: from the stage's files, or from a version of its package. */
    volatile boolean fromVersion;
    /** The manifest of the files the app was last installed from. */
    volatile StagedManifest manifest;

    private final Connection database;
    private final Path folder;
    private int generation;
    private URLClassLoader classes;
    private ConnectorRegistry.Binding binding;
    private final ConnectorRegistry.Binding host;

    private StagedApp(FakeSnowflake snowflake, String name, Connection database, Path folder, AppCatalog catalog,
            Account account) {
        this.database = database;
        this.folder = folder;
        this.nativeApp = new FakeNativeApp(snowflake, name, database, catalog);
        nativeApp.useAccount(account);
        this.host = EmbeddedApp.host(database, EmbeddedApp.Host.ofAccount(account));
    }

    /**
     * Runs the setup script of the files and installs their connector; fails as the CREATE APPLICATION would when
     * the manifest or the script is refused, or the connector cannot be loaded.
     *
     * @param account the account as the app sees it, through what was granted to it
     */
    static StagedApp create(FakeSnowflake snowflake, String name, Map<String, byte[]> files, boolean fromVersion,
            Account account) {
        StagedManifest staged = StagedManifest.read(files);
        AppCatalog catalog = StagedSetupScript.run(files, staged, Optional.empty());
        String id = UUID.randomUUID().toString();
        Connection database;
        try {
            // Not DriverManager: it refuses drivers that the caller's class loader cannot see, as in a Maven hook.
            database = Driver.load().connect("jdbc:h2:mem:" + id, new Properties());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open an H2 database for the app: " + e.getMessage(), e);
        }
        StagedApp app = new StagedApp(snowflake, name, database, snowflake.workFolder().resolve("apps").resolve(id),
                catalog, account);
        try {
            app.install(files, staged, catalog, fromVersion);
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        return app;
    }

    /**
     * Runs the setup script of these files over what the app keeps, and installs their connector over the current
     * one, keeping the app's state. A refused script leaves the app as it was.
     */
    synchronized void upgrade(Map<String, byte[]> files, boolean fromVersion) {
        StagedManifest staged = StagedManifest.read(files);
        AppCatalog catalog = StagedSetupScript.run(files, staged, Optional.of(nativeApp.catalog()));
        install(files, staged, catalog, fromVersion);
    }

    private void install(Map<String, byte[]> files, StagedManifest staged, AppCatalog catalog, boolean fromVersion) {
        URLClassLoader next = classLoader(files);
        try {
            ConnectorDefinition connector = ConnectorRegistry.resolve(null, next);
            EmbeddedApp.install(database, connector);
            binding = EmbeddedApp.bind(database, connector);
        } catch (RuntimeException e) {
            closeQuietly(next);
            throw e;
        }
        closeQuietly(classes);
        classes = next;
        manifest = staged;
        nativeApp.replaceCatalog(catalog);
        nativeApp.install(staged, files);
        this.fromVersion = fromVersion;
    }

    /** The app is dropped: its calls are refused and its database is gone. */
    @Override
    public synchronized void close() {
        nativeApp.drop();
        if (binding != null) {
            binding.close();
        }
        host.close();
        try {
            database.close();
        } catch (SQLException e) {
            // An in-memory database: nothing is left behind either way.
        }
        closeQuietly(classes);
    }

    /** The staged jars, copied so that later PUTs to the stage do not change a running app. */
    private URLClassLoader classLoader(Map<String, byte[]> files) {
        Path lib = folder.resolve(String.valueOf(++generation));
        List<URL> jars = new ArrayList<>();
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                if (file.getKey().startsWith("lib/") && file.getKey().endsWith(".jar")) {
                    Path jar = lib.resolve(file.getKey().substring("lib/".length()));
                    Files.createDirectories(jar.getParent());
                    Files.write(jar, file.getValue());
                    jars.add(jar.toUri().toURL());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the staged jars to " + lib, e);
        }
        return new StagedClasses(jars.toArray(URL[]::new), StagedApp.class.getClassLoader());
    }

    private static void closeQuietly(URLClassLoader loader) {
        if (loader == null) {
            return;
        }
        try {
            loader.close();
        } catch (IOException e) {
            // It only held copies of the staged jars open for reading.
        }
    }

    /**
     * The staged jars over the fake's own classes, which hold the runtime and H2 that the app runs on. Which
     * connector the app is comes from the staged jars alone: a host's class path (a test's, with its example
     * connectors) must not add a second description or provider.
     */
    private static final class StagedClasses extends URLClassLoader {

        StagedClasses(URL[] jars, ClassLoader parent) {
            super(jars, parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return name.startsWith("META-INF/connectorkit/") || name.startsWith("META-INF/services/io.connectorkit.")
                    ? findResources(name) : super.getResources(name);
        }
    }
}
