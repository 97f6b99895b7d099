package io.connectorkit.plugin.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.plugin.plan.Change.Kind;
import io.connectorkit.plugin.plan.Change.Section;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.core.JsonProcessingException;

/** A plan as the build log shows it, as JSON for scripts, and as Markdown for a pull-request comment. */
public final class PlanReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Plan plan;

    public PlanReport(Plan plan) {
        this.plan = plan;
    }

    /**
     * The changes for the build log, one per line under its section ({@code + added}, {@code ~ changed},
     * {@code - removed}), then the notes; a plan without changes is the one line {@code (nothing changed)}.
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (plan.changesNothing()) {
            lines.add("(nothing changed)");
        } else {
            Section current = null;
            for (Change change : plan.changes()) {
                if (change.section() != current) {
                    current = change.section();
                    lines.add("  " + current.label() + ":");
                }
                lines.add("    " + change.kind().sign() + " " + change.subject()
                        + (change.detail().isEmpty() ? "" : " — " + change.detail()));
            }
        }
        plan.notes().forEach(note -> lines.add("  Note: " + note));
        return lines;
    }

    /**
     * One JSON document: {@code target}, {@code app}, {@code changed} (whether a deploy changes anything),
     * {@code counts} ({@code added}, {@code changed}, {@code removed}), {@code changes} (each {@code section}, {@code kind},
     * {@code subject}, {@code detail}) and {@code notes}.
     */
    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("target", plan.target());
        root.put("app", plan.app());
        root.put("changed", !plan.changesNothing());
        root.putObject("counts").put("added", plan.count(Kind.ADDED)).put("changed", plan.count(Kind.CHANGED))
                .put("removed", plan.count(Kind.REMOVED));
        ArrayNode changes = root.putArray("changes");
        for (Change change : plan.changes()) {
            changes.addObject().put("section", change.section().label()).put("kind", change.kind().label())
                    .put("subject", change.subject()).put("detail", change.detail());
        }
        ArrayNode notes = root.putArray("notes");
        plan.notes().forEach(notes::add);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A plan could not be written as JSON", e);
        }
    }

    /** GitHub-flavoured Markdown: a heading, the counts, a table of the changes, the notes as a quote. */
    public String markdown() {
        StringBuilder text = new StringBuilder();
        text.append("### Deploy plan: ").append(code(plan.app())).append(" on ").append(plan.target()).append("\n\n");
        if (plan.changesNothing()) {
            text.append("No changes: the deployed app is what the bundle would deploy.\n");
        } else {
            text.append("**").append(plan.counts()).append("**\n\n");
            text.append("| change | section | what | detail |\n|---|---|---|---|\n");
            for (Change change : plan.changes()) {
                text.append("| ").append(change.kind().label()).append(" | ").append(change.section().label())
                        .append(" | ").append(code(change.subject())).append(" | ").append(cell(change.detail()))
                        .append(" |\n");
            }
        }
        for (String note : plan.notes()) {
            text.append("\n> **Note:** ").append(cell(note)).append('\n');
        }
        return text.toString();
    }

    /** Text in a table cell: a pipe would end the cell, a line break the row. */
    private static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    /** A code span that survives backticks in the text and sits in a table cell. */
    private static String code(String text) {
        String inner = text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
        return inner.contains("`") ? "`` " + inner + " ``" : "`" + inner + "`";
    }
}
