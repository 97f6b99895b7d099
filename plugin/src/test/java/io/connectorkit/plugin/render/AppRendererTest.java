package io.connectorkit.plugin.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.plugin.testing.GoldenFiles;
import io.connectorkit.plugin.testing.TestProjects;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rendered app of a minimal and a full descriptor, both dialects, against reviewed expected files. */
class AppRendererTest {

    @ParameterizedTest
    @ValueSource(strings = {"minimal", "full"})
    void rendersTheExpectedApp(String project) throws Exception {
        GoldenFiles.assertMatches(project, TestProjects.render(project));
    }

    @Test
    void theReadmeListsAChoiceFieldsChoices() throws Exception {
        Map<String, String> app = TestProjects.render("choice");

        for (String readme : new String[] {"snowflake/README.md", "local/README.md"}) {
            assertThat(app.get(readme))
                    .contains(
                            "| connector | `sync_mode` | choice (one of `incremental`, `full`, "
                                    + "`<both>`) | no | \"incremental\" | How each run reads the source |",
                            "| connection | `region` | choice (one of `eu`, `us`) | yes |");
        }
    }
}
