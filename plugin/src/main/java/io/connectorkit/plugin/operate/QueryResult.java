package io.connectorkit.plugin.operate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What {@code connector:query} shows: the rows read, at most the limit, and whether more were there.
 *
 * @param what the rows' source as the first line names it ({@code PUBLIC.SYNC_STATUS}, {@code the query})
 * @param hidden how many rows the limit left out: 0 for none, -1 for some (a query's rows are not counted)
 */
public record QueryResult(String what, List<String> columns, List<List<Object>> rows, long hidden) {

    /** Longer values are cut in the table, which is for reading; JSON and CSV carry them whole. */
    static final int WIDEST_CELL = 60;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final CsvMapper CSV = new CsvMapper();

    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The rows as aligned columns for the build log, with a header line and what was left out. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(what + ": " + rows.size() + " row(s)" + (more() ? " shown" : ""));
        int[] widths = new int[columns.size()];
        List<List<String>> cells = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).length();
        }
        for (List<Object> row : rows) {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                String text = cell(row.get(i));
                widths[i] = Math.max(widths[i], text.length());
                texts.add(text);
            }
            cells.add(texts);
        }
        lines.add(line(columns, widths));
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        lines.add("  " + String.join("-+-", rule));
        cells.forEach(texts -> lines.add(line(texts, widths)));
        if (more()) {
            lines.add(moreRows());
        }
        return lines;
    }

    /** Whether the limit left rows out. */
    public boolean more() {
        return hidden != 0;
    }

    /** What the limit left out, for the log: JSON and CSV documents hold only rows. */
    public String moreRows() {
        return hidden > 0
                ? "… " + hidden + (hidden == 1 ? " more row" : " more rows") + " not shown; raise "
                        + "-Dconnector.limit to see " + (hidden == 1 ? "it" : "them")
                : "… more rows not shown: only the first " + rows.size() + " were read; raise -Dconnector.limit to see "
                        + "more";
    }

    /** An array with one object per row, its members named by column, in column order. */
    public String toJson() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (List<Object> row : rows) {
            ObjectNode object = array.addObject();
            for (int i = 0; i < columns.size(); i++) {
                Object value = row.get(i);
                String column = columns.get(i);
                if (value == null) {
                    object.putNull(column);
                } else if (value instanceof Boolean bool) {
                    object.put(column, bool);
                } else if (value instanceof Integer
                        || value instanceof Long
                        || value instanceof Short
                        || value instanceof Byte) {
                    object.put(column, ((Number) value).longValue());
                } else if (value instanceof BigInteger number) {
                    object.put(column, number);
                } else if (value instanceof BigDecimal number) {
                    object.put(column, number);
                } else if (value instanceof Double || value instanceof Float) {
                    object.put(column, ((Number) value).doubleValue());
                } else {
                    object.put(column, text(value));
                }
            }
        }
        try {
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the rows as JSON: " + e.getMessage(), e);
        }
    }

    /** RFC 4180: a header line, then one line per row; SQL NULL is an empty field. */
    public String toCsv() {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        columns.forEach(schema::addColumn);
        List<List<String>> texts = new ArrayList<>();
        for (List<Object> row : rows) {
            texts.add(
                    row.stream().map(value -> value == null ? "" : text(value)).toList());
        }
        try {
            return CSV.writer(schema.build()).writeValueAsString(texts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the rows as CSV: " + e.getMessage(), e);
        }
    }

    private static String line(List<String> texts, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            if (i > 0) {
                line.append(" | ");
            }
            String text = texts.get(i);
            line.append(text).append(" ".repeat(widths[i] - text.length()));
        }
        return ("  " + line).stripTrailing();
    }

    private static String cell(Object value) {
        if (value == null) {
            return "NULL";
        }
        String text = text(value).replace("\r", "").replace("\n", "⏎");
        return text.length() > WIDEST_CELL ? text.substring(0, WIDEST_CELL - 1) + "…" : text;
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value);
    }
}
