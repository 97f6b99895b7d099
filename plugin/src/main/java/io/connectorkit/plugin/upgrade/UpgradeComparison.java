package io.connectorkit.plugin.upgrade;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an upgrade lost, from the app's snapshots before and after it: a table dropped, a column dropped, a row removed
 * or changed, a grant revoked. New tables, columns, rows and grants are what a new version may add. Rows are matched by
 * primary key when the table has one (a changed row names its changed columns), else as whole rows.
 *
 * <p>Two things are not state: the descriptor's text of a prerequisite, which every setup script refreshes, and the
 * values of {@code STATE.SECRETS}, which are compared but never shown.
 *
 * @param losses one line per loss, in table order, then the grants
 * @param tables how many tables were checked
 * @param rows how many rows were compared
 * @param grants how many grants were compared
 */
public record UpgradeComparison(List<String> losses, int tables, long rows, int grants) {

    private static final int MAX_LOSSES_PER_TABLE = 10;
    /** Columns the setup script rewrites from the descriptor at every install and upgrade. */
    private static final Map<String, Set<String>> REFRESHED = Map.of("STATE.PREREQUISITES", Set.of("TITLE",
            "DESCRIPTION", "LEARNMORE_URL", "DOCUMENTATION_URL", "GUIDE_URL", "POSITION"));
    /** Tables whose values are never shown; their rows are named by key. */
    private static final Set<String> SECRET_TABLES = Set.of("STATE.SECRETS");

    /** How a snapshot names a view its consumer reads (Snowflake): {@code view PUBLIC.SYNC_STATUS}. */
    public static final String VIEW = "view ";

    public UpgradeComparison {
        losses = List.copyOf(losses);
    }

    /** Whether the upgrade kept everything. */
    public boolean keptEverything() {
        return losses.isEmpty();
    }

    /** {@code 9 tables checked, 57 rows compared, 14 grants compared}. */
    public String summary() {
        return tables + (tables == 1 ? " table" : " tables") + " checked, " + rows + (rows == 1 ? " row" : " rows")
                + " compared, " + grants + (grants == 1 ? " grant" : " grants") + " compared";
    }

    public static UpgradeComparison between(AppSnapshot before, AppSnapshot after) {
        List<String> losses = new ArrayList<>();
        before.tables().forEach((name, table) -> losses.addAll(tableLosses(name, table, after.tables().get(name))));
        for (String grant : before.grants()) {
            if (!after.grants().contains(grant)) {
                losses.add("grant lost: " + grant);
            }
        }
        return new UpgradeComparison(losses, before.tables().size(), before.rowCount(), before.grants().size());
    }

    private static List<String> tableLosses(String name, AppSnapshot.Table before, AppSnapshot.Table after) {
        List<String> losses = new ArrayList<>();
        if (after == null) {
            losses.add(name + (name.startsWith(VIEW) ? ": no longer readable by the consumer (dropped, or its SELECT "
                    + "grant to the app's roles not made again)" : ": table dropped") + " (it held "
                    + rows(before.rows().size()) + ")");
            return losses;
        }
        List<String> compared = new ArrayList<>();
        for (String column : before.columns()) {
            if (!after.columns().contains(column)) {
                losses.add(name + ": column " + column + " dropped (its values in " + rows(before.rows().size())
                        + " are gone)");
            } else if (!REFRESHED.getOrDefault(name, Set.of()).contains(column)) {
                compared.add(column);
            }
        }
        List<String> rowLosses = compared.containsAll(before.key()) && !before.key().isEmpty()
                ? byKey(name, before, after, compared) : asWholeRows(name, before, after, compared);
        if (rowLosses.size() > MAX_LOSSES_PER_TABLE) {
            int more = rowLosses.size() - MAX_LOSSES_PER_TABLE;
            rowLosses = new ArrayList<>(rowLosses.subList(0, MAX_LOSSES_PER_TABLE));
            rowLosses.add(name + ": … and " + more + " more rows removed or changed");
        }
        losses.addAll(rowLosses);
        return losses;
    }

    private static List<String> byKey(String name, AppSnapshot.Table before, AppSnapshot.Table after,
            List<String> compared) {
        Map<Map<String, String>, Map<String, String>> afterByKey = new HashMap<>();
        for (Map<String, String> row : after.rows()) {
            afterByKey.put(project(row, before.key()), row);
        }
        List<String> losses = new ArrayList<>();
        for (Map<String, String> row : before.rows()) {
            Map<String, String> key = project(row, before.key());
            Map<String, String> upgraded = afterByKey.get(key);
            if (upgraded == null) {
                losses.add(name + ": row " + shown(key) + " removed");
                continue;
            }
            for (String column : compared) {
                if (!Objects.equals(row.get(column), upgraded.get(column))) {
                    losses.add(name + ": row " + shown(key) + ": " + column + (SECRET_TABLES.contains(name)
                            ? " changed" : " changed from " + value(row.get(column)) + " to "
                            + value(upgraded.get(column))));
                }
            }
        }
        return losses;
    }

    private static List<String> asWholeRows(String name, AppSnapshot.Table before, AppSnapshot.Table after,
            List<String> compared) {
        Map<Map<String, String>, Integer> remaining = new HashMap<>();
        for (Map<String, String> row : after.rows()) {
            remaining.merge(project(row, compared), 1, Integer::sum);
        }
        List<String> losses = new ArrayList<>();
        for (Map<String, String> row : before.rows()) {
            Map<String, String> projected = project(row, compared);
            if (remaining.getOrDefault(projected, 0) > 0) {
                remaining.merge(projected, -1, Integer::sum);
            } else {
                // By column name: a table the sink created may order its columns differently from run to run.
                losses.add(name + ": row " + (SECRET_TABLES.contains(name) ? "(values not shown)"
                        : shown(new TreeMap<>(projected))) + " removed or changed");
            }
        }
        return losses;
    }

    private static Map<String, String> project(Map<String, String> row, List<String> columns) {
        Map<String, String> projected = new LinkedHashMap<>();
        columns.forEach(column -> projected.put(column, row.get(column)));
        return projected;
    }

    private static String shown(Map<String, String> values) {
        return values.entrySet().stream().map(entry -> entry.getKey() + "=" + value(entry.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String value(String value) {
        if (value == null) {
            return "NULL";
        }
        return "'" + (value.length() > 80 ? value.substring(0, 77) + "..." : value) + "'";
    }

    private static String rows(long count) {
        return count + (count == 1 ? " row" : " rows");
    }
}
