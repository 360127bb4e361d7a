package com.deskstats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code preview} prints in BOT_LANGUAGE unless {@code --lang} says otherwise. */
class PreviewLanguageTest {

  @Test
  void previewSpeaksBotLanguageUnlessLangIsGiven() {
    assertThat(preview(Map.of("BOT_LANGUAGE", "zh"), "--demo")).contains("=== 示例数据", "Desk 团队报告 · ", "团队概况")
        .doesNotContain("Team summary");
    assertThat(preview(Map.of("BOT_LANGUAGE", "zh"), "--demo", "--lang", "en")).contains("=== SAMPLE DATA",
        "Desk team report · ", "Team summary").doesNotContain("团队概况");
    assertThat(preview(Map.of(), "--demo", "--lang", "zh")).contains("团队概况");
    assertThat(preview(Map.of(), "--demo")).contains("Team summary");
  }

  private static String preview(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = PreviewCommands.preview(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as("exit code; stderr: %s", err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }
}
