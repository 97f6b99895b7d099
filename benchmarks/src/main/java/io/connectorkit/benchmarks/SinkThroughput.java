package io.connectorkit.benchmarks;

import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.IngestionResult;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import java.util.Locale;

/**
 * Issue 6, benchmark (a): the embedded sink's write throughput against a raw JDBC batch insert into the same H2
 * table. One operation writes {@link #rows} rows and commits: through a whole scheduler iteration (claim, the sink's
 * batches, the run's completion) for the sink; through one prepared statement, batches of 1,000 and one commit for
 * the raw insert. The same rows, values and column types on both sides.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SinkThroughput {

    static final String COLUMNS = "ID, NAME, AMOUNT, CREATED_AT, ACTIVE, CATEGORY";
    static final int ROWS = 50_000;

    @Param("50000")
    public int rows;

    private BenchApp app;
    private List<Map<String, Object>> maps;
    private List<Object[]> arrays;

    @Setup(Level.Trial)
    public void createApp() throws SQLException {
        maps = new ArrayList<>(rows);
        arrays = new ArrayList<>(rows);
        LocalDateTime start = LocalDateTime.of(2026, 3, 2, 10, 0);
        // Keys shared by all rows, as a connector's literals or a JSON parser's canonical names are.
        String[] names = COLUMNS.toLowerCase(Locale.ROOT).split(", ");
        for (int i = 0; i < rows; i++) {
            Object[] values = {(long) i, "event " + i, i * 0.5, start.plusSeconds(i), i % 2 == 0,
                    "category-" + (i % 17)};
            Map<String, Object> map = new LinkedHashMap<>();
            for (int c = 0; c < names.length; c++) {
                map.put(names[c], values[c]);
            }
            maps.add(map);
            arrays.add(values);
        }
        app = new BenchApp(ConnectorDefinition.builder()
                .ingestion((task, sink, context) -> {
                    sink.writeAll(maps);
                    return IngestionResult.written();
                })
                .build());
        app.resource("events", "GLOBAL", null);
        // The first run creates DEST.EVENTS from the rows; the raw insert gets a table with the same columns.
        String first = app.iterate();
        if (!first.contains("\"completed\":1")) {
            throw new IllegalStateException("The sink's first run failed: " + first);
        }
        app.execute("CREATE TABLE DEST.RAW_EVENTS AS SELECT * FROM DEST.EVENTS WITH NO DATA");
    }

    @Setup(Level.Invocation)
    public void emptyTables() throws SQLException {
        app.execute("TRUNCATE TABLE DEST.EVENTS");
        app.execute("TRUNCATE TABLE DEST.RAW_EVENTS");
        app.execute("DELETE FROM STATE.INGESTION_RUN");
    }

    @TearDown(Level.Trial)
    public void dropApp() throws SQLException {
        app.close();
    }

    @Benchmark
    public String sink() throws SQLException {
        String response = app.iterate();
        if (!response.contains("\"completed\":1")) {
            throw new IllegalStateException(response);
        }
        return response;
    }

    @Benchmark
    public int rawJdbcBatch() throws SQLException {
        app.connection.setAutoCommit(false);
        try (PreparedStatement insert = app.connection.prepareStatement("INSERT INTO DEST.RAW_EVENTS (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (Object[] row : arrays) {
                for (int c = 0; c < row.length; c++) {
                    insert.setObject(c + 1, row[c]);
                }
                insert.addBatch();
                if (++pending == 1000) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
            app.connection.commit();
        } finally {
            app.connection.setAutoCommit(true);
        }
        return arrays.size();
    }
}
