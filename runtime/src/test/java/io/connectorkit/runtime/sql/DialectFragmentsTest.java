package io.connectorkit.runtime.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.runtime.embedded.H2Dialect;
import io.connectorkit.runtime.snowflake.SnowflakeDialect;
import io.connectorkit.runtime.spi.IngestionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The SQL fragments that differ between the targets, as each dialect answers them. Snowflake's: VARIANT values
 * through PARSE_JSON (https://docs.snowflake.com/en/sql-reference/functions/parse_json), timestamps without time zone
 * as TIMESTAMP_NTZ (https://docs.snowflake.com/en/sql-reference/data-types-datetime), objects qualified with their
 * database, and the created tables granted to the app's DATA_READER role.
 */
class DialectFragmentsTest {

    @Test
    void theEmbeddedTargetHasOneDatabaseBindsJavaTimeAndBatchesValues() {
        Dialect h2 = H2Dialect.INSTANCE;

        assertThat(h2.name()).isEqualTo("embedded");
        assertThat(h2.hasDatabases()).isFalse();
        assertThat(h2.bindsDatesAsText()).isFalse();
        assertThat(h2.insertsRowsWithSelect()).isFalse();
        assertThat(h2.grantsOnCreatedTable("\"S\"", "\"S\".\"T\"")).isEmpty();
        assertThat(h2.jsonParameter()).isEqualTo("? FORMAT JSON");
        assertThat(h2.jsonText("VALUE")).isEqualTo("VALUE");
        assertThat(h2.timestampParameter()).isEqualTo("CAST(? AS TIMESTAMP)");
        assertThat(List.of(ColumnKind.values()).stream().map(h2::columnType))
                .containsExactly(
                        "CHARACTER VARYING",
                        "BIGINT",
                        "DOUBLE PRECISION",
                        "NUMERIC(38,9)",
                        "BOOLEAN",
                        "TIMESTAMP",
                        "DATE",
                        "JSON");
        assertThat(List.of(ColumnKind.values()).stream().map(h2::rowParameter))
                .containsExactly("?", "?", "?", "?", "?", "?", "?", "? FORMAT JSON");
    }

    @Test
    void snowflakeQualifiesWithDatabasesBindsDatesAsTextAndGrantsCreatedTables() {
        Dialect snowflake = SnowflakeDialect.INSTANCE;

        assertThat(snowflake.name()).isEqualTo("snowflake");
        assertThat(snowflake.hasDatabases()).isTrue();
        assertThat(snowflake.bindsDatesAsText()).isTrue();
        assertThat(snowflake.insertsRowsWithSelect()).isTrue();
        assertThat(snowflake.grantsOnCreatedTable("\"DB\".\"S\"", "\"DB\".\"S\".\"T\""))
                .containsExactly(
                        "GRANT USAGE ON SCHEMA \"DB\".\"S\" TO APPLICATION ROLE DATA_READER",
                        "GRANT SELECT ON TABLE \"DB\".\"S\".\"T\" TO APPLICATION ROLE DATA_READER");
        assertThat(snowflake.jsonParameter()).isEqualTo("PARSE_JSON(?)");
        assertThat(snowflake.jsonText("VALUE")).isEqualTo("TO_JSON(VALUE)");
        assertThat(snowflake.currentTimestamp()).isEqualTo("SYSDATE()");
        assertThat(snowflake.timestampParameter()).isEqualTo("CAST(? AS TIMESTAMP_NTZ)");
        assertThat(List.of(ColumnKind.values()).stream().map(snowflake::columnType))
                .containsExactly(
                        "VARCHAR",
                        "NUMBER(38,0)",
                        "FLOAT",
                        "NUMBER(38,9)",
                        "BOOLEAN",
                        "TIMESTAMP_NTZ",
                        "DATE",
                        "VARIANT");
        assertThat(List.of(ColumnKind.values()).stream().map(snowflake::rowParameter))
                .containsExactly(
                        "?", "?", "?", "?", "?", "CAST(? AS TIMESTAMP_NTZ)", "CAST(? AS DATE)", "PARSE_JSON(?)");
    }

    /** A port with nothing but single statements, to check what the defaults of {@link SqlPort} make of them. */
    private static final class SingleStatements implements SqlPort {
        final List<String> sent = new ArrayList<>();

        @Override
        public List<SqlRow> query(String sql, Object... parameters) {
            return List.of();
        }

        @Override
        public int update(String sql, Object... parameters) {
            sent.add(sql + " " + List.of(parameters));
            return (Integer) parameters[0];
        }

        @Override
        public void execute(String sql, Object... parameters) {
            sent.add(sql);
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }

        @Override
        public Dialect dialect() {
            return H2Dialect.INSTANCE;
        }
    }

    @Test
    void withoutABatchOfItsOwnAPortSendsEachRowAndAddsUpTheChanges() {
        SingleStatements port = new SingleStatements();

        long changed = port.batch("UPDATE T SET X = ?", List.of(new Object[] {2}, new Object[] {0}, new Object[] {3}));
        port.ddl("CREATE TABLE T (X INT)");

        assertThat(changed).isEqualTo(5);
        assertThat(port.sent)
                .containsExactly(
                        "UPDATE T SET X = ? [2]",
                        "UPDATE T SET X = ? [0]",
                        "UPDATE T SET X = ? [3]",
                        "CREATE TABLE T (X INT)");
        assertThat(port.batch("UPDATE T SET X = ?", List.of())).isZero();
    }

    @Test
    void anIngestionResultShowsItsRowsAndMessage() {
        assertThat(IngestionResult.written()).hasToString("IngestionResult[rows=written, message=null]");
        assertThat(IngestionResult.rows(7).withMessage("7 items"))
                .hasToString("IngestionResult[rows=7, message=7" + " items]");
    }
}
