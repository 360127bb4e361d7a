package com.deskstats.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.MessageFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TextsTest {

  private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");

  @Test
  void everyKeyIsInBothLanguagesWithTheSamePlaceholders() {
    for (String bundle : Texts.BUNDLES) {
      Map<String, String> en = Texts.load(bundle, Language.EN);
      Map<String, String> zh = Texts.load(bundle, Language.ZH);
      assertThat(new TreeSet<>(zh.keySet())).as("keys of %s_zh", bundle).isEqualTo(new TreeSet<>(en.keySet()));
      for (String key : en.keySet()) {
        assertThat(arguments(zh.get(key))).as("placeholders of %s in %s_zh", key, bundle).isEqualTo(arguments(en.get(key)));
      }
    }
  }

  @Test
  void noKeyIsInTwoBundles() {
    Map<String, String> owner = new TreeMap<>();
    for (String bundle : Texts.BUNDLES) {
      for (String key : Texts.load(bundle, Language.EN).keySet()) {
        assertThat(owner.put(key, bundle)).as("%s is in %s and %s", key, owner.get(key), bundle).isNull();
      }
    }
  }

  @Test
  void everyPatternCompilesAndFormatsInBothLanguages() {
    for (Language l : Language.values()) {
      Texts t = Texts.of(l);
      for (String bundle : Texts.BUNDLES) {
        for (Map.Entry<String, String> e : Texts.load(bundle, l).entrySet()) {
          if (e.getKey().startsWith("pattern.")) continue;
          Object[] args = new Object[arguments(e.getValue()).stream().mapToInt(i -> i + 1).max().orElse(0)];
          java.util.Arrays.fill(args, 2L);
          assertThat(t.get(e.getKey(), args)).as("%s in %s", e.getKey(), l).isNotBlank().doesNotContain("{");
        }
      }
    }
  }

  @Test
  void anApostropheIsJustAnApostrophe() {
    // Bundles never quote: "can't" must not swallow the placeholder after it, as MessageFormat's quoting would.
    Texts en = Texts.of(Language.EN);
    assertThat(en.get("format.better", "it's ▲ 2")).isEqualTo("it's ▲ 2 (better)");
    assertThat(new MessageFormat("can't {0}").format(new Object[] {"x"})).isEqualTo("cant {0}"); // what we avoid
  }

  @Test
  void englishPluralsAgree() {
    Texts en = Texts.of(Language.EN);
    assertThat(en.get("format.points", 1L)).isEqualTo("1 pt");
    assertThat(en.get("format.points", 3L)).isEqualTo("3 pts");
    assertThat(en.get("format.age_days", 1L)).isEqualTo("1 day ago");
    assertThat(en.get("format.age_days", 1234L)).isEqualTo("1,234 days ago");
  }

  @Test
  void aTextRendersInTheReadersLanguageWithNestedTexts() {
    Text t = Text.of("format.better", Text.of("format.seconds", "16"));
    assertThat(Texts.of(Language.EN).render(t)).isEqualTo("16s (better)");
    assertThat(Texts.of(Language.ZH).render(t)).isEqualTo("16秒（改善）");
    assertThat(Texts.of(Language.ZH).render(Text.literal("{0} it's"))).isEqualTo("{0} it's");
  }

  @Test
  void aMissingKeyIsABugNotASilentBlank() {
    assertThatThrownBy(() -> Texts.of(Language.EN).get("no.such.key")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void slackLocalesPickTheLanguage() {
    assertThat(Language.ofSlackLocale("zh-CN", Language.EN)).isEqualTo(Language.ZH);
    assertThat(Language.ofSlackLocale("zh-TW", Language.EN)).isEqualTo(Language.ZH);
    assertThat(Language.ofSlackLocale("en-US", Language.ZH)).isEqualTo(Language.EN);
    assertThat(Language.ofSlackLocale("en-GB", Language.ZH)).isEqualTo(Language.EN);
    assertThat(Language.ofSlackLocale("ja-JP", Language.ZH)).isEqualTo(Language.ZH);
    assertThat(Language.ofSlackLocale("fr-FR", Language.EN)).isEqualTo(Language.EN);
    assertThat(Language.ofSlackLocale(null, Language.ZH)).isEqualTo(Language.ZH);
    assertThat(Language.ofSlackLocale("", Language.EN)).isEqualTo(Language.EN);
  }

  private static Set<Integer> arguments(String pattern) {
    Set<Integer> out = new TreeSet<>();
    Matcher m = ARGUMENT.matcher(pattern);
    while (m.find()) out.add(Integer.parseInt(m.group(1)));
    return out;
  }
}
