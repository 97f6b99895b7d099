package io.connectorkit.it.quickstart;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.ConfigurationField;
import io.connectorkit.runtime.spi.ConnectionTester;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.Prerequisite;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The quickstart's connector: it reaches a JSON API over HTTP and proves the connection with {@code GET /health}. */
final class DemoConnector {

    private DemoConnector() {
    }

    static ConnectorDefinition definition() {
        return ConnectorDefinition.builder()
                .prerequisite(new Prerequisite("network_rule", "Allow the API host",
                        "Create a network rule and an external access integration for the API host.", null,
                        "https://docs.snowflake.com/en/developer-guide/external-network-access/creating-using-external-network-access",
                        null, 1))
                .prerequisite(Prerequisite.of("warehouse", "Choose a warehouse",
                        "Pick the warehouse that runs the ingestion tasks.", 2))
                .connectorField(ConfigurationField.integer("page_size").defaultValue(100)
                        .description("Records fetched per request"))
                .connectionField(ConfigurationField.url("base_url").required().description("Root URL of the API"))
                .connectionTester(healthCheck())
                .build();
    }

    private static ConnectionTester healthCheck() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return (connection, context) -> {
            URI health = URI.create(connection.requireString("base_url").replaceAll("/+$", "") + "/health");
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(health)
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                return response.statusCode() == 200
                        ? Response.ok("Connected to " + health + " (HTTP 200).")
                        : Response.error("TEST_CONNECTION_FAILED", health + " answered HTTP " + response.statusCode()
                                + "; check base_url.");
            } catch (IOException e) {
                return Response.error("TEST_CONNECTION_FAILED", "Cannot reach " + health + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Response.error("TEST_CONNECTION_FAILED", "Interrupted while testing " + health);
            }
        };
    }
}
