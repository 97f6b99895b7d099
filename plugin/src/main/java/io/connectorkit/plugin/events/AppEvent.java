package io.connectorkit.plugin.events;

import io.connectorkit.runtime.procedures.RunLog;
import java.time.LocalDateTime;

/**
 * One log message of the app, as both targets keep it.
 *
 * @param time when it was logged, UTC
 * @param severity TRACE, DEBUG, INFO, WARN, ERROR or FATAL
 * @param procedure the procedure that logged it, such as RUN_INGESTION_NOW; empty when unknown
 * @param scope the logger's name ({@code io.connectorkit.runtime.resource.<id>} for a resource's runs)
 * @param message the message, with the exception's message after it when there was one
 */
public record AppEvent(LocalDateTime time, String severity, String procedure, String scope, String message) {

    /** The resource whose run logged it, or empty. */
    public String resource() {
        return scope != null && scope.startsWith(RunLog.RESOURCE_SCOPE_PREFIX)
                ? scope.substring(RunLog.RESOURCE_SCOPE_PREFIX.length()) : "";
    }

    /** The procedure, then the resource when there is one: {@code RUN_INGESTION_NOW/issues}. */
    public String where() {
        String resource = resource();
        String at = procedure == null || procedure.isEmpty() ? "-" : procedure;
        return resource.isEmpty() ? at : at + "/" + resource;
    }
}
