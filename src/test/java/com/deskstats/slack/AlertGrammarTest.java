package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.slack.AlertCondition.Metric;
import com.deskstats.slack.AlertCondition.Op;
import com.deskstats.text.Formats;
import com.deskstats.text.Language;
import com.deskstats.text.Texts;
import java.time.LocalDate;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlertGrammarTest {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

  static Command parse(String text) {
    return CommandParser.parse(text, TODAY);
  }

  static Command.AlertAdd add(Optional<String> channel, Metric m, Op op, double t, boolean perAgent, Optional<String> group) {
    return new Command.AlertAdd(channel, new AlertCondition(m, op, t, perAgent, group));
  }

  @Test
  void slackEscapedComparisonsAreReadAsTyped() {
    assertThat(parse("alert <#C0SUP|support> unreplied &gt; 5")).isEqualTo(
        add(Optional.of("C0SUP"), Metric.UNREPLIED, Op.GT, 5, false, Optional.empty()));
    assertThat(parse("alert unreplied&gt;=5")).isEqualTo(
        add(Optional.empty(), Metric.UNREPLIED, Op.GE, 5, false, Optional.empty()));
    assertThat(parse("alert sessions &lt;= 40")).isEqualTo(
        add(Optional.empty(), Metric.SESSIONS, Op.LE, 40, false, Optional.empty()));
    assertThat(parse("alert sessions ≥ 40")).isEqualTo(
        add(Optional.empty(), Metric.SESSIONS, Op.GE, 40, false, Optional.empty()));
  }

  @Test
  void percentagesDurationsPerAgentAndGroupAreRead() {
    assertThat(parse("alert satisfaction &lt; 80% per agent")).isEqualTo(
        add(Optional.empty(), Metric.SATISFACTION, Op.LT, 80, true, Optional.empty()));
    assertThat(parse("alert within-30s &lt; 72.5")).isEqualTo(
        add(Optional.empty(), Metric.WITHIN_30S, Op.LT, 72.5, false, Optional.empty()));
    assertThat(parse("alert first-response &gt; 1m")).isEqualTo(
        add(Optional.empty(), Metric.FIRST_RESPONSE, Op.GT, 60, false, Optional.empty()));
    assertThat(parse("alert First-Response &gt; 45S group Tier1 PER AGENT <#C1|x>")).isEqualTo(
        add(Optional.of("C1"), Metric.FIRST_RESPONSE, Op.GT, 45, true, Optional.of("tier1")));
    assertThat(parse("alert first-response &gt; 1h")).isEqualTo(
        add(Optional.empty(), Metric.FIRST_RESPONSE, Op.GT, 3600, false, Optional.empty()));
    assertThat(parse("alert first-response &gt; 90")).isEqualTo(
        add(Optional.empty(), Metric.FIRST_RESPONSE, Op.GT, 90, false, Optional.empty()));
  }

  @Test
  void listingAndRemovingAreTheirOwnCommands() {
    assertThat(parse("alerts")).isEqualTo(new Command.Alerts());
    assertThat(parse("alert remove 12")).isEqualTo(new Command.AlertRemove(12));
    assertThat(parse("alert remove #12")).isEqualTo(new Command.AlertRemove(12));
  }

  @ParameterizedTest
  @ValueSource(strings = {"alert", "alert banana &gt; 5", "alert unreplied = 5", "alert unreplied =&gt; 5",
      "alert unreplied 5", "alert unreplied &gt;", "alert satisfaction &lt; 150%", "alert satisfaction &lt; 101",
      "alert unreplied &gt; -3", "alert unreplied &gt; 5%", "alert unreplied &gt; 2.5", "alert first-response &gt; 90%",
      "alert first-response &gt; soon", "alert within-30s &lt; 1m", "alert unreplied &gt; 5 lang fr",
      "alert unreplied &gt; 5 per", "alert remove", "alert remove 0", "alert remove two", "alert remove 1 2",
      "alert #support unreplied &gt; 5", "alert <#C1|a> <#C2|b> unreplied &gt; 5", "alert unreplied &gt; 5 group",
      "alert &gt; 5", "alerts now"})
  void everyRefusalIsOneSentenceWithAnExample(String text) {
    Command c = parse(text);
    assertThat(c).isInstanceOf(Command.Usage.class);
    String sentence = ((Command.Usage) c).sentence();
    assertThat(sentence).doesNotContain("\n").containsPattern("[.?]$").contains("`");
    assertThat(sentence).as("mrkdwn-safe").doesNotContain("<", ">");
    String chinese = ((Command.Usage) c).sentence(Texts.of(Language.ZH));
    assertThat(chinese).doesNotContain("\n").containsPattern("[。？]$").contains("`").containsPattern("\\p{IsHan}");
    assertThat(chinese).as("mrkdwn-safe in Chinese").doesNotContain("<", ">");
  }

  @Test
  void langPicksTheLanguageOfARulesPosts() {
    assertThat(parse("alert <#C1|x> unreplied &gt; 5 lang zh")).isEqualTo(new Command.AlertAdd(Optional.of("C1"),
        new AlertCondition(Metric.UNREPLIED, Op.GT, 5, false, Optional.empty()), Optional.of(Language.ZH)));
    assertThat(parse("alert lang EN satisfaction &lt; 80% per agent group vip")).isEqualTo(new Command.AlertAdd(
        Optional.empty(), new AlertCondition(Metric.SATISFACTION, Op.LT, 80, true, Optional.of("vip")),
        Optional.of(Language.EN)));
    assertThat(((Command.AlertAdd) parse("alert unreplied &gt; 5")).lang()).isEmpty();
  }

  @Test
  void aBadLangIsOneSentence() {
    Command.Usage u = (Command.Usage) parse("alert unreplied &gt; 5 lang fr");
    assertThat(u.sentence()).isEqualTo("'fr' is not a language the bot speaks: use `lang en` or `lang zh`.");
    assertThat(u.sentence(Texts.of(Language.ZH))).isEqualTo("机器人不支持“fr”这种语言：请用 `lang en` 或 `lang zh`。");
    assertThat(((Command.Usage) parse("alert unreplied &gt; 5 lang")).sentence()).contains("`lang en` or `lang zh`");
  }

  @Test
  void alertRefusalsReadInChineseWithTheMetricNamedInChinese() {
    Texts zh = Texts.of(Language.ZH);
    assertThat(((Command.Usage) parse("alert satisfaction &lt; lots")).sentence(zh))
        .isEqualTo("满意度是比例：请给出 0 到 100 之间的百分比，例如 `alert satisfaction &lt; 80%`。");
    assertThat(((Command.Usage) parse("alert sessions &gt; 2.5")).sentence(zh))
        .isEqualTo("会话数是计数：请给出会话数的整数，例如 `alert sessions &gt; 200`。");
    assertThat(((Command.Usage) parse("alert sessions &gt; 2.5")).sentence())
        .isEqualTo("Sessions is a count: give a whole number of sessions, as in `alert sessions &gt; 200`.");
    assertThat(((Command.Usage) parse("alert *x*&amp;y&lt;!channel &gt; 5")).sentence(zh)).startsWith("告警无法监控“x&amp;y”");
  }

  @Test
  void metricsAndThresholdsAreNamedInTheReadersLanguage() {
    assertThat(Metric.UNREPLIED.label()).isEqualTo("Unreplied sessions");
    assertThat(Metric.WITHIN_30S.label(Language.EN)).isEqualTo("Answered within 30 s");
    assertThat(Metric.SATISFACTION.label(Language.ZH)).isEqualTo("满意度");
    assertThat(Metric.FIRST_RESPONSE.label(Language.ZH)).isEqualTo("首次响应时间");
    AlertCondition slow = new AlertCondition(Metric.FIRST_RESPONSE, Op.GT, 90, false, Optional.empty());
    assertThat(slow.thresholdText()).isEqualTo("1m 30s");
    assertThat(slow.thresholdText(Formats.of(Language.ZH))).isEqualTo("1分30秒");
    assertThat(AlertCondition.format(Metric.SATISFACTION, 83.3, Formats.of(Language.ZH))).isEqualTo("83%");
    assertThat(slow.text()).isEqualTo("first-response > 1m 30s");
  }

  @Test
  void refusalsQuoteWhatWasTypedSafely() {
    Command c = parse("alert *x*&amp;y&lt;!channel &gt; 5");
    assertThat(((Command.Usage) c).sentence()).startsWith("'x&amp;y' is not something an alert can watch");
  }

  @Property
  void everyAlertTextIsACommandOrAUsageAndNeverThrows(@ForAll String tail) {
    Command c = parse("alert " + tail);
    assertThat(c).isInstanceOfAny(Command.AlertAdd.class, Command.AlertRemove.class, Command.Usage.class);
    if (c instanceof Command.AlertAdd a) {
      assertThat(a.condition().threshold()).isBetween(0.0, 1e12);
      if (a.condition().metric().percent()) assertThat(a.condition().threshold()).isLessThanOrEqualTo(100);
    }
  }

  @Property(tries = 300)
  void everyAlertTextWithChineseOrLangIsACommandOrAUsage(@ForAll("chineseTails") String tail) {
    Command c = parse("alert " + tail);
    assertThat(c).isInstanceOfAny(Command.AlertAdd.class, Command.AlertRemove.class, Command.Usage.class);
    if (c instanceof Command.Usage u) {
      assertThat(u.sentence(Texts.of(Language.ZH))).doesNotContain("\n", "<", ">").containsPattern("\\p{IsHan}");
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> chineseTails() {
    return net.jqwik.api.Arbitraries.of("unreplied", "satisfaction", "&gt;", "&lt;=", "5", "80%", "1m", "per", "agent",
        "lang", "zh", "en", "fr", "满意度", "未回复", "大于", "５", "　", "group", "vip", "remove", "<#C1|x>", "#x")
        .list().ofMaxSize(7).map(l -> String.join(" ", l));
  }
}
