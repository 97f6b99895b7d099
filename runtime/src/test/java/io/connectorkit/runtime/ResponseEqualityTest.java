package io.connectorkit.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Responses compare, read and copy as their whole JSON objects; the few building rules each refuse one mistake. */
class ResponseEqualityTest {

    @Test
    void responsesAreEqualWhenTheirWholeObjectsAre() {
        Response response = Response.ok("Resource created").with("id", "r-1");

        assertThat(response)
                .isEqualTo(Response.ok("Resource created").with("id", "r-1"))
                .hasSameHashCodeAs(Response.ok("Resource created").with("id", "r-1"));
        assertThat(response).isNotEqualTo(Response.ok("Resource created").with("id", "r-2"));
        assertThat(response).isNotEqualTo(Response.ok("Resource created"));
        assertThat(response).isNotEqualTo(Response.ok("Other").with("id", "r-1"));
        assertThat(Response.ok()).isNotEqualTo(Response.ok("Resource created"));
        assertThat(Response.error("A", "m")).isNotEqualTo(Response.error("B", "m"));
        assertThat(response).isNotEqualTo(response.toJsonText());
        assertThat(response.equals(null)).isFalse();
        assertThat(response.hashCode()).isNotEqualTo(Response.ok().hashCode());
    }

    @Test
    void aResponseShowsAsItsJson() {
        assertThat(Response.error("TEST_CONNECTION_FAILED", "Host not found").with("host", "x"))
                .hasToString("{\"response_code\":\"TEST_CONNECTION_FAILED\",\"message\":\"Host not found\","
                        + "\"host\":\"x\"}");
        assertThat(Response.ok()).hasToString("{\"response_code\":\"OK\"}");
    }

    @Test
    void theFactoriesSetTheirCodeAndMessage() {
        assertThat(Response.ok().message()).isEmpty();
        assertThat(Response.ok().isOk()).isTrue();
        assertThat(Response.rollback("Undo it").code()).isEqualTo("ROLLBACK");
        assertThat(Response.rollback("Undo it").isOk()).isFalse();
        assertThat(Response.of(ResponseCode.REQUIRED_PRIVILEGES_MISSING, "EXECUTE TASK")
                        .message())
                .hasValue(
                        "To perform this operation the application must be granted the following privileges: EXECUTE TASK");
        assertThat(Response.withMessage(ResponseCode.INVALID_INPUT, "bad").is(ResponseCode.INVALID_INPUT))
                .isTrue();
        assertThat(Response.withMessage(ResponseCode.INVALID_INPUT, "bad").is(ResponseCode.OK))
                .isFalse();
        assertThat(Response.ok().is(ResponseCode.OK)).isTrue();
    }

    @Test
    void theBuildingRulesRefuseAMalformedResponse() {
        assertThatThrownBy(() -> Response.error(null, "m"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("response_code must not be null");
        assertThatThrownBy(() -> Response.error(" ", "m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("response_code must not be blank");
        assertThatThrownBy(() -> Response.error("X", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message must not be empty when response_code is X");
        assertThatThrownBy(() -> Response.ok().with("response_code", "X"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("response_code is not an extra key");
        assertThatThrownBy(() -> Response.ok().with("message", "X"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message is not an extra key");
    }

    @Test
    void withCopiesAndLeavesTheOriginalUnchanged() {
        Response original = Response.ok("m");
        Response copy = original.with("a", 1).with("b", List.of("x"));

        assertThat(original.payload()).isEmpty();
        assertThat(copy.payload()).isEqualTo(Map.of("a", 1, "b", List.of("x")));
        assertThat(copy.toMap()).isEqualTo(Map.of("response_code", "OK", "message", "m", "a", 1, "b", List.of("x")));
        assertThat(copy.with("a", 2).payload()).containsEntry("a", 2);
        assertThat(copy.payload()).containsEntry("a", 1);
    }

    @Test
    void readingAHookAnswerKeepsOkWithoutMessageAndRefusesBlankCodes() {
        assertThat(Response.fromJsonText("{\"response_code\": \"OK\"}")).isEqualTo(Response.ok());
        assertThat(Response.fromJsonText("{\"response_code\": \"OK\", \"message\": null}"))
                .isEqualTo(Response.ok());
        assertThat(Response.fromJsonText("{\"response_code\": \"X\", \"message\": \"m\"}"))
                .isEqualTo(Response.error("X", "m"));
        assertThat(Response.fromJsonText("{\"response_code\": \" \", \"message\": \"m\"}")
                        .message())
                .hasValue("Invalid connector response, reason: responseCode must not be null");
        assertThat(Response.fromJsonText("{\"response_code\": 1, \"message\": \"m\"}")
                        .message())
                .hasValue("Invalid connector response, reason: responseCode must not be null");
        assertThat(Response.fromJsonText("{\"response_code\": \"X\", \"message\": \" \"}")
                        .message())
                .hasValue("Invalid connector response, reason: message must not be null if responseCode is not OK");
        assertThat(Response.fromJsonText("[]").message())
                .hasValue("Invalid connector response, reason: the response is an array, not an object");
        assertThat(Response.fromJsonText("null").message())
                .hasValue("Invalid connector response, reason: the response is null, not an object");
    }
}
