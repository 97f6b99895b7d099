package io.connectorkit.plugin.local;

import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.AppRole;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.bundle.FileSync;
import io.connectorkit.runtime.embedded.EmbeddedApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.TreeMap;
import org.h2.Driver;

/**
 * One app on the embedded target: a folder under the local home holding its H2 database and the jars its procedures
 * run. Deploying runs the bundle's local setup script, which converges, so a new build upgrades the app in place and
 * a deploy killed at any point is completed by the next one. A marker written last records what is deployed.
 */
public final class LocalApp {

    /** Written last by a deploy; its presence also marks the folder as made by the kit. */
    static final String MARKER = "deployment.properties";
    /** The setup script the last deploy ran, kept so that connector:plan can tell what the next one changes. */
    static final String DEPLOYED_SETUP = "deployed-setup.sql";
    private static final Duration LOCK_TIMEOUT = Duration.ofMinutes(2);

    private final Path home;
    private final String name;

    public LocalApp(Path home, String name) {
        this.home = home.toAbsolutePath().normalize();
        this.name = name;
    }

    public Path folder() {
        return home.resolve(name);
    }

    /** The JDBC URL of the app's database; other processes can open it while one holds it (H2 auto server). */
    public String jdbcUrl() {
        return "jdbc:h2:file:" + folder().resolve(name).toString().replace('\\', '/') + ";AUTO_SERVER=TRUE";
    }

    /** The jars the app's procedures run, for the class path of any JVM that opens the database. */
    public Path libraries() {
        return folder().resolve("lib");
    }

    /**
     * The copy of the setup script the deployed app ran; empty for an app not deployed, or deployed before the kit
     * kept a copy.
     */
    public Optional<Path> deployedSetupScript() {
        Path copy = folder().resolve(DEPLOYED_SETUP);
        return isDeployed() && Files.isRegularFile(copy) ? Optional.of(copy) : Optional.empty();
    }

    public boolean isDeployed() {
        return Files.isRegularFile(folder().resolve(MARKER));
    }

    /**
     * What a deploy did, and the status the freshly deployed app answered; none when it was up to date, since then
     * the app is not opened at all.
     */
    public record Deployment(String jdbcUrl, boolean upToDate, FileSync.Changes libraries, String version,
            Optional<String> status, boolean upgraded) {
    }

    /** The app's name on the embedded target: its folder and database. */
    public String name() {
        return name;
    }

    /**
     * Whether the deployed app was deployed from this bundle ({@code setup.sql} and {@code lib/} of its {@code local}
     * folder); empty when the app is not deployed or the bundle is not built.
     */
    public Optional<Boolean> isDeployedFrom(Path bundle) {
        Path script = bundle.resolve("setup.sql");
        Optional<String> deployed = deployedFingerprint();
        if (deployed.isEmpty() || !Files.isRegularFile(script) || !Files.isDirectory(bundle.resolve("lib"))) {
            return Optional.empty();
        }
        return Optional.of(deployed.get().equals(fingerprint(script, FileSync.filesUnder(bundle.resolve("lib")))));
    }

    /**
     * Opens the app with its connector answering the calls: the connector's classes come from the app's own jars,
     * so what runs is what was deployed.
     */
    public LocalConnection connect() throws SQLException {
        return connect(AppRole.ADMIN);
    }

