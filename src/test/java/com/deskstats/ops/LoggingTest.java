package com.deskstats.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shipped logback.xml, run in a child JVM so LOG_FORMAT comes from a real environment variable. */
class LoggingTest {

  record Output(List<String> stderr, String stdout) {}

  static Output runProbe(String logFormat) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String config = Path.of("src/main/resources/logback.xml").toAbsolutePath().toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
        "-Dlogback.configurationFile=" + config, "-cp", classpath, LogProbe.class.getName());
    pb.environment().remove("LOG_FORMAT");
    if (logFormat != null) pb.environment().put("LOG_FORMAT", logFormat);
    File err = File.createTempFile("logprobe", ".err");
    File out = File.createTempFile("logprobe", ".out");
    try {
      pb.redirectError(err).redirectOutput(out);
      Process p = pb.start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("log probe did not finish");
      }
      String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(stderr).isZero();
      List<String> lines = new ArrayList<>(stderr.lines().filter(l -> !l.isBlank()).toList());
      return new Output(lines, Files.readString(out.toPath(), StandardCharsets.UTF_8));
    } finally {
      err.delete();
      out.delete();
    }
  }

  static void assertNoSecret(String all) {
    assertThat(all).doesNotContain("TOKENVALUE").doesNotContain("PWVALUE").doesNotContain("SeCrEtBoTtOkEn").doesNotContain(LogProbe.USERSIG).doesNotContain(LogProbe.DESK_KEY);
  }

  @Test
  void textLinesCarryTheRequestIdAndAreMasked() throws Exception {
    Output out = runProbe(null);
    String all = String.join("\n", out.stderr());

    assertNoSecret(all);
    assertThat(out.stderr()).anySatisfy(l -> assertThat(l)
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  \\[main] com\\.deskstats\\.probe \\[probe0000001] posting with token xoxb-\\*\\*\\*"));
    assertThat(out.stderr()).anySatisfy(l -> assertThat(l).contains("usersig=***&random=1"));
    assertThat(out.stderr()).anySatisfy(l -> assertThat(l).contains("IllegalStateException: key *** rejected"));
    assertThat(out.stderr()).anySatisfy(l -> assertThat(l).contains("[-] no request"));
    assertThat(out.stderr()).anySatisfy(l -> assertThat(l).endsWith("config {\"token\": \"***\", \"password\":\"***\"}"));
    assertThat(all).doesNotContain("quartz chatter").doesNotContain("hikari chatter");
    assertThat(out.stdout()).isEqualTo("stdout stays for reports" + System.lineSeparator());
  }

  @Test
  void jsonFormatWritesOneMaskedObjectPerLineWithTheRequestId() throws Exception {
    Output out = runProbe("json");
    String all = String.join("\n", out.stderr());

    assertNoSecret(all);
    var adapter = new Moshi.Builder().build().<Map<String, Object>>adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
    List<Map<String, Object>> events = new ArrayList<>();
    for (String line : out.stderr()) {
      Map<String, Object> event = adapter.fromJson(line);
      assertThat(event).as(line).containsKeys("timestamp", "level", "loggerName", "formattedMessage");
      events.add(event);
    }
    assertThat(events).hasSize(5);
    Map<String, Object> first = events.get(0);
    assertThat(first).containsEntry("level", "INFO").containsEntry("loggerName", "com.deskstats.probe")
        .containsEntry("formattedMessage", "posting with token xoxb-***").doesNotContainKeys("arguments", "message");
    assertThat(first.get("mdc")).isEqualTo(Map.of("request_id", "probe0000001"));
    assertThat(events.get(1).get("formattedMessage")).asString().contains("usersig=***&random=1");
    assertThat(events.get(2).get("throwable")).asString().contains("key *** rejected");
    assertThat(events.get(4)).containsEntry("formattedMessage", "config {\"token\": \"***\", \"password\":\"***\"}");
    assertThat(out.stdout()).isEqualTo("stdout stays for reports" + System.lineSeparator());
  }

  @Test
  void anUnknownFormatFallsBackToText() {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    MaskingEncoder encoder = new MaskingEncoder();
    encoder.setContext(context);
    encoder.setFormat("yaml");
    encoder.start();

    LoggingEvent event = new LoggingEvent("x", context.getLogger("com.deskstats.x"), ch.qos.logback.classic.Level.INFO,
        "token {}", null, new Object[] {"xapp-1-AAA-123-abc"});
    String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

    assertThat(encoder.format()).isEqualTo("yaml");
    assertThat(line).contains("INFO  [").endsWith("token xapp-***" + System.lineSeparator());
  }
}
