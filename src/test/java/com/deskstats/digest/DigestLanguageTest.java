package com.deskstats.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.delivery.SlackCalls;
import com.deskstats.ops.Metrics;
import com.deskstats.slack.DigestControl;
import com.deskstats.slack.DigestOptions;
import com.deskstats.stats.Groups;
import com.deskstats.store.DeliveryKey;
import com.deskstats.store.DeliveryStore;
import com.deskstats.store.Subscription;
import com.deskstats.store.SubscriptionStore;
import com.deskstats.testing.DigestDatabases;
import com.deskstats.testing.FakeGroups;
import com.deskstats.testing.FakeReports;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.MutableClock;
import com.deskstats.text.Language;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quartz.Trigger;

/** A digest is posted in its subscription's {@code lang}, else BOT_LANGUAGE; the answers in the asker's language. */
class DigestLanguageTest {
  /** 09:00 on 25 Nov 2026 in Shanghai: the digest reports Tue 24 Nov. */
  static final Instant FIRE = Instant.parse("2026-11-25T01:00:00Z");
  static final String TUESDAY_ZH = "2026年11月24日 周二";

  FakeSlack slack;
  MutableClock clock;
  DeliveryStore deliveries;

  @BeforeEach
  void setUp() {
    slack = new FakeSlack();
    clock = new MutableClock(FIRE.plusMillis(20));
    deliveries = new DeliveryStore(DigestDatabases.h2(), clock);
  }

  @AfterEach
  void tearDown() throws Exception {
    slack.close();
  }

  Deliverer deliverer(Groups groups, Language botLanguage) {
    return new Deliverer(new FakeReports(), groups, FakeRenderer.renderer(),
        new SlackCalls(slack.methods(Nodes.BOT_TOKEN), w -> { }), deliveries, new Metrics(false), clock,
        FakeReports.ZONE, "node-a", null, botLanguage);
  }

  List<String> uploadTitles() {
    return slack.calls("files.completeUploadExternal").stream()
        .map(c -> c.json("files").getAsJsonArray().get(0).getAsJsonObject().get("title").getAsString()).toList();
  }

  @Test
  void aLangZhSubscriptionPostsItsDigestAndItsUploadsInChinese() {
    Target zh = new Target(DeliveryKey.daily("C1"), true, Optional.of(Language.ZH));

    assertThat(deliverer(Groups.NONE, Language.EN).scheduled(zh, FIRE).outcome()).isEqualTo("sent");

    FakeSlack.Call post = slack.calls("chat.postMessage").get(0);
    assertThat(post.param("blocks")).contains(TUESDAY_ZH).doesNotContain("Tue 24 Nov 2026");
    assertThat(uploadTitles()).containsExactly("排行榜，" + TUESDAY_ZH, "客服明细 CSV，" + TUESDAY_ZH);
  }

  @ParameterizedTest(name = "BOT_LANGUAGE={0}")
  @CsvSource(delimiter = '|', value = {
      "en | Tue 24 Nov 2026 | Leaderboard, Tue 24 Nov 2026",
      "zh | 2026年11月24日 周二 | 排行榜，2026年11月24日 周二"})
  void aSubscriptionWithoutLangFollowsBotLanguage(String bot, String label, String title) {
    deliverer(Groups.NONE, Language.parse(bot).orElseThrow()).scheduled(Target.daily("C1"), FIRE);

    assertThat(slack.calls("chat.postMessage").get(0).param("blocks")).contains(label);
    assertThat(uploadTitles()).containsExactly(title);
  }

  @Test
  void theCouldNotBeMadeNoticeIsInTheSubscriptionsLanguageAndTheRecordStaysEnglish() {
    Target gone = new Target(new DeliveryKey("C1", "daily", "night-shift"), false, Optional.of(Language.ZH));

    Deliverer.Outcome out = deliverer(new FakeGroups(), Language.EN).scheduled(gone, FIRE);

    assertThat(out.outcome()).isEqualTo("group_missing");
    assertThat(slack.calls("chat.postMessage")).singleElement().satisfies(c -> assertThat(c.param("text"))
        .isEqualTo("desk-stats 无法生成" + TUESDAY_ZH + "的统计摘要：组 `night-shift` 已不存在；请重新创建该组，或取消它的统计摘要订阅。"));
    assertThat(deliveries.scheduled(gone.key(), FIRE.atZone(FakeReports.ZONE).toLocalDate().minusDays(1))
        .orElseThrow().error()).hasValue("No group: there is no group `night-shift` any more; make it again or "
            + "unsubscribe its digest.");
  }

