package io.connectorkit.runtime.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.spi.Ingestion;
import io.connectorkit.runtime.spi.IngestionResult;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.SchedulerFixture;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sink of a run on the embedded target: destination names, the table it creates, types, batches, cursors. */
class TableSinkTest {

    private SchedulerFixture fixture;
    private final AtomicReference<Ingestion> ingestion = new AtomicReference<>();

    @AfterEach
    void close() {
        fixture.close();
    }

    private SchedulerFixture fixture(Ingestion behaviour) {
        ingestion.set(behaviour);
        fixture = new SchedulerFixture(builder ->
                builder.ingestion((task, sink, context) -> ingestion.get().ingest(task, sink, context)));
        fixture.ingests("orders", "INCREMENTAL", "GLOBAL", null);
        return fixture;
    }

    private static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    private String lastError() {
        return (String) fixture.process("proc-orders").get("LAST_ERROR");
    }

    @Test
    void createsTheTableWithTypesFromTheFirstNonNullValues() {
        SchedulerFixture f = fixture((task, sink, context) -> {
            sink.write(row(
                    "id",
                    1L,
                    "note",
                    null,
                    "price",
                    new BigDecimal("12.5"),
                    "ratio",
                    0.25,
                    "active",
                    true,
                    "day",
                    LocalDate.of(2026, 3, 1),
                    "seen_at",
                    Instant.parse("2026-03-01T08:00:00Z"),
                    "payload",
                    Map.of("a", List.of(1, 2)),
                    "\"Exact Name\"",
                    "x"));
            sink.write(row(
                    "id",
                    2,
                    "note",
                    "second",
                    "seen_at",
                    OffsetDateTime.parse("2026-03-01T10:00:00+02:00"),
                    "payload",
                    List.of("x"),
                    "day",
                    null));
            return IngestionResult.written();
        });

        assertThat(f.iterate().path("completed").asInt()).isEqualTo(1);

        assertThat(f
                        .app
                        .query("SELECT COLUMN_NAME, DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA ="
                                + " 'DEST' AND TABLE_NAME = 'ORDERS' ORDER BY ORDINAL_POSITION")
                        .stream()
                        .map(column -> column.get("COLUMN_NAME") + " " + column.get("DATA_TYPE"))
                        .toList())
                .containsExactly(
                        "ID BIGINT",
                        "NOTE CHARACTER VARYING",
                        "PRICE NUMERIC",
                        "RATIO DOUBLE PRECISION",
                        "ACTIVE BOOLEAN",
                        "DAY DATE",
                        "SEEN_AT TIMESTAMP",
                        "PAYLOAD JSON",
                        "Exact Name CHARACTER VARYING");
        List<Map<String, Object>> rows = f.app.query("SELECT * FROM DEST.ORDERS ORDER BY ID");
        assertThat(rows.get(0))
                .containsEntry("ID", 1L)
                .containsEntry("NOTE", null)
                .containsEntry("PRICE", new BigDecimal("12.500000000"))
                .containsEntry("RATIO", 0.25)
                .containsEntry("ACTIVE", true)
                .containsEntry("DAY", Date.valueOf("2026-03-01"))
                .containsEntry("SEEN_AT", Timestamp.valueOf("2026-03-01 08:00:00"))
                .containsEntry("Exact Name", "x");
        assertThat(JsonTree.parse((String) rows.get(0).get("PAYLOAD"))).isEqualTo(JsonTree.parse("{\"a\": [1, 2]}"));
        assertThat(rows.get(1))
                .containsEntry("ID", 2L)
                .containsEntry("NOTE", "second")
                .containsEntry("PRICE", null)
                .containsEntry("SEEN_AT", Timestamp.valueOf("2026-03-01 08:00:00"));
        assertThat(f.runs().get(0)).containsEntry("INGESTED_ROWS", 2);
    }

    @Test
    void writesIntoAnExistingTableAndAddsMissingColumnsAtTheFirstBatchOfARun() {
        SchedulerFixture f = fixture((task, sink, context) -> {
            sink.write(row("ID", 1, "NAME", "one"));
            return IngestionResult.written();
        });
        f.app.execute("CREATE SCHEMA DEST");
        f.app.execute("CREATE TABLE DEST.ORDERS (ID INT PRIMARY KEY, NAME VARCHAR(20), LOADED_AT TIMESTAMP DEFAULT"
                + " TIMESTAMP '2000-01-01 00:00:00')");
        f.iterate();
        ingestion.set((task, sink, context) -> {
            sink.write(row("id", 2, "name", "two", "extra", 7L));
            return IngestionResult.written();
        });

        f.iterate();

        assertThat(f.app.query("SELECT ID, NAME, LOADED_AT, EXTRA FROM DEST.ORDERS ORDER BY ID"))
                .containsExactly(
                        EmbeddedRow.of(
                                "ID",
                                1,
                                "NAME",
                                "one",
                                "LOADED_AT",
                                Timestamp.valueOf("2000-01-01 00:00:00"),
                                "EXTRA",
                                null),
                        EmbeddedRow.of(
                                "ID",
                                2,
                                "NAME",
                                "two",
                                "LOADED_AT",
                                Timestamp.valueOf("2000-01-01 00:00:00"),
                                "EXTRA",
                                7L));
    }

