package io.connectorkit.fake.snowflake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

/**
 * The answers to {@code POST /queries/v1/query-request}, as the driver parses them: a result's {@code rowtype}
 * (column metadata) and {@code rowset} (values as text) in the JSON result format, an error, or the instructions
 * for a PUT.
 */
final class QueryResults {

    /** The length Snowflake gives a VARCHAR without one. */
    private static final int MAX_TEXT_LENGTH = 16_777_216;

    private QueryResults() {}

    static ObjectNode of(Reply reply, String sql, String queryId) {
        if (reply instanceof Reply.Result result) {
            return JsonEndpoint.success(resultData(result, StatementType.of(sql), queryId));
        }
        if (reply instanceof Reply.RowsAffected rowsAffected) {
            return rowsAffected(rowsAffected.count(), sql, queryId);
        }
        return failure((Reply.Failure) reply, queryId);
    }

    /**
     * Tells the driver to copy the PUT's files itself into a folder of the fake: a stage of type LOCAL_FS, the kind
     * that needs neither credentials nor encryption.
     */
    static ObjectNode upload(StageCommand.Put put, Path folder, String queryId) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("command", "UPLOAD");
        // The driver checks that this is the path it reads from the statement itself.
        data.putArray("src_locations").add(put.localPath());
        data.put("autoCompress", put.autoCompress());
        data.put("overwrite", put.overwrite());
        data.put("parallel", put.parallel());
        data.put("sourceCompression", put.sourceCompression());
        data.put("clientShowEncryptionParameter", false);
        data.putNull("encryptionMaterial");
        data.put("queryId", queryId);
        ObjectNode stageInfo = data.putObject("stageInfo");
        stageInfo.put("locationType", "LOCAL_FS");
        stageInfo.put("location", folder.toAbsolutePath().toString());
        stageInfo.put("isClientSideEncrypted", false);
        // The driver reads the credentials of every stage type and fails when there are none at all.
        stageInfo.putObject("creds");
        return JsonEndpoint.success(data);
    }

    private static ObjectNode rowsAffected(long count, String sql, String queryId) {
        StatementType type = StatementType.of(sql).isDml() ? StatementType.of(sql) : StatementType.UPDATE;
        String verb = switch (type) {
            case INSERT -> "inserted";
            case DELETE -> "deleted";
            default -> "updated";
        };
        Reply.Result result =
                Reply.columns(Column.number("number of rows " + verb)).row(count);
        return JsonEndpoint.success(resultData(result, type, queryId));
    }

    private static ObjectNode failure(Reply.Failure failure, String queryId) {
        ObjectNode envelope = JsonEndpoint.failure(failure.code(), failure.message());
        // The driver takes an error with a sqlState in its data for a SQL error, with that state and code.
        ObjectNode data = envelope.putObject("data");
        data.put("errorCode", JsonEndpoint.errorCode(failure.code()));
        data.put("sqlState", failure.sqlState());
        data.put("queryId", queryId);
        data.put("internalError", false);
        return envelope;
    }

    private static ObjectNode resultData(Reply.Result result, StatementType type, String queryId) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.putArray("parameters");
        ArrayNode rowtype = data.putArray("rowtype");
        result.columns().forEach(column -> rowtype.add(columnMetadata(column)));
        ArrayNode rowset = data.putArray("rowset");
        for (List<Object> row : result.rows()) {
            ArrayNode values = rowset.addArray();
            for (int i = 0; i < row.size(); i++) {
                values.add(text(result.columns().get(i).type(), row.get(i)));
            }
        }
        data.put("total", result.rows().size());
        data.put("returned", result.rows().size());
        data.put("queryId", queryId);
        // Null keeps the session's own database, schema, warehouse and role; a missing field would blank them.
        data.putNull("finalDatabaseName");
        data.putNull("finalSchemaName");
        data.putNull("finalWarehouseName");
        data.putNull("finalRoleName");
        data.put("numberOfBinds", 0);
        data.put("arrayBindSupported", false);
        data.put("statementTypeId", type.id);
        data.put("version", 1);
        data.put("sendResultTime", System.currentTimeMillis());
        data.put("queryResultFormat", "json");
        return data;
    }

    private static ObjectNode columnMetadata(Column column) {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        metadata.put("name", column.name());
        metadata.put("nullable", true);
        switch (column.type()) {
            case TEXT -> {
                metadata.put("type", "text");
                metadata.put("length", MAX_TEXT_LENGTH);
                metadata.put("byteLength", MAX_TEXT_LENGTH);
            }
            case NUMBER -> {
                metadata.put("type", "fixed");
                metadata.put("precision", 38);
                metadata.put("scale", 0);
            }
            case REAL -> metadata.put("type", "real");
            case BOOLEAN -> metadata.put("type", "boolean");
        }
        metadata.put("database", "");
        metadata.put("schema", "");
        metadata.put("table", "");
        return metadata;
    }

    /** A value the way the JSON result format carries it: as text, booleans as 1 and 0. */
    private static String text(Column.Type type, Object value) {
        if (value == null) {
            return null;
        }
        if (type == Column.Type.BOOLEAN && value instanceof Boolean bool) {
            return bool ? "1" : "0";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }
}
