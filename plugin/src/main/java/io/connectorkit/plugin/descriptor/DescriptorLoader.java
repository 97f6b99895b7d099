package io.connectorkit.plugin.descriptor;

import io.connectorkit.plugin.yaml.Problem;
import io.connectorkit.plugin.yaml.YamlFile;
import io.connectorkit.plugin.yaml.YamlNode;
import io.connectorkit.runtime.spi.ConnectorDescription;
import io.connectorkit.runtime.spi.Prerequisite;
import io.connectorkit.runtime.spi.SpiRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code connector.yaml} into a {@link Descriptor}. Every problem is collected with its line, field, value and
 * fix, and all of them are reported at once; nothing is half-read. The {@code configuration} lists are read by
 * {@link FieldsReader}, the {@code manifest} by {@link ManifestReader}.
 */
public final class DescriptorLoader {

    static final List<String> DIALECTS = List.of("snowflake", "local");
    static final List<String> SECTIONS = List.of("app", "prerequisites", "configuration", "spi", "manifest", "sql",
            "files", "ui");

    private static final Pattern JAVA_CLASS = Pattern.compile(
            "([\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*\\.)*[\\p{javaJavaIdentifierStart}]"
                    + "[\\p{javaJavaIdentifierPart}]*(\\$[\\p{javaJavaIdentifierPart}]+)*");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");
    private static final Pattern SNOWPARK_VERSION = Pattern.compile("[0-9]{1,4}\\.[0-9]{1,4}\\.[0-9]{1,4}");

    private final Path file;
    private final Path baseDirectory;
    private final String shownFile;
    private YamlFile yaml;

    private DescriptorLoader(Path file, Path baseDirectory) {
        this.file = file;
        this.baseDirectory = baseDirectory;
        Path absolute = file.toAbsolutePath().normalize();
        Path base = baseDirectory.toAbsolutePath().normalize();
        this.shownFile = (absolute.startsWith(base) ? base.relativize(absolute) : absolute).toString()
                .replace('\\', '/');
    }

    /**
     * Reads and validates the descriptor. Relative paths in it are resolved against the base directory (the
     * project's); {@code defaultVersion} is the app version when the descriptor gives none.
     */
    public static Descriptor load(Path file, Path baseDirectory, String defaultVersion) throws DescriptorException {
        return new DescriptorLoader(file, baseDirectory).read(defaultVersion);
    }

    /**
     * Reads and validates only the descriptor's {@code app} section (and that the file is a descriptor at all): for
     * the goals that act on a bundle already built, which only need the app's name and version, and so skip the
     * cost of checking the rest.
     */
    public static Descriptor.App loadApp(Path file, Path baseDirectory, String defaultVersion)
            throws DescriptorException {
        DescriptorLoader loader = new DescriptorLoader(file, baseDirectory);
        Descriptor.App app = loader.app(loader.sections().get("app"), defaultVersion);
        loader.failOnProblems();
        return app;
    }

    private Descriptor read(String defaultVersion) throws DescriptorException {
        YamlNode root = sections();
        Descriptor.App app = app(root.get("app"), defaultVersion);
        List<Prerequisite> prerequisites = prerequisites(root.get("prerequisites"));
        YamlNode configuration = root.get("configuration");
        configuration.mapping().ifPresent(mapping -> mapping.knownKeys(List.of("connector", "connection")));
        List<ConnectorDescription.Field> connectorFields = FieldsReader.read(configuration.get("connector"), true);
        List<ConnectorDescription.Field> connectionFields = FieldsReader.read(configuration.get("connection"),
                false);
        Map<SpiRole, String> classes = classes(root.get("spi"));
        Descriptor.Manifest manifest = ManifestReader.read(root.get("manifest"), connectionFields);
        Map<String, List<Path>> extraSql = extraSql(root.get("sql"));
        List<Descriptor.AppFiles> files = files(root.get("files"));
        Descriptor.Ui ui = ui(root.get("ui"));
        failOnProblems();
        Map<SpiRole, Integer> classLines = new EnumMap<>(SpiRole.class);
        classes.keySet().forEach(role -> classLines.put(role, root.get("spi").get(role.key()).line()));
        return new Descriptor(file, app, prerequisites, connectorFields, connectionFields, classes, manifest,
                extraSql, files, classLines, ui);
    }

    /** {@code ui.streamlit}: the generated Streamlit app, on unless set to false. */
    private Descriptor.Ui ui(YamlNode node) {
        Optional<YamlNode> ui = node.mapping();
        if (ui.isEmpty()) {
            return Descriptor.Ui.DEFAULT;
        }
        ui.get().knownKeys(List.of("streamlit"));
        return ui.get().get("streamlit").isAbsent() ? Descriptor.Ui.DEFAULT
                : new Descriptor.Ui(ui.get().bool("streamlit", false));
    }