    @Test
    void batchesMayNameFewerColumnsAndKeysOfOneColumnMayDifferFromRowToRow() {
        SchedulerFixture f = fixture((task, sink, context) -> {
            for (int i = 1; i <= TableSink.BATCH_ROWS; i++) {
                sink.write(i % 2 == 0 ? row("id", i, "note", "n" + i) : row("ID", i, "NOTE", null, "tags", List.of(i)));
            }
            sink.write(row("Id", 1001));
            sink.write(row("id", 1002, "tags", Map.of("k", true)));
            return IngestionResult.written();
        });
        f.app.execute("CREATE SCHEMA DEST");
        f.app.execute("CREATE TABLE DEST.ORDERS (ID INT, NOTE VARCHAR DEFAULT 'none', TAGS JSON)");

        f.iterate();

        assertThat(f.app.query("SELECT COUNT(*) AS N, COUNT(NOTE) AS NOTES FROM DEST.ORDERS"))
                .containsExactly(Map.of("N", 1002L, "NOTES", 502L));
        assertThat(f.app.query("SELECT ID, NOTE, TAGS FROM DEST.ORDERS WHERE ID IN (1, 2, 1001, 1002) ORDER BY ID"))
                .containsExactly(
                        EmbeddedRow.of("ID", 1, "NOTE", null, "TAGS", "[1]"),
                        EmbeddedRow.of("ID", 2, "NOTE", "n2", "TAGS", null),
                        EmbeddedRow.of("ID", 1001, "NOTE", "none", "TAGS", null),
                        EmbeddedRow.of("ID", 1002, "NOTE", "none", "TAGS", "{\"k\":true}"));
    }

    @Test
    void aColumnThatAppearsAfterTheFirstBatchFailsTheRunAndKeepsNothing() {
        SchedulerFixture f = fixture((task, sink, context) -> {
            for (int i = 1; i <= TableSink.BATCH_ROWS; i++) {
                sink.write(row("id", i));
            }
            sink.write(row("id", 0, "late", "x"));
            return IngestionResult.written();
        });

        f.iterate();

        assertThat(lastError())
                .isEqualTo("IllegalStateException: The destination table \"DEST\".\"ORDERS\" has no"
                        + " column LATE, and this run already sent rows; a run's first batch (1000 rows) decides the columns"
                        + " it adds, so give early rows every key (null values are fine)");
        assertThat(f.app.query("SELECT COUNT(*) AS N FROM DEST.ORDERS")).containsExactly(Map.of("N", 0L));
    }

    @Test
    void destinationTableNamesAreIdentifiersQualifiedOrNot() {
        SchedulerFixture f = fixture((task, sink, context) -> {
            sink.write(row("id", 1));
            return IngestionResult.written().withMessage(sink.destinationTable());
        });
        f.resource(
                "def-2",
                "Über Orders 2026!",
                "\"x\"",
                "[" + SchedulerFixture.configuration("a", "SNAPSHOT", "GLOBAL", null, null) + ", "
                        + SchedulerFixture.configuration(
                                "b", "SNAPSHOT", "GLOBAL", null, "{\"table\": \"raw.\\\"Orders.v2\\\"\"}")
                        + ", "
                        + SchedulerFixture.configuration(
                                "c", "SNAPSHOT", "GLOBAL", null, "{\"table\": \"orders_copy\"}")
                        + "]");
        f.process("p-a", "def-2", "a").process("p-b", "def-2", "b").process("p-c", "def-2", "c");

        f.iterate();

        assertThat(f.runs())
                .extracting(run -> JsonTree.parse((String) run.get("METADATA"))
                        .path("message")
                        .asText())
                .contains(
                        "\"DEST\".\"ORDERS\"",
                        "\"DEST\".\"_BER_ORDERS_2026_\"",
                        "\"RAW\".\"Orders.v2\"",
                        "\"DEST\".\"ORDERS_COPY\"");
        assertThat(f.ids("DEST.\"_BER_ORDERS_2026_\"")).containsExactly(1L);
        assertThat(f.ids("RAW.\"Orders.v2\"")).containsExactly(1L);
    }

