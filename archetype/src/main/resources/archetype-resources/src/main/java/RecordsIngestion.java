package ${package};

import io.connectorkit.runtime.spi.ConnectorContext;
import io.connectorkit.runtime.spi.Ingestion;
import io.connectorkit.runtime.spi.IngestionResult;
import io.connectorkit.runtime.spi.IngestionTask;
import io.connectorkit.runtime.spi.Sink;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Ingests one dataset ({@code resourceId: {dataset: orders}}) incrementally: the cursor is the last id written, and
 * each run reads up to {@code max_pages} pages of {@code page_size} records after it. A record's top-level keys
 * become the destination table's columns, which the sink creates and types.
 *
 * <p>The rows and the cursor are committed together when the run returns, and a run that throws keeps neither, so
 * a record is never written twice.
 */
public final class RecordsIngestion implements Ingestion {

    static final String CURSOR_KEY = "last_id";

    @Override
    public IngestionResult ingest(IngestionTask task, Sink sink, ConnectorContext context) {
        String dataset = DatasetResourceHooks.dataset(task.resourceIdObject()).orElseThrow(() ->
                new IllegalStateException("Resource '" + task.resourceName() + "' has the resourceId "
                        + task.resourceIdJson() + "; this connector reads resourceId {\"dataset\": \"<name>\"}"));
        String token = context.secret("api_token").orElseThrow(() ->
                new IllegalStateException("No API token is bound to API_TOKEN_SECRET"));
        int pageSize = Math.toIntExact(context.connectorConfiguration().integer("page_size").orElse(100L));
        long maxPages = context.connectorConfiguration().integer("max_pages").orElse(10L);
        RecordsApiClient client = new RecordsApiClient(context.connectionConfiguration().requireString("base_url"),
                token);

        long lastId = task.cursorObject().integer(CURSOR_KEY).orElse(0L);
        int pages = 0;
        boolean more = true;
        while (more && pages < maxPages) {
            RecordsApiClient.Page page = client.records(dataset, lastId, pageSize);
            pages++;
            for (Map<String, Object> record : page.records()) {
                long id = ((Number) record.get("id")).longValue();
                if (id <= lastId) {
                    // The contract promises ascending ids above the cursor; anything else would loop or duplicate.
                    throw new IllegalStateException("Dataset " + dataset + " returned id " + id + " after id "
                            + lastId + "; the API must return records in ascending id order, above 'after'");
                }
                sink.write(columns(record));
                lastId = id;
            }
            more = page.hasMore() && !page.records().isEmpty();
        }
        sink.setCursor(Map.of(CURSOR_KEY, lastId));
        return IngestionResult.written().withMessage("Read " + pages + " page(s) of " + dataset + "; last id "
                + lastId + (more ? ", more to read next run" : ""));
    }

    /** Column names are Snowflake identifiers: upper case, with any other character than A-Z, 0-9 and _ as _. */
    static Map<String, Object> columns(Map<String, Object> record) {
        Map<String, Object> row = new LinkedHashMap<>();
        record.forEach((key, value) -> {
            String column = key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
            row.put(column.isEmpty() || Character.isDigit(column.charAt(0)) ? "_" + column : column, value);
        });
        return row;
    }
}