    /** The parsed file, a mapping of known sections; a file that is none fails at once. */
    private YamlNode sections() throws DescriptorException {
        try {
            yaml = YamlFile.read(file, shownFile, "the connector descriptor does not exist; create it (a minimal one "
                    + "is 'app: {name: my_connector}') or point connector.descriptor at it");
        } catch (YamlFile.UnreadableFileException e) {
            throw new DescriptorException(List.of(e.problem()));
        }
        YamlNode root = yaml.root();
        if (root.isAbsent()) {
            throw new DescriptorException(List.of(new Problem(shownFile, 1, "", "the descriptor is empty; it needs "
                    + "at least 'app: {name: my_connector}'")));
        }
        if (!root.value().isObject()) {
            throw new DescriptorException(List.of(new Problem(shownFile, 1, "", "the descriptor must be a mapping of "
                    + "sections (" + String.join(", ", SECTIONS) + "), not " + root.describe())));
        }
        root.knownKeys(SECTIONS, "the keys of the descriptor");
        return root;
    }

    private void failOnProblems() throws DescriptorException {
        if (yaml.problemCount() > 0) {
            throw new DescriptorException(yaml.problems());
        }
    }

    private Descriptor.App app(YamlNode node, String defaultVersion) {
        Descriptor.App none = new Descriptor.App("", "", defaultVersion, Descriptor.JAVA_RUNTIME, "",
                Descriptor.DEFAULT_SNOWPARK_VERSION);
        if (node.value() == null) {
            yaml.problem("", "the section 'app' is missing; add 'app: {name: my_connector}'");
            return none;
        }
        Optional<YamlNode> mapping = node.mapping();
        if (mapping.isEmpty()) {
            return none;
        }
        YamlNode app = mapping.get();
        app.knownKeys(List.of("name", "label", "version", "javaRuntime", "comment", "snowparkVersion"));
        String name = app.requiredText("name");
        if (name != null && !DescriptorValues.isPlainName(name)) {
            app.get("name").problem("'" + name + "' is not a plain Snowflake name: the app, its package and its "
                    + "stage are named after it, so use letters, digits and _ and start with a letter (for example "
                    + name.replaceAll("[^A-Za-z0-9_]", "_").replaceAll("^[^A-Za-z]+", "") + ")");
        }
        String version = Optional.ofNullable(app.text("version")).orElse(defaultVersion);
        if (version != null && !VERSION.matcher(version).matches()) {
            app.get("version").problem("'" + version + "' is not a version name; use letters, digits, '.', '_' and "
                    + "'-' (for example 1.0)");
        }
        app.get("javaRuntime").integer(Descriptor.JAVA_RUNTIME, Descriptor.JAVA_RUNTIME, "supported: the connector "
                + "runtime is Java " + Descriptor.JAVA_RUNTIME + " bytecode, so Snowflake must run it with "
                + "RUNTIME_VERSION = '" + Descriptor.JAVA_RUNTIME + "'", "write javaRuntime: "
                + Descriptor.JAVA_RUNTIME + " or leave it out");
        String label = Optional.ofNullable(app.text("label")).orElse(name);
        return new Descriptor.App(name, label, version, Descriptor.JAVA_RUNTIME,
                Optional.ofNullable(app.text("comment")).orElse(""), snowparkVersion(app));
    }

    /**
     * The Snowpark version the procedures pin: three numbers, or {@code latest}, as CREATE PROCEDURE takes them
     * (https://docs.snowflake.com/en/sql-reference/sql/create-procedure), and none older than the runtime needs.
     */
    private String snowparkVersion(YamlNode app) {
        String version = app.text("snowparkVersion");
        if (version == null) {
            return Descriptor.DEFAULT_SNOWPARK_VERSION;
        }
        String fix = "write one that Snowflake lists (SELECT VERSION FROM SNOWFLAKE.INFORMATION_SCHEMA.PACKAGES WHERE "
                + "LANGUAGE = 'java' AND PACKAGE_NAME = '" + Descriptor.SNOWPARK_PACKAGE + "'), such as "
                + Descriptor.DEFAULT_SNOWPARK_VERSION + " (the default when snowparkVersion is left out), or latest";
        if (!version.equals("latest") && !SNOWPARK_VERSION.matcher(version).matches()) {
            app.get("snowparkVersion").problem("'" + version + "' is not a Snowpark version: Snowflake takes three "
                    + "numbers (major.minor.patch) or latest; " + fix);
        } else if (!version.equals("latest")
                && VersionNumbers.ORDER.compare(version, Descriptor.DEFAULT_SNOWPARK_VERSION) < 0) {
            app.get("snowparkVersion").problem("'" + version + "' is older than " + Descriptor.DEFAULT_SNOWPARK_VERSION
                    + ", the first Snowpark version with Session.sql(query, values), through which the connector "
                    + "runtime binds its values; " + fix);
        }
        return version;
    }