  @Test
  void aTriggerCarriesTheLanguageAndOneFromBeforeV9HasNone() {
    Subscription s = new Subscription("C1", "0 0 9 * * ?", FakeReports.ZONE, "U1", FIRE, "weekly", "tier1", true,
        Optional.of(Language.ZH));
    org.quartz.JobDataMap data = new org.quartz.JobDataMap();
    Target.of(s).write(data);

    assertThat(Target.read(data)).isEqualTo(new Target(s.key(), true, Optional.of(Language.ZH)));
    data.remove(Target.LANG);
    assertThat(Target.read(data).lang()).isEmpty();
  }

  /** Through the running digest: Quartz, the store on H2, the service the slash command calls. */
  @Test
  void subscribeWithLangStoresItSchedulesItListsItAndAnswersTheAskerInTheirLanguage() throws Exception {
    Instant sixAm = Instant.parse("2026-11-24T22:00:00Z"); // 06:00 in Shanghai on 25 Nov
    MutableClock early = new MutableClock(sixAm);
    DataSource ds = DigestDatabases.h2();
    Nodes nodes = new Nodes(slack);
    try {
      Digest digest = nodes.start("a", Map.of("DIGEST_CHANNEL", "C1", "DIGEST_TIMEZONE", "Asia/Shanghai",
          "BOT_LANGUAGE", "en"), ds, early, new Metrics(false));
      DigestControl control = digest.control();
      DigestOptions zhDaily = new DigestOptions(false, DayOfWeek.MONDAY, Optional.empty(), false, Optional.of(Language.ZH));

      String answer = control.subscribe(Language.ZH, "C2", Optional.of(LocalTime.of(8, 30)), zhDaily, "U1");

      assertThat(answer).isEqualTo("<#C2> 将于每天 08:30（Asia/Shanghai）收到每日统计摘要。下一次在 11月25日 周三 08:30。"
          + "消息将以简体中文发布。");
      assertThat(new SubscriptionStore(ds).find("C2")).hasValueSatisfying(s -> assertThat(s.lang()).hasValue(Language.ZH));
      Trigger t = digest.scheduler().getTrigger(Scheduling.triggerKey("C2"));
      assertThat(Target.of(t).lang()).hasValue(Language.ZH);
      assertThat(control.list(Language.EN)).contains("• <#C2> every day at 08:30 (Asia/Shanghai) · `lang zh` · next ")
          .contains("• <#C1> every day at 09:00 (Asia/Shanghai) _(default, from DIGEST_CHANNEL)_ · next");
      assertThat(control.list(Language.ZH)).startsWith("*统计摘要订阅*")
          .contains("• <#C2> 每天 08:30（Asia/Shanghai） · `lang zh` · 下次 11月25日 周三 08:30 · 上次：暂无");

      // digest now posts in the channel's lang and answers the asker in theirs.
      String now = control.digestNow(Language.EN, "C2", "U1");
      assertThat(now).isEqualTo("Posted a test digest for Tue 24 Nov 2026 to <#C2>. It does not count as the day's "
          + "scheduled digest.");
      assertThat(slack.calls("chat.postMessage").get(0).param("blocks")).contains(TUESDAY_ZH);

      // Subscribing again with another lang moves it; without one, the digest follows BOT_LANGUAGE again.
      String moved = control.subscribe(Language.EN, "C2", Optional.of(LocalTime.of(8, 30)),
          new DigestOptions(false, DayOfWeek.MONDAY, Optional.empty(), false, Optional.of(Language.EN)), "U1");
      assertThat(moved).endsWith("Posts are in English.");
      assertThat(new SubscriptionStore(ds).find("C2")).hasValueSatisfying(s -> assertThat(s.lang()).hasValue(Language.EN));
      assertThat(Target.of(digest.scheduler().getTrigger(Scheduling.triggerKey("C2"))).lang()).hasValue(Language.EN);
      control.subscribe(Language.EN, "C2", Optional.of(LocalTime.of(8, 30)), DigestOptions.DAILY, "U1");
      assertThat(new SubscriptionStore(ds).find("C2")).hasValueSatisfying(s -> assertThat(s.lang()).isEmpty());
      assertThat(control.unsubscribe(Language.ZH, "C2", false, Optional.empty(), "U1"))
          .isEqualTo("<#C2> 将不再收到每日统计摘要。");
    } finally {
      nodes.close();
    }
  }
}
