package io.connectorkit.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.runtime.sql.SqlFailure;
import io.connectorkit.runtime.sql.SqlRow;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded target's port over one H2 connection: statements, batches, transactions and how failures read. */
class JdbcSqlPortTest {

    private final String url = "jdbc:h2:mem:port-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private Connection connection;
    private Connection other;
    private JdbcSqlPort port;

    @BeforeEach
    void open() throws SQLException {
        connection = DriverManager.getConnection(url);
        other = DriverManager.getConnection(url);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE T (ID INTEGER PRIMARY KEY, NAME VARCHAR)");
        }
        port = new JdbcSqlPort(connection, H2Dialect.INSTANCE);
    }

    @AfterEach
    void close() throws SQLException {
        try (Statement statement = other.createStatement()) {
            statement.execute("SHUTDOWN");
        }
        connection.close();
        other.close();
    }

    /** The rows another session sees: only what was committed. */
    private long committedRows() throws SQLException {
        try (Statement statement = other.createStatement();
                var result = statement.executeQuery("SELECT COUNT(*) FROM T")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static List<Object[]> rows(int from, int count) {
        List<Object[]> rows = new ArrayList<>();
        for (int id = from; id < from + count; id++) {
            rows.add(new Object[] {id, "n" + id});
        }
        return rows;
    }

    @Test
    void bindsValuesAndNullsAndReadsRowsByPosition() {
        assertThat(port.update("INSERT INTO T VALUES (?, ?)", 1, "one")).isEqualTo(1);
        assertThat(port.update("INSERT INTO T VALUES (?, ?)", 2, null)).isEqualTo(1);
        port.execute("UPDATE T SET NAME = ? WHERE ID = ?", "uno", 1);

        assertThat(port.query("SELECT ID, NAME FROM T ORDER BY ID"))
                .containsExactly(new SqlRow(List.of(1, "uno")), new SqlRow(Arrays.asList(2, null)));
        assertThat(port.query("SELECT ID FROM T WHERE NAME IS NULL")).containsExactly(new SqlRow(List.of(2)));
        assertThat(port.update("DELETE FROM T WHERE ID > ?", 5)).isZero();
        assertThat(port.dialect()).isSameAs(H2Dialect.INSTANCE);
    }

    @Test
    void aBatchAnswersTheRowsItChangedAcrossItsJdbcBatches() throws SQLException {
        assertThat(port.batch("INSERT INTO T VALUES (?, ?)", rows(0, 1000))).isEqualTo(1000);
        assertThat(port.batch("INSERT INTO T VALUES (?, ?)", rows(1000, 1001))).isEqualTo(1001);
        assertThat(port.batch("INSERT INTO T VALUES (?, ?)", rows(2001, 2500))).isEqualTo(2500);
        assertThat(committedRows()).isEqualTo(4501);
        assertThat(port.query("SELECT MIN(ID), MAX(ID), COUNT(DISTINCT NAME) FROM T"))
                .containsExactly(new SqlRow(List.of(0, 4500, 4501L)));

        // Rows that change nothing count as nothing.
        List<Object[]> updates = new ArrayList<>();
        for (int id = 4490; id < 4510; id++) {
            updates.add(new Object[] {"x", id});
        }
        assertThat(port.batch("UPDATE T SET NAME = ? WHERE ID = ?", updates)).isEqualTo(11);
    }

    @Test
    void anEmptyBatchSendsNothing() {
        assertThat(port.batch("THIS IS NOT SQL", List.of())).isZero();
    }

    @Test
    void aTransactionCommitsWhenTheWorkReturnsAndRestoresAutoCommit() throws SQLException {
        String result = port.inTransaction(() -> {
            port.update("INSERT INTO T VALUES (?, ?)", 1, "one");
            try {
                assertThat(connection.getAutoCommit()).isFalse();
                assertThat(committedRows()).as("not yet committed").isZero();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(committedRows()).isEqualTo(1);
        assertThat(connection.getAutoCommit()).isTrue();
    }

    @Test
    void aTransactionRollsBackWhenTheWorkThrowsAndRethrowsIt() throws SQLException {
        IllegalStateException failure = new IllegalStateException("hook failed");

        assertThatThrownBy(() -> port.inTransaction(() -> {
                    port.update("INSERT INTO T VALUES (?, ?)", 1, "one");
                    throw failure;
                }))
                .isSameAs(failure);

        assertThat(committedRows()).isZero();
        assertThat(port.query("SELECT * FROM T")).isEmpty();
        assertThat(connection.getAutoCommit()).isTrue();
    }

    @Test
    void aNestedTransactionJoinsTheEnclosingOne() throws SQLException {
        assertThatThrownBy(() -> port.inTransaction(() -> {
                    port.inTransaction(() -> port.update("INSERT INTO T VALUES (?, ?)", 1, "inner"));
                    try {
                        assertThat(committedRows())
                                .as("the inner unit did not commit on its own")
                                .isZero();
                        assertThat(connection.getAutoCommit()).isFalse();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    throw new IllegalStateException("outer fails");
                }))
                .hasMessage("outer fails");

        assertThat(committedRows()).isZero();

        Integer changed = port.inTransaction(
                () -> port.inTransaction(() -> port.update("INSERT INTO T VALUES (?, ?)", 2, "inner")));
        assertThat(changed).isEqualTo(1);
        assertThat(committedRows()).isEqualTo(1);
        assertThat(connection.getAutoCommit()).isTrue();
    }

    @Test
    void aConnectionWithoutAutoCommitKeepsItsSetting() throws SQLException {
        connection.setAutoCommit(false);

        port.inTransaction(() -> port.update("INSERT INTO T VALUES (?, ?)", 1, "one"));

        assertThat(connection.getAutoCommit()).isFalse();
        assertThat(committedRows()).isEqualTo(1);
    }

    @Test
    void aFailedStatementNamesItself() {
        assertThatThrownBy(() -> port.update("INSERT INTO T VALUES (?, ?)", 1, "one", "too many"))
                .isInstanceOf(SqlFailure.class);
        assertThatThrownBy(() -> port.query("SELECT NOPE FROM T"))
                .isInstanceOf(SqlFailure.class)
                .isNotInstanceOf(SqlFailure.LockTimeout.class)
                .hasMessageContaining("NOPE")
                .hasMessageEndingWith(" [statement: SELECT NOPE FROM T]")
                .hasCauseInstanceOf(SQLException.class);
        assertThatThrownBy(() -> port.execute("DROP TABLE NOPE"))
                .isInstanceOf(SqlFailure.class)
                .hasMessageEndingWith(" [statement: DROP TABLE NOPE]");
        assertThatThrownBy(() -> port.batch("INSERT INTO NOPE VALUES (?)", List.<Object[]>of(new Object[] {1})))
                .isInstanceOf(SqlFailure.class)
                .hasMessageEndingWith(" [statement: INSERT INTO NOPE VALUES (?)]");
    }

    @Test
    void aRowLockedByAnotherSessionIsALockTimeout() throws SQLException {
        port.update("INSERT INTO T VALUES (?, ?)", 1, "one");
        other.setAutoCommit(false);
        try (Statement statement = other.createStatement()) {
            statement.executeUpdate("UPDATE T SET NAME = 'held' WHERE ID = 1");
        }
        port.execute("SET LOCK_TIMEOUT 100");

        assertThatThrownBy(() -> port.update("UPDATE T SET NAME = ? WHERE ID = ?", "mine", 1))
                .isInstanceOf(SqlFailure.LockTimeout.class)
                .hasMessageEndingWith(" [statement: UPDATE T SET NAME = ? WHERE ID = ?]");

        other.rollback();
        other.setAutoCommit(true);
    }
}
