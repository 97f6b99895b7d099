package io.connectorkit.plugin.operate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class ResourceStatusTest {

    @Test
    void aTimeOnTheMinuteKeepsItsSecondsInTheLineAndTheJson() {
        ResourceStatus status = new ResourceStatus("r1", "orders", true, LocalDateTime.of(2026, 12, 7, 12, 31),
                "COMPLETED", 1, null, 0, LocalDateTime.of(2026, 12, 7, 13, 31, 0, 500_000_000));

        assertThat(status.line()).isEqualTo("orders (r1): enabled; last run 2026-12-07 12:31:00 UTC COMPLETED, 1 row; "
                + "next run 2026-12-07 13:31:00 UTC");
        assertThat(status.toMap()).containsEntry("nextRunAt", "2026-12-07T13:31:00.500Z");
        assertThat(status.toMap().get("lastRun").toString()).contains("startedAt=2026-12-07T12:31:00.000Z");
    }
}
