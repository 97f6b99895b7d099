package io.connectorkit.plugin.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.AppRole;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.local.RuntimeLogging;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.Locale;

/**
 * {@code connector:console}: a local web page over an installed embedded app, served on the loopback interface only.
 * Every request opens the app as the console's role, reads its views or calls its procedures, and closes it again, so
 * the app's own grants decide what the page may do (VIEWER reads, ADMIN changes) and other goals can use the app
 * between requests. Pages are server-rendered HTML with plain forms (POST, then a redirect to a page that shows the
 * procedures' answers); there is no script.
 *
 * <p>Requests are refused unless their Host header names the loopback address and port (so that a site whose DNS
 * name is rebound to 127.0.0.1 cannot read the pages), and a form is refused unless it carries this server's token
 * (so that another site cannot submit it from the user's browser).
 */
public final class ConsoleServer implements AutoCloseable {

    /** Opens the app for one request, as the console's role; the server closes it after the request. */
    @FunctionalInterface
    public interface AppOpener {
        InstalledApp open() throws AppException;
    }

    /** The default port of {@code connector.port}. */
    public static final int DEFAULT_PORT = 8417;

    static final String CSRF_FIELD = "csrf";
    private static final int MAX_BODY = 256 * 1024;
    private static final int FLASHES_KEPT = 64;
    private static final String SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final ConsolePages pages;
    private final ConsoleActions actions;
    private final AppOpener opener;
    private final Consumer<String> log;
    private final Consumer<String> warn;
    private final BiConsumer<String, Throwable> debug;
    private final String csrfToken;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Flash> flashes = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Flash> eldest) {
            return size() > FLASHES_KEPT;
        }
    };
    private HttpServer server;
    private ExecutorService executor;
    private Set<String> allowedHosts = Set.of();

    /** What an action left for the page it redirects to: its messages, and the non-secret inputs of a refused form. */
    record Flash(List<Html.Message> messages, Map<String, String> draft) {
    }

    /**
     * @param descriptor the connector's descriptor: its prerequisites and typed fields shape the forms
     * @param role the role the opener opens the app as; VIEWER pages show no change buttons
     * @param clock the clock of the hourly chart's window
     * @param log where each procedure's answer is logged (never a secret)
     */
    public ConsoleServer(Descriptor descriptor, AppRole role, AppOpener opener, Clock clock, Consumer<String> log,
            Consumer<String> warn, BiConsumer<String, Throwable> debug) {
        this.opener = opener;
        this.log = log;
        this.warn = warn;
        this.debug = debug;
        byte[] token = new byte[24];
        random.nextBytes(token);
        this.csrfToken = HexFormat.of().formatHex(token);
        this.pages = new ConsolePages(descriptor, role, clock, csrfToken);
        this.actions = new ConsoleActions(descriptor, log);
    }

    /**
     * Listens on 127.0.0.1.
     *
     * @param port the port; 0 chooses a free one
     * @return the console's address, {@code http://127.0.0.1:<port>/}
     * @throws IOException when the port cannot be bound (in use, or not allowed)
     */
    public URI start(int port) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        server = HttpServer.create(new InetSocketAddress(loopback, port), 0);
        // One request at a time: the embedded app is a single-user database, and the pages are for one user.
        executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "connector-console");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        int bound = server.getAddress().getPort();
        allowedHosts = Set.of("127.0.0.1:" + bound, "localhost:" + bound);
        return URI.create("http://127.0.0.1:" + bound + "/");
    }

    /** The form token every page embeds; tests submit forms with it. */
    String csrfToken() {
        return csrfToken;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host")).orElse("");
            if (!allowedHosts.contains(host.strip().toLowerCase(Locale.ROOT))) {
                plain(exchange, 403, "The console answers requests for " + String.join(" or ", allowedHosts)
                        + " only, not for Host '" + host + "'; open the address connector:console printed");
                return;
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (method.equals("GET") || method.equals("HEAD")) {
                get(exchange, path, FormData.parse(exchange.getRequestURI().getRawQuery()));
            } else if (method.equals("POST")) {
                post(exchange, path);
            } else {
                exchange.getResponseHeaders().set("Allow", "GET, POST");
                plain(exchange, 405, method + " is not supported; the console answers GET and POST");
            }
        } catch (RuntimeException e) {
            warn.accept("The console failed on " + exchange.getRequestURI().getPath() + ": " + e);
            debug.accept("The console failed", e);
            html(exchange, 500, Html.page("Console error", "", List.of(new Html.Message(false, "The console failed: "
                    + e.getMessage() + " (mvn -X shows the stack trace)")), ""));
        }
    }

    private void get(HttpExchange exchange, String path, FormData query) throws IOException {
        if (path.equals("/favicon.ico")) {
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        Flash flash = query.first("flash").map(this::takeFlash).orElse(new Flash(List.of(), Map.of()));
        ConsolePages.Page page;
        try (RuntimeLogging.Scope logging = RuntimeLogging.toGoalLog(warn, debug);
                InstalledApp app = opener.open()) {
            page = pages.render(app, path, query, flash);
        } catch (AppException e) {
            page = ConsolePages.Page.of(503, pages.error(e.getMessage()));
        }
        if (page.redirect() != null) {
            redirect(exchange, page.redirect());
        } else {
            html(exchange, page.status(), page.html());
        }
    }

    private void post(HttpExchange exchange, String path) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null && !allowedHosts.contains(origin.replaceFirst("^http://", "").toLowerCase(
                Locale.ROOT))) {
            warn.accept("Refused a form sent from " + origin + " to " + path);
            plain(exchange, 403, "The console accepts forms from its own pages only, not from " + origin
                    + "; nothing was changed");
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            plain(exchange, 413, "The form is larger than " + MAX_BODY / 1024 + " KB; nothing was changed");
            return;
        }
        FormData form;
        try {
            form = FormData.parse(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            plain(exchange, 400, "The form is not URL-encoded form data (" + e.getMessage() + "); nothing was changed");
            return;
        }
        if (!MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.UTF_8),
                form.text(CSRF_FIELD).getBytes(StandardCharsets.UTF_8))) {
            html(exchange, 403, pages.error("The form has no valid token of this console (it was opened before the "
                    + "console restarted, or it comes from another site): reload the page and submit it again. "
                    + "Nothing was changed"));
            return;
        }
        Optional<ConsoleActions.Action> action = actions.action(path);
        if (action.isEmpty()) {
            html(exchange, 404, pages.error("The console has no action " + path + "; nothing was changed"));
            return;
        }
        ConsoleActions.Outcome outcome;
        try (RuntimeLogging.Scope logging = RuntimeLogging.toGoalLog(warn, debug);
                InstalledApp app = opener.open()) {
            outcome = action.get().run(app, form);
        } catch (AppException e) {
            outcome = ConsoleActions.Outcome.refused(action.get().page(), e.getMessage(), Map.of());
        }
        for (Html.Message message : outcome.messages()) {
            (message.ok() ? log : warn).accept(message.text());
        }
        String id = HexFormat.of().formatHex(nextId());
        synchronized (flashes) {
            flashes.put(id, new Flash(outcome.messages(), outcome.draft()));
        }
        String target = outcome.redirect();
        int fragment = target.indexOf('#');
        String page = fragment < 0 ? target : target.substring(0, fragment);
        redirect(exchange, page + (page.contains("?") ? "&" : "?") + "flash=" + id
                + (fragment < 0 ? "" : target.substring(fragment)));
    }

    private byte[] nextId() {
        byte[] id = new byte[12];
        random.nextBytes(id);
        return id;
    }

    private Flash takeFlash(String id) {
        synchronized (flashes) {
            Flash flash = flashes.remove(id);
            return flash == null ? new Flash(List.of(), Map.of()) : flash;
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(303, -1);
    }

    private static void html(HttpExchange exchange, int status, String html) throws IOException {
        send(exchange, status, "text/html; charset=utf-8", html);
    }

    private static void plain(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", text + "\n");
    }

    private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Content-Security-Policy", SECURITY_POLICY);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        // same-origin, not no-referrer: under no-referrer a browser sends its forms with "Origin: null".
        exchange.getResponseHeaders().set("Referrer-Policy", "same-origin");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
