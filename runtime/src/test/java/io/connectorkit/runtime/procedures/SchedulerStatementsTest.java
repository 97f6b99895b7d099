package io.connectorkit.runtime.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.embedded.EmbeddedAccount;
import io.connectorkit.runtime.embedded.H2Dialect;
import io.connectorkit.runtime.embedded.JdbcSqlPort;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.sql.SecretStore;
import io.connectorkit.runtime.testing.CountingSqlPort;
import io.connectorkit.runtime.testing.SchedulerFixture;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An iteration with nothing due costs the same few statements however many resources the app has. */
class SchedulerStatementsTest {

    private static List<String> idleIteration(int resources) throws Exception {
        try (SchedulerFixture f = new SchedulerFixture()) {
            for (int i = 0; i < resources; i++) {
                f.ingests("r" + i, "INCREMENTAL", "INTERVAL", "1h");
            }
            f.app.execute("UPDATE STATE.INGESTION_PROCESS SET NEXT_RUN_AT = TIMESTAMP '2026-03-02 11:00:00'");
            ConnectorDefinition connector = ConnectorDefinition.builder()
                    .ingestion(f.source.ingestion())
                    .clock(f.clock)
                    .build();
            try (Connection connection = f.app.newConnection()) {
                CountingSqlPort port = new CountingSqlPort(new JdbcSqlPort(connection, H2Dialect.INSTANCE));
                Response response = new ConnectorRuntime(
                                port, EmbeddedAccount.INSTANCE, SecretStore.NONE, connector, "embedded")
                        .runSchedulerIteration();

                assertThat(response.payload()).containsEntry("due", 0).containsEntry("reaped", 0);
                assertThat(response.message())
                        .hasValue("Ran 0 of " + resources + " scheduled ingestions: 0 completed,"
                                + " 0 failed. None is due.");
                return List.copyOf(port.statements);
            }
        }
    }

    @Test
    void nothingDueCostsTheSameStatementsForTenOrAThousandResources() throws Exception {
        List<String> ten = idleIteration(10);
        List<String> thousand = idleIteration(1000);

        assertThat(thousand).isEqualTo(ten);
        assertThat(thousand).hasSize(8);
        assertThat(thousand.get(0)).isEqualTo("BEGIN");
        assertThat(thousand.get(thousand.size() - 1)).isEqualTo("COMMIT");
    }
}
