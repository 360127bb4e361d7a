package com.deskstats.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.desk.AgentRow;
import com.deskstats.ops.Metrics;
import com.deskstats.stats.DirectDays;
import com.deskstats.stats.ReportCsv;
import com.deskstats.stats.ReportService;
import com.deskstats.testing.DeskFakes;
import com.deskstats.testing.FakeSlack;
import com.deskstats.testing.ResponseUrlServer.Posted;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import okhttp3.mockwebserver.MockWebServer;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /desk-stats export} over signed HTTP: the CSV goes to the asker's DM, the answer says where. */
class ExportHttpTest {

  static final Duration WAIT = Duration.ofSeconds(5);

  SlackHarness h = new SlackHarness(Set.of());

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void theCsvGoesToTheAskersDirectMessagesAndTheAnswerSaysWhere() throws Exception {
    h.command("export last 7 days", "U42", "C1", "e1");
    Posted p = h.responses.await("e1", WAIT);

    assertThat(p.responseType()).isEqualTo("ephemeral");
    assertThat(p.text()).isEqualTo("Sent `desk-stats-2026-11-18..2026-11-24.csv` (3 agents of the team, "
        + "18 Nov – 24 Nov 2026) to your direct messages with the bot.");
    assertThat(h.reports.calls).containsExactly("report 2026-11-18..2026-11-24");
    assertThat(h.slack.calls("conversations.open")).singleElement()
        .satisfies(c -> assertThat(c.param("users")).isEqualTo("U42"));
    assertThat(h.slack.calls("files.completeUploadExternal")).singleElement()
        .satisfies(c -> assertThat(c.params()).containsEntry("channel_id", "DU42"));
    assertThat(h.slack.calls("files.getUploadURLExternal")).singleElement()
        .satisfies(c -> assertThat(c.params()).containsEntry("filename", "desk-stats-2026-11-18..2026-11-24.csv"));
    FakeSlack.Call upload = h.slack.calls("upload").get(0);
    String text = new String(upload.bodyBytes(), StandardCharsets.UTF_8);
    assertThat(text).startsWith(ReportCsv.BOM);
    List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(text.substring(1))).getRecords();
    assertThat(rows).extracting(r -> r.get("AgentId")).containsExactly("alice@example.com", "bob@example.com", "carol");
    assertThat(h.slack.calls("chat.postMessage")).isEmpty();
  }

  @Test
  void anAgentDeskListedWhoDidNothingIsInTheExportButNotInTheReport() throws Exception {
    h.close();
    MockWebServer desk = DeskFakes.server();
    List<AgentRow> team = new ArrayList<>(DeskFakes.team(3));
    team.add(DeskFakes.agent("idle@example.com").nick("Idle").build());
    desk.setDispatcher(DeskFakes.pages(team));
    desk.start();
    Clock clock = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneOffset.UTC);
    h = new SlackHarness(new ReportService(new DirectDays(DeskFakes.client(desk.url("/"), new Metrics(false)), clock),
        DeskFakes.ZONE, 3, 10, clock));
    h.groups.put("tier1", "agent-0001", "idle@example.com", "left@example.com");
    try {
      h.command("export", "U42", "C1", "e1");
      assertThat(h.responses.await("e1", WAIT).text()).contains("(4 agents of the team, ");
      List<CSVRecord> rows = uploaded(0);
      assertThat(rows).extracting(r -> r.get("AgentId"))
          .containsExactly("agent-0000", "agent-0001", "agent-0002", "idle@example.com");
      CSVRecord idle = rows.get(3);
      assertThat(idle.get("AgentNickName")).isEqualTo("Idle");
      assertThat(idle.get("TotalSessionCnt")).isEqualTo("0");
      assertThat(idle.get("FreeTime")).isEqualTo("0");
      assertThat(idle.get("SatisfactionRank")).isEmpty();
      assertThat(idle.get("FirstResponseRank")).isEmpty();

      // The group's export keeps its idle agent; a member Desk did not list gets no row.
      h.command("export group tier1", "U42", "C1", "e2");
      assertThat(h.responses.await("e2", WAIT).text()).contains("(2 agents of group `tier1`, ");
      assertThat(uploaded(1)).extracting(r -> r.get("AgentId")).containsExactly("agent-0001", "idle@example.com");

      // The report of the same day still counts active agents only.
      h.command("yesterday", "r1");
      assertThat(h.responses.await("r1", WAIT).body()).contains("3 active agents").doesNotContain("Idle");
    } finally {
      desk.shutdown();
    }
  }

  private List<CSVRecord> uploaded(int index) throws java.io.IOException {
    String text = new String(h.slack.calls("upload").get(index).bodyBytes(), StandardCharsets.UTF_8);
    assertThat(text).startsWith(ReportCsv.BOM);
    return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(text.substring(1))).getRecords();
  }

  @Test
  void aGroupExportIsScopedAndAnUnknownGroupIsOneSentenceWithNoDeskCall() throws Exception {
    h.groups.put("tier1", "alice@example.com");
    h.command("export group tier9", "U42", "C1", "e1");
    assertThat(h.responses.await("e1", WAIT).text()).isEqualTo("There is no group `tier9`. The groups are `tier1`.");
    assertThat(h.reports.calls).isEmpty();
    assertThat(h.slack.calls("conversations.open")).isEmpty();

    h.command("export yesterday group tier1", "U42", "C1", "e2");
    assertThat(h.responses.await("e2", WAIT).text()).contains("of group `tier1`");
    assertThat(h.reports.calls).containsExactly("report 2026-11-24 group tier1");
  }

  @Test
  void aBadPeriodOrPublicIsOneSentenceInTheAckWithNoDeskCallAndNoUpload() throws Exception {
    for (String text : List.of("export tomorrow", "export public", "export <#C1>")) {
      var ack = h.command(text, "U42", "C1", "x");
      String answer = com.google.gson.JsonParser.parseString(ack.body()).getAsJsonObject().get("text").getAsString();
      // The sentence first, then the usage help.
      assertThat(answer.lines().findFirst().orElseThrow()).as(text).isNotBlank().endsWith(".").doesNotContain("Usage");
    }
    assertThat(h.reports.calls).isEmpty();
    assertThat(h.slack.calls("conversations.open")).isEmpty();
    assertThat(h.slack.calls("files.getUploadURLExternal")).isEmpty();
  }
}
