package io.connectorkit.runtime.testing;

import io.connectorkit.runtime.spi.Ingestion;
import io.connectorkit.runtime.spi.IngestionResult;
import io.connectorkit.runtime.spi.IngestionTask;
import io.connectorkit.runtime.spi.Sink;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * A source system for tests and the connector that ingests it: each resource (its {@code RESOURCE_ID} is the
 * resource's key as a JSON string) holds numbered items; a run reads the next page after the cursor
 * {@code {"after": <last id>}} and writes it. Tests script failures and look at every task it was given.
 */
public final class FakeSource {

    public final List<IngestionTask> tasks = new CopyOnWriteArrayList<>();
    private final Map<String, List<Map<String, Object>>> items = new ConcurrentHashMap<>();
    private volatile int pageSize = 3;
    private volatile RuntimeException failNext;
    private volatile int failAfterRows = -1;
    private volatile Throwable failure;
    private volatile BiConsumer<IngestionTask, Sink> duringRun = (task, sink) -> {};

    /** Adds items 1..count to the resource. */
    public FakeSource items(String resourceKey, int count) {
        List<Map<String, Object>> list = items.computeIfAbsent(resourceKey, key -> new CopyOnWriteArrayList<>());
        int first = list.size() + 1;
        for (int id = first; id < first + count; id++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", (long) id);
            item.put("name", resourceKey + " #" + id);
            item.put("amount", new BigDecimal(id + ".25"));
            item.put("updated_at", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(id));
            item.put("tags", List.of("t" + id, "x"));
            list.add(item);
        }
        return this;
    }

    public FakeSource pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    /** The next run throws this before it writes anything. */
    public FakeSource failNext(RuntimeException exception) {
        this.failNext = exception;
        return this;
    }

    /** The next run's sink throws this (an Error simulates a crash) when the run writes its (rows+1)th row. */
    public FakeSource failInsideTheSinkAfter(int rows, Throwable throwable) {
        this.failAfterRows = rows;
        this.failure = throwable;
        return this;
    }

    /** Runs while a run is between its claim and its completion, after it wrote its page. */
    public FakeSource duringRun(BiConsumer<IngestionTask, Sink> action) {
        this.duringRun = action;
        return this;
    }

    public Ingestion ingestion() {
        return (task, sink, context) -> {
            tasks.add(task);
            RuntimeException planned = failNext;
            failNext = null;
            if (planned != null) {
                throw planned;
            }
            Sink target = sink;
            if (failure != null) {
                target = failing(sink, failAfterRows, failure);
                failure = null;
            }
            String key = task.resourceIdText().orElseThrow();
            long after = task.cursorObject().integer("after").orElse(0L);
            List<Map<String, Object>> page = new ArrayList<>();
            for (Map<String, Object> item : items.getOrDefault(key, List.of())) {
                if ((Long) item.get("id") > after && page.size() < pageSize) {
                    page.add(item);
                }
            }
            target.writeAll(page);
            if (!page.isEmpty()) {
                target.setCursor(Map.of("after", page.get(page.size() - 1).get("id")));
            }
            BiConsumer<IngestionTask, Sink> action = duringRun;
            duringRun = (t, s) -> {};
            action.accept(task, target);
            return IngestionResult.written().withMessage(page.size() + " items after " + after);
        };
    }

    private static Sink failing(Sink sink, int rows, Throwable throwable) {
        return new Sink() {
            private int written;

            @Override
            public void write(Map<String, ?> row) {
                if (written++ == rows) {
                    if (throwable instanceof Error error) {
                        throw error;
                    }
                    throw (RuntimeException) throwable;
                }
                sink.write(row);
            }

            @Override
            public void setCursor(String json) {
                sink.setCursor(json);
            }

            @Override
            public void setCursor(Map<String, ?> cursor) {
                sink.setCursor(cursor);
            }

            @Override
            public void clearDestination() {
                sink.clearDestination();
            }

            @Override
            public long rowsWritten() {
                return sink.rowsWritten();
            }

            @Override
            public String destinationTable() {
                return sink.destinationTable();
            }
        };
    }
}
