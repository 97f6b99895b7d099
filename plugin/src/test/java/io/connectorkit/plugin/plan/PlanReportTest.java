package io.connectorkit.plugin.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.plugin.plan.Change.Kind;
import io.connectorkit.plugin.plan.Change.Section;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plan as text, JSON and Markdown. */
class PlanReportTest {

    private static final Plan PLAN = new Plan(
            "Snowflake",
            "GITHUB_CONNECTOR",
            List.of(
                    Change.of(Section.GRANTS, Kind.REMOVED, "GRANT USAGE ON SCHEMA PUBLIC TO APPLICATION ROLE VIEWER"),
                    new Change(Section.FILES, Kind.CHANGED, "lib/connector.jar", "2048 bytes"),
                    new Change(Section.APPLICATION, Kind.CHANGED, "application GITHUB_CONNECTOR", "upgraded"),
                    new Change(Section.FILES, Kind.ADDED, "streamlit/a|b.py", "12 bytes"),
                    new Change(
                            Section.STATEMENTS,
                            Kind.ADDED,
                            "ALTER APPLICATION SET SPECIFICATION EAI_SPEC",
                            "ALTER APPLICATION SET SPECIFICATION EAI_SPEC TYPE = EXTERNAL_ACCESS LABEL = 'a|b'")),
            List.of("deployed manifest unknown (deployed before the kit kept a copy)"));

    @Test
    void textListsTheChangesBySectionWithTheirSigns() {
        assertThat(new PlanReport(PLAN).lines())
                .containsExactly(
                        "  application:",
                        "    ~ application GITHUB_CONNECTOR — upgraded",
                        "  files:",
                        "    ~ lib/connector.jar — 2048 bytes",
                        "    + streamlit/a|b.py — 12 bytes",
                        "  grants:",
                        "    - GRANT USAGE ON SCHEMA PUBLIC TO APPLICATION ROLE VIEWER",
                        "  setup statements:",
                        "    + ALTER APPLICATION SET SPECIFICATION EAI_SPEC — ALTER APPLICATION SET SPECIFICATION EAI_SPEC "
                                + "TYPE = EXTERNAL_ACCESS LABEL = 'a|b'",
                        "  Note: deployed manifest unknown (deployed before the kit kept a copy)");
        assertThat(PLAN.counts()).isEqualTo("2 added, 2 changed, 1 removed");
    }

    @Test
    void aPlanWithoutChangesIsOneLine() {
        assertThat(new PlanReport(new Plan("the embedded target", "app", List.of(), List.of())).lines())
                .containsExactly("(nothing changed)");
    }

    @Test
    void jsonReadsBackWithEveryChange() throws Exception {
        JsonNode json = new ObjectMapper().readTree(new PlanReport(PLAN).json());

        assertThat(json.path("target").asText()).isEqualTo("Snowflake");
        assertThat(json.path("app").asText()).isEqualTo("GITHUB_CONNECTOR");
        assertThat(json.path("changed").asBoolean()).isTrue();
        assertThat(json.path("counts").path("added").asInt()).isEqualTo(2);
        assertThat(json.path("counts").path("changed").asInt()).isEqualTo(2);
        assertThat(json.path("counts").path("removed").asInt()).isEqualTo(1);
        assertThat(json.path("changes")).hasSize(5);
        JsonNode first = json.path("changes").get(0);
        assertThat(first.path("section").asText()).isEqualTo("application");
        assertThat(first.path("kind").asText()).isEqualTo("changed");
        assertThat(first.path("subject").asText()).isEqualTo("application GITHUB_CONNECTOR");
        assertThat(first.path("detail").asText()).isEqualTo("upgraded");
        assertThat(json.path("notes").get(0).asText()).startsWith("deployed manifest unknown");
    }

    @Test
    void markdownIsATableWhosePipesAreEscaped() {
        String markdown = new PlanReport(PLAN).markdown();

        List<String> lines = markdown.lines().toList();
        assertThat(lines.get(0)).isEqualTo("### Deploy plan: `GITHUB_CONNECTOR` on Snowflake");
        assertThat(lines)
                .contains(
                        "**2 added, 2 changed, 1 removed**",
                        "| change | section | what | detail |",
                        "|---|---|---|---|",
                        "| changed | application | `application GITHUB_CONNECTOR` | upgraded |",
                        "| added | files | `streamlit/a\\|b.py` | 12 bytes |",
                        "> **Note:** deployed manifest unknown (deployed before the kit kept a copy)");
        // Every row of the table has its four cells: no unescaped pipe splits one.
        assertThat(lines)
                .filteredOn(line -> line.startsWith("| "))
                .allSatisfy(row -> assertThat(row.replace("\\|", "")
                                .chars()
                                .filter(c -> c == '|')
                                .count())
                        .isEqualTo(5));
    }

    @Test
    void markdownOfNoChangesSaysSo() {
        assertThat(new PlanReport(new Plan("the embedded target", "app", List.of(), List.of())).markdown())
                .isEqualTo("### Deploy plan: `app` on the embedded target\n\nNo changes: the deployed app is what the "
                        + "bundle would deploy.\n");
    }
}
