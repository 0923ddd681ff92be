package rrm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStampTest {

  @Test
  void fieldsNameCommitJdkCoresProfileSeedAndWallTime() {
    Map<String, Object> f = RunStamp.start(Map.of("RRM_PROFILE", "smoke")).fields(2021);
    assertEquals(List.of("commit", "jdk", "cores", "profile", "seed", "wall_s", "wall", "started"), List.copyOf(f.keySet()));
    assertEquals("smoke", f.get("profile"));
    assertEquals(2021L, f.get("seed"));
    assertEquals(Runtime.getRuntime().availableProcessors(), f.get("cores"));
    assertTrue(((String) f.get("jdk")).startsWith(System.getProperty("java.version")));
    assertTrue(((String) f.get("commit")).matches("[0-9a-f]{4,}(\\+dirty)?|unknown"), (String) f.get("commit"));
  }

  @Test
  void showWritesJsonWhereTheEnvironmentSays(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("nb.stamp.json");
    Html shown = RunStamp.start(Map.of(RunStamp.ENV, json.toString())).show(7);
    JsonNode n = new ObjectMapper().readTree(json.toFile());
    assertEquals(7, n.get("seed").asLong());
    assertEquals("full", n.get("profile").asText());
    assertTrue(shown.text().contains("seed 7") && shown.html().contains("<b>profile</b> full"), shown.text());
  }
}