    private List<Prerequisite> prerequisites(YamlNode node) {
        List<Prerequisite> prerequisites = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<YamlNode> items = node.list();
        for (int i = 0; i < items.size(); i++) {
            Optional<YamlNode> mapping = items.get(i).mapping();
            if (mapping.isEmpty()) {
                continue;
            }
            YamlNode item = mapping.get();
            item.knownKeys(List.of("id", "title", "description", "learnMoreUrl", "documentationUrl", "guideUrl",
                    "position"));
            String id = item.requiredText("id");
            if (id != null) {
                Integer first = seen.putIfAbsent(id, i);
                if (first != null) {
                    item.get("id").problem("the id '" + id + "' is used by " + node.get(first).path() + " already; "
                            + "give each prerequisite its own id");
                }
            }
            String title = item.requiredText("title");
            String description = item.requiredText("description");
            String learnMore = DescriptorValues.url(item, "learnMoreUrl");
            String documentation = DescriptorValues.url(item, "documentationUrl");
            String guide = DescriptorValues.url(item, "guideUrl");
            Integer position = item.get("position").integer(1, Integer.MAX_VALUE, "a position", "use a whole number "
                    + "from 1 (the order in which the wizard shows prerequisites)");
            if (id != null && title != null && description != null) {
                prerequisites.add(new Prerequisite(id, title, description, learnMore, documentation, guide,
                        position == null ? i + 1 : position));
            }
        }
        return prerequisites;
    }

    private Map<SpiRole, String> classes(YamlNode node) {
        Map<SpiRole, String> classes = new EnumMap<>(SpiRole.class);
        Optional<YamlNode> spi = node.mapping();
        if (spi.isEmpty()) {
            return classes;
        }
        spi.get().knownKeys(Arrays.stream(SpiRole.values()).map(SpiRole::key).toList());
        for (SpiRole role : SpiRole.values()) {
            String className = spi.get().text(role.key());
            if (className == null) {
                continue;
            }
            if (!JAVA_CLASS.matcher(className).matches()) {
                spi.get().get(role.key()).problem("'" + className + "' is not a Java class name; write the fully "
                        + "qualified name of a class implementing " + role.contract().getSimpleName()
                        + " (for example com.example.connector.My" + role.contract().getSimpleName() + ")");
            } else {
                classes.put(role, className);
            }
        }
        return classes;
    }

    private Map<String, List<Path>> extraSql(YamlNode node) {
        Map<String, List<Path>> scripts = new LinkedHashMap<>();
        DIALECTS.forEach(dialect -> scripts.put(dialect, new ArrayList<>()));
        Optional<YamlNode> sql = node.mapping();
        if (sql.isEmpty()) {
            return scripts;
        }
        sql.get().knownKeys(DIALECTS);
        for (String dialect : DIALECTS) {
            for (YamlNode item : sql.get().get(dialect).list()) {
                existingPath(item, false).ifPresent(scripts.get(dialect)::add);
            }
        }
        return scripts;
    }

    private List<Descriptor.AppFiles> files(YamlNode node) {
        List<Descriptor.AppFiles> files = new ArrayList<>();
        for (YamlNode listed : node.list()) {
            Optional<YamlNode> mapping = listed.mapping();
            if (mapping.isEmpty()) {
                continue;
            }
            YamlNode item = mapping.get();
            item.knownKeys(List.of("source", "target"));
            Optional<Path> source = item.has("source") ? existingPath(item.get("source"), true) : Optional.empty();
            if (!item.has("source")) {
                item.problem("'source' is missing: name the project folder to copy into the app");
            }
            String target = item.requiredText("target");
            if (target != null && (target.isBlank() || target.startsWith("/") || target.contains("..")
                    || target.matches("(?i)(lib|setup\\.sql|manifest\\.yml|readme\\.md)(/.*)?"))) {
                item.get("target").problem("'" + target + "' is not a folder the app can use for these files; give "
                        + "a relative folder name inside the app, other than lib (for example streamlit)");
            } else if (source.isPresent() && target != null) {
                files.add(new Descriptor.AppFiles(source.get(), target));
            }
        }
        return files;
    }

    /** A file or folder of the project that the descriptor names; empty when it is none (reported). */
    private Optional<Path> existingPath(YamlNode node, boolean directory) {
        if (node.value() == null || !node.value().isTextual() || node.value().asText().isBlank()) {
            node.problem("expected a path relative to the project, but found " + node.describe());
            return Optional.empty();
        }
        String text = node.value().asText();
        Path resolved = baseDirectory.resolve(text).normalize();
        boolean exists = directory ? Files.isDirectory(resolved) : Files.isRegularFile(resolved);
        if (!exists) {
            node.problem("'" + text + "' is not " + (directory ? "a folder" : "a file") + " of the project ("
                    + resolved + "); create it or correct the path");
            return Optional.empty();
        }
        return Optional.of(resolved);
    }
}
