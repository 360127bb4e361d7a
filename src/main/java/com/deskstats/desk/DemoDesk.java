package com.deskstats.desk;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The bundled sample team: about 25 agents over the 60 days ending today, generated deterministically
 * (same clock and zone, same rows), with the cases real teams have: strong and weak agents, CJK names, an
 * empty nickname, a hostile nickname, an agent who never answers, one with a single perfect rating,
 * part-timers and weekend dips.
 */
public final class DemoDesk implements DeskSource {

  /** How many days, ending today, the sample team has data for. */
  public static final int DAYS = 60;

  private static final String DOMAIN = "@deskdemo.example";

  /**
   * One sample agent's habits.
   *
   * @param volume sessions on a full weekday
   * @param skill chance that a rating is satisfied
   * @param speed mean first response, seconds
   * @param attendance chance of working a weekday
   * @param weekend chance of working a weekend day
   * @param unreplied share of sessions left unreplied
   * @param rateShare share of answered sessions that get rated
   * @param shiftStart minutes after midnight the shift starts
   * @param hours shift length
   */
  private record Profile(String id, String nickname, double volume, double skill, double speed, double attendance,
      double weekend, double unreplied, double rateShare, int shiftStart, int hours) {}

  private static final List<Profile> TEAM = List.of(
      new Profile("li.na", "李娜", 34, 0.95, 9, 0.95, 0.4, 0.01, 0.30, 9 * 60, 8),
      new Profile("wang.wei", "王伟", 30, 0.90, 12, 0.95, 0.4, 0.02, 0.30, 9 * 60, 8),
      new Profile("zhang.min", "张敏", 28, 0.88, 15, 0.90, 0.3, 0.02, 0.25, 8 * 60 + 30, 8),
      new Profile("chen.jie", "陈杰", 26, 0.80, 22, 0.90, 0.3, 0.03, 0.25, 10 * 60, 8),
      new Profile("liu.yang", "刘洋", 22, 0.62, 35, 0.90, 0.3, 0.06, 0.30, 13 * 60, 8),
      new Profile("meimei", "Meimei", 25, 0.86, 14, 0.92, 0.4, 0.02, 0.28, 9 * 60, 8),
      new Profile("alice.chen", "Alice Chen", 27, 0.91, 11, 0.93, 0.3, 0.01, 0.32, 9 * 60, 8),
      new Profile("bob.kowalski", "<!channel> Bob", 20, 0.78, 18, 0.90, 0.3, 0.03, 0.25, 9 * 60 + 30, 8),
      new Profile("agent.0042", "", 18, 0.84, 20, 0.88, 0.3, 0.02, 0.25, 10 * 60, 8),
      new Profile("tom.trainee", "Trainee Tom", 6, 0.0, 0, 0.60, 0.0, 1.0, 0.0, 9 * 60, 6),
      new Profile("priya.nair", "Priya Nair", 2, 1.0, 25, 0.30, 0.0, 0.0, 0.0, 14 * 60, 4),
      new Profile("zoe.muller", "Zoë Müller", 24, 0.87, 16, 0.90, 0.3, 0.02, 0.27, 8 * 60, 8),
      new Profile("nguyen.an", "Nguyễn Văn An", 21, 0.83, 19, 0.85, 0.3, 0.03, 0.25, 9 * 60, 8),
      new Profile("omar.haddad", "عمر Omar", 19, 0.85, 17, 0.90, 0.2, 0.02, 0.25, 11 * 60, 8),
      new Profile("max.hohenzollern", "Maximilian Alexander von Hohenzollern-Sigmaringen", 23, 0.89, 13, 0.90, 0.3,
          0.02, 0.27, 9 * 60, 8),
      new Profile("sam.rocket", "Sam 🚀", 25, 0.82, 10, 0.92, 0.4, 0.04, 0.30, 12 * 60, 8),
      new Profile("zhao.lei", "赵磊", 15, 0.86, 17, 0.50, 0.2, 0.03, 0.25, 18 * 60, 4),
      new Profile("sun.li", "孙丽", 14, 0.88, 14, 0.55, 0.2, 0.02, 0.25, 8 * 60, 4),
      new Profile("huang.xin", "黄欣", 29, 0.93, 8, 0.95, 0.3, 0.01, 0.30, 9 * 60, 8),
      new Profile("zhou.tao", "周涛", 24, 0.70, 28, 0.90, 0.3, 0.08, 0.28, 13 * 60, 8),
      new Profile("wu.fang", "吴芳", 16, 0.85, 20, 0.85, 0.7, 0.03, 0.22, 22 * 60, 8),
      new Profile("sato.kenji", "佐藤健二", 20, 0.87, 15, 0.90, 0.2, 0.02, 0.25, 8 * 60, 8),
      new Profile("park.jiwoo", "박지우", 20, 0.84, 18, 0.90, 0.2, 0.02, 0.25, 9 * 60, 8),
      new Profile("david.okafor", "David Okafor", 22, 0.86, 21, 0.85, 0.3, 0.03, 0.25, 10 * 60, 8),
      new Profile("lucia.fernandez", "Lucía Fernández", 18, 0.88, 16, 0.25, 0.9, 0.02, 0.25, 10 * 60, 8));

  private final Clock clock;
  private final ZoneId zone;

  /** @param zone the Desk time zone: where days begin */
  public DemoDesk(Clock clock, ZoneId zone) {
    this.clock = clock;
    this.zone = zone;
  }

