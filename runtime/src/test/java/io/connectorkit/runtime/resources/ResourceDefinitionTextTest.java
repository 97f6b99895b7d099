package io.connectorkit.runtime.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.runtime.internal.json.JsonTree;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a connector's resource hooks receive: a definition's JSON form and its JSON values read as objects. */
class ResourceDefinitionTextTest {

    private static final IngestionConfiguration FULL = new IngestionConfiguration(
            "c1",
            IngestionStrategy.INCREMENTAL,
            "{\"pageSize\": 50}",
            ScheduleType.INTERVAL,
            "15m",
            "{\"table\": \"ORDERS\"}");

    @Test
    void theJsonFormHasEveryFieldWithNullsForWhatIsMissing() {
        ResourceDefinition definition = new ResourceDefinition(
                "r1",
                "Orders",
                true,
                null,
                "{\"repo\": \"a\"}",
                null,
                List.of(FULL, new IngestionConfiguration("c2", null, null, null, null, null)));

        assertThat(JsonTree.parse(definition.toJsonText()))
                .isEqualTo(JsonTree.parse("{\"id\": \"r1\", \"name\":"
                        + " \"Orders\", \"enabled\": true, \"disabled\": false, \"parentId\": null, \"resourceId\": {\"repo\":"
                        + " \"a\"}, \"resourceMetadata\": null, \"ingestionConfigurations\": [{\"id\": \"c1\","
                        + " \"ingestionStrategy\": \"INCREMENTAL\", \"customIngestionConfiguration\": {\"pageSize\": 50},"
                        + " \"scheduleType\": \"INTERVAL\", \"scheduleDefinition\": \"15m\", \"destination\": {\"table\":"
                        + " \"ORDERS\"}}, {\"id\": \"c2\", \"ingestionStrategy\": null, \"customIngestionConfiguration\": null,"
                        + " \"scheduleType\": null, \"scheduleDefinition\": null, \"destination\": null}]}"));
        assertThat(JsonTree.parse(new ResourceDefinition("r2", "Off", false, "r1", null, "[1]", null).toJsonText()))
                .isEqualTo(JsonTree.parse("{\"id\": \"r2\", \"name\": \"Off\", \"enabled\": false, \"disabled\": true,"
                        + " \"parentId\": \"r1\", \"resourceId\": null, \"resourceMetadata\": [1],"
                        + " \"ingestionConfigurations\": []}"));
    }

    @Test
    void objectValuesReadAsConfigurationsAndOtherValuesAsNone() {
        ResourceDefinition definition =
                new ResourceDefinition("r1", "Orders", true, null, " {\"repo\": \"a\"}", "[\"x\"]", List.of(FULL));

        assertThat(definition.resourceIdConfiguration())
                .hasValueSatisfying(id -> assertThat(id.string("repo")).hasValue("a"));
        assertThat(definition.resourceMetadataConfiguration()).isEmpty();
        assertThat(FULL.customConfiguration())
                .hasValueSatisfying(
                        custom -> assertThat(custom.integer("pageSize")).hasValue(50L));
        assertThat(FULL.destinationConfiguration())
                .hasValueSatisfying(
                        destination -> assertThat(destination.string("table")).hasValue("ORDERS"));
        IngestionConfiguration bare = new IngestionConfiguration("c", null, "\"text\"", null, null, null);
        assertThat(bare.customConfiguration()).isEmpty();
        assertThat(bare.destinationConfiguration()).isEmpty();
        assertThat(new ResourceDefinition("r", "n", false, null, null, null, null).resourceIdConfiguration())
                .isEmpty();
    }

    @Test
    void theConfigurationsAreACopyThatCannotChange() {
        List<IngestionConfiguration> given = new ArrayList<>(List.of(FULL));
        ResourceDefinition definition = new ResourceDefinition("r1", "Orders", true, null, null, null, given);

        given.clear();

        assertThat(definition.ingestionConfigurations()).containsExactly(FULL);
        assertThatThrownBy(() -> definition.ingestionConfigurations().add(FULL))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(new ResourceDefinition("r1", "Orders", true, null, null, null, null).ingestionConfigurations())
                .isEmpty();
    }
}
