package io.connectorkit.it.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleRecordsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private SampleRecordsApi api;

    @BeforeEach
    void start() throws IOException {
        api = SampleRecordsApi.start("t0ken");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void pagesThroughADatasetInIdOrderWithoutGapsOrRepeats() throws Exception {
        List<Long> ids = new ArrayList<>();
        long after = 0;
        boolean more = true;
        while (more) {
            HttpResponse<String> page = get("/datasets/orders/records?after=" + after + "&limit=50", "t0ken");
            assertThat(page.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(page.body());
            body.get("records").forEach(record -> ids.add(record.get("id").asLong()));
            after = ids.get(ids.size() - 1);
            more = body.get("has_more").asBoolean();
        }

        assertThat(ids)
                .hasSize(SampleRecordsApi.ORDERS)
                .isSorted()
                .doesNotHaveDuplicates()
                .startsWith(1L);
        assertThat(JSON.readTree(get("/datasets/orders/records?after=" + after, "t0ken")
                                .body())
                        .get("records"))
                .isEmpty();
    }

    @Test
    void theFirstCustomersPageIsUnavailableOnceThenServed() throws Exception {
        HttpResponse<String> busy = get("/datasets/customers/records?after=0&limit=10", "t0ken");
        HttpResponse<String> served = get("/datasets/customers/records?after=0&limit=10", "t0ken");

        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).contains("0");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(served.body()).get("records")).hasSize(10);
    }

    @Test
    void refusesAWrongTokenAndAnswers404ForAnUnknownDataset() throws Exception {
        assertThat(get("/health", "t0ken").statusCode()).isEqualTo(200);
        assertThat(get("/health", "wrong").statusCode()).isEqualTo(401);
        assertThat(get("/datasets/invoices/records", "t0ken").statusCode()).isEqualTo(404);
        assertThat(get("/datasets/orders/records?after=x", "t0ken").statusCode())
                .isEqualTo(400);
    }

    @Test
    void theHookStartsTheApiWithTheProjectsTokenAndWritesItsUrl(@TempDir Path project) throws Exception {
        Files.writeString(project.resolve("invoker.properties"), """
                invoker.environmentVariables.RECORDS_API_TOKEN = from-invoker
                invoker.userPropertiesFile = api.properties
                """);

        try (SampleRecordsApi started = InvokerHooks.startSampleApi(project)) {
            Properties written = new Properties();
            try (InputStream in = Files.newInputStream(project.resolve("api.properties"))) {
                written.load(in);
            }
            assertThat(written.getProperty("api.url")).isEqualTo(started.url());
            assertThat(client.send(
                                    HttpRequest.newBuilder(URI.create(started.url() + "/health"))
                                            .header("Authorization", "Bearer from-invoker")
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void theHookStartsTheApiWithTheTokensThatSingleInvocationsRotateTo(@TempDir Path project) throws Exception {
        Files.writeString(project.resolve("invoker.properties"), """
                invoker.environmentVariables.RECORDS_API_TOKEN = first
                invoker.environmentVariables.RECORDS_API_TOKEN.5 = rotated
                invoker.environmentVariables.RECORDS_API_TOKENS = not-a-token
                invoker.userPropertiesFile = api.properties
                """);

        try (SampleRecordsApi started = InvokerHooks.startSampleApi(project)) {
            for (String token : List.of("first", "rotated", "not-a-token")) {
                assertThat(client.send(
                                        HttpRequest.newBuilder(URI.create(started.url() + "/health"))
                                                .header("Authorization", "Bearer " + token)
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                        .as(token)
                        .isEqualTo(token.equals("not-a-token") ? 401 : 200);
            }
        }
    }

    @Test
    void theHookNamesWhatTheProjectMustDeclare(@TempDir Path project) throws Exception {
        Files.writeString(project.resolve("invoker.properties"), "invoker.goals = verify\n");

        assertThatThrownBy(() -> InvokerHooks.startSampleApi(project))
                .hasMessageContaining("invoker.environmentVariables.RECORDS_API_TOKEN")
                .hasMessageContaining("invoker.userPropertiesFile");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(api.url() + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
