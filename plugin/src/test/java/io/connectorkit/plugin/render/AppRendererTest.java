package io.connectorkit.plugin.render;

import io.connectorkit.plugin.testing.GoldenFiles;
import io.connectorkit.plugin.testing.TestProjects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rendered app of a minimal and a full descriptor, both dialects, against reviewed expected files. */
class AppRendererTest {

    @ParameterizedTest
    @ValueSource(strings = {"minimal", "full"})
    void rendersTheExpectedApp(String project) throws Exception {
        GoldenFiles.assertMatches(project, TestProjects.render(project));
    }
}
