package io.connectorkit.fake.snowflake;

import java.util.List;

/** A statement to answer: its SQL text and the values bound to its placeholders, as in {@link RecordedStatement}. */
public record Query(String sql, List<Object> bindings) {}