    /** Opens the app as one of its roles: ADMIN is the database's owner, VIEWER a user that may only read. */
    public LocalConnection connect(AppRole role) throws SQLException {
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.isDirectory(libraries()) ? Files.list(libraries()) : Stream.empty()) {
            for (Path jar : files.filter(file -> file.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + libraries(), e);
        }
        URLClassLoader connectorClasses = new URLClassLoader(jars.toArray(URL[]::new), LocalApp.class.getClassLoader());
        Connection connection = openDatabase(role == AppRole.VIEWER ? EmbeddedApp.VIEWER_USER : "");
        try {
            return new LocalConnection(connection, connectorClasses);
        } catch (RuntimeException e) {
            connection.close();
            throw new IllegalStateException("The connector of " + name + " cannot be loaded from " + libraries() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The deployed app, ready for its procedures to be called as the given role. */
    public InstalledApp open(AppRole role) throws AppException {
        if (!isDeployed()) {
            throw new AppException("The connector app " + name + " is not deployed on the embedded target (no "
                    + folder().resolve(MARKER) + "); deploy it first: mvn package connector:deploy");
        }
        try {
            return new LocalInstalledApp(name, connect(role));
        } catch (SQLException e) {
            throw new AppException("Cannot open the embedded app " + name + " as " + role + ": " + e.getMessage()
                    + (role == AppRole.VIEWER ? "; redeploy it so that its VIEWER user exists" : ""), e);
        }
    }

    /**
     * Installs or upgrades the app from a bundle's {@code local} folder ({@code setup.sql} and {@code lib/}).
     *
     * @param onWait told when another goal holds the app and this one waits
     */
    public Deployment deploy(Path bundle, String version, Runnable onWait) {
        Path script = bundle.resolve("setup.sql");
        Map<String, Path> jars = Files.isDirectory(bundle.resolve("lib")) ? FileSync.filesUnder(bundle.resolve("lib"))
                : Map.of();
        String fingerprint = fingerprint(script, jars);
        try (LocalAppLock lock = LocalAppLock.acquire(home.resolve(name + ".lock"), LOCK_TIMEOUT, onWait)) {
            if (fingerprint.equals(deployedFingerprint().orElse(null)) && databaseExists()) {
                if (!Files.isRegularFile(folder().resolve(DEPLOYED_SETUP))) {
                    // The fingerprint proves the deployed script is this one: an app deployed before the kit kept
                    // copies gets its copy now.
                    keepSetupScript(script);
                }
                return new Deployment(jdbcUrl(), true, new FileSync.Changes(List.of(), List.of()), version,
                        Optional.empty(), false);
            }
            boolean upgraded = isDeployed() && databaseExists();
            Files.createDirectories(folder());
            FileSync.Changes libraries = FileSync.mirror(libraries(), jars, "lib/");
            runScript(script);
            keepSetupScript(script);
            // The app answers before it counts as deployed: a connector that cannot load fails the deploy now.
            String status = status();
            writeMarker(version, fingerprint);
            return new Deployment(jdbcUrl(), false, libraries, version, Optional.of(status), upgraded);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + folder(), e);
        }
    }

    /** Deletes the app and its state; refuses a folder the kit did not create. */
    public void undeploy(Runnable onWait) {
        if (!Files.isDirectory(folder())) {
            return;
        }
        if (!isDeployed()) {
            throw new IllegalStateException("The folder " + folder() + " was not created by Connector Kit (it has no "
                    + MARKER + "), so it is left alone; delete it yourself if it should go");
        }
        try (LocalAppLock lock = LocalAppLock.acquire(home.resolve(name + ".lock"), LOCK_TIMEOUT, onWait)) {
            // The marker goes first: a deletion interrupted later leaves a folder the next undeploy refuses, rather
            // than half an app that looks deployed.
            Files.delete(folder().resolve(MARKER));
            try (Stream<Path> files = Files.walk(folder())) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + folder() + "; close every program that has the app's "
                    + "database open and undeploy again", e);
        }
    }

    private String status() {
        try (LocalConnection app = connect()) {
            return app.call("GET_CONNECTOR_STATUS()");
        } catch (SQLException e) {
            throw new IllegalStateException("The deployed app " + name + " does not answer GET_CONNECTOR_STATUS: "
                    + e.getMessage(), e);
        }
    }

    private void runScript(Path script) {
        try (Connection connection = openDatabase("")) {
            LocalSetupScript.run(connection, Files.readString(script, StandardCharsets.UTF_8), script.toString());
        } catch (SQLException e) {
            throw new IllegalStateException("The local setup script " + script + " failed: " + e.getMessage()
                    + "; fix it and deploy again (the app converges on the next deploy)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + script, e);
        }
    }

    /**
     * Connects through H2's driver itself: DriverManager would first load every driver the plugin's class loader
     * offers, the Snowflake driver's hundreds of classes among them, on each goal that only opens the embedded app.
     */
    private Connection openDatabase(String user) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", "");
        return Driver.load().connect(jdbcUrl(), credentials);
    }

    private boolean databaseExists() {
        return Files.isRegularFile(folder().resolve(name + ".mv.db"));
    }

    private Optional<String> deployedFingerprint() {
        return readMarker().map(marker -> marker.getProperty("fingerprint"));
    }

    /** What the marker says is deployed: version, fingerprint, time, kit. */
    public Optional<Properties> readMarker() {
        Path marker = folder().resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(marker)) {
            properties.load(in);
            return Optional.of(properties);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void keepSetupScript(Path script) {
        Path copy = folder().resolve(DEPLOYED_SETUP);
        Path partial = folder().resolve(DEPLOYED_SETUP + ".partial");
        try {
            Files.copy(script, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep a copy of the setup script in " + copy, e);
        }
    }

    private void writeMarker(String version, String fingerprint) {
        Properties properties = new Properties();
        properties.setProperty("app", name);
        properties.setProperty("version", version);
        properties.setProperty("fingerprint", fingerprint);
        properties.setProperty("deployedAt", Instant.now().toString());
        Path marker = folder().resolve(MARKER);
        Path partial = folder().resolve(MARKER + ".partial");
        try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            properties.store(writer, "Deployed by Connector Kit; delete the app with mvn connector:undeploy");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + partial, e);
        }
        try {
            Files.move(partial, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + marker, e);
        }
    }

    /** SHA-256 of the setup script and every jar: equal bundles deploy to the same app. */
    private static String fingerprint(Path script, Map<String, Path> jars) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Files.readAllBytes(script));
            for (Map.Entry<String, Path> jar : new TreeMap<>(jars).entrySet()) {
                digest.update(jar.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(jar.getValue()));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bundle " + script.getParent()
                    + "; build it with mvn package", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
