package com.snowflake.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for Snowflake's Java telemetry library, with the two static methods its documentation gives
 * (https://docs.snowflake.com/en/developer-guide/logging-tracing/tracing-java): it records what it is handed.
 */
public final class Telemetry {

    /** Every event added, as name and attributes. */
    public static final List<Map.Entry<String, Map<String, String>>> EVENTS = new ArrayList<>();
    /** Every span attribute set. */
    public static final Map<String, String> SPAN_ATTRIBUTES = new LinkedHashMap<>();

    private Telemetry() {}

    public static synchronized void addEvent(String name, Attributes attributes) {
        Map<String, String> values = new LinkedHashMap<>();
        attributes.forEach((AttributeKey<?> key, Object value) -> values.put(key.getKey(), String.valueOf(value)));
        EVENTS.add(Map.entry(name, values));
    }

    public static synchronized void setSpanAttribute(String key, String value) {
        SPAN_ATTRIBUTES.put(key, value);
    }
}
