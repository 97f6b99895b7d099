package io.connectorkit.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.it.sample.SampleRecordsApi;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TakesScreenshot;

/**
 * connector:console in a real browser: a project generated from the archetype is built and deployed to the embedded
 * target, {@code mvn connector:console} serves it, and headless Chromium runs the wizard against the sample records
 * API, adds a resource, runs its ingestion, sees the hourly chart, pauses and resumes. Screenshots of the wizard and
 * of the daily-use page go to {@code target/screenshots}. Skipped, with one line, where Chromium or its driver is not
 * installed ({@code apt-get install chromium chromium-driver}; {@code .ci/run} installs them when it can).
 */
class ConsoleBrowserIT {

    private static final String TOKEN = "console-it-token-4f1d9a-only-in-the-environment";
    private static final Duration WAIT = Duration.ofSeconds(180);

    private final Path chromium = Path.of(System.getProperty("console.it.chromium", "/usr/bin/chromium"));
    private final Path chromedriver = Path.of(System.getProperty("console.it.chromedriver", "/usr/bin/chromedriver"));
    private final Path target = Path.of(System.getProperty("console.it.target", "target")).toAbsolutePath();
    private final Path work = target.resolve("console-it");
    private final Path screenshots = target.resolve("screenshots");

    @Test
    void theWizardTheDailyPageAnIngestionTheChartAndPauseResumeInChromium() throws Exception {
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            String line = "ConsoleBrowserIT skipped: no browser (" + (Files.isExecutable(chromium) ? chromedriver
                    : chromium) + " is not installed); apt-get install -y chromium chromium-driver runs it";
            System.out.println(line);
            Assumptions.abort(line);
        }
        deleteTree(work);
        Files.createDirectories(work);
        Files.createDirectories(screenshots);
        Path settings = settings();
        try (SampleRecordsApi api = SampleRecordsApi.start(TOKEN)) {
            maven(settings, work, "generate.log", "org.apache.maven.plugins:maven-archetype-plugin:"
                    + property("console.it.archetypePluginVersion") + ":generate",
                    "-DarchetypeGroupId=io.connectorkit", "-DarchetypeArtifactId=connector-archetype",
                    "-DarchetypeVersion=" + property("console.it.kitVersion"), "-DgroupId=com.example",
                    "-DartifactId=orders-connector", "-Dpackage=com.example.orders", "-DinteractiveMode=false");
            Path project = work.resolve("orders-connector");
            maven(settings, project, "deploy.log", "-DskipTests", "package", "connector:deploy");
            Process console = start(settings, project);
            try {
                String address = awaitAddress(console, project.resolve("console.log"));
                drive(address, api.url());
            } finally {
                stop(console);
            }
            String log = Files.readString(project.resolve("console.log"));
            assertThat(log).contains("CREATE_RESOURCE: OK", "RUN_INGESTION_NOW: OK", "PAUSE_CONNECTOR: OK",
                    "RESUME_CONNECTOR: OK", "Console stopped").doesNotContain(TOKEN);
        }
    }

    private void drive(String address, String apiUrl) throws IOException {
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().withLogFile(work.resolve("chromedriver.log").toFile()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // This machine's network is closed: Chromium's background connections are switched off, not left to fail.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory(work, "chromium-profile"),
                "--window-size=1280,1000");
        WebDriver browser = new ChromeDriver(service, options);
        try {
            browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            browser.get(address);

            // 1. Prerequisites: one checkbox per prerequisite of the descriptor, with its documentation link.
            assertThat(browser.getCurrentUrl()).endsWith("/wizard");
            assertThat(current(browser)).isEqualTo("Prerequisites");
            assertThat(browser.findElements(By.cssSelector(".prerequisite a")))
                    .anyMatch(link -> link.getAttribute("href").startsWith("https://docs.snowflake.com/"));
            browser.findElement(By.id("prerequisite-network")).click();
            browser.findElement(By.id("prerequisite-token")).click();
            screenshot(browser, "wizard-prerequisites.png");
            submit(browser, By.id("prerequisites-next"));
            assertThat(messages(browser)).contains("COMPLETE_PREREQUISITES_STEP: OK (Prerequisites step completed "
                    + "successfully.)");

            // 2. Connector configuration: typed inputs from the descriptor's fields.
            assertThat(current(browser)).isEqualTo("Connector configuration");
            assertThat(browser.findElement(By.id("field-page_size")).getAttribute("type")).isEqualTo("number");
            type(browser, "field-warehouse", "ORDERS_CONNECTOR_WH");
            type(browser, "field-destination_database", "ORDERS_CONNECTOR_DATA");
            type(browser, "field-destination_schema", "RAW");
            type(browser, "field-page_size", "50");
            submit(browser, By.id("connector-submit"));
            assertThat(messages(browser)).anyMatch(message -> message.startsWith("CONFIGURE_CONNECTOR: OK"));

            // 3. Connection: the secret is a password input; the app tests the connection and says how it went.
            assertThat(current(browser)).isEqualTo("Connection");
            assertThat(browser.findElement(By.id("field-api_token")).getAttribute("type")).isEqualTo("password");
            type(browser, "field-base_url", apiUrl);
            type(browser, "field-api_token", "not-the-token");
            submit(browser, By.id("connection-submit"));
            assertThat(browser.findElements(By.cssSelector(".message.error"))).isNotEmpty();
            assertThat(current(browser)).isEqualTo("Connection");
            screenshot(browser, "wizard-connection.png");
            type(browser, "field-api_token", TOKEN);
            submit(browser, By.id("connection-submit"));
            assertThat(messages(browser)).anyMatch(message -> message.startsWith("SET_CONNECTION_CONFIGURATION: OK"));

            // 4. Finalize, which lands on the daily-use page.
            assertThat(current(browser)).isEqualTo("Finalize");
            screenshot(browser, "wizard.png");
            submit(browser, By.id("finalize-submit"));
            assertThat(messages(browser)).anyMatch(message -> message.startsWith("FINALIZE_CONNECTOR_CONFIGURATION: "
                    + "OK"));
            assertThat(browser.getCurrentUrl()).contains("/daily");
            assertThat(browser.findElement(By.id("connector-status")).getText()).isEqualTo("STARTED");

            // A resource, its ingestion now, and the hour's bar in the chart.
            type(browser, "name", "orders");
            type(browser, "resourceId", "{\"dataset\": \"orders\"}");
            type(browser, "configurationId", "incremental");
            type(browser, "scheduleDefinition", "15m");
            type(browser, "destination", "{\"table\": \"ORDERS\"}");
            submit(browser, By.id("add-resource-submit"));
            assertThat(messages(browser)).anyMatch(message -> message.startsWith("CREATE_RESOURCE: OK"));
            WebElement row = browser.findElement(By.cssSelector("#resource-table tr[data-resource]"));
            assertThat(row.getText()).contains("orders", "INTERVAL 15m", "no run yet");
            submit(browser, row.findElement(By.cssSelector("button.run-now")));
            assertThat(messages(browser)).anyMatch(message -> message.startsWith("RUN_INGESTION_NOW: OK"))
                    .anyMatch(message -> message.startsWith("orders: COMPLETED, " + SampleRecordsApi.ORDERS + " rows"));
            assertThat(browser.findElement(By.id("run-table")).getText()).contains("COMPLETED",
                    String.valueOf(SampleRecordsApi.ORDERS));
            List<Integer> bars = new ArrayList<>();
            for (WebElement bar : browser.findElements(By.cssSelector("#chart svg g.hour rect"))) {
                bars.add(Integer.parseInt(bar.getAttribute("height")));
            }
            assertThat(bars).hasSize(24).anyMatch(height -> height > 0);

            // Pause and resume.
            submit(browser, By.id("pause"));
            assertThat(messages(browser)).anyMatch(message -> message.startsWith("PAUSE_CONNECTOR: OK"));
            assertThat(browser.findElement(By.id("connector-status")).getText()).isEqualTo("PAUSED");
            submit(browser, By.id("resume"));
            assertThat(messages(browser)).anyMatch(message -> message.startsWith("RESUME_CONNECTOR: OK"));
            assertThat(browser.findElement(By.id("connector-status")).getText()).isEqualTo("STARTED");

            browser.get(address + "daily");
            assertThat(browser.getPageSource()).doesNotContain(TOKEN);
            screenshot(browser, "daily.png");
        } finally {
            browser.quit();
        }
    }

    /** Clicks a form's button and waits for the page the form leads to (the console redirects after each form). */
    private static void submit(WebDriver browser, By button) {
        submit(browser, browser.findElement(button));
    }

    private static void submit(WebDriver browser, WebElement button) {
        WebElement page = browser.findElement(By.tagName("html"));
        button.click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.stalenessOf(page));
        wait.until(driver -> "complete".equals(((JavascriptExecutor) driver).executeScript(
                "return document.readyState")));
    }

    private static String current(WebDriver browser) {
        return browser.findElement(By.cssSelector("ol.steps li.current")).getText().replaceFirst("^\\d+\\.\\s*", "");
    }

    /** The messages of the action that led to the page, each without the console's trailing details. */
    private static List<String> messages(WebDriver browser) {
        return browser.findElements(By.cssSelector("#messages p")).stream().map(WebElement::getText).toList();
    }

    private static void type(WebDriver browser, String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    /** The whole page: the window is made as tall as the document first. */
    private void screenshot(WebDriver browser, String name) throws IOException {
        Object height = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(1280, Math.min(4000, ((Number) height).intValue() + 40)));
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(new Dimension(1280, 1000));
    }

    // ---------------------------------------------------------------- Maven

    /** The invoker's settings, pointing at the build's own repository as the ITs' remote one. */
    private Path settings() throws IOException {
        String template = Files.readString(Path.of("src/it/settings.xml"));
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, template.replace("@localRepositoryUrl@",
                Path.of(property("console.it.buildRepository")).toUri().toString()));
        return settings;
    }

    private List<String> command(Path settings, Path folder, String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(property("console.it.mavenHome"), "bin", "mvn")
                .toString(), "-B", "-s", settings.toString(), "-Dmaven.repo.local=" + property("console.it.repository"),
                "-Dconnectorkit.embedded.secretKey=" + work.resolve("embedded-secrets.key")));
        command.addAll(List.of(arguments));
        return command;
    }

    private void maven(Path settings, Path folder, String log, String... arguments) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command(settings, folder, arguments)).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve(log).toFile());
        Process process = builder.start();
        if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", arguments) + " took longer than " + WAIT);
        }
        assertThat(process.exitValue()).as("mvn %s failed:\n%s", String.join(" ", arguments),
                Files.readString(work.resolve(log))).isZero();
    }

    private Process start(Path settings, Path project) throws IOException {
        return new ProcessBuilder(command(settings, project, "connector:console", "-Dconnector.port=0"))
                .directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(project.resolve("console.log").toFile()).start();
    }

    private static String awaitAddress(Process console, Path log) throws Exception {
        Pattern listening = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/)");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = listening.matcher(Files.readString(log));
            if (matcher.find()) {
                return matcher.group(1);
            }
            if (!console.isAlive()) {
                throw new AssertionError("connector:console stopped before it listened:\n" + Files.readString(log));
            }
            Thread.sleep(250);
        }
        throw new AssertionError("connector:console did not listen within " + WAIT + ":\n" + Files.readString(log));
    }

    /** As Ctrl-C does: the console's shutdown hook stops the server. */
    private static void stop(Process console) throws Exception {
        console.descendants().forEach(ProcessHandle::destroy);
        console.destroy();
        if (!console.waitFor(30, TimeUnit.SECONDS)) {
            console.descendants().forEach(ProcessHandle::destroyForcibly);
            console.destroyForcibly();
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set; run the IT through the it "
                    + "module's failsafe execution (./mvnw -pl it verify)");
        }
        return value;
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
