package io.connectorkit.plugin.operate;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ingested rows and failed runs per hour, for {@code connector:stats}: a table with a bar per hour for the build log,
 * and a self-contained HTML page (inline SVG with a time axis and a value axis, no scripts, nothing fetched).
 *
 * @param hours one entry per requested hour, up to the current one, hours without runs included as zero
 * @param resources per resource: runs, failures, rows, last completed run, the error it fails with now
 * @param failures the newest failed runs of the hours shown
 * @param failureCount how many runs failed in the hours shown
 * @param lastRunAt when the newest run of all started; {@code null} when there is none
 */
public record StatsReport(
        String app,
        List<Hour> hours,
        List<Resource> resources,
        List<Failure> failures,
        int failureCount,
        LocalDateTime lastRunAt) {

    /** Rows ingested by the runs started in one hour (UTC), and how many of them failed. */
    public record Hour(LocalDateTime start, long rows, long failed) {}

    /**
     * A resource's runs in total.
     *
     * @param strategy SNAPSHOT (rows: those its last completed run kept) or INCREMENTAL (rows: summed over runs)
     * @param failingWith the error of its last run when that run failed; {@code null} otherwise
     */
    public record Resource(
            String name,
            String strategy,
            long runs,
            long failed,
            long rows,
            String lastCompletedAt,
            String failingWith) {}

    /** One failed run. */
    public record Failure(LocalDateTime startedAt, String resource, String error) {}

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);
    private static final int BAR_WIDTH = 40;

    public StatsReport {
        hours = List.copyOf(hours);
        resources = List.copyOf(resources);
        failures = List.copyOf(failures);
    }

    /** Rows ingested in the hours shown (a snapshot counts each time it ran). */
    public long totalRows() {
        return hours.stream().mapToLong(Hour::rows).sum();
    }

    /** The hourly table with its bars, then the resources, then the failed runs. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (lastRunAt == null) {
            lines.add("No ingestion runs yet for " + app + ": enable a resource (connector:resources); its runs "
                    + "follow its schedule (on the embedded target, connector:ingest runs the due ones now)");
            return lines;
        }
        long max = hours.stream().mapToLong(Hour::rows).max().orElse(0);
        int digits = Math.max(4, Long.toString(max).length());
        lines.add("Ingested rows per hour (UTC) for " + app + ", the last " + hours.size()
                + (hours.size() == 1 ? " hour:" : " hours:"));
        lines.add(String.format(Locale.ROOT, "  %-16s  %" + digits + "s", "hour", "rows"));
        for (Hour hour : hours) {
            String bar = bar(hour.rows(), max);
            lines.add(String.format(
                            Locale.ROOT, "  %-16s  %" + digits + "d  %s", HOUR.format(hour.start()), hour.rows(), bar)
                    + (hour.failed() == 0 ? "" : (bar.isEmpty() ? "" : " ") + "✗ " + hour.failed() + " failed"));
        }
        lines.add(String.format(Locale.ROOT, "  %-16s  %" + digits + "d", "total", totalRows())
                + (failureCount == 0 ? "" : "  ✗ " + failureCount + " failed"));
        if (totalRows() == 0 && failureCount == 0) {
            lines.add("  no runs in these hours; the last run started " + SECOND.format(lastRunAt) + " UTC "
                    + "(-Dconnector.hours shows more)");
        }
        if (!resources.isEmpty()) {
            lines.add("Resources:");
            for (Resource resource : resources) {
                lines.add("  " + resourceLine(resource));
            }
        }
        if (!failures.isEmpty()) {
            lines.add("Failed runs"
                    + (failureCount > failures.size()
                            ? " (the newest " + failures.size() + " of " + failureCount + ")"
                            : "")
                    + ":");
            for (Failure failure : failures) {
                lines.add("  " + SECOND.format(failure.startedAt()) + " UTC  " + failure.resource() + ": "
                        + failure.error());
            }
        }
        return lines;
    }

    private static String resourceLine(Resource resource) {
        String runs = resource.runs() + (resource.runs() == 1 ? " run" : " runs");
        String rows = "SNAPSHOT".equals(resource.strategy())
                ? resource.rows() + " rows kept (a snapshot: its last completed run's) after " + runs
                : resource.rows() + " rows in " + runs;
        return resource.name() + ": " + rows + (resource.failed() == 0 ? "" : ", " + resource.failed() + " failed")
                + (resource.lastCompletedAt() == null ? "" : ", last completed " + resource.lastCompletedAt())
                + (resource.failingWith() == null ? "" : "; failing: " + resource.failingWith());
    }

    /** The page written to {@code target/connector/stats.html}. */
    public String html() {
        StringBuilder rows = new StringBuilder();
        for (Hour hour : hours) {
            rows.append("<tr><td>")
                    .append(escape(HOUR.format(hour.start())))
                    .append("</td><td class=\"n\">")
                    .append(hour.rows())
                    .append("</td><td class=\"n\">")
                    .append(hour.failed() == 0 ? "" : String.valueOf(hour.failed()))
                    .append("</td></tr>\n");
        }
        StringBuilder resourceRows = new StringBuilder();
        for (Resource resource : resources) {
            resourceRows
                    .append("<tr><td>")
                    .append(escape(resource.name()))
                    .append("</td><td>")
                    .append(escape(resource.strategy()))
                    .append("</td><td class=\"n\">")
                    .append(resource.runs())
                    .append("</td><td class=\"n\">")
                    .append(resource.failed())
                    .append("</td><td class=\"n\">")
                    .append(resource.rows())
                    .append("</td><td>")
                    .append(escape(resource.lastCompletedAt() == null ? "" : resource.lastCompletedAt()))
                    .append("</td><td>")
                    .append(escape(resource.failingWith() == null ? "" : resource.failingWith()))
                    .append("</td></tr>\n");
        }
        StringBuilder failureRows = new StringBuilder();
        for (Failure failure : failures) {
            failureRows
                    .append("<tr><td>")
                    .append(escape(SECOND.format(failure.startedAt())))
                    .append("</td><td>")
                    .append(escape(failure.resource()))
                    .append("</td><td>")
                    .append(escape(failure.error()))
                    .append("</td></tr>\n");
        }
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" + escape(app)
                + ": ingested rows per hour</title>\n<style>body{font-family:sans-serif;margin:2em}"
                + "table{border-collapse:collapse;margin-bottom:1.5em}td,th{padding:2px 10px;border-bottom:1px solid"
                + " #ddd;text-align:left}.n{text-align:right}svg text{font-family:sans-serif}</style></head>\n<body>\n"
                + "<h1>" + escape(app) + "</h1>\n<p>Ingested rows per hour (UTC) over the last " + hours.size()
                + " hours, from PUBLIC.AGGREGATED_CONNECTOR_STATS: " + totalRows() + " rows in total, " + failureCount
                + " failed " + (failureCount == 1 ? "run" : "runs") + ".</p>\n" + chart() + "\n"
                + "<h2>Resources</h2>\n<p>A SNAPSHOT resource's rows are those its last completed run kept; an "
                + "INCREMENTAL resource's are summed over its runs.</p>\n<table><tr><th>resource</th><th>strategy</th>"
                + "<th>runs</th><th>failed</th><th>rows</th><th>last completed</th><th>failing with</th></tr>\n"
                + resourceRows + "</table>\n"
                + (failures.isEmpty()
                        ? ""
                        : "<h2>Failed runs</h2>\n<table><tr><th>started (UTC)</th><th>resource"
                                + "</th><th>error</th></tr>\n" + failureRows + "</table>\n")
                + "<h2>Hours</h2>\n<table><tr><th>hour (UTC)</th><th>rows</th><th>failed runs</th></tr>\n" + rows
                + "</table>\n</body></html>\n";
    }

    /**
     * Bars of rows per hour on a time axis (every requested hour) and a value axis, failed runs marked in red: an SVG
     * element with no script, which the stats page and the console embed.
     */
    public String chart() {
        int left = 64;
        int top = 30;
        int plotHeight = 220;
        int slot = hours.size() <= 48 ? 28 : Math.max(4, 1344 / hours.size());
        int plotWidth = Math.max(1, hours.size()) * slot;
        int width = left + plotWidth + 20;
        int height = top + plotHeight + 64;
        long niceMax = niceCeiling(hours.stream().mapToLong(Hour::rows).max().orElse(0));
        int baseline = top + plotHeight;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg role=\"img\" aria-label=\"Ingested rows per hour\" " + "width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\">\n");
        int ticks = 4;
        for (int i = 0; i <= ticks; i++) {
            long value = niceMax * i / ticks;
            int y = baseline - (int) Math.round((double) plotHeight * i / ticks);
            svg.append("<line class=\"grid\" x1=\"")
                    .append(left)
                    .append("\" y1=\"")
                    .append(y)
                    .append("\" x2=\"")
                    .append(left + plotWidth)
                    .append("\" y2=\"")
                    .append(y)
                    .append("\" stroke=\"")
                    .append(i == 0 ? "#555" : "#e4e4e4")
                    .append("\"/>\n");
            svg.append("<text class=\"y-label\" x=\"")
                    .append(left - 6)
                    .append("\" y=\"")
                    .append(y + 4)
                    .append("\" font-size=\"11\" text-anchor=\"end\">")
                    .append(value)
                    .append("</text>\n");
        }
        svg.append("<line x1=\"")
                .append(left)
                .append("\" y1=\"")
                .append(top)
                .append("\" x2=\"")
                .append(left)
                .append("\" y2=\"")
                .append(baseline)
                .append("\" stroke=\"#555\"/>\n");
        svg.append("<text x=\"14\" y=\"")
                .append(top + plotHeight / 2)
                .append("\" font-size=\"11\" ")
                .append("text-anchor=\"middle\" transform=\"rotate(-90 14 ")
                .append(top + plotHeight / 2)
                .append(")\">rows</text>\n");
        int labelEvery = Math.max(1, (int) Math.ceil(hours.size() / 24.0));
        for (int i = 0; i < hours.size(); i++) {
            Hour hour = hours.get(i);
            int x = left + i * slot;
            long barHeight = Math.round((double) plotHeight * hour.rows() / niceMax);
            String tooltip = HOUR.format(hour.start()) + " UTC: " + hour.rows() + " rows"
                    + (hour.failed() == 0 ? "" : ", " + hour.failed() + " failed");
            svg.append("<g class=\"hour\"><title>")
                    .append(escape(tooltip))
                    .append("</title><rect x=\"")
                    .append(x + slot / 8)
                    .append("\" y=\"")
                    .append(baseline - barHeight)
                    .append("\" width=\"")
                    .append(Math.max(1, slot - slot / 4))
                    .append("\" height=\"")
                    .append(barHeight)
                    .append("\" fill=\"#29b5e8\"/>");
            if (hour.failed() > 0) {
                int cx = x + slot / 2;
                long cy = baseline - barHeight - 10;
                svg.append("<circle class=\"failed\" cx=\"")
                        .append(cx)
                        .append("\" cy=\"")
                        .append(cy)
                        .append("\" r=\"6\" fill=\"#d93025\"/><text x=\"")
                        .append(cx)
                        .append("\" y=\"")
                        .append(cy + 4)
                        .append("\" font-size=\"9\" fill=\"#fff\" text-anchor=\"middle\">")
                        .append(hour.failed())
                        .append("</text>");
            }
            svg.append("</g>\n");
            if (i % labelEvery == 0) {
                svg.append("<text class=\"x-label\" x=\"")
                        .append(x + slot / 2)
                        .append("\" y=\"")
                        .append(baseline + 14)
                        .append("\" font-size=\"10\" text-anchor=\"middle\">")
                        .append(String.format(Locale.ROOT, "%02d", hour.start().getHour()))
                        .append("</text>\n");
                if (i == 0 || hour.start().getHour() < labelEvery) {
                    svg.append("<text class=\"x-day\" x=\"")
                            .append(x + slot / 2)
                            .append("\" y=\"")
                            .append(baseline + 27)
                            .append("\" font-size=\"9\" fill=\"#666\" text-anchor=\"middle\">")
                            .append(DAY.format(hour.start()))
                            .append("</text>\n");
                }
            }
        }
        svg.append("<text x=\"")
                .append(left + plotWidth / 2)
                .append("\" y=\"")
                .append(baseline + 44)
                .append("\" font-size=\"11\" text-anchor=\"middle\">hour (UTC)</text>\n");
        svg.append("<rect x=\"")
                .append(left)
                .append("\" y=\"8\" width=\"10\" height=\"10\" fill=\"#29b5e8\"/>")
                .append("<text x=\"")
                .append(left + 14)
                .append("\" y=\"17\" font-size=\"11\">rows ingested</text>")
                .append("<circle cx=\"")
                .append(left + 120)
                .append("\" cy=\"13\" r=\"5\" fill=\"#d93025\"/>")
                .append("<text x=\"")
                .append(left + 128)
                .append("\" y=\"17\" font-size=\"11\">failed runs</text>\n");
        svg.append("</svg>");
        return svg.toString();
    }

    /** The smallest 1, 2 or 5 times a power of ten that is at least the value (at least 1). */
    static long niceCeiling(long value) {
        if (value <= 1) {
            return 1;
        }
        long power = 1;
        while (power * 10 < value) {
            power *= 10;
        }
        for (long step : new long[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
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
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
