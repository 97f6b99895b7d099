package io.connectorkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.fake.snowflake.FakeAccount;
import io.connectorkit.fake.snowflake.FakeSnowflake;
import io.connectorkit.fake.snowflake.RecordedStatement;
import io.connectorkit.plugin.testing.FakeSnowflakeHome;
import io.connectorkit.plugin.testing.MavenProjects;
import io.connectorkit.plugin.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.charset.StandardCharsets;

/** connector:deploy and connector:undeploy with -Dconnector.target=snowflake, against the fake endpoint. */
@MojoTest
class SnowflakeDeployMojoTest {

    @TempDir
    Path folder;

    @TempDir
    Path userHome;

    private MavenProject project;
    private FakeSnowflake snowflake;
    private FakeSnowflakeHome fakeHome;
    private final RecordingLog log = new RecordingLog();

    @Provides
    MavenProject project() throws Exception {
        project = MavenProjects.copyOnTestClassPath("full", folder);
        return project;
    }

    @BeforeEach
    void connectionsToml() throws Exception {
        snowflake = FakeSnowflake.start();
        fakeHome = FakeSnowflakeHome.pointAt(snowflake, userHome, "deployer");
    }

    @AfterEach
    void restore() {
        fakeHome.close();
        snowflake.close();
    }

    @Test
    void deploysTheBundleToSnowflakeThenUndeploysIt(
            @InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "deploy") DeployMojo deploy, @InjectMojo(goal = "undeploy") UndeployMojo undeploy)
            throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJarWithDescription(project);
        bundle.execute();
        deploy.target = "snowflake";
        deploy.connection = "fake";
        deploy.setLog(log);
        FakeAccount account = new FakeAccount(snowflake);

        deploy.execute();

        assertThat(snowflake.stageFiles("\"GITHUB_CONNECTOR_PKG\".APP_SRC.STAGE")).containsKeys("setup.sql",
                "manifest.yml", "README.md", "lib/connector-runtime.jar", "lib/full-connector.jar",
                "lib/http-client-3.2.jar", "streamlit/app.py");
        assertThat(snowflake.applicationStatements()).extracting(RecordedStatement::sql).last().isEqualTo(
                "CREATE APPLICATION \"GITHUB_CONNECTOR\" FROM APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\" USING "
                        + "'@\"GITHUB_CONNECTOR_PKG\".APP_SRC.STAGE' COMMENT = 'GENERATED_BY_CONNECTOR_KIT'");
        assertThat(log.infos).anySatisfy(line -> assertThat(line).startsWith("Connecting to account fake_account as "
                + "deployer with SNOWFLAKE (from " + userHome.resolve(".snowflake/connections.toml") + " [fake]"));
        assertThat(log.infos).contains("Deployed connector app github_connector to Snowflake from package "
                + "github_connector_pkg (development mode)");
        assertThat(String.join("\n", log.infos)).doesNotContain("pw\"");
        // The app Snowflake built from the stage runs the connector that the uploaded jar describes.
        assertThat(account.app("GITHUB_CONNECTOR")).isPresent();
        try (Connection connection = DriverManager.getConnection(snowflake.jdbcUrl(), snowflake.connectionProperties());
                Statement statement = connection.createStatement();
                ResultSet prerequisites = statement.executeQuery(
                        "SELECT * FROM \"GITHUB_CONNECTOR\".PUBLIC.\"PREREQUISITES\"")) {
            assertThat(prerequisites.next()).isTrue();
            assertThat(prerequisites.getString("ID")).isEqualTo("network");
        }

        undeploy.target = "snowflake";
        undeploy.connection = "fake";
        assertThatThrownBy(undeploy::execute).hasMessageContaining("-Dconnector.force=true");
        // The app made a database of its own: -Dconnector.force=true also lets the undeploy drop it (CASCADE).
        account.appOwns("GITHUB_CONNECTOR", "GITHUB_CONNECTOR_DATA");
        undeploy.force = true;
        undeploy.execute();
        assertThat(snowflake.applicationStatements()).extracting(RecordedStatement::sql)
                .contains("DROP APPLICATION IF EXISTS \"GITHUB_CONNECTOR\"",
                        "DROP APPLICATION IF EXISTS \"GITHUB_CONNECTOR\" CASCADE",
                        "DROP APPLICATION PACKAGE IF EXISTS \"GITHUB_CONNECTOR_PKG\"");
        assertThat(account.app("GITHUB_CONNECTOR")).isEmpty();
    }

    @Test
    void aBundleBuiltButNotDeployedIsNamedByTheGoalsAndDeployFirstDeploysIt(
            @InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "deploy") DeployMojo deploy, @InjectMojo(goal = "status") StatusMojo status)
            throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJarWithDescription(project);
        bundle.execute();
        deploy.target = "snowflake";
        deploy.connection = "fake";
        new FakeAccount(snowflake);
        deploy.execute();
        assertThat(folder.resolve(".connector/snowflake/fake/GITHUB_CONNECTOR")).exists();
        status.target = "snowflake";
        status.connection = "fake";
        status.setLog(log);
        status.execute();
        assertThat(log.warnings).isEmpty();

        Path script = folder.resolve("target/connector/app/snowflake/setup.sql");
        Files.writeString(script, Files.readString(script) + "\n-- rebuilt\n");
        status.execute();
        assertThat(log.warnings).containsExactly("The Snowflake application GITHUB_CONNECTOR runs older code than the "
                + "bundle in target/connector/app (built, not deployed since this project's last deploy): this goal "
                + "runs the deployed code. Deploy the bundle with mvn connector:deploy -Dconnector.target=snowflake, "
                + "or add -Dconnector.deployFirst=true");

        status.deployFirst = true;
        status.execute();
        assertThat(log.infos).contains("Upgraded application GITHUB_CONNECTOR USING '@\"GITHUB_CONNECTOR_PKG\".APP_SRC"
                + ".STAGE': its state, configuration, resources and ingested rows were kept",
                "Deployed the bundle in target/connector/app to the Snowflake application "
                + "GITHUB_CONNECTOR first, in development mode (connector.deployFirst)");
        assertThat(new String(snowflake.stageFiles("\"GITHUB_CONNECTOR_PKG\".APP_SRC.STAGE").get("setup.sql"),
                StandardCharsets.UTF_8)).contains("-- rebuilt");
        status.deployFirst = false;
        status.execute();
        assertThat(log.warnings).hasSize(1);
    }

    @Test
    void aVersionIsPublishedInTheReleaseChannelNamed(
            @InjectMojo(goal = "generate") GenerateMojo generate, @InjectMojo(goal = "bundle") BundleMojo bundle,
            @InjectMojo(goal = "deploy") DeployMojo deploy) throws Exception {
        generate.execute();
        MavenProjects.buildConnectorJarWithDescription(project);
        bundle.execute();
        deploy.target = "snowflake";
        deploy.connection = "fake";
        deploy.version = "V1";
        deploy.releaseChannel = "alpha";
        deploy.setLog(log);
        new FakeAccount(snowflake);

        deploy.execute();

        assertThat(snowflake.applicationStatements()).extracting(RecordedStatement::sql).contains(
                "ALTER APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\" MODIFY RELEASE CHANNEL \"ALPHA\" ADD VERSION \"V1\"",
                "ALTER APPLICATION PACKAGE \"GITHUB_CONNECTOR_PKG\" MODIFY RELEASE CHANNEL \"ALPHA\" SET DEFAULT "
                        + "RELEASE DIRECTIVE VERSION = \"V1\" PATCH = 0");
        assertThat(log.infos).contains("Deployed connector app github_connector to Snowflake from package "
                + "github_connector_pkg, version V1, published in release channel alpha");
    }

    /** https://docs.snowflake.com/en/sql-reference/info-schema/packages */
    @Test
    void validationRefusesASnowparkVersionTheAccountDoesNotOffer(@InjectMojo(goal = "deploy") DeployMojo deploy)
            throws Exception {
        Path bundle = folder.resolve("target/connector/app/snowflake");
        Files.createDirectories(bundle.resolve("lib"));
        Files.writeString(bundle.resolve("setup.sql"), "SELECT 1;");
        FakeAccount account = new FakeAccount(snowflake);
        snowflake.packages().offer("java", "com.snowflake:snowpark", List.of("1.14.0", "1.16.0"));
        deploy.target = "snowflake";
        deploy.connection = "fake";
        deploy.validate = true;
        deploy.setLog(log);

        assertThatThrownBy(deploy::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("The app's procedures pin com.snowflake:snowpark:1.15.0, which Snowflake does not offer "
                        + "(it offers 1.14.0, 1.16.0); set app.snowparkVersion in the connector descriptor "
                        + "(connector.yaml) to one of 1.16.0, then build and deploy again");
        assertThat(log.infos).contains("Snowflake offers com.snowflake:snowpark 1.14.0, 1.16.0 for Java; the app's "
                + "procedures pin 1.15.0");
        assertThat(account.packages).isEmpty();
    }

    @Test
    void aMissingConnectionNamesEverySourceTried(@InjectMojo(goal = "deploy") DeployMojo deploy) throws Exception {
        Path bundle = folder.resolve("target/connector/app/snowflake");
        Files.createDirectories(bundle.resolve("lib"));
        Files.writeString(bundle.resolve("setup.sql"), "SELECT 1;");
        deploy.target = "snowflake";
        deploy.connection = "nowhere";

        assertThatThrownBy(deploy::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("No usable Snowflake connection 'nowhere': missing account, user, password")
                .hasMessageContaining(userHome.resolve(".snowflake/connections.toml") + " (no [nowhere] table)");
    }

    @Test
    void aRefusedLoginSaysWhichConnectionWasUsed(@InjectMojo(goal = "deploy") DeployMojo deploy) throws Exception {
        Path bundle = folder.resolve("target/connector/app/snowflake");
        Files.createDirectories(bundle.resolve("lib"));
        Files.writeString(bundle.resolve("setup.sql"), "SELECT 1;");
        snowflake.rejectLogins("Incorrect username or password was specified.");
        deploy.target = "snowflake";
        deploy.connection = "fake";

        assertThatThrownBy(deploy::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("Cannot connect to Snowflake with account fake_account as deployer with "
                        + "SNOWFLAKE")
                .hasMessageContaining("Incorrect username or password was specified.")
                .hasMessageEndingWith("Check the connection's account, user and credentials");
    }
}
