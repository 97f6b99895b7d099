package io.connectorkit.runtime.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.runtime.config.Configuration;
import io.connectorkit.runtime.sql.Identifier;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Qualified destination names with dots inside quotes, blank defaults, and the schema part as SQL. */
class DestinationNamesTest {

    private static Destination resolve(String destination, String connector, boolean snowflake) {
        return Destination.resolve(
                Configuration.ofJson(destination), Configuration.ofJson(connector), "orders", snowflake);
    }

    @Test
    void dotsInsideDoubleQuotesBelongToTheName() {
        assertThat(Destination.qualifiedName("DEST.\"my.table\""))
                .extracting(Identifier::name)
                .containsExactly("DEST", "my.table");
        assertThat(Destination.qualifiedName("\"a.b\".\"c.d\".e"))
                .extracting(Identifier::name)
                .containsExactly("a.b", "c.d", "E");
        assertThat(resolve("{\"table\": \"\\\"My.Schema\\\".\\\"t.1\\\"\"}", "{}", true)
                        .sql())
                .isEqualTo("\"My.Schema\".\"t.1\"");
        assertThatThrownBy(() -> Destination.qualifiedName("a.b.c.d"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("destination.table 'a.b.c.d' has more than three parts; write TABLE, SCHEMA.TABLE or"
                        + " DATABASE.SCHEMA.TABLE");
    }

    @Test
    void aBlankDefaultIsLikeNone() {
        assertThatThrownBy(() -> resolve("{}", "{\"destination_schema\": \"  \"}", false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Resource 'orders' has no destination: give its ingestion configuration a"
                        + " destination.table, or configure destination_schema in connector_configuration");
        Destination destination =
                resolve("{}", "{\"destination_database\": \" \", \"destination_schema\": \"DEST\"}", true);
        assertThat(destination.database()).isEmpty();
        assertThat(destination.sql()).isEqualTo("\"DEST\".\"ORDERS\"");
    }

    @Test
    void theSchemaPartIsQualifiedWithTheDatabaseWhereThereIsOne() {
        Destination withDatabase =
                new Destination(Optional.of(Identifier.parse("DB")), Identifier.parse("S"), Identifier.parse("T"));
        Destination without = new Destination(Optional.empty(), Identifier.parse("S"), Identifier.parse("T"));

        assertThat(withDatabase.schemaSql()).isEqualTo("\"DB\".\"S\"");
        assertThat(withDatabase.sql()).isEqualTo("\"DB\".\"S\".\"T\"");
        assertThat(without.schemaSql()).isEqualTo("\"S\"");
        assertThat(resolve("{}", "{\"destination_database\": \"db\", \"destination_schema\": \"dest\"}", true)
                        .schemaSql())
                .isEqualTo("\"DB\".\"DEST\"");
    }
}
