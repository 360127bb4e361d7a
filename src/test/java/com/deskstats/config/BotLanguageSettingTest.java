package com.deskstats.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskstats.text.Language;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** BOT_LANGUAGE (SPEC §6): en or zh, default en; anything else stops start-up in one line naming the variable. */
class BotLanguageSettingTest {

  @Test
  void unsetMeansEnglish() {
    assertThat(Settings.load(Map.of()).botLanguage()).isEqualTo(Language.EN);
  }

  @Test
  void enAndZhAreRead() {
    assertThat(Settings.load(Map.of("BOT_LANGUAGE", "en")).botLanguage()).isEqualTo(Language.EN);
    assertThat(Settings.load(Map.of("BOT_LANGUAGE", "zh")).botLanguage()).isEqualTo(Language.ZH);
    assertThat(Settings.load(Map.of("BOT_LANGUAGE", " ZH ")).botLanguage()).isEqualTo(Language.ZH);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fr", "zh-CN", "chinese", "en_US"})
  void anythingElseIsOneLineNamingTheVariable(String value) {
    assertThatThrownBy(() -> Settings.load(Map.of("BOT_LANGUAGE", value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("BOT_LANGUAGE")
        .hasMessageContaining(value.strip())
        .hasMessageNotContaining("\n");
  }
}
