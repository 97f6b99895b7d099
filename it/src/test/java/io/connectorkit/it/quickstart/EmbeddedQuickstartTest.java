package io.connectorkit.it.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedQuickstartTest {

    @Test
    void theQuickstartRunsTheWholeFlowAndCanRunAgain(@TempDir Path home) throws Exception {
        for (int run = 1; run <= 2; run++) {
            ByteArrayOutputStream output = new ByteArrayOutputStream();

            boolean succeeded = EmbeddedQuickstart.run(home, new PrintStream(output, true, StandardCharsets.UTF_8));

            String printed = output.toString(StandardCharsets.UTF_8);
            assertThat(succeeded).as(printed).isTrue();
            assertThat(printed)
                    .contains("CALL PUBLIC.FINALIZE_CONNECTOR_CONFIGURATION(PARSE_JSON('{}'));")
                    .contains("\"status\":\"STARTED\",\"configurationStatus\":\"FINALIZED\"")
                    .contains("| connector_configuration | warehouse | REPORTING_WH |")
                    .contains("The connector flow ran end to end on the embedded target.");
        }
    }
}
