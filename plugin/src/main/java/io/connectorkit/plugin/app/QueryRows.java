package io.connectorkit.plugin.app;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a read-only query answered: its column labels and at most as many rows as were asked for, each value as the
 * driver gave it ({@code null} for SQL NULL).
 */
public record QueryRows(List<String> columns, List<List<Object>> rows) {

    public QueryRows {
        columns = List.copyOf(columns);
        List<List<Object>> copies = new ArrayList<>();
        for (List<Object> row : rows) {
            copies.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copies);
    }
}
