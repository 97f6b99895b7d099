package io.connectorkit.benchmarks;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.embedded.EmbeddedAccount;
import io.connectorkit.runtime.embedded.H2Dialect;
import io.connectorkit.runtime.embedded.JdbcSqlPort;
import io.connectorkit.runtime.procedures.ConnectorRuntime;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.IngestionResult;
import io.connectorkit.runtime.sql.SecretStore;
import io.connectorkit.runtime.testing.CountingSqlPort;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs the issue-6 benchmarks and prints what the issue asks for: the sink's throughput as a share of a raw JDBC
 * batch insert (target at least 0.7), and the time and statements of an iteration with 1,000 resources and nothing
 * due. Arguments: forks, warm-up iterations, measured iterations (default 2 5 10), each iteration one second.
 */
public final class IngestionBenchmarks {

    private IngestionBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        int forks = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Options options = new OptionsBuilder()
                .include(SinkThroughput.class.getName())
                .include(IdleIteration.class.getName())
                .forks(forks)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xmx2g")
                .build();
        Collection<RunResult> results = new Runner(options).run();

        double sinkMs = score(results, "sink");
        double rawMs = score(results, "rawJdbcBatch");
        double idleUs = score(results, "iteration");
        int rows = SinkThroughput.ROWS;
        double[] paired = paired(15);
        System.out.println();
        System.out.println("== Issue 6 benchmarks ==");
        System.out.printf(Locale.ROOT, "(a) sink:           %,.0f rows/s (%.1f ms per %,d rows, one scheduler iteration)%n",
                rows / (sinkMs / 1000), sinkMs, rows);
        System.out.printf(Locale.ROOT, "    raw JDBC batch: %,.0f rows/s (%.1f ms per %,d rows)%n", rows / (rawMs / 1000),
                rawMs, rows);
        System.out.printf(Locale.ROOT, "    sink / raw:     %.2f (target >= 0.70)%n", rawMs / sinkMs);
        System.out.printf(Locale.ROOT, "    paired rounds (sink and raw back to back, 15 rounds after 5 warm-up):%n"
                + "      wall-clock time: median sink / raw %.2f (min %.2f, max %.2f)%n"
                + "      thread CPU time: median sink / raw %.2f (min %.2f, max %.2f)%n", paired[0], paired[1],
                paired[2], paired[3], paired[4], paired[5]);
        System.out.printf(Locale.ROOT, "    load average now: %.2f on %d processors (other processes skew wall-clock"
                + " times)%n", ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "(b) idle iteration, 1,000 resources, nothing due: %.0f us, %d statements%n",
                idleUs, statements());
    }

    /**
     * Sink and raw insert back to back in each round, alternating which goes first, so that a machine whose load
     * changes (other builds) affects both alike: the median, lowest and highest ratio of the rounds, by wall-clock
     * time and by the benchmark thread's CPU time (H2 runs in the calling thread; CPU time leaves out the time the
     * thread waited for a processor on a busy machine).
     */
    private static double[] paired(int rounds) throws Exception {
        SinkThroughput state = new SinkThroughput();
        state.rows = SinkThroughput.ROWS;
        state.createApp();
        try {
            List<Double> wall = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            for (int round = -5; round < rounds; round++) {
                long[] sink;
                long[] raw;
                if (round % 2 == 0) {
                    sink = time(state, true);
                    raw = time(state, false);
                } else {
                    raw = time(state, false);
                    sink = time(state, true);
                }
                if (round >= 0) {
                    wall.add((double) raw[0] / sink[0]);
                    cpu.add((double) raw[1] / sink[1]);
                }
            }
            Collections.sort(wall);
            Collections.sort(cpu);
            return new double[] {wall.get(wall.size() / 2), wall.get(0), wall.get(wall.size() - 1),
                    cpu.get(cpu.size() / 2), cpu.get(0), cpu.get(cpu.size() - 1)};
        } finally {
            state.dropApp();
        }
    }

    private static long[] time(SinkThroughput state, boolean sink) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        state.emptyTables();
        System.gc();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        if (sink) {
            state.sink();
        } else {
            state.rawJdbcBatch();
        }
        return new long[] {System.nanoTime() - start, threads.getCurrentThreadCpuTime() - cpuStart};
    }

    private static double score(Collection<RunResult> results, String method) {
        return results.stream()
                .filter(result -> result.getParams().getBenchmark().endsWith("." + method))
                .findFirst().orElseThrow().getPrimaryResult().getScore();
    }

    /** The statements of one idle iteration, counted through the runtime's port. */
    private static int statements() throws Exception {
        try (BenchApp app = IdleIteration.create(1000)) {
            CountingSqlPort port = new CountingSqlPort(new JdbcSqlPort(app.connection, H2Dialect.INSTANCE));
            Response response = new ConnectorRuntime(port, EmbeddedAccount.INSTANCE, SecretStore.NONE,
                    ConnectorDefinition.builder().ingestion((task, sink, context) -> IngestionResult.written()).build(),
                    "embedded").runSchedulerIteration();
            if (!response.isOk() || !Integer.valueOf(0).equals(response.payload().get("due"))) {
                throw new IllegalStateException(response.toString());
            }
            return port.statements.size();
        }
    }
}
