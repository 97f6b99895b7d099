package io.connectorkit.plugin.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.plugin.testing.ProblemPaths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one path format of the kit's messages, and the closest-name suggestion. */
class YamlTextTest {

    @Test
    void pathsWriteKeysWithDotsAndIndexesInBrackets() {
        assertThat(YamlText.path("")).isEmpty();
        assertThat(YamlText.path("/resources")).isEqualTo("resources");
        assertThat(YamlText.path("/resources/0")).isEqualTo("resources[0]");
        assertThat(YamlText.path("/resources/0/ingestionConfigurations/12/scheduleDefinition"))
                .isEqualTo("resources[0].ingestionConfigurations[12].scheduleDefinition");
        assertThat(YamlText.path("/configuration/connector/2/type")).isEqualTo("configuration.connector[2].type");
        assertThat(YamlText.path("/references/GITHUB_EAI")).isEqualTo("references.GITHUB_EAI");
    }

    @Test
    void theCheckOfMessagesCatchesTheDottedIndexForm() {
        for (String dotted : List.of("x.yaml:3: resources.0.ingestionConfigurations.0.id: bad",
                "x.yaml:1: prerequisites.1: unknown", "also at resources.0)", "resources[0].list.3 is")) {
            assertThatThrownBy(() -> ProblemPaths.assertBracketed(dotted)).as(dotted).isInstanceOf(AssertionError.class);
        }
        ProblemPaths.assertBracketed("x.yaml:3: resources[0].ingestionConfigurations[1].id: needs 1.15.0 or "
                + "http-client-3.2.jar, 127.0.0.1");
    }

    @Test
    void theClosestNameIsSuggestedOnlyWhenItIsNear() {
        assertThat(YamlText.closest("enable", List.of("id", "enabled"))).contains("enabled");
        assertThat(YamlText.closest("schedule", List.of("id", "name"))).isEmpty();
    }
}
