package io.connectorkit.fake.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * INFORMATION_SCHEMA.PACKAGES through the real driver: the versions of a package Snowflake offers the PACKAGES clause
 * (https://docs.snowflake.com/en/sql-reference/info-schema/packages).
 */
class ServerPackagesTest {

    private static final String SNOWPARK_VERSIONS = "SELECT VERSION FROM SNOWFLAKE.INFORMATION_SCHEMA.PACKAGES WHERE "
            + "LANGUAGE = 'java' AND PACKAGE_NAME = ?";

    private FakeSnowflake snowflake;
    private Connection connection;

    @BeforeEach
    void connect() throws SQLException {
        snowflake = FakeSnowflake.start();
        connection = DriverManager.getConnection(snowflake.jdbcUrl(), snowflake.connectionProperties());
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
        snowflake.close();
    }

    @Test
    void listsTheSnowparkVersionsForJavaByDefault() throws Exception {
        assertThat(versions("com.snowflake:snowpark"))
                .containsExactlyElementsOf(ServerPackages.SNOWPARK_VERSIONS)
                .contains("1.14.0", "1.15.0");
        assertThat(versions("com.snowflake:snowpark-nothing")).isEmpty();
    }

    @Test
    void listsWhatTheTestOffersInPlaceOfTheDefault() throws Exception {
        snowflake.packages().offer("java", "com.snowflake:snowpark", List.of("1.12.0", "1.14.0"));

        assertThat(versions("com.snowflake:snowpark")).containsExactly("1.12.0", "1.14.0");
    }

    @Test
    void filtersByEveryConditionAndComparesTextExactly() throws Exception {
        try (Statement statement = connection.createStatement()) {
            assertThat(rows(statement.executeQuery("SELECT PACKAGE_NAME, LANGUAGE FROM SNOWFLAKE.INFORMATION_SCHEMA"
                            + ".PACKAGES WHERE LANGUAGE = 'java' AND VERSION = '0.1.0'")))
                    .containsExactly("com.snowflake:telemetry java");
            assertThat(rows(statement.executeQuery(
                            "SELECT * FROM SNOWFLAKE.INFORMATION_SCHEMA.PACKAGES WHERE " + "LANGUAGE = 'JAVA'")))
                    .isEmpty();
            assertThat(rows(statement.executeQuery("SELECT * FROM SNOWFLAKE.INFORMATION_SCHEMA.PACKAGES WHERE "
                            + "PACKAGE_NAME = 'snowflake-snowpark-python' AND VERSION = '1.30.0'")))
                    .containsExactly("snowflake-snowpark-python 1.30.0 python");
        }
    }

    @Test
    void refusesTheUnqualifiedViewAsASessionWithoutCurrentDatabaseDoes() throws Exception {
        try (Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT VERSION FROM INFORMATION_SCHEMA.PACKAGES"))
                    .isInstanceOfSatisfying(
                            SQLException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(ServerPackages.NO_CURRENT_DATABASE))
                    .hasMessageContaining("This session does not have a current database");
            assertThatThrownBy(() ->
                            statement.executeQuery("SELECT VERSIONS FROM SNOWFLAKE.INFORMATION_SCHEMA" + ".PACKAGES"))
                    .hasMessageContaining("invalid identifier 'VERSIONS'");
        }
    }

    private List<String> versions(String packageName) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SNOWPARK_VERSIONS)) {
            select.setString(1, packageName);
            return rows(select.executeQuery());
        }
    }

    /** Each row's values joined by spaces. */
    private static List<String> rows(ResultSet result) throws SQLException {
        try (result) {
            List<String> rows = new ArrayList<>();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    values.add(result.getString(i));
                }
                rows.add(String.join(" ", values));
            }
            return rows;
        }
    }
}
