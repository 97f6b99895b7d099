package io.connectorkit.fake.snowflake;

/** A column of a canned result: its name and the Snowflake type the driver reads its values as. */
public record Column(String name, Type type) {

    /** The Snowflake column types a canned result can have. */
    public enum Type {
        TEXT,
        NUMBER,
        REAL,
        BOOLEAN
    }

    public static Column text(String name) {
        return new Column(name, Type.TEXT);
    }

    public static Column number(String name) {
        return new Column(name, Type.NUMBER);
    }

    public static Column real(String name) {
        return new Column(name, Type.REAL);
    }

    public static Column bool(String name) {
        return new Column(name, Type.BOOLEAN);
    }
}
