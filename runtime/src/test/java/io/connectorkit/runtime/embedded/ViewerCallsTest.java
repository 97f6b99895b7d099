package io.connectorkit.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The application role VIEWER is refused the ADMIN-only SDK procedure WITH_NAMES, by the runtime's own check. */
class ViewerCallsTest {

    private final EmbeddedAppFixture app =
            EmbeddedAppFixture.install(ConnectorDefinition.builder().build());

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void viewerMayNotSetUpTheExternalIntegrationWithNames() throws SQLException {
        String before = app.snapshot();
        try (Connection viewer = app.viewerConnection();
                Statement statement = viewer.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery(
                            "CALL PUBLIC.SETUP_EXTERNAL_INTEGRATION_WITH_NAMES(" + "'[\"PUBLIC.TEST_CONNECTION()\"]')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Insufficient privileges to operate on procedure"
                            + " 'PUBLIC.SETUP_EXTERNAL_INTEGRATION_WITH_NAMES': application role VIEWER may call only");
        }
        assertThat(app.snapshot()).isEqualTo(before);
    }
}
