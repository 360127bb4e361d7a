package com.deskstats.alert;

import static com.deskstats.testing.StatsFakes.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.delivery.SlackCalls;
import com.deskstats.desk.DeskException;
import com.deskstats.slack.AlertCondition;
import com.deskstats.slack.AlertCondition.Metric;
import com.deskstats.slack.AlertCondition.Op;
import com.deskstats.stats.Groups;
import com.deskstats.testing.Databases;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.MutableClock;
import com.deskstats.testing.StatsFakes;
import com.deskstats.text.Language;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An alert rule's posts are written in its {@code lang}, else BOT_LANGUAGE; the answers in the asker's language. */
class AlertLanguageTest {
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z"); // 14:00 in Shanghai
  static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
  static final Evaluator.Params PARAMS = new Evaluator.Params(3, Duration.ofHours(1));
  static final AlertCondition UNREPLIED_OVER_5 = new AlertCondition(Metric.UNREPLIED, Op.GT, 5, false, Optional.empty());

  FakeSlack slack;
  MutableClock clock;
  StatsFakes.FakeDays days;
  DataSource db;
  AlertStore store;

  @BeforeEach
  void setUp() {
    slack = new FakeSlack();
    clock = new MutableClock(NOW);
    days = StatsFakes.days().fetchedAt(NOW.minusSeconds(30));
    db = Databases.h2();
    store = new AlertStore(db);
  }

  @AfterEach
  void tearDown() {
    slack.close();
  }

  Alerting alerting(Language botLanguage) {
    return new Alerting(store, days, Groups.NONE, new SlackCalls(slack.methods("xoxb-test"), d -> { }), clock, ZONE,
        PARAMS, "node-a", botLanguage);
  }

  void unreplied(long a, long b) {
    days.on(TODAY, row("li.na@x").nickname("李娜").sessions(20, a).build(),
        row("bob@x").nickname("Bob").sessions(20, b).build());
  }

  @Test
  void aLangZhRulePostsItsAlertAndItsRecoveryInChinese() {
    store.add("C1", UNREPLIED_OVER_5, "U1", NOW, Optional.of(Language.ZH));
    unreplied(4, 3);

    alerting(Language.EN).evaluateNow();

    FakeSlack.Call alert = slack.calls("chat.postMessage").get(0);
    assertThat(alert.param("text")).isEqualTo("未回复会话数：7 &gt; 5（团队），数据截至 13:59（Asia/Shanghai）。");
    String blocks = alert.json("blocks").toString();
    assertThat(blocks).contains("未回复会话数：7 > 5").contains("*范围：*团队整体").contains("*主要来源*")
        .contains("数据截至 13:59（Asia/Shanghai），今天（2026-11-25）").contains("打开今日报告").contains("李娜")
        .doesNotContain("Open today").doesNotContain("Scope");

    clock.advance(Duration.ofMinutes(10));
    unreplied(1, 1);
    alerting(Language.EN).evaluateNow();

    List<FakeSlack.Call> posts = slack.calls("chat.postMessage");
    assertThat(posts).hasSize(2);
    assertThat(posts.get(1).param("thread_ts")).isNotNull();
    assertThat(posts.get(1).param("text"))
        .isEqualTo("已于 13:59（Asia/Shanghai）恢复正常：未回复会话数为 2（提醒条件为 &gt; 5）。");
  }

  @Test
  void aRuleWithoutLangFollowsBotLanguageAndLangEnStaysEnglishUnderAChineseBot() {
    store.add("C1", UNREPLIED_OVER_5, "U1", NOW);
    store.add("C2", UNREPLIED_OVER_5, "U1", NOW, Optional.of(Language.EN));
    unreplied(4, 3);

    alerting(Language.ZH).evaluateNow();

    assertThat(slack.calls("chat.postMessage")).extracting(c -> c.param("channel") + " " + c.param("text"))
        .containsExactlyInAnyOrder("C1 未回复会话数：7 &gt; 5（团队），数据截至 13:59（Asia/Shanghai）。",
            "C2 Unreplied sessions: 7 &gt; 5 (team), data as of 13:59 Asia/Shanghai.");
  }

  @Test
  void aPerAgentRecoveryInChineseNamesTheAgentsBack() {
    store.add("C1", new AlertCondition(Metric.UNREPLIED, Op.GT, 2, true, Optional.empty()), "U1", NOW,
        Optional.of(Language.ZH));
    unreplied(4, 3);
    alerting(Language.EN).evaluateNow();
    assertThat(slack.calls("chat.postMessage").get(0).param("text")).startsWith("未回复会话数：2 名客服 &gt; 2");

    clock.advance(Duration.ofMinutes(10));
    unreplied(1, 0);
    alerting(Language.EN).evaluateNow();

    assertThat(slack.calls("chat.postMessage").get(1).param("text"))
        .isEqualTo("已于 13:59（Asia/Shanghai）恢复正常：所列客服均已不再 &gt; 2（Bob 0、李娜 1）。");
  }

