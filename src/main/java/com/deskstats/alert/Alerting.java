package com.deskstats.alert;

import com.deskstats.delivery.SlackCalls;
import com.deskstats.delivery.SlackFailure;
import com.deskstats.desk.DeskException;
import com.deskstats.ops.RequestIds;
import com.deskstats.slack.ReportBlocks;
import com.deskstats.stats.DayRows;
import com.deskstats.stats.DaySource;
import com.deskstats.stats.Groups;
import com.deskstats.stats.Scope;
import com.deskstats.store.StoreException;
import com.deskstats.text.Language;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One evaluation of every rule: reads today from Desk once, evaluates, and for each transition claims it in the
 * database, posts it, and records its message; then keeps the new states. A transition whose claim another replica
 * (or an earlier run) holds is not posted again.
 */
public final class Alerting {
  private static final Logger log = LoggerFactory.getLogger(Alerting.class);

  /** What one evaluation did, for logs and tests. */
  public record Outcome(int rules, boolean deskRead, int posted, int duplicates, int failed) {}

  private final AlertStore store;
  private final DaySource days;
  private final Groups groups;
  private final SlackCalls slack;
  private final Clock clock;
  private final ZoneId zone;
  private final Evaluator.Params params;
  private final String node;
  private final Language botLanguage;

  public Alerting(AlertStore store, DaySource days, Groups groups, SlackCalls slack, Clock clock, ZoneId zone,
      Evaluator.Params params, String node) {
    this(store, days, groups, slack, clock, zone, params, node, Language.EN);
  }

  /** @param botLanguage BOT_LANGUAGE: the posts of rules without their own {@code lang} */
  public Alerting(AlertStore store, DaySource days, Groups groups, SlackCalls slack, Clock clock, ZoneId zone,
      Evaluator.Params params, String node, Language botLanguage) {
    this.botLanguage = botLanguage;
    this.store = store;
    this.days = days;
    this.groups = groups;
    this.slack = slack;
    this.clock = clock;
    this.zone = zone;
    this.params = params;
    this.node = node;
  }

  /** Evaluates every rule now; a rule-less bot reads nothing from Desk. */
  public Outcome evaluateNow() {
    try (MDC.MDCCloseable ignored = RequestIds.begin()) {
      return evaluate();
    }
  }

  private Outcome evaluate() {
    long start = System.nanoTime();
    List<Rule> rules = store.rules();
    if (rules.isEmpty()) return new Outcome(0, false, 0, 0, 0);
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, zone);
    Evaluator.Reading reading = read(today);
    List<Evaluator.Target> targets = targets(rules, groups);
    Evaluator.Result result = Evaluator.evaluate(targets, reading, store.states(), store.health(), now, params);
    int posted = 0;
    int duplicates = 0;
    int failed = 0;
    for (Transition t : result.transitions()) {
      if (!store.claim(t.key(), t.channelId(), node, now)) {
        duplicates++;
        continue;
      }
      if (post(t, language(t, rules, botLanguage))) posted++;
      else failed++;
    }
    store.saveStates(result.states());
    store.saveHealth(result.health());
    long ms = (System.nanoTime() - start) / 1_000_000;
    boolean read = reading instanceof Evaluator.Reading.Rows;
    if (posted + failed > 0 || !read) {
      log.info("alerts evaluated rules={} desk={} posted={} duplicates={} failed={} ms={}", rules.size(),
          read ? "read" : "failed", posted, duplicates, failed, ms);
    } else {
      log.debug("alerts evaluated rules={} posted=0 ms={}", rules.size(), ms);
    }
    return new Outcome(rules.size(), read, posted, duplicates, failed);
  }

  /** Today's rows, read once for every rule (today is never cached), or why they could not be read. */
  private Evaluator.Reading read(LocalDate today) {
    try {
      DayRows rows = days.day(today);
      return new Evaluator.Reading.Rows(rows, days.sample());
    } catch (DeskException e) {
      log.warn("alerts could not read Desk: {} ({})", e.kind(), e.code());
      return new Evaluator.Reading.Failed(e.userMessage());
    }
  }

  /** Each rule with the scope it covers now; a group removed since the rule was added leaves the rule waiting. */
  static List<Evaluator.Target> targets(List<Rule> rules, Groups groups) {
    List<Evaluator.Target> out = new ArrayList<>(rules.size());
    for (Rule r : rules) {
      Optional<Scope> scope = r.condition().group().isEmpty() ? Optional.of(Scope.TEAM)
          : groups.scope(r.condition().group().get());
      out.add(new Evaluator.Target(r, scope));
    }
    return out;
  }

  /**
   * The language a transition is posted in: its rule's {@code lang} (else BOT_LANGUAGE); a Desk notice goes to a
   * channel in the language its rules share, or in BOT_LANGUAGE when they disagree.
   */
  static Language language(Transition t, List<Rule> rules, Language botLanguage) {
    if (t instanceof Transition.Fired f) return f.rule().language(botLanguage);
    if (t instanceof Transition.Recovered r) return r.rule().language(botLanguage);
    Set<Language> used = new HashSet<>();
    for (Rule r : rules) if (r.channelId().equals(t.channelId())) used.add(r.language(botLanguage));
    return used.size() == 1 ? used.iterator().next() : botLanguage;
  }

  /** Posts one claimed transition and records its message; false when Slack refused it or it had no thread. */
  private boolean post(Transition t, Language language) {
    ReportBlocks.Message m = AlertBlocks.message(t, zone, language);
    try {
      SlackCalls.Posted p;
      if (t instanceof Transition.Recovered r) {
        Optional<String> thread = store.messageTs(r.firedKey());
        if (thread.isEmpty()) {
          store.record(t.key(), Optional.empty(), Optional.of("The alert it answers was never posted."));
          log.warn("alert {} recovered but its alert was never posted: no note", t.key());
          return false;
        }
        p = slack.postInThread(t.channelId(), thread.get(), m.text(), m.blocks());
      } else {
        p = slack.post(t.channelId(), m.text(), m.blocks());
      }
      store.record(t.key(), Optional.ofNullable(p.ts()), Optional.empty());
      log.info("alert {} posted channel={} attempts={}", t.key(), t.channelId(), p.attempts());
      return true;
    } catch (SlackFailure f) {
      String sentence = f.sentence(t.channelId());
      log.warn("alert {} not posted channel={} code={} permanent={}: {}", t.key(), t.channelId(), f.code(),
          f.permanent(), sentence);
      try {
        store.record(t.key(), Optional.empty(), Optional.of(sentence));
      } catch (StoreException e) {
        log.warn("alert {} outcome not recorded: {}", t.key(), e.getMessage());
      }
      return false;
    }
  }
}
