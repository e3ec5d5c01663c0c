package dev.vpndiag.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleHostTest {
    @Test
    void diagnosesTheSamplesFromFourThreads() throws Exception {
        ArrayNode result = new ConsoleHost(4).diagnoseAll(ConsoleHost.casesIn(Path.of("../../samples")));
        Map<String, String> top = new HashMap<>();
        for (JsonNode entry : result) {
            JsonNode causes = entry.get("diagnosis").get("causes");
            top.put(entry.get("case").asText(), causes.isEmpty() ? "" : causes.get(0).get("id").asText());
            assertThat(entry.get("diagnosis").get("schemaVersion").asInt()).isEqualTo(1);
        }
        assertThat(top).containsEntry("udp500-blocked", "IKE_UDP500_BLOCKED").containsEntry("esp-blocked", "ESP_BLOCKED")
                .containsEntry("l2tp-silent", "L2TP_NOT_ANSWERING").containsEntry("mppe-742", "MPPE_ENCRYPTION_MISMATCH")
                .containsEntry("real-esp-blocked", "ESP_BLOCKED");
    }
}
