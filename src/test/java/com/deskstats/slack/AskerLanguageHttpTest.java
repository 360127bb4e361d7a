package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.desk.DeskException;
import com.deskstats.testing.FakeReports;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.ResponseUrlServer.Posted;
import com.deskstats.text.Language;
import com.deskstats.text.Text;
import com.deskstats.text.Texts;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every ephemeral answer is written in the asker's Slack locale (users.info with include_locale, over real HTTP):
 * zh-* reads Chinese and en-* English whatever BOT_LANGUAGE says; any other locale, or Slack failing to say, reads
 * BOT_LANGUAGE.
 */
class AskerLanguageHttpTest {

  static final Duration WAIT = Duration.ofSeconds(5);

  static final String NOT_FOUND_EN = "No Desk agent with AgentId `nobody@example.com` was active in Tue 24 Nov 2026.";
  static final String NOT_FOUND_ZH = "AgentId 为 `nobody@example.com` 的 Desk 客服在 2026年11月24日 周二 没有活动。";

  private final List<SlackHarness> open = new ArrayList<>();

  private SlackHarness harness(Language botLanguage) {
    SlackHarness h = SlackHarness.speaking(botLanguage);
    open.add(h);
    return h;
  }

  @AfterEach
  void close() {
    open.forEach(SlackHarness::close);
  }

  /** The answer to {@code agent nobody@example.com} (an AgentId nobody used) for {@code user}. */
  private static String notFound(SlackHarness h, String user) throws InterruptedException {
    String id = h.nextId();
    h.command("agent nobody@example.com", user, "C1", id);
    return h.responses.await(id, WAIT).text();
  }