  @Test
  void deskNoticesUseTheLanguageAChannelsRulesShareElseBotLanguage() {
    store.add("C1", UNREPLIED_OVER_5, "U1", NOW, Optional.of(Language.ZH));
    store.add("C1", new AlertCondition(Metric.SESSIONS, Op.GT, 100, false, Optional.empty()), "U1", NOW,
        Optional.of(Language.ZH));
    store.add("C2", UNREPLIED_OVER_5, "U1", NOW, Optional.of(Language.ZH));
    store.add("C2", UNREPLIED_OVER_5, "U1", NOW, Optional.of(Language.EN));
    days.failOn(TODAY, new DeskException(DeskException.Kind.UNAVAILABLE, 0, "Desk is not answering."));
    for (int i = 0; i < DeskHealth.NOTICE_AFTER; i++) {
      alerting(Language.EN).evaluateNow();
      clock.advance(Duration.ofMinutes(10));
    }

    assertThat(slack.calls("chat.postMessage")).extracting(c -> c.param("channel") + " " + c.param("text"))
        .containsExactlyInAnyOrder(
            "C1 desk-stats 无法读取 Desk：Desk is not answering. 提醒自 14:00 起暂停；Desk 恢复可读时，本频道会收到通知。",
            "C2 desk-stats cannot read Desk: Desk is not answering. Alerts are paused since 14:00; this channel hears "
                + "when Desk can be read again.");
    slack.clearCalls();

    days.recoverOn(TODAY);
    unreplied(0, 0);
    alerting(Language.EN).evaluateNow();
    assertThat(slack.calls("chat.postMessage")).extracting(c -> c.param("channel") + " " + c.param("text"))
        .containsExactlyInAnyOrder("C1 desk-stats 已恢复读取 Desk（14:30）：提醒已重新开启。",
            "C2 desk-stats can read Desk again (14:30): alerts are back on.");
  }

  @Test
  void theAnswersSpeakTheAskersLanguageAndTheListingShowsEachRulesLang() {
    AlertService service = new AlertService(store, clock, ZONE, Duration.ofMinutes(10));

    String added = service.add(Language.ZH, "C1", UNREPLIED_OVER_5, Optional.of(Language.ZH), "U1");
    assertThat(added).isEqualTo("已添加提醒 1：当团队整体的 `unreplied` 高于 5 时，<#C1> 会收到提醒，每 10 分钟检查一次。"
        + "在此之前不会发布任何消息；`/desk-stats alert remove 1` 可删除它。消息将以简体中文发布。");
    assertThat(service.add(Language.EN, "C2", UNREPLIED_OVER_5, Optional.empty(), "U1"))
        .isEqualTo("Alert 2 added: <#C2> hears when `unreplied` is above 5 for the team as a whole, checked every "
            + "10 minutes. Nothing is posted until then; `/desk-stats alert remove 2` removes it.");
    assertThat(store.rules()).extracting(Rule::lang).containsExactly(Optional.of(Language.ZH), Optional.empty());

    assertThat(service.list(Language.EN)).isEqualTo("*Alert rules*"
        + "\n• *1* <#C1> `unreplied &gt; 5` · team as a whole · `lang zh` · ok · last evaluation not yet"
        + "\n• *2* <#C2> `unreplied &gt; 5` · team as a whole · ok · last evaluation not yet");
    assertThat(service.list(Language.ZH)).isEqualTo("*提醒规则*"
        + "\n• *1* <#C1> `unreplied &gt; 5` · 团队整体 · `lang zh` · 正常 · 尚未检查"
        + "\n• *2* <#C2> `unreplied &gt; 5` · 团队整体 · 正常 · 尚未检查");
    assertThat(service.remove(Language.ZH, 9, "U1")).isEqualTo("没有编号为 9 的提醒；`/desk-stats alerts` 会列出所有提醒。");
    assertThat(service.remove(Language.ZH, 2, "U1")).isEqualTo("已删除提醒 2（<#C2> `unreplied &gt; 5`）。");
  }

  @Test
  void theDryRunWritesTheAlertAndTheReasonForNoneInTheGivenLanguage() throws Exception {
    unreplied(4, 3);

    DryRun.Result fires = DryRun.run(UNREPLIED_OVER_5, com.deskstats.stats.Scope.TEAM, days, ZONE, PARAMS, clock,
        Language.ZH);
    assertThat(fires.message()).hasValueSatisfying(m -> assertThat(m.text()).startsWith("未回复会话数：7 &gt; 5（团队）"));

    DryRun.Result quiet = DryRun.run(new AlertCondition(Metric.UNREPLIED, Op.GT, 50, false, Optional.empty()),
        com.deskstats.stats.Scope.TEAM, days, ZONE, PARAMS, clock, Language.ZH);
    assertThat(quiet.why()).isEqualTo("不会发布任何消息：团队今天的未回复会话数为 7，未达到 > 50（数据截至 13:59，Asia/Shanghai）。");
    assertThat(DryRun.run(new AlertCondition(Metric.UNREPLIED, Op.GT, 50, false, Optional.empty()),
        com.deskstats.stats.Scope.TEAM, days, ZONE, PARAMS, clock).why())
        .isEqualTo("Nothing would be posted: unreplied sessions for the team: 7 today, not > 50 (data as of 13:59 "
            + "Asia/Shanghai).");
  }
}
