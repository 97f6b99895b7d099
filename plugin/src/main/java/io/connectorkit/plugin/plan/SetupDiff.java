package io.connectorkit.plugin.plan;

import io.connectorkit.plugin.plan.Change.Kind;
import io.connectorkit.plugin.plan.Change.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What running a new setup script instead of the deployed one changes: objects, grants and other statements. */
public final class SetupDiff {

    private static final int SHOWN_LENGTH = 400;

    private SetupDiff() {}

    /**
     * The changes from the deployed script's objects to the new one's.
     *
     * @param deployed what the deployed script makes ({@link SetupObjects#NONE} for an app not deployed yet)
     * @param next what the new script makes
     * @return objects, then grants, then other statements; each added, changed or removed
     */
    public static List<Change> between(SetupObjects deployed, SetupObjects next) {
        List<Change> changes = new ArrayList<>();
        keyed(Section.OBJECTS, deployed.objects(), next.objects(), false, changes);
        statements(Section.GRANTS, deployed.grants(), next.grants(), changes);
        keyed(Section.STATEMENTS, deployed.statements(), next.statements(), true, changes);
        return changes;
    }

    private static void keyed(
            Section section,
            Map<String, String> before,
            Map<String, String> after,
            boolean showStatement,
            List<Change> changes) {
        for (Map.Entry<String, String> entry : after.entrySet()) {
            String old = before.get(entry.getKey());
            String detail = showStatement ? shown(entry.getValue()) : "";
            if (old == null) {
                changes.add(new Change(section, Kind.ADDED, entry.getKey(), detail));
            } else if (!old.equals(entry.getValue())) {
                changes.add(new Change(
                        section, Kind.CHANGED, entry.getKey(), showStatement ? detail : "definition changed"));
            }
        }
        for (Map.Entry<String, String> entry : before.entrySet()) {
            if (!after.containsKey(entry.getKey())) {
                changes.add(new Change(
                        section, Kind.REMOVED, entry.getKey(), showStatement ? shown(entry.getValue()) : ""));
            }
        }
    }

    private static void statements(Section section, Set<String> before, Set<String> after, List<Change> changes) {
        after.stream()
                .filter(grant -> !before.contains(grant))
                .forEach(grant -> changes.add(Change.of(section, Kind.ADDED, grant)));
        before.stream()
                .filter(grant -> !after.contains(grant))
                .forEach(grant -> changes.add(Change.of(section, Kind.REMOVED, grant)));
    }

    /** A statement cut to a readable length. */
    private static String shown(String statement) {
        return statement.length() <= SHOWN_LENGTH ? statement : statement.substring(0, SHOWN_LENGTH - 1) + "…";
    }
}
