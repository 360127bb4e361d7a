package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.desk.DeskException;
import com.deskstats.testing.FakeReports;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.ResponseUrlServer.Posted;
import com.deskstats.testing.SlackSigner;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.app_backend.SlackSignature;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** End to end over real HTTP: signed requests into the real web server and Bolt app. */
class SlackAppHttpTest {

  static final Duration WAIT = Duration.ofSeconds(5);

  SlackHarness h = new SlackHarness(Set.of("UBOTADMIN"));

  @AfterEach
  void close() {
    h.close();
  }

  static JsonObject json(String body) {
    return JsonParser.parseString(body).getAsJsonObject();
  }

  // ------------------------------------------------------------------ signing

  @Test
  void boltAcceptsSlacksDocumentedSigningVector() {
    String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
        + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
        + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
        + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    String expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    assertThat(SlackSigner.signature(SlackHarness.SECRET, 1531420618L, body)).isEqualTo(expected);
    var verifier = new SlackSignature.Verifier(new SlackSignature.Generator(SlackHarness.SECRET));
    assertThat(verifier.isValid("1531420618", body, expected, 1531420618_000L)).isTrue();
    assertThat(verifier.isValid("1531420618", body + "x", expected, 1531420618_000L)).isFalse();
  }

  @Test
  void forgedRequestIsRejectedAndDoesNoWork() {
    String body = h.commandBody("yesterday", "U1", "C1", "forged");
    var forged = new SlackSigner("not-the-secret").form(h.events(), body);
    assertThat(h.send(forged).statusCode()).isEqualTo(401);
    var unsigned = HttpRequest.newBuilder(h.events()).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    assertThat(h.send(unsigned).statusCode()).isEqualTo(401);
    long now = System.currentTimeMillis() / 1000;
    var tampered = HttpRequest.newBuilder(h.events()).header("Content-Type", "application/x-www-form-urlencoded")
        .header(SlackSigner.TIMESTAMP_HEADER, String.valueOf(now))
        .header(SlackSigner.SIGNATURE_HEADER, h.signer.signature(now, body))
        .POST(HttpRequest.BodyPublishers.ofString(body.replace("yesterday", "today"))).build();
    assertThat(h.send(tampered).statusCode()).isEqualTo(401);
    assertNoWork();
  }

  @Test
  void replayedRequestOutsideFiveMinutesIsRejected() {
    String body = h.commandBody("yesterday", "U1", "C1", "replay");
    long sixMinutesAgo = System.currentTimeMillis() / 1000 - 6 * 60;
    assertThat(h.send(h.signer.post(h.events(), "application/x-www-form-urlencoded", body, sixMinutesAgo)).statusCode())
        .isEqualTo(401);
    long farFuture = System.currentTimeMillis() / 1000 + 6 * 60;
    assertThat(h.send(h.signer.post(h.events(), "application/x-www-form-urlencoded", body, farFuture)).statusCode())
        .isEqualTo(401);
    assertNoWork();
  }

  @Test
  void malformedBodiesGetAClientErrorAndDoNoWork() {
    for (String body : List.of("{not json", "payload=%7Bbroken", "payload=", "%%%", "")) {
      String type = body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded";
      int status = h.send(h.signer.post(h.events(), type, body)).statusCode();
      assertThat(status).as(body).isBetween(400, 499);
    }
    assertThat(h.send(HttpRequest.newBuilder(h.events()).GET().build()).statusCode()).isEqualTo(405);
    assertThat(statusOfHeadersOnly(2 * 1024 * 1024)).isEqualTo(413);
    assertNoWork();
  }

