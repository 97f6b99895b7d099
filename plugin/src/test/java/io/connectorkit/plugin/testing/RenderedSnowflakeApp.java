package io.connectorkit.plugin.testing;

import io.connectorkit.fake.snowflake.FakeNativeApp;
import io.connectorkit.fake.snowflake.FakeSnowflake;
import io.connectorkit.fake.snowflake.StagedSetupScript;
import io.connectorkit.plugin.snowflake.ConnectionSettings;
import io.connectorkit.plugin.snowflake.SnowflakeSession;
import io.connectorkit.runtime.embedded.EmbeddedApp;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Snowflake app rendered from a connector.yaml, installed in the fake Snowflake from its staged setup script
 * and manifest, and an account session that calls it through the real driver, as a consumer's SQL does.
 */
public final class RenderedSnowflakeApp implements AutoCloseable {

    /** The application's name unless one is given. */
    public static final String NAME = "SDK_CALLER";

    /** The rendered files by their path in the bundle ({@code snowflake/setup.sql}, ...). */
    public final Map<String, String> files;

    public final FakeSnowflake snowflake;
    public final FakeNativeApp app;
    /** A session of the account, through the real driver. */
    public final SnowflakeSession account;

    private final Connection embedded;
    private final ConnectorRegistry.Binding binding;

    private RenderedSnowflakeApp(
            Map<String, String> files,
            FakeSnowflake snowflake,
            Connection embedded,
            ConnectorRegistry.Binding binding,
            FakeNativeApp app,
            SnowflakeSession account) {
        this.files = files;
        this.snowflake = snowflake;
        this.embedded = embedded;
        this.binding = binding;
        this.app = app;
        this.account = account;
    }

    /** Renders {@code connector.yaml} (the text given) in the project and installs the app it makes. */
    public static RenderedSnowflakeApp install(Path project, String connectorYaml) throws Exception {
        return install(project, connectorYaml, NAME, 1);
    }

    /**
     * Renders {@code connector.yaml} and runs CREATE APPLICATION {@code name} from its staged files: the setup script
     * runs as the given manifest version has it run; its own CALLs wait for {@link FakeNativeApp#runSetupCalls()}.
     */
    public static RenderedSnowflakeApp install(Path project, String connectorYaml, String name, int manifestVersion)
            throws Exception {
        Files.createDirectories(project.resolve("src/main/connector"));
        Files.writeString(project.resolve("src/main/connector/connector.yaml"), connectorYaml);
        Map<String, String> files = TestProjects.render(project);
        ConnectorDefinition connector = TestProjects.descriptor(project)
                .toDescription()
                .toDefinition(RenderedSnowflakeApp.class.getClassLoader());
        FakeSnowflake snowflake = FakeSnowflake.start();
        Connection embedded = DriverManager.getConnection("jdbc:h2:mem:" + UUID.randomUUID());
        EmbeddedApp.install(embedded, connector);
        ConnectorRegistry.Binding binding = EmbeddedApp.bind(embedded, connector);
        FakeNativeApp app = new FakeNativeApp(
                snowflake,
                name,
                embedded,
                StagedSetupScript.run(files.get("snowflake/setup.sql"), stagedFiles(files), manifestVersion));
        SnowflakeSession account = SnowflakeSession.open(
                new ConnectionSettings(snowflake.jdbcUrl(), snowflake.connectionProperties(), List.of("test")));
        RenderedSnowflakeApp rendered = new RenderedSnowflakeApp(files, snowflake, embedded, binding, app, account);
        rendered.stage();
        return rendered;
    }

    /** ALTER APPLICATION ... UPGRADE to the same files: the staged files taken again, then the script's own CALLs. */
    public void upgrade() {
        stage();
        app.runSetupCalls();
    }

    private void stage() {
        app.install(Map.of(
                "manifest.yml",
                bytes(files.get("snowflake/manifest.yml")),
                "setup.sql",
                bytes(files.get("snowflake/setup.sql"))));
    }

    /** The first column of the first row of a statement of the account, as text. */
    public String answer(String sql, Object... arguments) throws SQLException {
        Object value = account.query(sql, arguments).get(0).values().iterator().next();
        return value == null ? null : value.toString();
    }

    /** The embedded tables behind the fake app's Java procedures. */
    public Connection state() {
        return embedded;
    }

    /**
     * The files a bundle of these rendered files stages: the rendered ones (paths as in the stage), the jars the
     * setup script imports and the generated Streamlit's files.
     */
    public static Set<String> stagedFiles(Map<String, String> app) {
        Set<String> staged = new HashSet<>(app.keySet().stream()
                .map(path -> path.substring(path.indexOf('/') + 1))
                .toList());
        // The jars the procedures import are staged by connector:bundle, beside the rendered files.
        Matcher imports = Pattern.compile("'/(lib/[^']+\\.jar)'").matcher(app.get("snowflake/setup.sql"));
        while (imports.find()) {
            staged.add(imports.group(1));
        }
        staged.addAll(TestProjects.generatedStreamlit(app.get("snowflake/setup.sql")));
        return staged;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        try (snowflake;
                embedded;
                account;
                binding) {
            // closed in reverse order
        }
    }
}
