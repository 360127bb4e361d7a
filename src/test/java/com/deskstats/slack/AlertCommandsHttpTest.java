package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.alert.Alerts;
import com.deskstats.alert.Evaluator;
import com.deskstats.stats.Groups;
import com.deskstats.testing.Databases;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.StatsFakes;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code alert}, {@code alerts} and {@code alert remove} over HTTP with signed requests, on the real rule store. */
class AlertCommandsHttpTest {
  static final Duration WAIT = Duration.ofSeconds(10);

  StatsFakes.FakeDays days;
  FakeSlack alertSlack;
  SlackHarness h;

  @BeforeEach
  void setUp() {
    days = StatsFakes.days();
    alertSlack = new FakeSlack();
    Alerts alerts = Alerts.create(new Alerts.Config(ZoneId.of("Asia/Shanghai"), Duration.ofMinutes(10),
            new Evaluator.Params(3, Duration.ofHours(1)), "node-a"), Databases.h2(), days, Groups.NONE,
        alertSlack.methods("xoxb-test"), Clock.fixed(Instant.parse("2026-11-25T06:00:00Z"), ZoneOffset.UTC));
    h = new SlackHarness(alerts.control(), Set.of("UBOTADMIN"));
    h.slack.user("UADMIN", "a@example.com", true, false).user("U1", "u@example.com", false, false);
  }

  @AfterEach
  void tearDown() {
    h.close();
    alertSlack.close();
  }

  String answer(String text, String user) throws InterruptedException {
    String id = h.nextId();
    assertThat(h.command(text, user, "C1", id).statusCode()).isEqualTo(200);
    return h.responses.await(id, WAIT).text();
  }

  @Test
  void anAdminAddsListsAndRemovesARuleAndAnyoneMayList() throws Exception {
    String added = answer("alert <#C5|ops> unreplied &gt; 5 per agent", "UADMIN");
    assertThat(added).startsWith("Alert 1 added: <#C5> hears when `unreplied` is above 5 for any agent of the team")
        .contains("checked every 10 minutes");
    assertThat(h.slack.calls("conversations.info")).singleElement()
        .satisfies(c -> assertThat(c.param("channel")).isEqualTo("C5"));
    assertThat(answer("alert first-response&gt;=1m30s", "UBOTADMIN")).startsWith("Alert 2 added: <#C1>");

    String list = answer("alerts", "U1");
    assertThat(list).contains("*1* <#C5> `unreplied &gt; 5` · team, each agent · ok · last evaluation not yet")
        .contains("*2* <#C1> `first-response &gt;= 1m 30s` · team as a whole · ok");

    assertThat(answer("alert remove 1", "UADMIN")).isEqualTo("Alert 1 (<#C5> `unreplied &gt; 5 per agent`) is removed.");
    assertThat(answer("alert remove 1", "UADMIN")).contains("There is no alert 1");
    assertThat(answer("alerts", "U1")).doesNotContain("<#C5>").contains("*2* <#C1>");
    assertThat(days.requested()).as("no Desk call").isEmpty();
    assertThat(alertSlack.calls("chat.postMessage")).as("adding posts nothing to the channel").isEmpty();
  }

  @Test
  void anOrdinaryMemberMayNotAddOrRemoveRules() throws Exception {
    answer("alert unreplied &gt; 5", "UADMIN");

    assertThat(answer("alert unreplied &gt; 9", "U1")).contains("Only workspace admins and owners")
        .contains("may change alert rules");
    assertThat(answer("alert remove 1", "U1")).contains("Only workspace admins and owners");
    assertThat(answer("alerts", "U1")).contains("*1* <#C1>").doesNotContain("*2*");
  }

