package io.connectorkit.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseTest {

    @Test
    void writesCodeMessageAndExtraKeys() {
        Response response = Response.ok("Resource created").with("id", "r-1");

        assertThat(response.toJsonText())
                .isEqualTo("{\"response_code\":\"OK\",\"message\":\"Resource created\"," + "\"id\":\"r-1\"}");
    }

    @Test
    void anErrorWithoutMessageCannotBeBuilt() {
        assertThatThrownBy(() -> Response.error("TEST_CONNECTION_FAILED", " "))
                .hasMessageContaining("message must not be empty");
    }

    @Test
    void readsHookResponsesAndNamesWhatIsMalformed() {
        assertThat(Response.fromJsonText("{\"response_code\": \"X\", \"message\": \"m\", \"extra\": [1]}")
                        .payload())
                .isEqualTo(Map.of("extra", List.of(1)));
        assertThat(Response.fromJsonText("{\"message\": \"m\"}").message())
                .hasValue("Invalid connector response, reason: responseCode must not be null");
        assertThat(Response.fromJsonText("{\"response_code\": \"X\"}").message())
                .hasValue("Invalid connector response, reason: message must not be null if responseCode is not OK");
        assertThat(Response.fromJsonText("[]").code()).isEqualTo("INVALID_RESPONSE");
        assertThat(Response.fromJsonText("{oops").message().orElseThrow())
                .startsWith("Invalid connector response, reason: the response is not JSON");
    }
}
