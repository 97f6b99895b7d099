package io.connectorkit.runtime.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.Configuration;
import io.connectorkit.runtime.config.ConfigurationField;
import io.connectorkit.runtime.config.FieldType;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorRegistryTest {

    /** A connector as a connector jar would provide it. */
    public static final class OneConnector implements ConnectorProvider {
        @Override
        public ConnectorDefinition connector() {
            return ConnectorDefinition.builder()
                    .connectionField(ConfigurationField.url("base_url"))
                    .build();
        }
    }

    /** A second one, for the misconfigured class path. */
    public static final class OtherConnector implements ConnectorProvider {
        @Override
        public ConnectorDefinition connector() {
            return ConnectorDefinition.standard();
        }
    }

    /** A hook class named by a description. */
    public static final class AlwaysConnected implements ConnectionTester {
        @Override
        public Response test(Configuration connection, ConnectorContext context) {
            return Response.ok("Always connected.");
        }
    }

    /** An ingestion class named by a description. */
    public static final class NoRows implements Ingestion {
        @Override
        public IngestionResult ingest(IngestionTask task, Sink sink, ConnectorContext context) {
            return IngestionResult.rows(0);
        }
    }

    @Test
    void aDescriptionNamesTheIngestionClass() {
        ConnectorDescription description = new ConnectorDescription(
                "demo", "1.0", List.of(), List.of(), List.of(), Map.of(SpiRole.INGESTION, NoRows.class.getName()));

        ConnectorDefinition definition = ConnectorDescription.fromJsonText(description.toJsonText())
                .toDefinition(getClass().getClassLoader());

        assertThat(definition.ingestion()).get().isInstanceOf(NoRows.class);
        assertThat(SpiRole.ofKey("ingestion")).hasValue(SpiRole.INGESTION);
        assertThat(SpiRole.INGESTION.problem(
                        AlwaysConnected.class.getName(), getClass().getClassLoader()))
                .hasValue("the class " + AlwaysConnected.class.getName() + " does not implement "
                        + Ingestion.class.getName());
    }

    @Test
    void aConnectorJarsDescriptionWinsOverProviders(@TempDir Path jar) throws IOException {
        ConnectorDescription description = new ConnectorDescription(
                "demo",
                "1.0",
                List.of(Prerequisite.of("p1", "Grant", "Grant access", 1)),
                List.of(new ConnectorDescription.Field("page_size", FieldType.INTEGER, false, "50", "Page size")),
                List.of(new ConnectorDescription.Field("api_token", FieldType.SECRET, true, null, "Token")),
                Map.of(SpiRole.CONNECTION_TESTER, AlwaysConnected.class.getName()));
        Files.createDirectories(jar.resolve("META-INF/connectorkit"));
        Files.writeString(jar.resolve(ConnectorDescription.RESOURCE), description.toJsonText());
        try (URLClassLoader loader = classPathWithProviders(jar, OneConnector.class.getName())) {
            ConnectorDefinition found = ConnectorRegistry.resolve(null, loader);

            assertThat(ConnectorDescription.fromJsonText(description.toJsonText()))
                    .isEqualTo(description);
            assertThat(found.prerequisites()).extracting(Prerequisite::id).containsExactly("p1");
            assertThat(found.connectorConfigurationSchema()
                            .field("page_size")
                            .orElseThrow()
                            .defaultValue())
                    .hasValue(50);
            assertThat(found.connectionConfigurationSchema()
                            .field("api_token")
                            .orElseThrow()
                            .isRequired())
                    .isTrue();
            assertThat(found.connectionTester().orElseThrow().test(null, null).message())
                    .hasValue("Always connected.");
        }
    }

    @Test
    void aDescriptionNamingAMissingOrWrongClassFailsWithTheReason(@TempDir Path jar) throws IOException {
        assertThat(SpiRole.CONNECTION_TESTER.problem(
                        "com.example.Missing", getClass().getClassLoader()))
                .hasValue("the class com.example.Missing is not on the class path");
        assertThat(SpiRole.FINALIZE_CALLBACK.problem(
                        AlwaysConnected.class.getName(), getClass().getClassLoader()))
                .hasValue("the class " + AlwaysConnected.class.getName() + " does not implement "
                        + FinalizeCallback.class.getName());
        assertThat(SpiRole.CONNECTION_TESTER.problem(
                        AlwaysConnected.class.getName(), getClass().getClassLoader()))
                .isEmpty();
    }

    @Test
    void findsTheConnectorJarsProvider(@TempDir Path jar) throws IOException {
        try (URLClassLoader loader = classPathWithProviders(jar, OneConnector.class.getName())) {
            ConnectorDefinition found = ConnectorRegistry.resolve("no-binding", loader);

            assertThat(found.connectionConfigurationSchema().field("base_url")).isPresent();
            assertThat(ConnectorRegistry.resolve("no-binding", loader))
                    .as("found once, then cached")
                    .isSameAs(found);
        }
    }

    @Test
    void withoutAProviderTheStandardConnectorAnswers(@TempDir Path jar) throws IOException {
        try (URLClassLoader loader = classPathWithProviders(jar)) {
            ConnectorDefinition found = ConnectorRegistry.resolve(null, loader);

            assertThat(found.connectionTester()).isEmpty();
            assertThat(found.connectionConfigurationSchema().isFreeForm()).isTrue();
        }
    }

    @Test
    void twoProvidersAreAMistakeNamedWithBothClasses(@TempDir Path jar) throws IOException {
        try (URLClassLoader loader =
                classPathWithProviders(jar, OneConnector.class.getName(), OtherConnector.class.getName())) {
            assertThatThrownBy(() -> ConnectorRegistry.resolve(null, loader))
                    .hasMessageContaining("Several connectors are on the class path")
                    .hasMessageContaining(OneConnector.class.getName())
                    .hasMessageContaining(OtherConnector.class.getName());
        }
    }

    @Test
    void aBindingWinsUntilItIsClosed(@TempDir Path jar) throws IOException {
        ConnectorDefinition bound = ConnectorDefinition.standard();
        try (URLClassLoader loader = classPathWithProviders(jar, OneConnector.class.getName())) {
            ConnectorRegistry.Binding binding = ConnectorRegistry.bind("app-1", bound);
            assertThat(ConnectorRegistry.resolve("app-1", loader)).isSameAs(bound);
            binding.close();
            assertThat(ConnectorRegistry.resolve("app-1", loader)).isNotSameAs(bound);
        }
    }

    private static URLClassLoader classPathWithProviders(Path root, String... providers) throws IOException {
        Path services = root.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(ConnectorProvider.class.getName()), String.join("\n", providers));
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, ConnectorRegistryTest.class.getClassLoader());
    }
}
