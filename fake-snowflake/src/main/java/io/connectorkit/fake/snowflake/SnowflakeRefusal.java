package io.connectorkit.fake.snowflake;

/** A statement Snowflake refuses, with the error code and SQL state the driver reports. */
final class SnowflakeRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int code;
    final String sqlState;

    SnowflakeRefusal(int code, String sqlState, String message) {
        super(message);
        this.code = code;
        this.sqlState = sqlState;
    }

    Reply reply() {
        return Reply.error(code, sqlState, getMessage());
    }
}
