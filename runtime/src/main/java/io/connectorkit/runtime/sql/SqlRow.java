package io.connectorkit.runtime.sql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One row of a query result, read by position. */
public record SqlRow(List<Object> values) {

    public SqlRow {
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    public Object get(int index) {
        return values.get(index);
    }

    public String getString(int index) {
        Object value = values.get(index);
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value.toString();
    }

    public Boolean getBoolean(int index) {
        Object value = values.get(index);
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.intValue() != 0;
        }
        return Boolean.parseBoolean(value.toString());
    }

    public Long getLong(int index) {
        Object value = values.get(index);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        return Long.parseLong(value.toString());
    }
}
