package io.connectorkit.it.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * What the invoker projects' hook scripts call, so that the scripts stay one line each: the sample API is started
 * with the token the project's {@code invoker.properties} hands to its builds (and the tokens it hands to single
 * invocations, {@code RECORDS_API_TOKEN.<n>}, which rotate it), and its URL reaches those builds as the
 * {@code api.url} property through the project's {@code invoker.userPropertiesFile}.
 */
public final class InvokerHooks {

    static final String TOKEN_VARIABLE = "invoker.environmentVariables.RECORDS_API_TOKEN";
    static final String PROPERTIES_FILE = "invoker.userPropertiesFile";

    private InvokerHooks() {}

    /** Starts the sample API for the invoker project in {@code basedir}; stop it with {@code close()}. */
    public static SampleRecordsApi startSampleApi(Path basedir) throws IOException {
        Properties invoker = new Properties();
        try (InputStream in = Files.newInputStream(basedir.resolve("invoker.properties"))) {
            invoker.load(in);
        }
        String token = invoker.getProperty(TOKEN_VARIABLE);
        String propertiesFile = invoker.getProperty(PROPERTIES_FILE);
        if (token == null || propertiesFile == null) {
            throw new IllegalStateException(basedir.resolve("invoker.properties") + " needs " + TOKEN_VARIABLE
                    + " (the token the API accepts) and " + PROPERTIES_FILE + " (where its URL is written)");
        }
        List<String> tokens = new ArrayList<>(List.of(token.strip()));
        for (String key : invoker.stringPropertyNames()) {
            if (key.matches(Pattern.quote(TOKEN_VARIABLE) + "\\.\\d+")) {
                tokens.add(invoker.getProperty(key).strip());
            }
        }
        SampleRecordsApi api = SampleRecordsApi.start(tokens.toArray(String[]::new));
        Properties build = new Properties();
        build.setProperty("api.url", api.url());
        try (OutputStream out = Files.newOutputStream(basedir.resolve(propertiesFile.strip()))) {
            build.store(out, "Written by the prebuild hook: where the sample records API listens");
        }
        return api;
    }
}
