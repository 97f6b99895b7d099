package io.connectorkit.plugin;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.events.EventFeed;
import io.connectorkit.plugin.events.EventQuery;
import io.connectorkit.plugin.events.EventSource;
import io.connectorkit.plugin.events.LocalEventLog;
import io.connectorkit.plugin.events.SnowflakeEventTable;
import io.connectorkit.plugin.operate.ResourceNames;
import io.connectorkit.runtime.procedures.RunLog;
import io.connectorkit.runtime.sql.Identifier;
import java.time.Clock;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Shows the app's log messages and traces: on Snowflake the rows of the account's active event table that the app's
 * procedures logged, with the spans of their calls and the trace events the runtime added (one per ingestion run); on
 * the embedded target its event log, which the runtime writes while goals run the app. Each line gives the time
 * (UTC), the severity, the procedure and resource, and the message or what the span or trace event says;
 * {@code connector.follow} keeps polling for new ones.
 */
@Mojo(name = "events", threadSafe = true)
public final class EventsMojo extends InstalledAppMojo {

    /** Show events since then: a duration back from now (30s, 15m, 2h, 1d) or an ISO-8601 instant; unset = all. */
    @Parameter(property = "connector.since")
    String since;

    /** Show at most the newest so many events (per poll in follow mode). */
    @Parameter(property = "connector.last", defaultValue = "50")
    int last;

    /** The least severe events shown: TRACE, DEBUG, INFO, WARN, ERROR or FATAL; unset = every recorded one. */
    @Parameter(property = "connector.level")
    String level;

    /** Show only the events of one resource's ingestion runs: its id or name. */
    @Parameter(property = "connector.resource")
    String resource;

    /** Show the procedure calls' spans and their trace events beside the log messages; false = log messages only. */
    @Parameter(property = "connector.traces", defaultValue = "true")
    boolean traces = true;

    /** Keep polling for new events every {@code connector.pollSeconds} (until Ctrl-C or connector.iterations). */
    @Parameter(property = "connector.follow", defaultValue = "false")
    boolean follow;

    /** Follow mode: the seconds between polls. */
    @Parameter(property = "connector.pollSeconds", defaultValue = "5")
    int pollSeconds;

    /** Follow mode: stop after this many polls; 0 = until Ctrl-C. */
    @Parameter(property = "connector.iterations", defaultValue = "0")
    int iterations;

    /** {@code text} (one readable line an event) or {@code json} (one JSON object a line). */
    @Parameter(property = "connector.format", defaultValue = "text")
    String format;

    /** Runs between two polls of follow mode; tests make events happen there. */
    Runnable betweenPolls = () -> { };

    @Inject
    public EventsMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    void prepare(Descriptor descriptor) throws MojoFailureException {
        if (last < 1) {
            throw new MojoFailureException("connector.last=" + last + " shows nothing; give a number of events of 1 or "
                    + "more (default 50)");
        }
        if (follow && (pollSeconds < 0 || iterations < 0)) {
            throw new MojoFailureException("connector.pollSeconds=" + pollSeconds + " and connector.iterations="
                    + iterations + " cannot be negative; poll every 5 s (the default) and stop after 0 = never");
        }
        if (!"text".equals(format) && !"json".equals(format)) {
            throw new MojoFailureException("connector.format=" + format + " is neither text nor json; write "
                    + "-Dconnector.format=text (the default) or -Dconnector.format=json");
        }
        query(Optional.empty());
    }

    @Override
    AppWork work(Descriptor descriptor) throws MojoFailureException {
        return app -> {
            Optional<String> scope = Optional.empty();
            if (resource != null && !resource.isBlank()) {
                try {
                    scope = Optional.of(RunLog.scopeOf(new ResourceNames(app).definitionId(resource.strip())));
                } catch (IllegalArgumentException e) {
                    throw new MojoFailureException(e.getMessage(), e);
                }
            }
            EventSource source = switch (target()) {
                case LOCAL -> new LocalEventLog(localApp(descriptor.app()).folder());
                case SNOWFLAKE -> new SnowflakeEventTable(app, snowflakeAppName(descriptor));
            };
            if ("OFF".equals(descriptor.manifest().telemetry().logLevel())) {
                getLog().warn("manifest.telemetry.logLevel is OFF in connector.yaml, so the app records no log "
                        + "messages; set it (for example INFO) and deploy again to see new ones");
            }
            if (traces && "OFF".equals(descriptor.manifest().telemetry().traceLevel())) {
                getLog().info("manifest.telemetry.traceLevel is OFF in connector.yaml, so the app records no traces; "
                        + "set it to ON_EVENT (the spans of ingestion runs) or ALWAYS (every call) to see them");
            }
            EventFeed feed = new EventFeed(source, query(scope), "json".equals(format), getLog()::info);
            int polls = 0;
            feed.poll();
            while (follow && (iterations == 0 || ++polls < iterations)) {
                betweenPolls.run();
                sleep();
                feed.poll();
            }
            if (feed.shown() == 0) {
                getLog().info("No events of " + app.describe() + " match (" + source.describe() + ")");
            }
        };
    }

    private EventQuery query(Optional<String> scope) throws MojoFailureException {
        try {
            return new EventQuery(EventQuery.since(since, Clock.systemUTC()), last, EventQuery.minimum(level), scope,
                    traces);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage() + "; nothing was read", e);
        }
    }

    private Identifier snowflakeAppName(Descriptor descriptor) throws MojoFailureException {
        String name = resolvedAppName(descriptor.app());
        try {
            return Identifier.parse(name);
        } catch (Identifier.InvalidIdentifierException e) {
            throw new MojoFailureException("'" + name + "' (connector.appName) is not a Snowflake name: " + e.reason(),
                    e);
        }
    }

    private void sleep() throws MojoFailureException {
        try {
            Thread.sleep(pollSeconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoFailureException("connector:events was interrupted while following", e);
        }
    }
}