    @Test
    void invalidRowsFailTheRunNamingTheProblem() {
        SchedulerFixture f = fixture((task, sink, context) -> {
            sink.write(row("select", 1));
            return IngestionResult.written();
        });
        f.iterate();
        assertThat(lastError())
                .startsWith("IllegalArgumentException: The row key 'select' is not a valid column name:"
                        + " SELECT is a reserved word");

        ingestion.set((task, sink, context) -> {
            sink.write(row("id", new Object()));
            return IngestionResult.written();
        });
        f.clock.advance(Duration.ofHours(1));
        f.iterate();
        assertThat(lastError())
                .isEqualTo("IllegalArgumentException: The value of column ID is a java.lang.Object; a"
                        + " sink takes String, numbers, Boolean, java.time dates and times, Map, List or null");

        ingestion.set((task, sink, context) -> {
            Map<String, Object> twice = new HashMap<>();
            twice.put("id", 1);
            twice.put("ID", 2);
            sink.write(twice);
            return IngestionResult.written();
        });
        f.clock.advance(Duration.ofHours(1));
        f.iterate();
        assertThat(lastError()).startsWith("IllegalArgumentException: A row has two keys for the column ID");

        ingestion.set((task, sink, context) -> {
            sink.setCursor("{not json");
            return IngestionResult.written();
        });
        f.clock.advance(Duration.ofHours(1));
        f.iterate();
        assertThat(lastError()).startsWith("IllegalArgumentException: The cursor must be JSON text");
    }

    @Test
    void clearDestinationReplacesTheTablesRowsWithTheRunsOnes() {
        List<Integer> ids = new ArrayList<>(List.of(1, 2, 3));
        SchedulerFixture f = fixture((task, sink, context) -> {
            sink.clearDestination();
            for (int id : ids) {
                sink.write(row("id", id));
            }
            return IngestionResult.written();
        });
        f.iterate();
        ids.clear();
        ids.add(9);
        f.iterate();
        assertThat(f.ids("DEST.ORDERS")).containsExactly(9L);

        ids.clear();
        f.iterate();
        assertThat(f.ids("DEST.ORDERS")).isEmpty();
    }

    @Test
    void theCursorMovesOnlyWhenTheRunSetsItAndCanBeCleared() {
        SchedulerFixture f = fixture((task, sink, context) -> {
            sink.setCursor("{\"page\": 2}");
            return IngestionResult.rows(0);
        });
        f.iterate();
        assertThat(f.cursor("proc-orders")).isEqualTo(JsonTree.parse("{\"page\": 2}"));

        ingestion.set((task, sink, context) -> IngestionResult.written());
        f.iterate();
        assertThat(f.cursor("proc-orders")).isEqualTo(JsonTree.parse("{\"page\": 2}"));

        ingestion.set((task, sink, context) -> {
            assertThat(task.cursorObject().integer("page")).hasValue(2L);
            sink.setCursor((String) null);
            return IngestionResult.written();
        });
        f.iterate();
        assertThat(f.cursor("proc-orders")).isNull();
    }

    @Test
    void reportedRowsAndOwnStatementsShareTheRunsTransaction() {
        SchedulerFixture f = fixture((task, sink, context) -> {
            context.sql().execute("CREATE TABLE IF NOT EXISTS DEST.AUDIT (N INT)");
            context.sql().update("INSERT INTO DEST.AUDIT VALUES (1)");
            return IngestionResult.rows(42);
        });
        f.app.execute("CREATE SCHEMA DEST");
        f.iterate();
        assertThat(f.runs().get(0)).containsEntry("INGESTED_ROWS", 42);

        ingestion.set((task, sink, context) -> {
            context.sql().update("INSERT INTO DEST.AUDIT VALUES (2)");
            throw new IllegalStateException("after my own insert");
        });
        f.iterate();
        assertThat(f.app.query("SELECT N FROM DEST.AUDIT")).containsExactly(Map.of("N", 1));
    }

    @Test
    void anIngestionThatAnswersNothingFails() {
        SchedulerFixture f = fixture((task, sink, context) -> null);

        JsonNode response = f.iterate();

        assertThat(response.path("failed").asInt()).isEqualTo(1);
        assertThat(lastError())
                .startsWith("IllegalStateException: The connector's ingestion returned no" + " IngestionResult");
    }

    /** A row as EmbeddedAppFixture.query returns it. */
    private static final class EmbeddedRow {
        static Map<String, Object> of(Object... namesAndValues) {
            return EmbeddedAppFixture.row(namesAndValues);
        }
    }
}
