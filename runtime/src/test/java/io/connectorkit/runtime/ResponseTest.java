package io.connectorkit.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.runtime.json.Json;
import org.junit.jupiter.api.Test;

class ResponseTest {

    @Test
    void writesCodeMessageAndExtraKeys() {
        Response response = Response.ok("Resource created").with("id", "r-1");

        assertThat(response.toJsonText()).isEqualTo("{\"response_code\":\"OK\",\"message\":\"Resource created\","
                + "\"id\":\"r-1\"}");
    }

    @Test
    void anErrorWithoutMessageCannotBeBuilt() {
        assertThatThrownBy(() -> Response.error("TEST_CONNECTION_FAILED", " "))
                .hasMessageContaining("message must not be empty");
    }

    @Test
    void readsHookResponsesAndNamesWhatIsMalformed() {
        assertThat(Response.fromJson(Json.parse("{\"response_code\": \"X\", \"message\": \"m\", \"extra\": 1}"))
                .payload()).isEqualTo(Json.parse("{\"extra\": 1}"));
        assertThat(Response.fromJson(Json.parse("{\"message\": \"m\"}")).message())
                .hasValue("Invalid connector response, reason: responseCode must not be null");
        assertThat(Response.fromJson(Json.parse("{\"response_code\": \"X\"}")).message())
                .hasValue("Invalid connector response, reason: message must not be null if responseCode is not OK");
        assertThat(Response.fromJson(Json.parse("[]")).code()).isEqualTo("INVALID_RESPONSE");
    }
}
