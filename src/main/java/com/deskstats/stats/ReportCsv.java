package com.deskstats.stats;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The export CSV of a report (SPEC §4): one row per agent Desk listed in the period, idle ones included (zeros, empty
 * ranks), with every Desk field combined over the period, satisfaction, both ranks and their movement; no totals row.
 * UTF-8 with a byte order mark, so spreadsheet programs read CJK names; a text starting with {@code = + - @} is
 * prefixed with {@code '} so no cell is a formula.
 */
public final class ReportCsv {
  private ReportCsv() {}

  /** The byte order mark that tells spreadsheet programs the file is UTF-8. */
  public static final String BOM = "\uFEFF";

  /** The header row: Desk's field names, then what the bot adds. */
  public static final List<String> HEADER = List.of(
      "AgentId", "AgentNickName", "FirstLoginTimestamp", "LastLogoutTimestamp", "FreeTime", "BusyTime", "RestTime",
      "TotalSessionCnt", "TransferSessionCnt", "EffectiveSessionCnt", "AgentEndCnt", "ServeUserCnt", "TotalAcceptTime",
      "TotalMsgCnt", "AgentMsgCnt", "UserMsgCnt", "NotRespSessionCnt", "AvgFirstRespTime", "FirstRespUnder30sCnt",
      "AvgRespTime", "AvgRespUnder30sCnt", "AvgAcceptTime", "SatisfactionSelectedCnt", "SatisfiedCnt",
      "Satisfaction", "SatisfactionRank", "SatisfactionMove", "FirstResponseRank", "FirstResponseMove");

  /** The file's bytes: BOM, header, one row per listed agent of the report in AgentId order. */
  public static byte[] bytes(Report r) {
    return text(r).getBytes(StandardCharsets.UTF_8);
  }

  /** The file as text, BOM first. */
  public static String text(Report r) {
    Map<String, Ranked> sat = byAgent(r.satisfaction());
    Map<String, Ranked> first = byAgent(r.firstResponse());
    StringWriter out = new StringWriter();
    out.write(BOM);
    try (CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(HEADER.toArray(String[]::new)).get().print(out)) {
      for (AgentStats a : r.listed()) {
        List<Object> row = new ArrayList<>(HEADER.size());
        row.add(guard(a.agentId()));
        row.add(guard(a.nickname()));
        row.addAll(List.of(a.firstLoginTimestamp(), a.lastLogoutTimestamp(), a.freeTime(), a.busyTime(), a.restTime(),
            a.totalSessions(), a.transferSessions(), a.effectiveSessions(), a.agentEndCount(), a.servedUsers(),
            a.totalAcceptTime(), a.totalMessages(), a.agentMessages(), a.userMessages(), a.unrepliedSessions(),
            decimal(a.avgFirstRespTime()), a.firstRespUnder30s(), decimal(a.avgRespTime()), a.avgRespUnder30s(),
            decimal(a.avgAcceptTime()), a.ratedSessions(), a.satisfiedSessions()));
        row.add(a.satisfaction().isPresent() ? String.format(Locale.ROOT, "%.4f", a.satisfaction().getAsDouble()) : "");
        Ranked s = sat.get(a.agentId());
        row.add(s == null ? "" : s.rank());
        row.add(s == null || r.comparison() == null ? "" : r.comparison().satisfactionMove(s).text());
        Ranked f = first.get(a.agentId());
        row.add(f == null ? "" : f.rank());
        row.add(f == null || r.comparison() == null ? "" : r.comparison().firstResponseMove(f).text());
        csv.printRecord(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the CSV", e); // a StringWriter does not fail
    }
    return out.toString();
  }

  /** A text that a spreadsheet would read as a formula, made inert with a leading {@code '}. */
  static String guard(String text) {
    if (text == null || text.isEmpty()) return "";
    char c = text.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' ? "'" + text : text;
  }

  private static String decimal(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static Map<String, Ranked> byAgent(List<Ranked> board) {
    Map<String, Ranked> out = new HashMap<>(Math.max(16, board.size() * 2));
    for (Ranked x : board) out.put(x.agent().agentId(), x);
    return out;
  }
}
