package io.connectorkit.runtime.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IngestionConfigurationsTest {

    private static final String STORED = "[{\"id\":\"a\",\"ingestionStrategy\":\"INCREMENTAL\","
            + "\"customIngestionConfiguration\":{\"page\":50},\"scheduleType\":\"INTERVAL\",\"scheduleDefinition\":\"15m\","
            + "\"destination\":{\"table\":\"ORDERS\"}},{\"id\":\"b\",\"ingestionStrategy\":\"SNAPSHOT\","
            + "\"scheduleType\":\"GLOBAL\"}]";

    @Test
    void readsEveryPropertyAndWritesTheSameTextBack() {
        IngestionConfigurations.Parsed parsed = IngestionConfigurations.read(STORED);

        assertThat(parsed.isValid()).isTrue();
        assertThat(parsed.configurations())
                .containsExactly(
                        new IngestionConfiguration(
                                "a",
                                IngestionStrategy.INCREMENTAL,
                                "{\"page\":50}",
                                ScheduleType.INTERVAL,
                                "15m",
                                "{\"table\":\"ORDERS\"}"),
                        new IngestionConfiguration(
                                "b", IngestionStrategy.SNAPSHOT, null, ScheduleType.GLOBAL, null, null));
        assertThat(IngestionConfigurations.toJson(parsed.configurations())).isEqualTo(STORED);
        assertThat(parsed.withId("b")).map(IngestionConfiguration::scheduleType).hasValue(ScheduleType.GLOBAL);
        assertThat(parsed.withId("c")).isEmpty();
    }

    @Test
    void theSdkShapeNamesEveryPropertyWithNullWhenAbsent() {
        List<IngestionConfiguration> configurations =
                IngestionConfigurations.read(STORED).configurations();

        assertThat(IngestionConfigurations.toComplete(configurations).get(1).toString())
                .isEqualTo("{\"id\":\"b\","
                        + "\"ingestionStrategy\":\"SNAPSHOT\",\"customIngestionConfiguration\":null,\"scheduleType\":\"GLOBAL\","
                        + "\"scheduleDefinition\":null,\"destination\":null}");
    }

    @Test
    void nothingStoredIsNoConfigurations() {
        assertThat(IngestionConfigurations.read(null).configurations()).isEmpty();
        assertThat(IngestionConfigurations.read("null").isValid()).isTrue();
        assertThat(IngestionConfigurations.toJson(List.of())).isEqualTo("[]");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{}|The ingestion configurations must be a JSON array of objects, not an object.",
                "[1]|ingestionConfigurations[0] is a number, not an object.",
                "[{\"id\":\"a\",\"schedule\":\"1h\"}]|ingestionConfigurations[0] has the unknown property 'schedule'; the "
                        + "properties are id, ingestionStrategy, customIngestionConfiguration, scheduleType, "
                        + "scheduleDefinition, destination.",
                "[{\"id\":7}]|ingestionConfigurations[0].id must be a string, not a number.",
                "[{},{\"scheduleDefinition\":[]}]|ingestionConfigurations[1].scheduleDefinition must be a string, not an "
                        + "array.",
                "[{\"ingestionStrategy\":\"incremental\"}]|ingestionConfigurations[0].ingestionStrategy is 'incremental'; it "
                        + "must be one of SNAPSHOT, INCREMENTAL.",
                "[{\"scheduleType\":true}]|ingestionConfigurations[0].scheduleType is a boolean; it must be one of INTERVAL, "
                        + "CRON, GLOBAL.",
                "[{|It is not JSON"
            })
    void aStructuralProblemIsNamedWithItsPlaceAndNothingIsRead(String json, String problem) {
        IngestionConfigurations.Parsed parsed = IngestionConfigurations.read(json);

        assertThat(parsed.isValid()).isFalse();
        assertThat(parsed.problem()).startsWith(problem);
        assertThat(parsed.configurations()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"15m,PT15M", "2H,PT2H", "1d,PT24H", "106751991167300d,PT2562047788015200H"})
    void anIntervalIsANumberAndAUnit(String definition, String duration) {
        assertThat(IngestionConfigurations.interval(definition)).hasValue(Duration.parse(duration));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "0m", "15", "m", "15s", " 15m", "1.5h", "-1d", "99999999999999999999m", "106751991167301d"})
    void anythingElseIsNoInterval(String definition) {
        assertThat(IngestionConfigurations.interval(definition)).isEmpty();
    }

    @Test
    void theEnumNamesComeInDeclarationOrder() {
        assertThat(IngestionConfigurations.names(ScheduleType.values())).containsExactly("INTERVAL", "CRON", "GLOBAL");
    }
}
