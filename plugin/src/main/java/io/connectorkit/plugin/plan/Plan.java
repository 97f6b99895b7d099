package io.connectorkit.plugin.plan;

import io.connectorkit.plugin.plan.Change.Kind;
import java.util.Comparator;
import java.util.List;

/**
 * What a deploy of the built bundle would change in the deployed app, section by section, and what the plan could
 * not tell (such as the objects of a setup script deployed before the kit kept a copy of it).
 *
 * @param target where the app is: {@code embedded} or {@code Snowflake}
 * @param app the app's name there
 * @param changes every change, in section order
 * @param notes what a reviewer should know besides the changes; never a guess presented as a change
 */
public record Plan(String target, String app, List<Change> changes, List<String> notes) {

    public Plan {
        changes = changes.stream().sorted(Comparator.comparing(Change::section)).toList();
        notes = List.copyOf(notes);
    }

    /** Whether a deploy would change nothing. */
    public boolean changesNothing() {
        return changes.isEmpty();
    }

    /** How many changes are of the kind. */
    public long count(Kind kind) {
        return changes.stream().filter(change -> change.kind() == kind).count();
    }

    /** {@code 3 added, 1 changed, 0 removed}. */
    public String counts() {
        return count(Kind.ADDED) + " added, " + count(Kind.CHANGED) + " changed, " + count(Kind.REMOVED) + " removed";
    }
}