  @Test
  void everyGrammarRefusalIsOneSentenceWithAnExampleInTheAckCostingNothing() {
    List<String> texts = List.of("alert", "alert banana &gt; 5", "alert unreplied = 5", "alert unreplied 5",
        "alert unreplied &gt;", "alert satisfaction &lt; 150%", "alert unreplied &gt; -3", "alert unreplied &gt; 5%",
        "alert first-response &gt; 90%", "alert unreplied &gt; 5 tomorrow", "alert unreplied &gt; 5 per",
        "alert remove", "alert remove x", "alerts please", "alert <#C5|a> <#C6|b> unreplied &gt; 5");
    for (String text : texts) {
      var ack = h.command(text, "UADMIN", "C1", h.nextId());
      assertThat(ack.statusCode()).isEqualTo(200);
      JsonObject body = JsonParser.parseString(ack.body()).getAsJsonObject();
      String sentence = body.get("text").getAsString().split("\n\n")[0];
      assertThat(body.get("response_type").getAsString()).isEqualTo("ephemeral");
      assertThat(sentence).as(text).doesNotContain("\n").containsPattern("[.?]$").contains("as in `");
    }
    assertThat(h.executor.submitted.get()).isZero();
    assertThat(h.reports.calls).isEmpty();
    assertThat(days.requested()).isEmpty();
    assertThat(h.slack.calls("conversations.info")).isEmpty();
  }

  @Test
  void theRefusalsSayWhatIsWrong() {
    assertThat(ack("alert banana &gt; 5")).startsWith("'banana' is not something an alert can watch: use unreplied, "
        + "satisfaction, first-response, within-30s or sessions, as in `alert #support unreplied &gt; 5`.");
    assertThat(ack("alert satisfaction &lt; 150%")).startsWith("'150%' is more than 100%: give a percentage from 0 to 100, "
        + "as in `alert satisfaction &lt; 80%`.");
    assertThat(ack("alert unreplied &gt; -3")).startsWith("'-3' is below zero");
    assertThat(ack("alert unreplied &gt;")).startsWith("Give the threshold after `&gt;`, as in");
    assertThat(ack("alert unreplied =&gt; 5")).startsWith("'=&gt;' is not a comparison: use &gt;, &gt;=, &lt; or &lt;=");
  }

  private String ack(String text) {
    return JsonParser.parseString(h.command(text, "UADMIN", "C1", h.nextId()).body()).getAsJsonObject().get("text").getAsString();
  }

  @Test
  void aRuleIsNotSavedWhereTheBotCannotPostAndTheAdminIsToldHowToInviteIt() throws Exception {
    h.slack.channel("C7", "private-ops", false, true).channel("C8", "lobby", false, false).hiddenChannel("C9");

    assertThat(answer("alert <#C7|private-ops> unreplied &gt; 5", "UADMIN")).contains("I'm not in <#C7>")
        .contains("/invite @desk-stats").contains("Nothing is saved");
    assertThat(answer("alert <#C8|lobby> unreplied &gt; 5", "UADMIN")).contains("I'm not in <#C8>")
        .contains("/invite @desk-stats");
    assertThat(answer("alert <#C9|secret> unreplied &gt; 5", "UADMIN")).contains("I can't see <#C9>")
        .contains("/invite @desk-stats");
    assertThat(answer("alerts", "U1")).contains("No alert rules yet");

    // A public channel the bot has not joined is fine when the app may post to public channels.
    h.slack.scopes("commands", "chat:write", "chat:write.public", "channels:read", "groups:read");
    assertThat(answer("alert <#C8|lobby> unreplied &gt; 5", "UADMIN")).startsWith("Alert 1 added: <#C8>");
  }

  @Test
  void aSubscriptionIsNotSavedWhereTheBotCannotPost() throws Exception {
    h.slack.channel("C7", "private-ops", false, true);

    assertThat(answer("subscribe <#C7|private-ops> 09:30", "UADMIN")).contains("I'm not in <#C7>")
        .contains("/invite @desk-stats");
    assertThat(h.digest.calls).isEmpty();
    assertThat(answer("subscribe <#C5|ops> 09:30", "UADMIN")).isEqualTo("Subscribed <#C5> to the daily digest.");
  }

  @Test
  void anUnknownGroupIsRefusedWithTheGroupsListed() throws Exception {
    h.groups.put("tier1", "a@x").put("night", "b@x");

    assertThat(answer("alert unreplied &gt; 5 group tier2", "UADMIN"))
        .isEqualTo("There is no group `tier2`. The groups are `night`, `tier1`.");
    assertThat(answer("alert unreplied &gt; 5 group tier1", "UADMIN")).contains("for group `tier1` as a whole");
    assertThat(answer("alerts", "U1")).contains("group `tier1` as a whole").doesNotContain("tier2");
  }
}
