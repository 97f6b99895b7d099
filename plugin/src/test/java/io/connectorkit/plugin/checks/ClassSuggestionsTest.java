package io.connectorkit.plugin.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.runtime.spi.ConnectionTester;
import io.connectorkit.runtime.spi.FinalizeCallback;
import io.connectorkit.runtime.spi.Ingestion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "did you mean" of a misspelled connector class: the closest class of the project, preferring its role. */
class ClassSuggestionsTest {

    private static final String FIXTURES = "io.connectorkit.plugin.fixtures.";

    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void aMisspelledNameGetsTheClosestProjectClass() {
        ClassSuggestions project = ClassSuggestions.of(List.of(
                FIXTURES + "GithubConnectionTester", FIXTURES + "GithubFinalizer", FIXTURES + "GithubIssuesIngestion"));

        assertThat(project.closest(FIXTURES + "GithubFinaliser", FinalizeCallback.class, loader))
                .contains(FIXTURES + "GithubFinalizer");
        assertThat(project.closest(FIXTURES + "GitHubConectionTester", ConnectionTester.class, loader))
                .contains(FIXTURES + "GithubConnectionTester");
    }

    @Test
    void aClassInTheWrongPackageIsFoundByItsSimpleName() {
        ClassSuggestions project = ClassSuggestions.of(List.of(FIXTURES + "GithubFinalizer", "com.example.Other"));

        assertThat(project.closest("com.example.connector.GithubFinalizer", FinalizeCallback.class, loader))
                .contains(FIXTURES + "GithubFinalizer");
    }

    @Test
    void amongCloseClassesOneThatFitsTheRoleWinsThenOneNotCompiledYet() {
        ClassSuggestions project =
                ClassSuggestions.of(List.of(FIXTURES + "GithubFinalizer", FIXTURES + "GithubFinalizers"));

        assertThat(project.closest(FIXTURES + "GithubFinalizerz", FinalizeCallback.class, loader))
                .contains(FIXTURES + "GithubFinalizer");
        assertThat(project.closest(FIXTURES + "GithubFinalizerz", Ingestion.class, loader))
                .as("a source not compiled yet may still fit; GithubFinalizer surely does not")
                .contains(FIXTURES + "GithubFinalizers");
    }

    @Test
    void nothingIsSuggestedWhenNoClassIsClose() {
        ClassSuggestions project =
                ClassSuggestions.of(List.of(FIXTURES + "GithubFinalizer", FIXTURES + "GithubIssuesIngestion"));

        assertThat(project.closest("com.example.SalesforceIngestion", Ingestion.class, loader))
                .isEmpty();
        assertThat(project.closest(FIXTURES + "Tester", ConnectionTester.class, loader))
                .isEmpty();
        assertThat(ClassSuggestions.none().closest(FIXTURES + "GithubFinaliser", FinalizeCallback.class, loader))
                .isEmpty();
    }

    @Test
    void theProjectsClassesAreItsClassFilesAndSources(@TempDir Path folder) throws Exception {
        Path classes = folder.resolve("classes");
        for (String file : List.of(
                "com/example/Tester.class",
                "com/example/Tester$Options.class",
                "com/example/Tester$1.class",
                "module-info.class",
                "com/example/package-info.class",
                "com/example/notes.txt")) {
            Files.createDirectories(classes.resolve(file).getParent());
            Files.writeString(classes.resolve(file), "");
        }
        Path sources = folder.resolve("java");
        Files.createDirectories(sources.resolve("com/example/ingest"));
        Files.writeString(sources.resolve("com/example/ingest/Issues.java"), "");

        ClassSuggestions project = ClassSuggestions.scan(List.of(classes, folder.resolve("absent")), List.of(sources));

        assertThat(project.names())
                .containsExactly("com.example.Tester", "com.example.Tester$Options", "com.example.ingest.Issues");
    }
}
