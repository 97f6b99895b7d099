package io.connectorkit.fake.snowflake;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The account objects a deploy creates, kept by the fake endpoint: application packages with their versions, and
 * applications, each with its comment. Enough state for SHOW statements to answer what earlier statements did.
 */
public final class FakeAccount {

    private static final Pattern NAME = Pattern.compile("\"([^\"]+)\"");
    private static final Pattern COMMENT = Pattern.compile("COMMENT = '([^']*)'");

    /** Application packages by name, with their comments. */
    public final Map<String, String> packages = new ConcurrentHashMap<>();
    /** Applications by name, with their comments. */
    public final Map<String, String> applications = new ConcurrentHashMap<>();
    /** The versions of each package. */
    public final Map<String, Set<String>> versions = new ConcurrentHashMap<>();

    public FakeAccount(FakeSnowflake snowflake) {
        snowflake.on(sql -> sql.equals("SHOW APPLICATION PACKAGES"), query -> listing(packages));
        snowflake.on(sql -> sql.equals("SHOW APPLICATIONS"), query -> listing(applications));
        snowflake.on(sql -> sql.startsWith("CREATE APPLICATION PACKAGE IF NOT EXISTS"), query -> {
            packages.putIfAbsent(first(query.sql()), comment(query.sql()));
            return Reply.statementExecuted();
        });
        snowflake.on(sql -> sql.startsWith("CREATE APPLICATION \""), query -> {
            applications.put(first(query.sql()), comment(query.sql()));
            return Reply.statementExecuted();
        });
        snowflake.on(sql -> sql.startsWith("DROP APPLICATION IF EXISTS"), query -> {
            applications.remove(first(query.sql()));
            return Reply.statementExecuted();
        });
        snowflake.on(sql -> sql.startsWith("DROP APPLICATION PACKAGE IF EXISTS"), query -> {
            packages.remove(first(query.sql()));
            return Reply.statementExecuted();
        });
        snowflake.on(sql -> sql.startsWith("SHOW VERSIONS IN APPLICATION PACKAGE"), query -> {
            Reply.Result result = Reply.columns(Column.text("version"), Column.number("patch"));
            for (String version : versions.getOrDefault(first(query.sql()), Set.of())) {
                result = result.row(version, 0);
            }
            return result;
        });
        snowflake.on(sql -> sql.contains(" ADD VERSION "), query -> {
            Matcher names = NAME.matcher(query.sql());
            names.find();
            String pkg = names.group(1);
            names.find();
            versions.computeIfAbsent(pkg, key -> new LinkedHashSet<>()).add(names.group(1));
            return Reply.statementExecuted();
        });
    }

    private static Reply listing(Map<String, String> objects) {
        Reply.Result result = Reply.columns(Column.text("created_on"), Column.text("name"), Column.text("comment"));
        for (Map.Entry<String, String> object : new LinkedHashMap<>(objects).entrySet()) {
            result = result.row("2026-11-27 10:00:00", object.getKey(), object.getValue());
        }
        return result;
    }

    private static String comment(String sql) {
        Matcher comment = COMMENT.matcher(sql);
        return comment.find() ? comment.group(1) : "";
    }

    private static String first(String sql) {
        Matcher name = NAME.matcher(sql);
        if (!name.find()) {
            throw new IllegalArgumentException("No quoted name in " + sql);
        }
        return name.group(1);
    }
}