  private static String ackText(HttpResponse<String> ack) {
    assertThat(ack.statusCode()).isEqualTo(200);
    JsonObject o = JsonParser.parseString(ack.body()).getAsJsonObject();
    return o.get("text").getAsString();
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void aChineseLocaleReadsChineseWhateverBotLanguageSays(Language botLanguage) throws Exception {
    SlackHarness h = harness(botLanguage);
    h.slack.locale("UZH", "zh-CN").locale("UTW", "zh-TW");
    assertThat(notFound(h, "UZH")).isEqualTo(NOT_FOUND_ZH);
    assertThat(notFound(h, "UTW")).isEqualTo(NOT_FOUND_ZH);
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void anEnglishLocaleReadsEnglishWhateverBotLanguageSays(Language botLanguage) throws Exception {
    SlackHarness h = harness(botLanguage);
    h.slack.locale("UEN", "en-US").locale("UGB", "en-GB");
    assertThat(notFound(h, "UEN")).isEqualTo(NOT_FOUND_EN);
    assertThat(notFound(h, "UGB")).isEqualTo(NOT_FOUND_EN);
  }

  @Test
  void anotherLocaleReadsBotLanguage() throws Exception {
    SlackHarness en = harness(Language.EN);
    en.slack.locale("UFR", "fr-FR");
    assertThat(notFound(en, "UFR")).isEqualTo(NOT_FOUND_EN);
    SlackHarness zh = harness(Language.ZH);
    zh.slack.locale("UFR", "fr-FR").user("UNONE", null); // UNONE: users.info shows no locale at all
    assertThat(notFound(zh, "UFR")).isEqualTo(NOT_FOUND_ZH);
    assertThat(notFound(zh, "UNONE")).isEqualTo(NOT_FOUND_ZH);
  }

  @Test
  void aFailedUsersInfoReadsBotLanguageAndIsAskedAgainNextTime() throws Exception {
    SlackHarness en = harness(Language.EN);
    en.slack.locale("U1", "zh-CN").failUser("U1");
    assertThat(notFound(en, "U1")).isEqualTo(NOT_FOUND_EN);
    SlackHarness zh = harness(Language.ZH);
    zh.slack.locale("U1", "en-US").failUser("U1");
    assertThat(notFound(zh, "U1")).isEqualTo(NOT_FOUND_ZH);
    // A failure is not remembered: once Slack answers, the user's own language is used.
    zh.slack.recover("U1");
    assertThat(notFound(zh, "U1")).isEqualTo(NOT_FOUND_EN);
    assertThat(zh.slack.localeLookups()).hasSize(2);
  }

  @Test
  void theLocaleIsAskedOnceForSeveralCommands() throws Exception {
    SlackHarness h = harness(Language.EN);
    h.slack.locale("U1", "zh-CN");
    assertThat(notFound(h, "U1")).isEqualTo(NOT_FOUND_ZH);
    assertThat(ackText(h.command("help", "U1", "C1", h.nextId()))).isEqualTo(CommandParser.help(Texts.of(Language.ZH)));
    assertThat(notFound(h, "U1")).isEqualTo(NOT_FOUND_ZH);
    assertThat(h.slack.localeLookups()).hasSize(1);
    assertThat(h.slack.localeLookups().get(0).param("user")).isEqualTo("U1");
  }

  @Test
  void usageInTheAskersLanguageIsAnsweredInTheAckWithNoDeskCall() throws Exception {
    SlackHarness h = harness(Language.EN);
    h.slack.locale("U1", "zh-CN");
    String text = "agent";
    Command parsed = CommandParser.parse(text, FakeReports.TODAY);
    assertThat(parsed).isInstanceOf(Command.Usage.class);
    assertThat(ackText(h.command(text, "U1", "C1", h.nextId())))
        .isEqualTo(((Command.Usage) parsed).message(Texts.of(Language.ZH)));
    // A channel-less subscription is usage too, answered in the ack in Chinese.
    assertThat(ackText(h.command("subscribe", "U1", "D1", h.nextId())))
        .isEqualTo("请在目标频道中运行，或指明频道，例如 `/desk-stats subscribe #support`。");
    assertThat(h.executor.submitted.get()).isZero();
    assertThat(h.reports.calls).isEmpty();
    assertThat(h.responses.posted()).isEmpty();
    assertThat(h.slack.localeLookups()).hasSize(1);
  }

  @Test
  void aSlowUsersInfoLetsTheAckAnswerInBotLanguageAndStillFillsTheCache() throws Exception {
    SlackHarness h = harness(Language.EN);
    CountDownLatch release = new CountDownLatch(1);
    h.slack.answer("users.info", call -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "{\"ok\":true,\"user\":{\"id\":\"" + call.param("user") + "\",\"locale\":\"zh-CN\"}}";
    });
    String english = ackText(h.command("subscribe", "U1", "D1", h.nextId()));
    assertThat(english).isEqualTo("Run this in the channel you mean, or name it, as in `/desk-stats subscribe #support`.");
    release.countDown();
    h.slack.awaitCall("users.info", WAIT);
    long deadline = System.nanoTime() + WAIT.toNanos();
    String later;
    do {
      later = ackText(h.command("subscribe", "U1", "D1", h.nextId()));
    } while (!later.startsWith("请") && System.nanoTime() < deadline);
    assertThat(later).isEqualTo("请在目标频道中运行，或指明频道，例如 `/desk-stats subscribe #support`。");
    assertThat(h.slack.localeLookups()).hasSize(1);
  }

  @Test
  void aButtonAnswersInTheLanguageOfWhoeverPressedIt() throws Exception {
    SlackHarness h = harness(Language.EN);
    h.slack.locale("UZH", "zh-CN").locale("UEN", "en-US");
    h.action(ReportBlocks.ACTION_NEXT, "agent nobody@example.com 2026-11-24", "UZH", true, "b1");
    assertThat(h.responses.await("b1", WAIT).text()).isEqualTo(NOT_FOUND_ZH);
    h.action(ReportBlocks.ACTION_NEXT, "agent nobody@example.com 2026-11-24", "UEN", true, "b2");
    assertThat(h.responses.await("b2", WAIT).text()).isEqualTo(NOT_FOUND_EN);
    h.action(ReportBlocks.ACTION_POST, "2026-11-23", "UZH", true, "b3");
    assertThat(h.responses.await("b3", WAIT).text()).isEqualTo("已发布到 <#C1>。");
    h.action(ReportBlocks.ACTION_NEXT, "subscriptions", "UZH", true, "b4");
    assertThat(h.responses.await("b4", WAIT).text()).isEqualTo("这个按钮已失效，请重新运行 `/desk-stats`。");
  }

  @Test
  void refusalsAndFailuresAreInTheAskersLanguage() throws Exception {
    SlackHarness h = harness(Language.EN);
    h.slack.locale("U1", "zh-CN");
    h.groups.put("tier1").put("vip");
    h.command("yesterday group tier9", "U1", "C1", "g1");
    assertThat(h.responses.await("g1", WAIT).text()).isEqualTo("没有名为 `tier9` 的分组。现有分组：`tier1`、`vip`。");

    h.command("subscribe <#C5|ops>", "U1", "C1", "s1");
    assertThat(h.responses.await("s1", WAIT).text())
        .isEqualTo("只有工作区管理员和所有者，以及 BOT_ADMINS 中的机器人管理员可以管理统计摘要；请联系他们。");

    h.reports.failWith = new DeskException(DeskException.Kind.CREDENTIALS, 60021, Text.of("answers.desk.ip_refused"));
    h.command("yesterday", "U1", "C1", "d1");
    assertThat(h.responses.await("d1", WAIT).text())
        .isEqualTo("Desk 拒绝了来自本服务器 IP 地址的调用（错误 60021）：请在腾讯云控制台把它加入应用的 IP 白名单。");
    h.reports.failWith = new DeskException(DeskException.Kind.UNAVAILABLE, 0, "Desk at example.org was sulking.");
    h.command("yesterday", "U1", "C1", "d2");
    assertThat(h.responses.await("d2", WAIT).text()).isEqualTo("暂时无法连接 Desk：请几分钟后再试。");

    h.reports.failWith = new IllegalStateException("boom");
    h.command("yesterday", "U1", "C1", "e1");
    assertThat(h.responses.await("e1", WAIT).text()).isEqualTo("我这边处理时出了问题，请一分钟后再试。");
  }

  @Test
  void theProfileSentencesOfACardAreInTheAskersLanguage() throws Exception {
    SlackHarness h = harness(Language.EN);
    h.slack.locale("U1", "zh-CN");
    h.command("agent me", "U1", "C1", "m1");
    assertThat(h.responses.await("m1", WAIT).text())
        .isEqualTo("你的 Slack 资料没有向应用公开邮箱，所以我无法把你对应到 Desk 客服，请改用 AgentId 查询客服。");
    h.command("agent <@U404>", "U1", "C1", "m2");
    assertThat(h.responses.await("m2", WAIT).text()).isEqualTo("找不到这个 Slack 用户。");
    h.slack.user("U3", "dave@example.com");
    h.command("agent <@U3>", "U1", "C1", "m3");
    assertThat(h.responses.await("m3", WAIT).text()).isEqualTo(
        "AgentId 为 `dave@example.com`（来自 <@U3> 的 Slack 邮箱）的 Desk 客服在 2026年11月24日 周二 没有活动。");
    assertThat(h.reports.calls).containsExactly("card dave@example.com 2026-11-24");
  }

  @Test
  void alertAnswersAreAskedForInTheAskersLanguage() throws Exception {
    List<String> asked = new CopyOnWriteArrayList<>();
    AlertControl alerts = new AlertControl() {
      @Override
      public String add(Language lang, String channelId, AlertCondition condition, Optional<Language> postLang,
          String userId) {
        asked.add("add " + lang + " " + channelId + " " + postLang.map(Language::code).orElse("bot"));
        return lang == Language.ZH ? "已添加。" : "Added.";
      }

      @Override
      public String list(Language lang) {
        asked.add("list " + lang);
        return lang == Language.ZH ? "告警规则" : "Alert rules";
      }

      @Override
      public String remove(Language lang, long id, String userId) {
        asked.add("remove " + lang + " " + id);
        return lang == Language.ZH ? "已删除。" : "Removed.";
      }
    };
    SlackHarness h = SlackHarness.speaking(Language.EN, alerts, Set.of("UBOTADMIN"));
    open.add(h);
    h.slack.locale("UBOTADMIN", "zh-CN").locale("U2", "zh-CN");
    h.command("alerts", "U2", "C1", "a1");
    assertThat(h.responses.await("a1", WAIT).text()).isEqualTo("告警规则");
    h.command("alert <#C5|ops> unreplied > 5", "U2", "C1", "a2");
    assertThat(h.responses.await("a2", WAIT).text())
        .isEqualTo("只有工作区管理员和所有者，以及 BOT_ADMINS 中的机器人管理员可以修改告警规则；请联系他们。");
    h.command("alert <#C5|ops> unreplied > 5", "UBOTADMIN", "C1", "a3");
    assertThat(h.responses.await("a3", WAIT).text()).isEqualTo("已添加。");
    assertThat(asked).containsExactly("list ZH", "add ZH C5 bot");
    assertThat(h.slack.calls().stream().map(FakeSlack.Call::method)).contains("conversations.info");
  }
}
