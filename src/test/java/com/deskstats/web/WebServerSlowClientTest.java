package com.deskstats.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Clients that stop mid-request must not hold the request threads for ever: the port is public in HTTP mode. */
class WebServerSlowClientTest {

  @Test
  void stalledClientsCannotStarveTheServer() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    File out = File.createTempFile("slowclient", ".out");
    try {
      Process p = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classpath,
          SlowClientProbe.class.getName()).redirectErrorStream(true).redirectOutput(out).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("probe did not finish");
      }
      String output = Files.readString(out.toPath(), StandardCharsets.UTF_8);
      assertThat(output).contains("status 200 ok");
    } finally {
      out.delete();
    }
  }
}
