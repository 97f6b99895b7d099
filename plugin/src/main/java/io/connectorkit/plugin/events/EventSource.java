package io.connectorkit.plugin.events;

import io.connectorkit.plugin.app.AppException;
import java.util.List;

/** Where an installed app's events are kept: the account's event table, or the embedded app's event log. */
public interface EventSource {

    /** The events the query selects: the newest {@code last} of them, oldest first. */
    List<AppEvent> read(EventQuery query) throws AppException;

    /** Where the events come from, for the goal's first line. */
    String describe();
}
