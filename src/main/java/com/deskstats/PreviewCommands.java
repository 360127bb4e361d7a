package com.deskstats;

import com.deskstats.alert.Evaluator;
import com.deskstats.config.Settings;
import com.deskstats.desk.DemoDesk;
import com.deskstats.desk.DeskClient;
import com.deskstats.ops.Metrics;
import com.deskstats.preview.AlertPreview;
import com.deskstats.preview.Preview;
import com.deskstats.stats.DaySource;
import com.deskstats.stats.DirectDays;
import com.deskstats.stats.Groups;
import com.deskstats.store.Database;
import com.deskstats.store.DayStore;
import com.deskstats.store.GroupStore;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import okhttp3.OkHttpClient;

/** The {@code preview} commands: each builds only the parts it reads, prints what Slack would get and closes them. */
final class PreviewCommands {
  private PreviewCommands() {}

  /** {@code preview}: the report for a person, from Desk or (--demo / DESK_DEMO=true) the sample team. */
  static int preview(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (!args.isEmpty() && args.get(0).equals("alert")) return previewAlert(args.subList(1, args.size()), env, out, err);
    Preview.Options opts;
    try {
      opts = Preview.parseArgs(args);
    } catch (Preview.UsageException e) {
      err.println(e.getMessage());
      return 2;
    }
    if (opts.help()) {
      out.println(Preview.USAGE);
      return 0;
    }
    Settings settings = Settings.load(env);
    boolean demo = opts.demo() || settings.deskDemo();
    Clock clock = Clock.systemUTC();
    ExecutorService reportPool = Parts.reportPool();
    try {
      Function<DaySource, Integer> print =
          days -> Preview.run(opts.orLanguage(settings.botLanguage()), Parts.reports(settings, days, clock, reportPool),
              out, err, clock);
      return demo ? print.apply(demoDays(settings, clock)) : fromDesk(settings, clock, (days, db) -> print.apply(days));
    } finally {
      reportPool.shutdown();
    }
  }

  /** {@code preview alert "RULE"}: one alert rule against today, now: what would be posted, or why nothing would. */
  static int previewAlert(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    AlertPreview.Options opts;
    try {
      opts = AlertPreview.parseArgs(args);
    } catch (Preview.UsageException e) {
      err.println(e.sentence());
      err.println(AlertPreview.USAGE);
      return 2;
    }
    Settings settings = Settings.load(env);
    Clock clock = Clock.systemUTC();
    Evaluator.Params params = new Evaluator.Params(settings.minRatings(), settings.alertCooldown());
    if (opts.help() || opts.demo() || settings.deskDemo()) {
      return AlertPreview.run(opts, demoDays(settings, clock), Groups.NONE, settings.deskTimezone(), params,
          settings.botLanguage(), out, err, clock);
    }
    return fromDesk(settings, clock, (days, db) -> AlertPreview.run(opts, days, new GroupStore(db, clock),
        settings.deskTimezone(), params, settings.botLanguage(), out, err, clock));
  }

  /** The sample team, read directly: no database, no Desk. */
  private static DaySource demoDays(Settings settings, Clock clock) {
    return new DirectDays(new DemoDesk(clock, settings.deskTimezone()), clock);
  }

  /** What a preview prints from Desk's days (through the database's day cache) and the database. */
  private interface FromDesk {
    int run(DaySource days, HikariDataSource db);
  }

  /** Opens Desk and the migrated database for one preview, then closes both, whatever it returned or threw. */
  private static int fromDesk(Settings settings, Clock clock, FromDesk preview) {
    settings.requireDesk();
    Metrics metrics = new Metrics(false);
    OkHttpClient http = new OkHttpClient();
    try (DeskClient desk = DeskClient.create(settings, http, metrics);
        HikariDataSource db = Database.open(settings)) {
      Database.migrate(db);
      return preview.run(Parts.cachedDays(settings, desk, new DayStore(db), clock, metrics), db);
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
