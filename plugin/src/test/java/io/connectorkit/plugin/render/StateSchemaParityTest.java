package io.connectorkit.plugin.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.fake.snowflake.AppCatalog;
import io.connectorkit.fake.snowflake.AppCatalog.TypeFamily;
import io.connectorkit.plugin.testing.TestProjects;
import io.connectorkit.runtime.embedded.EmbeddedApp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The STATE tables are defined twice, for H2 by the runtime's EmbeddedSchema and for Snowflake by the setup script
 * template: both must define the same tables, with the same columns in the same order, NOT NULL alike, and types of
 * the same family, so that the runtime's SQL means the same on both.
 */
class StateSchemaParityTest {

    /** Tables only the embedded app has, with the reason. */
    private static final Map<String, String> EMBEDDED_ONLY = Map.of(
            "STATE.SECRETS",
            "the embedded app keeps the "
                    + "values of secrets itself; on Snowflake they stay in SECRET objects the app reads by reference");

    /** H2's type names (INFORMATION_SCHEMA.COLUMNS.DATA_TYPE), each with the family of Snowflake types alike. */
    private static final Map<String, TypeFamily> H2_FAMILIES = Map.ofEntries(
            Map.entry("CHARACTER VARYING", TypeFamily.TEXT), Map.entry("CHARACTER", TypeFamily.TEXT),
            Map.entry("CHARACTER LARGE OBJECT", TypeFamily.TEXT), Map.entry("INTEGER", TypeFamily.NUMBER),
            Map.entry("BIGINT", TypeFamily.NUMBER), Map.entry("SMALLINT", TypeFamily.NUMBER),
            Map.entry("TINYINT", TypeFamily.NUMBER), Map.entry("NUMERIC", TypeFamily.NUMBER),
            Map.entry("DECIMAL", TypeFamily.NUMBER), Map.entry("REAL", TypeFamily.FLOAT),
            Map.entry("DOUBLE PRECISION", TypeFamily.FLOAT), Map.entry("BOOLEAN", TypeFamily.BOOLEAN),
            Map.entry("DATE", TypeFamily.DATE), Map.entry("TIME", TypeFamily.TIME),
            Map.entry("TIMESTAMP", TypeFamily.TIMESTAMP), Map.entry("TIMESTAMP WITH TIME ZONE", TypeFamily.TIMESTAMP),
            Map.entry("JSON", TypeFamily.SEMI_STRUCTURED), Map.entry("BINARY VARYING", TypeFamily.BINARY));

    @Test
    void theSnowflakeStateTablesAreTheEmbeddedOnes() throws Exception {
        Map<String, List<String>> embedded = embeddedStateTables();
        EMBEDDED_ONLY.keySet().forEach(embedded::remove);

        assertThat(snowflakeStateTables()).isEqualTo(embedded);
    }

    /** Each STATE table of the rendered Snowflake setup script: its columns as {@code NAME FAMILY [NOT NULL]}. */
    private static Map<String, List<String>> snowflakeStateTables() throws Exception {
        AppCatalog catalog = TestProjects.snowflakeCatalog("minimal");
        Map<String, List<String>> tables = new LinkedHashMap<>();
        catalog.tables().forEach((table, columns) -> {
            if (table.startsWith("STATE.")) {
                tables.put(
                        table,
                        columns.stream()
                                .map(column -> described(column.name(), column.family(), column.notNull()))
                                .toList());
            }
        });
        return tables;
    }

    /** Each STATE table that EmbeddedApp.install creates on a new H2 database, read from INFORMATION_SCHEMA. */
    private static Map<String, List<String>> embeddedStateTables() throws Exception {
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:" + UUID.randomUUID())) {
            EmbeddedApp.install(
                    h2,
                    TestProjects.descriptor("minimal")
                            .toDescription()
                            .toDefinition(StateSchemaParityTest.class.getClassLoader()));
            Map<String, List<String>> tables = new LinkedHashMap<>();
            try (PreparedStatement columns = h2.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, "
                    + "IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, "
                    + "ORDINAL_POSITION")) {
                columns.setString(1, "STATE");
                try (ResultSet rows = columns.executeQuery()) {
                    while (rows.next()) {
                        String type = rows.getString("DATA_TYPE").toUpperCase(Locale.ROOT);
                        TypeFamily family = H2_FAMILIES.get(type);
                        assertThat(family)
                                .as("the Snowflake family of H2 type " + type)
                                .isNotNull();
                        tables.computeIfAbsent("STATE." + rows.getString("TABLE_NAME"), table -> new ArrayList<>())
                                .add(described(
                                        rows.getString("COLUMN_NAME"),
                                        family,
                                        rows.getString("IS_NULLABLE").equals("NO")));
                    }
                }
            }
            return tables;
        }
    }

    private static String described(String column, TypeFamily family, boolean notNull) {
        return column + " " + family + (notNull ? " NOT NULL" : "");
    }
}
