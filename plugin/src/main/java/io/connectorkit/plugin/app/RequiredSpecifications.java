package io.connectorkit.plugin.app;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Before the wizard's connection step, whose connection test reaches the source, the app's specifications must be
 * approved: until the consumer approves an EXTERNAL_ACCESS specification, the app's integration reaches none of its
 * hosts (https://docs.snowflake.com/en/developer-guide/native-apps/ui-consumer-app-spec). In a development or test
 * account the kit's user is the consumer, and may have the kit approve them
 * ({@code -Dconnector.approveSpecifications=true}); otherwise the goal stops with what to approve and how.
 */
public final class RequiredSpecifications {

    private RequiredSpecifications() {}

    /**
     * Shows each specification's state; approves those not approved when asked to, else refuses.
     *
     * @param approve whether to approve what is pending or declined
     * @param goal the goal to run again once they are approved: {@code connector:configure}
     * @throws RefusedException naming each specification not approved, with the statement that approves it
     */
    public static void approveOrRefuse(InstalledApp app, boolean approve, Consumer<String> log, String goal)
            throws AppException, RefusedException {
        List<AppSpecification> specifications = app.specifications();
        specifications.forEach(specification -> log.accept("[specifications] " + specification.summary()));
        List<AppSpecification> waiting = specifications.stream()
                .filter(specification -> !specification.approved())
                .toList();
        if (waiting.isEmpty()) {
            return;
        }
        if (approve) {
            for (AppSpecification specification : waiting) {
                log.accept("[specifications] approved " + specification.name() + ": "
                        + app.approveSpecification(specification));
            }
            return;
        }
        throw new RefusedException(
                "SHOW SPECIFICATIONS",
                app.describe() + " may not reach outside Snowflake until "
                        + "its app specifications are approved; the connection step would fail. Approve them in Snowsight "
                        + "(the app's Security tab), or run as a role with MANAGE APPLICATION SPECIFICATIONS, or in a "
                        + "development account add -Dconnector.approveSpecifications=true, then run " + goal
                        + " again:\n"
                        + waiting.stream()
                                .map(specification ->
                                        "  " + specification.summary() + "\n    " + specification.approval() + ";")
                                .collect(Collectors.joining("\n")));
    }
}
