package io.connectorkit.runtime.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.runtime.config.ConfigurationField;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorRegistryTest {

    /** A connector as a connector jar would provide it. */
    public static final class OneConnector implements ConnectorProvider {
        @Override
        public ConnectorDefinition connector() {
            return ConnectorDefinition.builder().connectionField(ConfigurationField.url("base_url")).build();
        }
    }

    /** A second one, for the misconfigured class path. */
    public static final class OtherConnector implements ConnectorProvider {
        @Override
        public ConnectorDefinition connector() {
            return ConnectorDefinition.standard();
        }
    }

    @Test
    void findsTheConnectorJarsProvider(@TempDir Path jar) throws IOException {
        try (URLClassLoader loader = classPathWithProviders(jar, OneConnector.class.getName())) {
            ConnectorDefinition found = ConnectorRegistry.resolve("no-binding", loader);

            assertThat(found.connectionConfigurationSchema().field("base_url")).isPresent();
            assertThat(ConnectorRegistry.resolve("no-binding", loader)).as("found once, then cached").isSameAs(found);
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
        try (URLClassLoader loader = classPathWithProviders(jar, OneConnector.class.getName(),
                OtherConnector.class.getName())) {
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
            try (ConnectorRegistry.Binding binding = ConnectorRegistry.bind("app-1", bound)) {
                assertThat(ConnectorRegistry.resolve("app-1", loader)).isSameAs(bound);
            }
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