  @Override
  public boolean sample() {
    return true;
  }

  /** Every sample AgentId, in roster order. */
  public static List<String> agentIds() {
    return TEAM.stream().map(p -> p.id() + DOMAIN).toList();
  }

  @Override
  public List<AgentRow> fetchDay(LocalDate day, Set<String> agentIds) {
    return rows(day, clock.instant().getEpochSecond(), agentIds);
  }

  /** The day as it stood at {@code until}: agents still online then have a partial day, as today's do now. */
  @Override
  public List<AgentRow> fetchDayUntil(LocalDate day, java.time.LocalTime until, Set<String> agentIds) {
    long cut = day.atTime(until).atZone(zone).toEpochSecond();
    return rows(day, Math.min(cut, clock.instant().getEpochSecond()), agentIds);
  }

  private List<AgentRow> rows(LocalDate day, long now, Set<String> agentIds) {
    LocalDate today = LocalDate.now(clock.withZone(zone));
    if (day.isAfter(today) || day.isBefore(today.minusDays(DAYS - 1))) return List.of();
    Set<String> wanted = agentIds == null ? Set.of()
        : agentIds.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    long dayStart = day.atStartOfDay(zone).toEpochSecond();
    List<AgentRow> rows = new ArrayList<>();
    for (int i = 0; i < TEAM.size(); i++) {
      Profile p = TEAM.get(i);
      String id = p.id() + DOMAIN;
      if (!wanted.isEmpty() && !wanted.contains(id.toLowerCase(Locale.ROOT))) continue;
      AgentRow row = row(i, p, id, day, today, dayStart, now);
      if (row != null) rows.add(row);
    }
    return rows;
  }

  private static AgentRow row(int index, Profile p, String id, LocalDate day, LocalDate today, long dayStart, long now) {
    SplittableRandom rnd = new SplittableRandom(day.toEpochDay() * 1_000_003L + index * 7919L + 42);
    boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    // Priya is always in yesterday, so the default report shows her single perfect rating.
    boolean priyasDay = p.id().equals("priya.nair") && day.equals(today.minusDays(1));
    double attend = rnd.nextDouble();
    if (!priyasDay && attend >= (weekend ? p.weekend() : p.attendance())) return null;

    long login = dayStart + p.shiftStart() * 60L + rnd.nextInt(-15 * 60, 15 * 60 + 1);
    long shift = p.hours() * 3600L + rnd.nextInt(-20 * 60, 30 * 60 + 1);
    long logout = login + shift;
    double worked = 1.0;
    if (login >= now) return null; // not in yet today
    if (logout > now) { // still online: a partial day, no logout yet
      worked = (double) (now - login) / shift;
      logout = 0;
    }
    long online = (logout == 0 ? now : logout) - login;

    double load = p.volume() * (weekend ? 0.45 : 1.0) * (0.7 + 0.6 * rnd.nextDouble()) * worked;
    long sessions = priyasDay ? 2 : Math.max(0, Math.round(load));
    long unreplied = p.unreplied() >= 1.0 ? sessions : binomial(rnd, sessions, p.unreplied());
    long answered = sessions - unreplied;

    double firstResp = answered == 0 ? 0 : Math.max(2, p.speed() * (0.75 + 0.5 * rnd.nextDouble()));
    double p30 = Math.max(0.05, Math.min(0.99, 1.0 - firstResp / 70.0));
    long under30 = binomial(rnd, answered, p30);
    double resp = answered == 0 ? 0 : firstResp * (1.4 + 0.5 * rnd.nextDouble());
    long respUnder30 = binomial(rnd, answered, Math.max(0.02, Math.min(0.98, 1.0 - resp / 80.0)));

    long totalAccept = 0;
    for (long s = 0; s < sessions; s++) totalAccept += 120 + rnd.nextInt(600);
    long avgAccept = sessions == 0 ? 0 : totalAccept / sessions;

    long rated = priyasDay ? 1 : binomial(rnd, answered, p.rateShare());
    long satisfied = priyasDay ? 1 : binomial(rnd, rated, p.skill());
    long transfers = binomial(rnd, sessions, 0.05);
    long effective = binomial(rnd, answered, 0.85);
    long agentEnd = binomial(rnd, answered, 0.7);
    long served = sessions - binomial(rnd, sessions, 0.1);
    long agentMsgs = answered * (5 + rnd.nextInt(6));
    long userMsgs = sessions * (4 + rnd.nextInt(6));
    long totalMsgs = agentMsgs + userMsgs + sessions * 2; // Desk counts system messages too

    long rest = Math.min(online / 4, p.hours() >= 8 ? 45 * 60 + rnd.nextInt(20 * 60) : 10 * 60 + rnd.nextInt(10 * 60));
    long busy = Math.min(online - rest, Math.round(online * (0.15 + 0.2 * rnd.nextDouble())));
    long free = online - rest - busy;

    return new AgentRow(id, p.nickname(), login, logout, free, busy, rest, sessions, transfers, effective, agentEnd,
        served, totalAccept, totalMsgs, agentMsgs, userMsgs, unreplied, Math.round(firstResp), under30,
        Math.round(resp), respUnder30, avgAccept, rated, satisfied);
  }

  private static long binomial(SplittableRandom rnd, long n, double p) {
    long k = 0;
    for (long i = 0; i < n; i++) if (rnd.nextDouble() < p) k++;
    return k;
  }
}
