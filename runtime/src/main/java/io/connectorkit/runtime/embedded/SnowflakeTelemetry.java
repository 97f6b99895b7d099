package io.connectorkit.runtime.embedded;

import java.lang.reflect.Method;
import java.util.Map;

/**
 * The runtime's trace events where Snowflake runs its handlers: Snowflake's Java telemetry library
 * ({@code com.snowflake.telemetry.Telemetry}, on the handler's classpath when the procedure's PACKAGES name
 * {@code com.snowflake:telemetry}) adds them to the call's span
 * (https://docs.snowflake.com/en/developer-guide/logging-tracing/tracing-java). The runtime must not depend on it at
 * compile time, since it also runs where the library is absent (the embedded target, an older app whose setup script
 * names no such package): it is looked up once, and without it a trace event is dropped, as Snowflake drops trace
 * events of a handler at TRACE_LEVEL OFF.
 */
final class SnowflakeTelemetry {

    private static final Bridge BRIDGE = Bridge.find(SnowflakeTelemetry.class.getClassLoader());

    private SnowflakeTelemetry() {}

    static void addEvent(String name, Map<String, String> attributes) {
        BRIDGE.addEvent(name, attributes);
    }

    static void setSpanAttribute(String key, String value) {
        BRIDGE.setSpanAttribute(key, value);
    }

    /** Whether the telemetry library was found. */
    static boolean available() {
        return BRIDGE.telemetry != null;
    }

    /** The library's methods, or none; OpenTelemetry's {@code Attributes} carries an event's attributes. */
    static final class Bridge {
        private final Method addEvent;
        private final Method setSpanAttribute;
        private final Method builder;
        private final Method put;
        private final Method build;
        private final Class<?> telemetry;

        private Bridge(
                Class<?> telemetry,
                Method addEvent,
                Method setSpanAttribute,
                Method builder,
                Method put,
                Method build) {
            this.telemetry = telemetry;
            this.addEvent = addEvent;
            this.setSpanAttribute = setSpanAttribute;
            this.builder = builder;
            this.put = put;
            this.build = build;
        }

        static Bridge find(ClassLoader loader) {
            try {
                Class<?> telemetry = Class.forName("com.snowflake.telemetry.Telemetry", true, loader);
                Class<?> attributes = Class.forName("io.opentelemetry.api.common.Attributes", true, loader);
                Class<?> attributesBuilder =
                        Class.forName("io.opentelemetry.api.common.AttributesBuilder", true, loader);
                return new Bridge(
                        telemetry,
                        telemetry.getMethod("addEvent", String.class, attributes),
                        telemetry.getMethod("setSpanAttribute", String.class, String.class),
                        attributes.getMethod("builder"),
                        attributesBuilder.getMethod("put", String.class, String.class),
                        attributesBuilder.getMethod("build"));
            } catch (ReflectiveOperationException | LinkageError absent) {
                return new Bridge(null, null, null, null, null, null);
            }
        }

        void addEvent(String name, Map<String, String> attributes) {
            if (telemetry == null) {
                return;
            }
            try {
                Object event = builder.invoke(null);
                for (Map.Entry<String, String> attribute : attributes.entrySet()) {
                    put.invoke(event, attribute.getKey(), attribute.getValue());
                }
                addEvent.invoke(null, name, build.invoke(event));
            } catch (ReflectiveOperationException e) {
                // A trace event is never worth failing the procedure that adds it.
            }
        }

        void setSpanAttribute(String key, String value) {
            if (telemetry == null) {
                return;
            }
            try {
                setSpanAttribute.invoke(null, key, value);
            } catch (ReflectiveOperationException e) {
                // As above.
            }
        }
    }
}
