package io.connectorkit.fake.snowflake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One statement as it reached the fake: its SQL text exactly as the driver sent it, and the values bound to its
 * {@code ?} placeholders in order (Long or BigDecimal for numbers, Double, Boolean, String, null; other types as the
 * driver's text).
 */
public record RecordedStatement(String sql, List<Object> bindings) {

    /** The driver tags the statements it sends on its own with a comment naming itself. */
    private static final String DRIVER_TAG = "/* JDBC:";

    public RecordedStatement {
        // List.copyOf would refuse the nulls that a setNull binding records.
        bindings = Collections.unmodifiableList(new ArrayList<>(bindings));
    }

    /** Whether the driver sent this statement on its own (such as the ALTER SESSION of setAutoCommit). */
    public boolean isDriverHousekeeping() {
        return sql.contains(DRIVER_TAG);
    }
}
