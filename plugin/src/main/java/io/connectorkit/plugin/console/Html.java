package io.connectorkit.plugin.console;

import java.util.List;
import java.util.Locale;

/**
 * The console's HTML: every value that reaches a page goes through {@link #text}, and every page shares one layout
 * with its style inline (no script, nothing fetched: the page's Content-Security-Policy allows neither).
 */
public final class Html {

    private Html() {
    }

    /** Escapes text for an element's content or a double-quoted attribute value. */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** A link only for http and https URLs; anything else (javascript:, data:) is shown as text. */
    public static String link(String url, String label) {
        if (url == null || url.isBlank()) {
            return "";
        }
        String lower = url.strip().toLowerCase(Locale.ROOT);
        if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
            return text(label) + " (" + text(url) + ")";
        }
        return "<a href=\"" + text(url.strip()) + "\" target=\"_blank\" rel=\"noopener noreferrer\">" + text(label)
                + "</a>";
    }

    /** One message shown at the top of a page: what a procedure answered, or why the console refused. */
    public record Message(boolean ok, String text) {
    }

    /**
     * The whole page.
     *
     * @param title the page's title (text)
     * @param header the header's HTML (already escaped)
     * @param messages the messages of the action that led here
     * @param body the page's HTML (already escaped)
     */
    public static String page(String title, String header, List<Message> messages, String body) {
        StringBuilder page = new StringBuilder(8192);
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(text(title)).append("</title>\n<style>").append(STYLE).append("</style></head>\n<body>\n")
                .append(header).append("<main>\n");
        if (!messages.isEmpty()) {
            page.append("<section class=\"messages\" id=\"messages\">\n");
            for (Message message : messages) {
                page.append("<p class=\"message ").append(message.ok() ? "ok" : "error").append("\">")
                        .append(text(message.text())).append("</p>\n");
            }
            page.append("</section>\n");
        }
        return page.append(body).append("</main>\n</body></html>\n").toString();
    }

    private static final String STYLE = String.join("", List.of(
            ":root{--blue:#1a6ce7;--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--bg:#f5f7fa;--ok:#1e7e34;",
            "--err:#b42318}",
            "*{box-sizing:border-box}",
            "body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;",
            "color:var(--ink);background:var(--bg)}",
            "header{background:#102a43;color:#fff;padding:14px 28px;display:flex;align-items:baseline;gap:18px;",
            "flex-wrap:wrap}",
            "header h1{font-size:19px;margin:0;font-weight:600}header .meta{color:#bcccdc;font-size:13px}",
            "header nav{margin-left:auto;display:flex;gap:14px}header nav a{color:#fff;text-decoration:none;",
            "padding:3px 10px;border-radius:4px}header nav a.current{background:#334e68}",
            "main{max-width:1080px;margin:22px auto;padding:0 20px}",
            "section.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px;",
            "margin-bottom:18px}",
            "h2{font-size:17px;margin:0 0 12px}h3{font-size:15px;margin:14px 0 8px}",
            ".messages p{margin:0 0 8px;padding:10px 14px;border-radius:6px;border:1px solid}",
            ".message.ok{background:#e6f4ea;border-color:#a8d5b5;color:var(--ok)}",
            ".message.error{background:#fdecea;border-color:#f5b5ae;color:var(--err);white-space:pre-wrap}",
            "ol.steps{display:flex;list-style:none;padding:0;margin:0 0 18px;gap:8px;counter-reset:step}",
            "ol.steps li{flex:1;padding:9px 12px;border-radius:6px;background:#fff;border:1px solid var(--line);",
            "color:var(--muted);counter-increment:step}",
            "ol.steps li::before{content:counter(step) '. '}",
            "ol.steps li.done{color:var(--ok)}ol.steps li.current{border-color:var(--blue);color:var(--blue);",
            "font-weight:600}ol.steps li a{color:inherit}",
            "form.fields label{display:block;font-weight:600;margin:12px 0 2px}",
            "form .help{color:var(--muted);font-size:13px;margin:2px 0 0}",
            "input[type=text],input[type=password],input[type=number],select,textarea{width:100%;max-width:520px;",
            "padding:7px 9px;border:1px solid #bcccdc;border-radius:5px;font:inherit;background:#fff}",
            "textarea{display:block;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;min-height:60px}",
            "label.check{display:flex;gap:8px;align-items:center;font-weight:600}",
            "button{font:inherit;padding:7px 16px;border-radius:5px;border:1px solid var(--blue);",
            "background:var(--blue);color:#fff;cursor:pointer;margin:12px 8px 0 0}",
            "button.secondary{background:#fff;color:var(--blue)}button.small{padding:3px 10px;margin:0 4px 0 0;",
            "font-size:13px}",
            "table{border-collapse:collapse;width:100%;font-size:14px}",
            "th,td{text-align:left;padding:7px 8px;border-bottom:1px solid var(--line);vertical-align:top}",
            "th{color:var(--muted);font-weight:600;font-size:13px}",
            "td form{display:inline}td input[type=text]{width:110px}td select{width:auto}",
            ".prerequisite{border-bottom:1px solid var(--line);padding:10px 0}",
            ".prerequisite p{margin:4px 0 0 26px;color:var(--muted)}",
            ".badge{display:inline-block;padding:2px 10px;border-radius:10px;font-size:13px;font-weight:600;",
            "background:#e4e7eb}",
            ".badge.STARTED,.badge.LAST_SYNCED,.badge.FINALIZED,.badge.COMPLETED{background:#e6f4ea;color:var(--ok)}",
            ".badge.PAUSED{background:#fff4e5;color:#a15c00}",
            ".badge.ERROR,.badge.FAILED{background:#fdecea;color:var(--err)}",
            "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:6px 18px;margin:0}",
            "dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}",
            ".grid{display:grid;grid-template-columns:1fr 1fr;gap:18px;margin-bottom:18px}",
            ".grid section.card{margin-bottom:0}",
            ".error-text{color:var(--err)}.muted{color:var(--muted)}",
            ".chart{overflow-x:auto}svg text{font-family:system-ui,sans-serif}",
            "code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}"));
}
