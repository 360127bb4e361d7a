package com.deskstats.stats;

import static com.deskstats.testing.StatsFakes.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.testing.RenderFixtures;
import com.deskstats.testing.StatsFakes;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class ReportCsvTest {

  private static final Period DAY = Period.day(java.time.LocalDate.of(2026, 11, 24));

  private static List<CSVRecord> read(byte[] bytes) throws IOException {
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertThat(text).startsWith(ReportCsv.BOM);
    return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(text.substring(1))).getRecords();
  }

  @Test
  void everyFieldOfEveryAgentReadsBackAsTheReportHasIt() throws IOException {
    Report r = RenderFixtures.smallTeam(DAY, false);
    List<CSVRecord> rows = read(ReportCsv.bytes(r));

    assertThat(rows).hasSize(r.agents().size());
    assertThat(rows.get(0).getParser().getHeaderNames()).isEqualTo(ReportCsv.HEADER);
    for (int i = 0; i < rows.size(); i++) {
      CSVRecord row = rows.get(i);
      AgentStats a = r.agents().get(i);
      assertThat(row.get("AgentId")).isEqualTo(a.agentId());
      assertThat(row.get("AgentNickName")).isEqualTo(ReportCsv.guard(a.nickname()));
      long[] counts = {a.firstLoginTimestamp(), a.lastLogoutTimestamp(), a.freeTime(), a.busyTime(), a.restTime(),
          a.totalSessions(), a.transferSessions(), a.effectiveSessions(), a.agentEndCount(), a.servedUsers(),
          a.totalAcceptTime(), a.totalMessages(), a.agentMessages(), a.userMessages(), a.unrepliedSessions()};
      String[] names = {"FirstLoginTimestamp", "LastLogoutTimestamp", "FreeTime", "BusyTime", "RestTime",
          "TotalSessionCnt", "TransferSessionCnt", "EffectiveSessionCnt", "AgentEndCnt", "ServeUserCnt",
          "TotalAcceptTime", "TotalMsgCnt", "AgentMsgCnt", "UserMsgCnt", "NotRespSessionCnt"};
      for (int f = 0; f < names.length; f++) assertThat(Long.parseLong(row.get(names[f]))).as(names[f]).isEqualTo(counts[f]);
      assertThat(Double.parseDouble(row.get("AvgFirstRespTime"))).isCloseTo(a.avgFirstRespTime(), org.assertj.core.api.Assertions.within(0.005));
      assertThat(Long.parseLong(row.get("FirstRespUnder30sCnt"))).isEqualTo(a.firstRespUnder30s());
      assertThat(Double.parseDouble(row.get("AvgRespTime"))).isCloseTo(a.avgRespTime(), org.assertj.core.api.Assertions.within(0.005));
      assertThat(Long.parseLong(row.get("AvgRespUnder30sCnt"))).isEqualTo(a.avgRespUnder30s());
      assertThat(Double.parseDouble(row.get("AvgAcceptTime"))).isCloseTo(a.avgAcceptTime(), org.assertj.core.api.Assertions.within(0.005));
      assertThat(Long.parseLong(row.get("SatisfactionSelectedCnt"))).isEqualTo(a.ratedSessions());
      assertThat(Long.parseLong(row.get("SatisfiedCnt"))).isEqualTo(a.satisfiedSessions());
      assertThat(row.get("Satisfaction")).isEqualTo(a.satisfaction().isPresent()
          ? String.format(Locale.ROOT, "%.4f", a.satisfaction().getAsDouble()) : "");
      assertThat(row.get("SatisfactionRank")).isEqualTo(rank(r.satisfaction(), a));
      assertThat(row.get("FirstResponseRank")).isEqualTo(rank(r.firstResponse(), a));
      assertThat(row.get("SatisfactionMove")).isEqualTo(move(r, r.satisfaction(), a, true));
      assertThat(row.get("FirstResponseMove")).isEqualTo(move(r, r.firstResponse(), a, false));
    }
    // The fixture's boards moved: 李娜 rose on both, and its CJK name survives the round trip.
    assertThat(rows).anySatisfy(row -> {
      assertThat(row.get("AgentNickName")).isEqualTo("李娜");
      assertThat(row.get("SatisfactionMove")).isEqualTo("▲1");
    });
    // An agent off the boards has empty rank cells; no totals row.
    assertThat(rows).anySatisfy(row -> assertThat(row.get("FirstResponseRank")).isEmpty());
    assertThat(rows).noneSatisfy(row -> assertThat(row.get("AgentId")).containsIgnoringCase("total"));
  }

  @Test
  void everyAgentDeskListedGetsARowAndAnIdleOneHasZeroCountsAndEmptyRanks() throws Exception {
    LocalDate day = DAY.from();
    StatsFakes.FakeDays days = StatsFakes.days()
        .on(day, row("ana").nickname("Ana").sessions(10, 1).firstResp(20, 8).ratings(6, 6).build(),
            row("bo").sessions(4, 0).firstResp(30, 3).ratings(3, 3).build(),
            row("zed").nickname("Zed").build())
        .on(day.minusWeeks(1), row("zed").sessions(5, 0).firstResp(5, 5).ratings(3, 3).build());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      ReportService service = new ReportService(days, ZoneId.of("Asia/Shanghai"), 3, 10,
          Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneOffset.UTC), pool);
      Report team = service.report(DAY);
      assertThat(team.agents()).extracting(AgentStats::agentId).doesNotContain("zed");

      List<CSVRecord> rows = read(ReportCsv.bytes(team));
      assertThat(rows).extracting(row -> row.get("AgentId")).containsExactly("ana", "bo", "zed");
      CSVRecord zed = rows.get(2);
      assertThat(zed.get("AgentNickName")).isEqualTo("Zed");
      // Every Desk field from FirstLoginTimestamp to SatisfiedCnt reads back as zero.
      for (String field : ReportCsv.HEADER.subList(2, ReportCsv.HEADER.indexOf("Satisfaction"))) {
        assertThat(Double.parseDouble(zed.get(field))).as(field).isZero();
      }
      // Ranked on both boards a week ago, on neither now: no rank and no movement, not "▼".
      for (String field : List.of("Satisfaction", "SatisfactionRank", "SatisfactionMove", "FirstResponseRank",
          "FirstResponseMove")) {
        assertThat(zed.get(field)).as(field).isEmpty();
      }
      assertThat(rows.get(0).get("SatisfactionRank")).isEqualTo("1");
      assertThat(rows.get(1).get("SatisfactionRank")).isEqualTo("2");

      // A group's export lists its idle agents too, but only those Desk listed.
      Report group = service.report(DAY, Scope.group("night", Set.of("ZED", "bo", "nobody")));
      assertThat(read(ReportCsv.bytes(group))).extracting(row -> row.get("AgentId")).containsExactly("bo", "zed");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aNicknameThatASpreadsheetWouldRunIsPrefixedWithAQuote() throws IOException {
    Report r = RenderFixtures.report(DAY, List.of(
        RenderFixtures.agent("a@x", "=HYPERLINK(\"http://evil\")", 5, 0, 0, 0, 10, 5),
        RenderFixtures.agent("b@x", "+1", 5, 0, 0, 0, 10, 5),
        RenderFixtures.agent("c@x", "-2+3", 5, 0, 0, 0, 10, 5),
        RenderFixtures.agent("d@x", "@SUM(A1)", 5, 0, 0, 0, 10, 5),
        RenderFixtures.agent("e@x", "Ann = Bob", 5, 0, 0, 0, 10, 5),
        RenderFixtures.agent("f@x", "", 5, 0, 0, 0, 10, 5)), false, 3, 10);
    assertThat(read(ReportCsv.bytes(r))).extracting(row -> row.get("AgentNickName")).containsExactly(
        "'=HYPERLINK(\"http://evil\")", "'+1", "'-2+3", "'@SUM(A1)", "Ann = Bob", "");
  }

  @Test
  void theFileStartsWithTheUtf8ByteOrderMark() {
    byte[] bytes = ReportCsv.bytes(RenderFixtures.report(DAY, List.of(), false, 3, 10));
    assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(ReportCsv.BOM + String.join(",", ReportCsv.HEADER) + "\r\n");
  }

  private static String rank(List<Ranked> board, AgentStats a) {
    return board.stream().filter(x -> x.agent() == a).map(x -> String.valueOf(x.rank())).findFirst().orElse("");
  }

  private static String move(Report r, List<Ranked> board, AgentStats a, boolean satisfaction) {
    return board.stream().filter(x -> x.agent() == a).findFirst()
        .map(x -> satisfaction ? r.comparison().satisfactionMove(x).text() : r.comparison().firstResponseMove(x).text())
        .orElse("");
  }
}
