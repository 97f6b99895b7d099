package io.connectorkit.runtime.spi;

import io.connectorkit.runtime.Response;

/**
 * The connector's part of pause and resume. {@code validate*} may refuse the call (nothing changes).
 * {@code pause}/{@code resume} answer {@code OK}; {@link Response#rollback} when they undid their partial work
 * (the connector returns to where it was); anything else, or an exception, leaves the connector in {@code ERROR}.
 *
 * <p>Each call is one transaction that holds the connector's state. The runtime first checks the
 * {@code EXECUTE TASK} privilege and the status, then calls {@code validate*}, writes the in-between status
 * ({@code PAUSING} or {@code STARTING}), calls {@code pause}/{@code resume}, and after an {@code OK} suspends or
 * resumes the scheduler task and writes {@code PAUSED} or {@code STARTED}. A refusal of {@code validate*} undoes
 * everything, its own writes included; after {@code pause}/{@code resume} the outcome is kept whatever it was. Every
 * method answers {@code OK} unless overridden.
 */
public interface LifecycleHooks {

    /** Hooks that accept every pause and resume and do nothing: the default of a connector that registers none. */
    LifecycleHooks NONE = new LifecycleHooks() {};

    /**
     * {@code PAUSE_CONNECTOR}, before anything changes; may refuse the pause.
     *
     * @param context what the procedure gives the hook
     * @return {@code OK} to go on; any other answer is the procedure's and the connector stays {@code STARTED}
     */
    default Response validatePause(ConnectorContext context) {
        return Response.ok();
    }

    /**
     * The connector's work of a pause (stopping its own tasks, for example), while the status is {@code PAUSING}.
     *
     * @param context what the procedure gives the hook
     * @return {@code OK} to pause; {@link Response#rollback} to go back to {@code STARTED}; anything else sets
     *     {@code ERROR}, answered as {@code UNKNOWN_ERROR} with the hook's answer as its {@code cause}
     */
    default Response pause(ConnectorContext context) {
        return Response.ok();
    }

    /**
     * {@code RESUME_CONNECTOR}, before anything changes; may refuse the resume.
     *
     * @param context what the procedure gives the hook
     * @return {@code OK} to go on; any other answer is the procedure's and the connector stays {@code PAUSED}
     */
    default Response validateResume(ConnectorContext context) {
        return Response.ok();
    }

    /**
     * The connector's work of a resume, while the status is {@code STARTING}.
     *
     * @param context what the procedure gives the hook
     * @return {@code OK} to resume; {@link Response#rollback} to go back to {@code PAUSED}; anything else sets
     *     {@code ERROR}, answered as {@code UNKNOWN_ERROR} with the hook's answer as its {@code cause}
     */
    default Response resume(ConnectorContext context) {
        return Response.ok();
    }
}
