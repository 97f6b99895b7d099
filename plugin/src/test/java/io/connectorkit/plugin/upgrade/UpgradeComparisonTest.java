package io.connectorkit.plugin.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an upgrade lost, between two snapshots of an app. */
class UpgradeComparisonTest {

    @Test
    void addedColumnsRowsTablesAndGrantsAreKeptEverything() {
        AppSnapshot before = new AppSnapshot(
                Map.of(
                        "STATE.APP_CONFIG",
                        table(
                                List.of("KEY", "VALUE"),
                                List.of(),
                                row("KEY", "connector_configuration", "VALUE", "{}"))),
                Set.of("SELECT ON PUBLIC.V TO VIEWER"));
        AppSnapshot after = new AppSnapshot(
                Map.of(
                        "STATE.APP_CONFIG",
                        table(
                                List.of("KEY", "VALUE", "NOTE"),
                                List.of(),
                                row("KEY", "connector_configuration", "VALUE", "{}", "NOTE", null),
                                row("KEY", "new", "VALUE", "1", "NOTE", "x")),
                        "SINK.NEW",
                        table(List.of("ID"), List.of())),
                Set.of("SELECT ON PUBLIC.V TO VIEWER", "SELECT ON PUBLIC.W TO VIEWER"));

        UpgradeComparison comparison = UpgradeComparison.between(before, after);

        assertThat(comparison.keptEverything()).isTrue();
        assertThat(comparison.summary()).isEqualTo("1 table checked, 1 row compared, 1 grant compared");
    }

    @Test
    void keyedRowsNameTheirChangedColumnsAndSecretValuesAreNeverShown() {
        AppSnapshot before = new AppSnapshot(
                Map.of(
                        "STATE.RESOURCE_INGESTION_DEFINITION",
                                table(
                                        List.of("ID", "ENABLED"),
                                        List.of("ID"),
                                        row("ID", "sdk", "ENABLED", "TRUE"),
                                        row("ID", "docs", "ENABLED", "FALSE")),
                        "STATE.SECRETS",
                                table(
                                        List.of("REFERENCE_NAME", "VALUE"),
                                        List.of("REFERENCE_NAME"),
                                        row("REFERENCE_NAME", "API_TOKEN_REF", "VALUE", "s3cr3t-before"))),
                Set.of());
        AppSnapshot after = new AppSnapshot(
                Map.of(
                        "STATE.RESOURCE_INGESTION_DEFINITION",
                                table(List.of("ID", "ENABLED"), List.of("ID"), row("ID", "sdk", "ENABLED", "FALSE")),
                        "STATE.SECRETS",
                                table(
                                        List.of("REFERENCE_NAME", "VALUE"),
                                        List.of("REFERENCE_NAME"),
                                        row("REFERENCE_NAME", "API_TOKEN_REF", "VALUE", "s3cr3t-after"))),
                Set.of());

        UpgradeComparison comparison = UpgradeComparison.between(before, after);

        assertThat(comparison.losses())
                .containsExactly(
                        "STATE.RESOURCE_INGESTION_DEFINITION: row {ID='sdk'}: ENABLED changed from 'TRUE' to 'FALSE'",
                        "STATE.RESOURCE_INGESTION_DEFINITION: row {ID='docs'} removed",
                        "STATE.SECRETS: row {REFERENCE_NAME='API_TOKEN_REF'}: VALUE changed");
        assertThat(String.join("\n", comparison.losses())).doesNotContain("s3cr3t");
    }

    @Test
    void aDroppedColumnIsALossButARefreshedPrerequisiteTextIsNot() {
        AppSnapshot before = new AppSnapshot(
                Map.of(
                        "STATE.PREREQUISITES",
                        table(
                                List.of("ID", "TITLE", "IS_COMPLETED", "CUSTOM_PROPERTIES"),
                                List.of(),
                                row(
                                        "ID",
                                        "token",
                                        "TITLE",
                                        "Old title",
                                        "IS_COMPLETED",
                                        "TRUE",
                                        "CUSTOM_PROPERTIES",
                                        null))),
                Set.of());
        AppSnapshot after = new AppSnapshot(
                Map.of(
                        "STATE.PREREQUISITES",
                        table(
                                List.of("ID", "TITLE", "IS_COMPLETED"),
                                List.of(),
                                row("ID", "token", "TITLE", "New title", "IS_COMPLETED", "TRUE"))),
                Set.of());

        assertThat(UpgradeComparison.between(before, after).losses())
                .containsExactly(
                        "STATE.PREREQUISITES: column CUSTOM_PROPERTIES dropped (its values in 1 row are gone)");
    }

    @Test
    void aViewTheConsumerCanNoLongerReadIsNamedAsSuchAndADestinationRowAsRemoved() {
        AppSnapshot before = new AppSnapshot(
                Map.of(
                        "view PUBLIC.SYNC_STATUS", table(List.of("STATUS"), List.of(), row("STATUS", "STARTED")),
                        "destination sdk issues",
                                table(
                                        List.of("NUMBER", "TITLE"),
                                        List.of(),
                                        row("NUMBER", "1", "TITLE", "first"),
                                        row("NUMBER", "2", "TITLE", "second"))),
                Set.of("USAGE ON WAREHOUSE CONNECTOR_WH"));
        AppSnapshot after = new AppSnapshot(
                Map.of(
                        "destination sdk issues",
                        table(List.of("NUMBER", "TITLE"), List.of(), row("NUMBER", "1", "TITLE", "first"))),
                Set.of());

        assertThat(UpgradeComparison.between(before, after).losses())
                .containsExactly(
                        "destination sdk issues: row {NUMBER='2', TITLE='second'} removed or changed",
                        "view PUBLIC.SYNC_STATUS: no longer readable by the consumer (dropped, or its SELECT grant to the "
                                + "app's roles not made again) (it held 1 row)",
                        "grant lost: USAGE ON WAREHOUSE CONNECTOR_WH");
    }

    private static AppSnapshot.Table table(List<String> columns, List<String> key, Map<String, String>... rows) {
        return new AppSnapshot.Table(columns, key, List.of(rows));
    }

    private static Map<String, String> row(String... namesAndValues) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }
}
