package io.connectorkit.runtime.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.runtime.config.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DestinationTest {

    private static final Configuration CONNECTOR =
            Configuration.ofJson("{\"destination_database\": \"dest_db\"," + " \"destination_schema\": \"raw\"}");

    private static String sql(String destinationJson, Configuration connector, String resource, boolean snowflake) {
        return Destination.resolve(Configuration.ofJson(destinationJson), connector, resource, snowflake)
                .sql();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{}                                   | true  | \"DEST_DB\".\"RAW\".\"ORDERS\"",
                "{}                                   | false | \"RAW\".\"ORDERS\"",
                "{\"table\": \"orders_v2\"}             | true  | \"DEST_DB\".\"RAW\".\"ORDERS_V2\"",
                "{\"table\": \"stage.orders\"}          | true  | \"DEST_DB\".\"STAGE\".\"ORDERS\"",
                "{\"table\": \"other.stage.orders\"}    | true  | \"OTHER\".\"STAGE\".\"ORDERS\"",
                "{\"table\": \"other.stage.orders\"}    | false | \"STAGE\".\"ORDERS\"",
                "{\"table\": \"\\\"My.Db\\\".s.\\\"t\\\"\\\"x\\\"\"} | true | \"My.Db\".\"S\".\"t\"\"x\""
            })
    void derivesTheTableFromTheConfigurationAndTheConnectorsDefaults(
            String destination, boolean snowflake, String expected) {
        assertThat(sql(destination, CONNECTOR, "orders", snowflake)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "orders|ORDERS",
                "Issues of org/repo|ISSUES_OF_ORG_REPO",
                "2024 sales|_2024_SALES",
                "select|SELECT",
                "''|RESOURCE"
            })
    void theDefaultTableIsNamedAfterTheResource(String resource, String table) {
        assertThat(Destination.tableName(resource)).isEqualTo(table);
    }

    @Test
    void aDestinationThatCannotBeDerivedSaysWhatToConfigure() {
        Configuration none = Configuration.empty();
        assertThatThrownBy(() -> sql("{}", none, "orders", true))
                .hasMessage("Resource 'orders' has no destination:"
                        + " give its ingestion configuration a destination.table, or configure destination_schema in"
                        + " connector_configuration");
        assertThatThrownBy(() -> sql("{\"table\": \"orders\"}", none, "orders", true))
                .hasMessage("destination.table"
                        + " 'orders' names no schema and connector_configuration has no destination_schema; write"
                        + " SCHEMA.TABLE or configure destination_schema");
        assertThatThrownBy(() -> sql("{\"table\": \"a.b.c.d\"}", CONNECTOR, "orders", true))
                .hasMessageContaining("has more than three parts");
        assertThatThrownBy(() -> sql("{\"table\": \"raw.order\"}", CONNECTOR, "orders", true))
                .hasMessageContaining("ORDER is a reserved word");
        assertThatThrownBy(() -> sql("{\"table\": 5}", CONNECTOR, "orders", true))
                .hasMessageContaining("must be a table name (text)");
    }
}
