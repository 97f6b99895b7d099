package io.connectorkit.plugin.app;

/**
 * An app specification as the consumer sees it (SHOW SPECIFICATIONS IN APPLICATION,
 * https://docs.snowflake.com/en/sql-reference/sql/show-specifications): what the app asks to reach outside Snowflake,
 * and whether the consumer approved that version of it.
 *
 * @param name the specification's name, which it is approved by
 * @param type {@code EXTERNAL_ACCESS} or {@code SECURITY_INTEGRATION}
 * @param sequenceNumber the version of its definition; an approval names it
 * @param status {@code PENDING}, {@code APPROVED} or {@code DECLINED}
 * @param label what Snowsight shows the consumer
 * @param definition what is approved, as Snowflake shows it (JSON: host ports, OAuth endpoints)
 * @param approval the statement that approves this version of it
 */
public record AppSpecification(
        String name, String type, int sequenceNumber, String status, String label, String definition, String approval) {

    /** Whether the consumer approved the current version of the specification. */
    public boolean approved() {
        return status.equals("APPROVED");
    }

    /** The specification as one line: {@code API_ACCESS (EXTERNAL_ACCESS "API access"): APPROVED, sequence 1, …}. */
    public String summary() {
        return name + " (" + type + " \"" + label + "\"): " + status + ", sequence number " + sequenceNumber + ", "
                + definition;
    }
}
