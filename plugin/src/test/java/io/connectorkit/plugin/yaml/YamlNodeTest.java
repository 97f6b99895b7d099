package io.connectorkit.plugin.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one YAML reader of the kit: each accessor's good and bad input, paths with list indexes, and lines. */
class YamlNodeTest {

    private static final String TEXT = """
            name: demo
            version: 1.0
            blank: ''
            enabled: true
            answer: maybe
            count: 3
            nothing: ~
            resources:
              - id: a
                schedules:
                  - {type: CRON}
                  - type: INTERVAL
                    every: 60m
              - just text
            """;

    private static YamlFile file() throws YamlFile.UnreadableFileException {
        return YamlFile.parse(TEXT, "x.yaml");
    }

    private static List<String> problems(YamlFile file) {
        return file.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void aNestedValueKnowsItsPathAndLine() throws Exception {
        YamlFile file = file();
        YamlNode every = file.root().get("resources").get(0).get("schedules").get(1).get("every");

        assertThat(every.pointer()).isEqualTo("/resources/0/schedules/1/every");
        assertThat(every.path()).isEqualTo("resources[0].schedules[1].every");
        assertThat(every.line()).isEqualTo(13);
        assertThat(file.root().get("resources").get(1).line()).isEqualTo(14);
        // A missing key is placed at its nearest parent that the file has.
        assertThat(file.root().get("resources").get(0).get("missing").line()).isEqualTo(9);
    }

    @Test
    void aProblemIsWrittenFileLinePathMessage() throws Exception {
        YamlFile file = file();
        file.root().get("resources").get(0).get("schedules").get(0).get("type").problem("not allowed here; remove it");

        assertThat(problems(file)).containsExactly("x.yaml:11: resources[0].schedules[0].type: not allowed here; "
                + "remove it");
        assertThat(file.problems().get(0)).isEqualTo(new Problem("x.yaml", 11, "resources[0].schedules[0].type",
                "not allowed here; remove it"));
    }

    @Test
    void textTakesTextAndNumbersAndRefusesTheRest() throws Exception {
        YamlFile file = file();
        YamlNode root = file.root();

        assertThat(root.text("name")).isEqualTo("demo");
        assertThat(root.text("version")).isEqualTo("1.0");
        assertThat(root.text("blank")).isEmpty();
        assertThat(root.text("missing")).isNull();
        assertThat(root.text("nothing")).isNull();
        assertThat(problems(file)).isEmpty();

        assertThat(root.text("resources")).isNull();
        assertThat(problems(file)).containsExactly("x.yaml:8: resources: expected text, but found a list");
    }

    @Test
    void requiredTextReportsMissingAndEmptyValuesWithTheirPurpose() throws Exception {
        YamlFile file = file();
        YamlNode root = file.root();

        assertThat(root.requiredText("name")).isEqualTo("demo");
        assertThat(root.requiredText("missing")).isNull();
        assertThat(root.requiredText("nothing", "what it is for")).isNull();
        assertThat(root.requiredText("blank", "what it is for")).isNull();

        assertThat(problems(file)).containsExactly(
                "x.yaml:1: missing: 'missing' is missing; it is required here",
                "x.yaml:7: nothing: 'nothing' is missing; it is required here (what it is for)",
                "x.yaml:3: blank: 'blank' is empty; give it a value (what it is for)");
    }

    @Test
    void boolTakesTrueOrFalseAndOtherwiseTheDefault() throws Exception {
        YamlFile file = file();
        YamlNode root = file.root();

        assertThat(root.bool("enabled", false)).isTrue();
        assertThat(root.bool("missing", true)).isTrue();
        assertThat(root.bool("nothing", false)).isFalse();
        assertThat(problems(file)).isEmpty();

        assertThat(root.bool("answer", true)).isTrue();
        assertThat(problems(file)).containsExactly("x.yaml:5: answer: 'maybe' is not true or false; write answer: "
                + "true or answer: false");
    }

    @Test
    void integerTakesAWholeNumberInItsRange() throws Exception {
        YamlFile file = file();
        YamlNode root = file.root();

        assertThat(root.get("count").integer(1, 5, "a count", "write 1 to 5")).isEqualTo(3);
        assertThat(root.get("missing").integer(1, 5, "a count", "write 1 to 5")).isNull();
        assertThat(problems(file)).isEmpty();

        assertThat(root.get("count").integer(4, 5, "a count", "write 4 or 5")).isNull();
        assertThat(root.get("version").integer(1, 5, "a count", "write 1 to 5")).isNull();
        assertThat(root.get("name").integer(1, 5, "a count", "write 1 to 5")).isNull();
        assertThat(problems(file)).containsExactly(
                "x.yaml:6: count: 3 is not a count; write 4 or 5",
                "x.yaml:2: version: 1.0 is not a count; write 1 to 5",
                "x.yaml:1: name: 'demo' is not a count; write 1 to 5");
    }

    @Test
    void oneOfTakesOnlyTheAllowedTexts() throws Exception {
        YamlFile file = file();
        YamlNode schedule = file.root().get("resources").get(0).get("schedules").get(1);

        assertThat(schedule.oneOf("type", List.of("CRON", "INTERVAL"))).isEqualTo("INTERVAL");
        assertThat(problems(file)).isEmpty();

        assertThat(schedule.oneOf("type", List.of("GLOBAL"))).isNull();
        assertThat(schedule.oneOf("kind", List.of("A", "B"))).isNull();
        assertThat(problems(file)).containsExactly(
                "x.yaml:12: resources[0].schedules[1].type: 'INTERVAL' is not a valid type; use one of GLOBAL",
                "x.yaml:12: resources[0].schedules[1].kind: 'kind' is missing; use one of A, B");
    }

    @Test
    void listAndMappingAnswerEmptyForAbsentValuesAndReportOtherKinds() throws Exception {
        YamlFile file = file();
        YamlNode root = file.root();

        List<YamlNode> resources = root.get("resources").list();
        assertThat(resources).extracting(YamlNode::path).containsExactly("resources[0]", "resources[1]");
        assertThat(root.get("missing").list()).isEmpty();
        assertThat(root.get("nothing").mapping()).isEmpty();
        assertThat(resources.get(0).mapping()).contains(resources.get(0));
        assertThat(problems(file)).isEmpty();

        assertThat(root.get("name").list()).isEmpty();
        assertThat(resources.get(1).mapping()).isEmpty();
        assertThat(root.get("count").list("a list of counts", "for example [1, 2]")).isEmpty();
        assertThat(root.get("nothing").requiredMapping("a resource", null)).isEmpty();
        assertThat(problems(file)).containsExactly(
                "x.yaml:1: name: expected a list (items starting with '- '), but found 'demo'",
                "x.yaml:14: resources[1]: expected a mapping of keys, but found 'just text'",
                "x.yaml:6: count: expected a list of counts, but found 3; for example [1, 2]",
                "x.yaml:7: nothing: expected a resource, but found null");
    }

    @Test
    void unknownKeysAreNamedWithTheClosestAllowedOne() throws Exception {
        YamlFile file = file();
        YamlNode first = file.root().get("resources").get(0);

        first.knownKeys(List.of("id", "schedules"));
        assertThat(problems(file)).isEmpty();

        first.knownKeys(List.of("id", "schedule"));
        first.get("schedules").get(1).knownKeys(List.of("type"), "the keys of a schedule");
        file.root().knownKeys(List.of());
        assertThat(problems(file)).startsWith(
                "x.yaml:10: resources[0].schedules: unknown key 'schedules'; did you mean 'schedule'? the keys of "
                        + "resources[0] are id, schedule",
                "x.yaml:13: resources[0].schedules[1].every: unknown key 'every'; the keys of a schedule are type",
                "x.yaml:1: name: unknown key 'name'; the keys of the file are none");
    }

    @Test
    void entriesKeepTheFileOrder() throws Exception {
        YamlNode schedule = file().root().get("resources").get(0).get("schedules").get(1);

        assertThat(schedule.entries()).containsOnlyKeys("type", "every");
        assertThat(schedule.entries().keySet()).containsExactly("type", "every");
        assertThat(schedule.entries().get("every").path()).isEqualTo("resources[0].schedules[1].every");
    }

    @Test
    void aResolvedCopyIsReportedAtTheOriginalsLine() throws Exception {
        YamlFile file = file();
        YamlNode copy = file.at("/resources/0/schedules/1", new ObjectMapper()
                .readTree("{\"type\": \"HOURLY\"}"));

        copy.oneOf("type", List.of("CRON"));

        assertThat(problems(file)).containsExactly("x.yaml:12: resources[0].schedules[1].type: 'HOURLY' is not a "
                + "valid type; use one of CRON");
    }

    @Test
    void aFileThatCannotBeReadIsOneProblem(@TempDir Path folder) throws Exception {
        assertThatThrownBy(() -> YamlFile.read(folder.resolve("none.yaml"), "none.yaml", "there is no such file; "
                + "create it")).isInstanceOf(YamlFile.UnreadableFileException.class)
                .hasMessage("none.yaml:0: there is no such file; create it");

        Path broken = Files.writeString(folder.resolve("broken.yaml"), "a: 1\nb: [1, 2\n");
        assertThatThrownBy(() -> YamlFile.read(broken, "broken.yaml", "missing"))
                .isInstanceOfSatisfying(YamlFile.UnreadableFileException.class, e -> {
                    assertThat(e.problem().file()).isEqualTo("broken.yaml");
                    assertThat(e.problem().line()).isGreaterThan(1);
                    assertThat(e.problem().message()).startsWith("the YAML cannot be read: ")
                            .endsWith("; fix the YAML syntax there");
                });

        assertThatThrownBy(() -> YamlFile.parse("a: 1\na: 2\n", "twice.yaml"))
                .hasMessage("twice.yaml:2: the key 'a' appears twice in the same mapping; keep one; fix the YAML "
                        + "syntax there");
    }

    @Test
    void anEmptyFileHasAnAbsentRoot() throws Exception {
        YamlFile file = YamlFile.parse("", "empty.yaml");

        assertThat(file.root().isAbsent()).isTrue();
        assertThat(file.root().get("anything").isAbsent()).isTrue();
        assertThat(file.root().get("anything").line()).isEqualTo(1);
    }
}
