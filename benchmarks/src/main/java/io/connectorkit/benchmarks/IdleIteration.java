package io.connectorkit.benchmarks;

import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.IngestionResult;
import java.sql.SQLException;
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

/**
 * Issue 6, benchmark (b): one {@code CALL PUBLIC.RUN_SCHEDULER_ITERATION()} on an app with {@link #resources}
 * enabled resources, none of them due (each ran and waits for its hourly interval).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IdleIteration {

    @Param("1000")
    public int resources;

    private BenchApp app;

    @Setup(Level.Trial)
    public void createApp() throws SQLException {
        app = create(resources);
    }

    static BenchApp create(int resources) throws SQLException {
        BenchApp app = new BenchApp(ConnectorDefinition.builder()
                .ingestion((task, sink, context) -> IngestionResult.written())
                .build());
        for (int i = 0; i < resources; i++) {
            app.resource("resource_" + i, "INTERVAL", "1h");
        }
        app.execute("UPDATE STATE.INGESTION_PROCESS SET NEXT_RUN_AT = DATEADD(HOUR, 1, CAST(CURRENT_TIMESTAMP AT TIME"
                + " ZONE 'UTC' AS TIMESTAMP))");
        return app;
    }

    @TearDown(Level.Trial)
    public void dropApp() throws SQLException {
        app.close();
    }

    @Benchmark
    public String iteration() throws SQLException {
        String response = app.iterate();
        if (!response.contains("\"due\":0")) {
            throw new IllegalStateException(response);
        }
        return response;
    }
}
