package io.connectorkit.runtime.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.runtime.spi.Ingestion;
import io.connectorkit.runtime.spi.IngestionResult;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.SchedulerFixture;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rows of uneven shape on the embedded target: rows that name more columns than the rows before them, rows wider than
 * the sink's first guess, two keys of one column in a row, and a clear followed by several batches.
 */
class TableSinkRowShapesTest {

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

    private static Map<String, Object> wideRow(int id, int columns) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        for (int column = 1; column < columns; column++) {
            row.put("c" + column, id * 100 + column);
        }
        return row;
    }

    @Test
    void aFirstRowWithFewerKeysGetsNullsForTheColumnsLaterRowsAdd() {
        SchedulerFixture f = fixture((task, sink, context) -> {
            sink.write(row("id", 1));
            sink.write(row("id", 2, "note", "second"));
            sink.write(row("id", 3, "note", "third", "amount", 7L));
            return IngestionResult.written();
        });

        assertThat(f.iterate().path("completed").asInt()).isEqualTo(1);

        assertThat(f.app.query("SELECT ID, NOTE, AMOUNT FROM DEST.ORDERS ORDER BY ID"))
                .containsExactly(
                        EmbeddedAppFixture.row("ID", 1L, "NOTE", null, "AMOUNT", null),
                        EmbeddedAppFixture.row("ID", 2L, "NOTE", "second", "AMOUNT", null),
                        EmbeddedAppFixture.row("ID", 3L, "NOTE", "third", "AMOUNT", 7L));
    }

    @Test
    void rowsWiderThanTheFirstGuessKeepEveryValueInItsColumn() {
        int columns = 21;
        SchedulerFixture f = fixture((task, sink, context) -> {
            sink.write(row("id", 1));
            for (int id = 2; id <= 4; id++) {
                sink.write(wideRow(id, columns));
            }
            return IngestionResult.written();
        });

        assertThat(f.iterate().path("completed").asInt()).isEqualTo(1);

        assertThat(f.app.query("SELECT COUNT(*) AS N FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'DEST' AND"
                        + " TABLE_NAME = 'ORDERS'"))
                .containsExactly(Map.of("N", (long) columns));
        List<Map<String, Object>> rows = f.app.query("SELECT * FROM DEST.ORDERS ORDER BY ID");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0))
                .containsEntry("ID", 1L)
                .containsEntry("C1", null)
                .containsEntry("C20", null);
        for (int id = 2; id <= 4; id++) {
            Map<String, Object> stored = rows.get(id - 1);
            assertThat(stored).containsEntry("ID", (long) id);
            for (int column = 1; column < columns; column++) {
                assertThat(stored).containsEntry("C" + column, (long) (id * 100 + column));
            }
        }
    }

    @Test
    void twoKeysOfOneColumnInAWideRowFailTheRun() {
        SchedulerFixture f = fixture((task, sink, context) -> {
            Map<String, Object> row = wideRow(1, 12);
            row.put("C11", 5);
            sink.write(row);
            return IngestionResult.written();
        });

        f.iterate();

        assertThat((String) f.process("proc-orders").get("LAST_ERROR"))
                .contains("A row has two keys for the column"
                        + " C11 (names are compared as Snowflake does: id = ID); keep one");
        assertThat(f.app.query("SELECT COUNT(*) AS N FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'DEST'"))
                .containsExactly(Map.of("N", 0L));
    }

    @Test
    void theSameKeyInDifferentRowsIsNoDuplicate() {
        SchedulerFixture f = fixture((task, sink, context) -> {
            for (int id = 1; id <= 12; id++) {
                sink.write(wideRow(id, 12));
            }
            return IngestionResult.written();
        });

        assertThat(f.iterate().path("completed").asInt()).isEqualTo(1);
        assertThat(f.ids("DEST.ORDERS")).hasSize(12);
    }

    @Test
    void aClearBeforeSeveralBatchesEmptiesTheTableOnceAndKeepsEveryBatch() {
        int total = 2 * TableSink.BATCH_ROWS + 500;
        AtomicReference<Integer> offset = new AtomicReference<>(0);
        SchedulerFixture f = fixture((task, sink, context) -> {
            sink.clearDestination();
            for (int i = 1; i <= total; i++) {
                sink.write(row("id", offset.get() + i));
            }
            return IngestionResult.written();
        });
        f.iterate();
        assertThat(f.app.query("SELECT COUNT(*) AS N FROM DEST.ORDERS")).containsExactly(Map.of("N", (long) total));

        offset.set(10_000);
        f.clock.advance(Duration.ofDays(1));
        f.app.execute("UPDATE STATE.INGESTION_PROCESS SET NEXT_RUN_AT = NULL");
        f.iterate();

        assertThat(f.app.query("SELECT COUNT(*) AS N, MIN(ID) AS LOW FROM DEST.ORDERS"))
                .containsExactly(Map.of("N", (long) total, "LOW", 10_001L));
    }

    @Test
    void aClearWithoutRowsOfARunWhoseTableDoesNotExistChangesNothing() {
        SchedulerFixture f = fixture((task, sink, context) -> {
            sink.clearDestination();
            return IngestionResult.written();
        });

        assertThat(f.iterate().path("completed").asInt()).isEqualTo(1);
        assertThat(f.app.query("SELECT COUNT(*) AS N FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'DEST'"))
                .containsExactly(Map.of("N", 0L));
    }
}
