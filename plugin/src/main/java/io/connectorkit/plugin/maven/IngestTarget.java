package io.connectorkit.plugin.maven;

import io.connectorkit.plugin.target.Target;
import org.apache.maven.plugin.MojoFailureException;

/** The goals that drive the scheduler from Maven exist for the embedded target only. */
public final class IngestTarget {

    private IngestTarget() {}

    public static void requireEmbedded(Target target, String goal) throws MojoFailureException {
        if (target != Target.LOCAL) {
            throw new MojoFailureException("connector:" + goal + " drives the embedded app's scheduler; on Snowflake "
                    + "the app's scheduler task runs the ingestions on its schedule (created at finalize, paused and "
                    + "resumed with the connector). Watch it with mvn connector:status and mvn connector:stats");
        }
    }
}
