package io.connectorkit.plugin.operate;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ingested rows per hour, for {@code connector:stats}: a table with a bar per hour for the build log, and a
 * self-contained HTML page (inline SVG, no scripts, nothing fetched) a person can open.
 *
 * @param hours one entry per hour of the window, hours without runs included as zero
 * @param resources per resource: runs, failures, rows, last completed run
 */
public record StatsReport(String app, List<Hour> hours, List<Resource> resources) {

    /** Rows ingested by the runs started in one hour (UTC). */
    public record Hour(LocalDateTime start, long rows) {
    }

    /** A resource's runs in total. */
    public record Resource(String name, long runs, long failed, long rows, String lastCompletedAt) {
    }

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final int BAR_WIDTH = 40;

    public StatsReport {
        hours = List.copyOf(hours);
        resources = List.copyOf(resources);
    }

    public long totalRows() {
        return hours.stream().mapToLong(Hour::rows).sum();
    }

    /** The hourly table with its bars, then the resources. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (hours.isEmpty()) {
            lines.add("No ingestion runs yet for " + app + ": enable a resource (connector:resources); its runs "
                    + "follow its schedule (on the embedded target, connector:ingest runs the due ones now)");
            return lines;
        }
        long max = hours.stream().mapToLong(Hour::rows).max().orElse(0);
        int digits = Math.max(4, Long.toString(max).length());
        lines.add("Ingested rows per hour (UTC) for " + app + ":");
        lines.add(String.format(Locale.ROOT, "  %-16s  %" + digits + "s", "hour", "rows"));
        for (Hour hour : hours) {
            lines.add(String.format(Locale.ROOT, "  %-16s  %" + digits + "d  %s", HOUR.format(hour.start()),
                    hour.rows(), bar(hour.rows(), max)));
        }
        lines.add(String.format(Locale.ROOT, "  %-16s  %" + digits + "d", "total", totalRows()));
        if (!resources.isEmpty()) {
            lines.add("Resources:");
            for (Resource resource : resources) {
                lines.add("  " + resource.name() + ": " + resource.rows() + " rows in " + resource.runs()
                        + (resource.runs() == 1 ? " run" : " runs")
                        + (resource.failed() == 0 ? "" : ", " + resource.failed() + " failed")
                        + (resource.lastCompletedAt() == null ? "" : ", last completed " + resource.lastCompletedAt()));
            }
        }
        return lines;
    }

    /** The page written to {@code target/connector/stats.html}. */
    public String html() {
        int chartWidth = 40 + Math.max(1, hours.size()) * 28;
        int chartHeight = 220;
        long max = Math.max(1, hours.stream().mapToLong(Hour::rows).max().orElse(0));
        StringBuilder svg = new StringBuilder();
        svg.append("<svg role=\"img\" aria-label=\"Ingested rows per hour\" ")
                .append("width=\"").append(chartWidth).append("\" height=\"").append(chartHeight + 60).append("\">\n");
        svg.append("<line x1=\"30\" y1=\"").append(chartHeight).append("\" x2=\"").append(chartWidth)
                .append("\" y2=\"").append(chartHeight).append("\" stroke=\"#888\"/>\n");
        for (int i = 0; i < hours.size(); i++) {
            Hour hour = hours.get(i);
            long height = Math.round((chartHeight - 20) * (double) hour.rows() / max);
            int x = 36 + i * 28;
            svg.append("<g><title>").append(escape(HOUR.format(hour.start()))).append(" UTC: ").append(hour.rows())
                    .append(" rows</title><rect x=\"").append(x).append("\" y=\"").append(chartHeight - height)
                    .append("\" width=\"20\" height=\"").append(height).append("\" fill=\"#29b5e8\"/></g>\n");
            svg.append("<text x=\"").append(x + 10).append("\" y=\"").append(chartHeight + 14)
                    .append("\" font-size=\"10\" text-anchor=\"middle\">").append(hour.start().getHour())
                    .append("h</text>\n");
        }
        svg.append("</svg>");
        StringBuilder rows = new StringBuilder();
        for (Hour hour : hours) {
            rows.append("<tr><td>").append(escape(HOUR.format(hour.start()))).append("</td><td class=\"n\">")
                    .append(hour.rows()).append("</td></tr>\n");
        }
        StringBuilder resourceRows = new StringBuilder();
        for (Resource resource : resources) {
            resourceRows.append("<tr><td>").append(escape(resource.name())).append("</td><td class=\"n\">")
                    .append(resource.runs()).append("</td><td class=\"n\">").append(resource.failed())
                    .append("</td><td class=\"n\">").append(resource.rows()).append("</td><td>")
                    .append(escape(resource.lastCompletedAt() == null ? "" : resource.lastCompletedAt()))
                    .append("</td></tr>\n");
        }
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" + escape(app)
                + ": ingested rows per hour</title>\n<style>body{font-family:sans-serif;margin:2em}"
                + "table{border-collapse:collapse}td,th{padding:2px 10px;border-bottom:1px solid #ddd}"
                + ".n{text-align:right}</style></head>\n<body>\n<h1>" + escape(app) + "</h1>\n"
                + "<p>Ingested rows per hour (UTC), from PUBLIC.AGGREGATED_CONNECTOR_STATS; " + totalRows()
                + " rows in total.</p>\n" + svg + "\n<table><tr><th>hour (UTC)</th><th>rows</th></tr>\n" + rows
                + "</table>\n<h2>Resources</h2>\n<table><tr><th>resource</th><th>runs</th><th>failed</th>"
                + "<th>rows</th><th>last completed</th></tr>\n" + resourceRows + "</table>\n</body></html>\n";
    }

    private static String bar(long rows, long max) {
        if (max == 0 || rows == 0) {
            return "";
        }
        int eighths = (int) Math.max(1, Math.round(BAR_WIDTH * 8.0 * rows / max));
        String partial = " ▏▎▍▌▋▊▉".substring(eighths % 8, eighths % 8 + 1).strip();
        return "█".repeat(eighths / 8) + partial;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