  /** Sends only the headers of a request announcing a body of {@code length} bytes; returns the status. */
  private int statusOfHeadersOnly(int length) {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", h.web.port())) {
      s.setSoTimeout(5000);
      String head = "POST /slack/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
          + "Content-Length: " + length + "\r\n\r\n";
      s.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      String status = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
          java.nio.charset.StandardCharsets.US_ASCII)).readLine();
      return Integer.parseInt(status.split(" ")[1]);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void assertNoWork() {
    assertThat(h.executor.submitted.get()).isZero();
    assertThat(h.reports.calls).isEmpty();
    assertThat(h.responses.posted()).isEmpty();
    assertThat(h.slack.calls().stream().map(FakeSlack.Call::method)).doesNotContain("users.info", "chat.postMessage", "views.publish");
  }

  @Test
  void urlVerificationEchoesTheChallenge() {
    var r = h.event("{\"token\":\"t\",\"challenge\":\"c-123\",\"type\":\"url_verification\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("c-123");
  }

  // ------------------------------------------------------------------ /desk-stats

  @Test
  void reportIsAckedThenArrivesEphemeralThroughResponseUrl() throws Exception {
    var ack = h.command("yesterday", "r1");
    assertThat(ack.statusCode()).isEqualTo(200);
    Posted p = h.responses.await("r1", WAIT);
    assertThat(p.responseType()).isEqualTo("ephemeral");
    assertThat(p.text()).isNotBlank();
    assertThat(p.json().getAsJsonArray("blocks")).isNotEmpty();
    assertThat(p.body()).contains("Alice");
    assertThat(h.reports.calls).containsExactly("report 2026-11-24");
  }

  @Test
  void publicReportIsPostedInTheChannel() throws Exception {
    assertThat(h.command("2026-11-01..2026-11-07 public", "r1").statusCode()).isEqualTo(200);
    assertThat(h.responses.await("r1", WAIT).responseType()).isEqualTo("in_channel");
    assertThat(h.reports.calls).containsExactly("report 2026-11-01..2026-11-07");
  }

  @Test
  void unparseableTextGetsUsageInTheAckAndNoDeskCall() {
    for (String text : List.of("tomorrow", "last 90 days", "agent", "subscribe 25:00", "banana split")) {
      var ack = h.command(text, "u");
      assertThat(ack.statusCode()).isEqualTo(200);
      JsonObject body = json(ack.body());
      assertThat(body.get("response_type").getAsString()).isEqualTo("ephemeral");
      assertThat(body.get("text").getAsString()).as(text).contains("Usage").contains("/desk-stats agent");
    }
    assertThat(h.executor.submitted.get()).isZero();
    assertThat(h.reports.calls).isEmpty();
    assertThat(h.responses.posted()).isEmpty();
  }

  @Test
  void helpIsAnsweredInTheAck() {
    JsonObject body = json(h.command("help", "u").body());
    assertThat(body.get("text").getAsString()).contains("subscribe [#channel] [HH:MM]");
    assertThat(h.executor.submitted.get()).isZero();
  }

  @Test
  void deskFailureReachesTheUserAsItsSentence() throws Exception {
    h.reports.failWith = new DeskException(DeskException.Kind.CREDENTIALS, 70003,
        "Desk rejected the credentials: check DESK_SDKAPPID, DESK_SECRET_KEY and DESK_REGION.");
    h.command("", "r1");
    Posted p = h.responses.await("r1", WAIT);
    assertThat(p.responseType()).isEqualTo("ephemeral");
    assertThat(p.text()).isEqualTo("Desk rejected the credentials: check DESK_SDKAPPID, DESK_SECRET_KEY and DESK_REGION.");
    assertThat(h.metrics.scrape()).contains("command=\"report\",outcome=\"desk_error\"");
  }

  @Test
  void unexpectedFailureIsOneGenericSentenceNeverAStackTrace() throws Exception {
    h.reports.failWith = new IllegalStateException("boom at com.deskstats.Secret(xoxb-leak)");
    h.command("", "r1");
    Posted p = h.responses.await("r1", WAIT);
    assertThat(p.text()).isEqualTo(Replies.GENERIC_FAILURE);
    assertThat(p.body()).doesNotContain("boom").doesNotContain("Exception").doesNotContain("xoxb");
  }

  @Test
  void aFailedPublicReportIsShownToTheAskerAloneNotTheChannel() throws Exception {
    h.reports.failWith = new DeskException(DeskException.Kind.CREDENTIALS, 70003,
        "Desk rejected the credentials: check DESK_SDKAPPID, DESK_SECRET_KEY and DESK_REGION.");
    h.command("yesterday public", "r1");
    Posted p = h.responses.await("r1", WAIT);
    assertThat(p.responseType()).isEqualTo("ephemeral");
    assertThat(p.text()).startsWith("Desk rejected the credentials");
    h.command("agent carol public", "r2");
    assertThat(h.responses.await("r2", WAIT).responseType()).isEqualTo("ephemeral");
  }

  @Test
  void aGroupReportAndCardAreScopedToTheGroup() throws Exception {
    h.groups.put("tier1", "alice@example.com", "bob@example.com");
    h.command("group tier1 yesterday", "r1");
    assertThat(h.responses.await("r1", WAIT).responseType()).isEqualTo("ephemeral");
    h.command("agent carol group TIER1", "r2");
    h.responses.await("r2", WAIT);
    assertThat(h.reports.calls).containsExactly("report 2026-11-24 group tier1", "card carol 2026-11-24 group tier1");
  }

  @Test
  void anUnknownGroupIsOneSentenceListingTheGroupsAndCostsNoDeskCall() throws Exception {
    h.groups.put("tier1").put("vip");
    h.command("yesterday group tier9", "r1");
    Posted p = h.responses.await("r1", WAIT);
    assertThat(p.text()).isEqualTo("There is no group `tier9`. The groups are `tier1`, `vip`.");
    assertThat(h.reports.calls).isEmpty();
  }

  // ------------------------------------------------------------------ agent lookup

  @Test
  void agentLookupById() throws Exception {
    h.command("agent carol 2026-11-20", "r1");
    Posted p = h.responses.await("r1", WAIT);
    assertThat(p.responseType()).isEqualTo("ephemeral");
    assertThat(p.body()).contains("carol");
    assertThat(h.reports.calls).containsExactly("card carol 2026-11-20");
    assertThat(h.slack.profileLookups()).isEmpty();
  }

  @Test
  void agentLookupByMentionUsesTheProfileEmail() throws Exception {
    h.slack.user("U2", "Bob@Example.com");
    h.command("agent <@U2|bob> public", "r1");
    Posted p = h.responses.await("r1", WAIT);
    assertThat(p.responseType()).isEqualTo("in_channel");
    assertThat(p.body()).contains("Bob");
    assertThat(h.reports.calls).containsExactly("card Bob@Example.com 2026-11-24");
    assertThat(h.slack.profileLookups().get(0).param("user")).isEqualTo("U2");
  }

  @Test
  void agentLookupOfMe() throws Exception {
    h.slack.user("U1", "alice@example.com");
    h.command("agent me last 7 days", "r1");
    Posted p = h.responses.await("r1", WAIT);
    assertThat(p.body()).contains("Alice");
    assertThat(h.reports.calls).containsExactly("card alice@example.com 2026-11-18..2026-11-24");
  }

  @Test
  void noMatchingAgentIsAClearAnswer() throws Exception {
    h.command("agent nobody@example.com", "r1");
    assertThat(h.responses.await("r1", WAIT).text())
        .isEqualTo("No Desk agent with AgentId `nobody@example.com` was active in Tue 24 Nov 2026.");
    h.command("agent *bold*_it_@example.com", "r0");
    assertThat(h.responses.await("r0", WAIT).text()).contains("AgentId `*bold*_it_@example.com` was active");
    h.slack.user("U3", "dave@example.com");
    h.command("agent <@U3>", "r2");
    assertThat(h.responses.await("r2", WAIT).text()).contains("dave@example.com").contains("<@U3>").contains("was active in");
  }

  @Test
  void userWithoutVisibleEmailGetsAClearAnswerAndNoDeskCall() throws Exception {
    h.slack.user("U1", null);
    h.command("agent me", "r1");
    assertThat(h.responses.await("r1", WAIT).text()).contains("no e-mail").contains("AgentId");
    h.slack.failNext("users.info", "missing_scope", 1);
    h.command("agent <@U9>", "r2");
    assertThat(h.responses.await("r2", WAIT).text()).contains("users:read.email");
    h.command("agent <@U404>", "r3");
    assertThat(h.responses.await("r3", WAIT).text()).isEqualTo("I can't find that Slack user.");
    assertThat(h.reports.calls).isEmpty();
  }

  // ------------------------------------------------------------------ buttons

  @Test
  void previousAndNextReplaceTheMessageInPlace() throws Exception {
    assertThat(h.action(ReportBlocks.ACTION_PREV, "2026-11-23", true, "b1").statusCode()).isEqualTo(200);
    Posted prev = h.responses.await("b1", WAIT);
    assertThat(prev.replaceOriginal()).isTrue();
    assertThat(prev.responseType()).isEqualTo("ephemeral");
    assertThat(prev.json().getAsJsonArray("blocks")).isNotEmpty();
    h.action(ReportBlocks.ACTION_NEXT, "agent alice@example.com 2026-11-24", false, "b2");
    Posted next = h.responses.await("b2", WAIT);
    assertThat(next.replaceOriginal()).isTrue();
    assertThat(next.responseType()).isEqualTo("in_channel");
    assertThat(h.reports.calls).containsExactly("report 2026-11-23", "card alice@example.com 2026-11-24");
  }

  @Test
  void postToChannelPostsTheReportAndUpdatesTheEphemeral() throws Exception {
    h.action(ReportBlocks.ACTION_POST, "2026-11-24", true, "b1");
    FakeSlack.Call post = h.slack.awaitCall("chat.postMessage", WAIT);
    assertThat(post.param("channel")).isEqualTo("C1");
    assertThat(post.json("blocks").getAsJsonArray()).isNotEmpty();
    assertThat(post.body()).doesNotContain(ReportBlocks.ACTION_POST);
    Posted ephemeral = h.responses.await("b1", WAIT);
    assertThat(ephemeral.replaceOriginal()).isTrue();
    assertThat(ephemeral.text()).isEqualTo("Posted to <#C1>.");
  }

  @Test
  void postToAChannelTheBotIsNotInSaysSoAndKeepsTheReport() throws Exception {
    h.slack.failNext("chat.postMessage", "not_in_channel", 1);
    h.action(ReportBlocks.ACTION_POST, "2026-11-24", true, "b1");
    Posted p = h.responses.await("b1", WAIT);
    assertThat(p.replaceOriginal()).isFalse();
    assertThat(p.text()).contains("/invite");
  }

  @Test
  void aButtonThatFailsKeepsTheChannelReportAndTellsTheClickerAlone() throws Exception {
    h.reports.failWith = new DeskException(DeskException.Kind.CREDENTIALS, 70003, "Desk rejected the credentials.");
    h.action(ReportBlocks.ACTION_PREV, "2026-11-23", false, "b1");
    Posted p = h.responses.await("b1", WAIT);
    assertThat(p.replaceOriginal()).isFalse();
    assertThat(p.responseType()).isEqualTo("ephemeral");
    assertThat(p.text()).isEqualTo("Desk rejected the credentials.");
  }

  @Test
  void postToChannelWhenDeskFailsPostsNothingToTheChannel() throws Exception {
    h.reports.failWith = new DeskException(DeskException.Kind.CREDENTIALS, 70003, "Desk rejected the credentials.");
    h.action(ReportBlocks.ACTION_POST, "2026-11-24", true, "b1");
    Posted p = h.responses.await("b1", WAIT);
    assertThat(p.replaceOriginal()).isFalse();
    assertThat(p.responseType()).isEqualTo("ephemeral");
    assertThat(p.text()).isEqualTo("Desk rejected the credentials.");
    assertThat(h.slack.calls("chat.postMessage")).isEmpty();
  }

  // ------------------------------------------------------------------ Home

  @Test
  void homePublishesYesterdaysReportAndTheViewersCard() throws Exception {
    h.slack.user("U1", "alice@example.com");
    assertThat(h.event(SlackHarness.homeOpened("U1")).statusCode()).isEqualTo(200);
    FakeSlack.Call publish = h.slack.awaitCall("views.publish", WAIT);
    assertThat(publish.param("user_id")).isEqualTo("U1");
    JsonObject view = publish.json("view").getAsJsonObject();
    assertThat(view.get("type").getAsString()).isEqualTo("home");
    assertThat(view.getAsJsonArray("blocks").size()).isBetween(2, 100);
    assertThat(view.toString()).doesNotContain("\"actions\"");
    assertThat(h.reports.calls).containsExactly("report 2026-11-24", "card alice@example.com 2026-11-24");
  }

  @Test
  void homeWithoutAnAgentShowsTheTeamReportOnly() throws Exception {
    h.slack.user("U7", "stranger@example.com");
    h.event(SlackHarness.homeOpened("U7"));
    FakeSlack.Call publish = h.slack.awaitCall("views.publish", WAIT);
    assertThat(publish.json("view").getAsJsonObject().getAsJsonArray("blocks")).isNotEmpty();
    assertThat(h.reports.calls).containsExactly("report 2026-11-24", "card stranger@example.com 2026-11-24");
  }

  // ------------------------------------------------------------------ subscriptions

  @Test
  void subscribeIsRefusedForOrdinaryMembers() throws Exception {
    h.slack.user("U1", "alice@example.com", false, false);
    h.command("subscribe <#C5|ops> 09:30", "U1", "C1", "s1");
    Posted p = h.responses.await("s1", WAIT);
    assertThat(p.responseType()).isEqualTo("ephemeral");
    assertThat(p.text()).contains("Only workspace admins");
    assertThat(h.digest.calls).isEmpty();
  }

  @Test
  void adminsOwnersAndBotAdminsMayManageTheDigest() throws Exception {
    h.slack.user("UADMIN", "a@example.com", true, false).user("UOWNER", "o@example.com", false, true);
    h.command("subscribe <#C5|ops> 09:30", "UADMIN", "C1", "s1");
    assertThat(h.responses.await("s1", WAIT).text()).isEqualTo("Subscribed <#C5> to the daily digest.");
    h.command("unsubscribe", "UOWNER", "C1", "s2");
    assertThat(h.responses.await("s2", WAIT).text()).isEqualTo("Unsubscribed <#C1>.");
    h.command("digest now <#C6>", "UBOTADMIN", "C1", "s3");
    assertThat(h.responses.await("s3", WAIT).text()).contains("<#C6>");
    assertThat(h.digest.calls).containsExactly("subscribe C5 09:30 UADMIN", "unsubscribe C1 UOWNER", "now C6 UBOTADMIN");
    assertThat(h.slack.profileLookups().stream().map(c -> c.param("user"))).doesNotContain("UBOTADMIN");
  }

  @Test
  void subscribingAnUnknownGroupIsRefusedWithTheGroupsListedAndNothingSaved() throws Exception {
    h.groups.put("tier1").put("vip");
    h.command("subscribe <#C5|ops> weekly fri group tier9 csv", "UBOTADMIN", "C1", "s1");
    assertThat(h.responses.await("s1", WAIT).text()).isEqualTo("There is no group `tier9`. The groups are `tier1`, `vip`.");
    assertThat(h.digest.calls).isEmpty();
    assertThat(h.reports.calls).isEmpty();

    h.command("subscribe <#C5|ops> weekly fri group vip csv", "UBOTADMIN", "C1", "s2");
    h.responses.await("s2", WAIT);
    assertThat(h.digest.calls).containsExactly(
        "subscribe C5 default UBOTADMIN DigestOptions[weekly=true, day=FRIDAY, group=Optional[vip], csv=true]");
  }

  @Test
  void managingTheDigestFromADirectMessageAsksForAChannelWithACommandThatWorks() {
    for (String text : List.of("subscribe", "unsubscribe", "digest now")) {
      JsonObject ack = json(h.command(text, "UBOTADMIN", "D1", h.nextId()).body());
      String sentence = ack.get("text").getAsString();
      assertThat(sentence).as(text).contains("`/desk-stats " + text + " #support`");
      String suggested = sentence.substring(sentence.indexOf("`/desk-stats ") + 13, sentence.lastIndexOf('`'))
          .replace("#support", "<#C5|support>");
      assertThat(CommandParser.parse(suggested, FakeReports.TODAY)).as(suggested).isNotInstanceOf(Command.Usage.class);
    }
    assertThat(h.executor.submitted.get()).isZero();
    assertThat(h.digest.calls).isEmpty();
  }

  @Test
  void whenSlackCannotSayWhoIsAnAdminTheAnswerSaysSoInsteadOfRefusing() throws Exception {
    h.slack.user("UADMIN", "a@example.com", true, false);
    // The first users.info asks for the admin's locale (and falls back to BOT_LANGUAGE), the second for the admin flag.
    h.slack.failNext("users.info", "ratelimited", 2);
    h.command("subscribe <#C5|ops>", "UADMIN", "C1", "s1");
    String text = h.responses.await("s1", WAIT).text();
    assertThat(text).doesNotContain("Only workspace admins").contains("try again");
    assertThat(h.digest.calls).isEmpty();
  }

  @Test
  void anyoneMayListSubscriptions() throws Exception {
    h.command("subscriptions", "U1", "C1", "s1");
    assertThat(h.responses.await("s1", WAIT).text()).contains("Subscriptions");
    assertThat(h.digest.calls).containsExactly("list");
  }

  // ------------------------------------------------------------------ load and shutdown

  @Test
  void aSaturatedExecutorStillAcksWithABusySentence() {
    SlackHarness.CountingExecutor full = new SlackHarness.CountingExecutor(1);
    full.shutdown();
    try (SlackHarness busy = new SlackHarness(Set.of(), full)) {
      var ack = busy.command("yesterday", "x");
      assertThat(ack.statusCode()).isEqualTo(200);
      assertThat(json(ack.body()).get("text").getAsString()).isEqualTo(Replies.BUSY);
      assertThat(busy.event(SlackHarness.homeOpened("U1")).statusCode()).isEqualTo(200);
      assertThat(busy.action(ReportBlocks.ACTION_PREV, "2026-11-23", true, "y").statusCode()).isEqualTo(200);
      assertThat(busy.reports.calls).isEmpty();
    }
  }

  @Test
  void fiftyConcurrentCommandsAreAllAckedAndAllAnswered() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> acks = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      var req = h.signer.form(h.events(), h.commandBody(i % 2 == 0 ? "yesterday" : "agent alice@example.com", "U1", "C1", "c" + i));
      acks.add(h.http.sendAsync(req, HttpResponse.BodyHandlers.ofString()));
    }
    for (var a : acks) assertThat(a.get().statusCode()).isEqualTo(200);
    List<Posted> posted = h.responses.await(50, Duration.ofSeconds(20));
    assertThat(posted.stream().map(Posted::id).distinct()).hasSize(50);
    assertThat(h.reports.calls).hasSize(50);
  }

  @Test
  void stopLetsTheReplyInFlightFinish() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    h.reports.gate = gate;
    assertThat(h.command("yesterday", "g1").statusCode()).isEqualTo(200);
    h.web.stop(Duration.ofSeconds(1));
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> h.slackApp.stop(Duration.ofSeconds(5)));
    gate.countDown();
    stopping.get();
    assertThat(h.responses.posted("g1")).hasSize(1);
  }
}
