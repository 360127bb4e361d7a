package com.deskstats.store;

import com.deskstats.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * An existing H2 file opened in the background as the JVM starts, before logging is set up: opening H2 (reading
 * the file, loading the engine, replaying the schema) is the longest part of a restart, and logging's set-up leaves
 * a core idle. The pool then finds the database open. Nothing here logs or throws: whatever goes wrong, the pool's
 * own open says it in one sentence.
 */
public final class EarlyOpen implements AutoCloseable {
  /** Nothing opened early: PostgreSQL, an in-memory H2, or a new install whose file does not exist yet. */
  public static final EarlyOpen NONE = new EarlyOpen(CompletableFuture.completedFuture(null));

  private final CompletableFuture<Connection> connection;

  private EarlyOpen(CompletableFuture<Connection> connection) {
    this.connection = connection;
  }

  /**
   * Starts opening the H2 file of {@code DATABASE_URL} in a daemon thread, if there is one to open. A new install
   * has none, and gets {@link #NONE}: its migrations must see the file missing (see {@link Database#migrateWhenOpen}).
   */
  public static EarlyOpen start(Settings settings) {
    String url = settings.jdbcUrl();
    boolean exists = Database.h2File(url).map(f -> Files.exists(Path.of(f + ".mv.db"))).orElse(false);
    if (!exists) return NONE;
    Properties credentials = new Properties();
    settings.databaseUser().ifPresent(u -> credentials.setProperty("user", u));
    settings.databasePassword().ifPresent(p -> credentials.setProperty("password", p));
    CompletableFuture<Connection> opening = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        // IFEXISTS: never create a file here, even if it went away since the check above.
        opening.complete(new org.h2.Driver().connect(url + ";IFEXISTS=TRUE", credentials));
      } catch (Throwable e) { // a locked file, a wrong password, a URL the pool will refuse: the pool says which
        opening.complete(null);
      }
    }, "db-early-open");
    t.setDaemon(true);
    t.start();
    return new EarlyOpen(opening);
  }

  /** True when the early open has ended with the database open (for tests). */
  boolean opened() {
    return connection.join() != null;
  }

  /**
   * Closes the early connection once the open has ended. Call it after the pool holds a connection of its own, so
   * that the database stays open; before that, closing it closes the database again.
   */
  @Override
  public void close() {
    connection.thenAccept(c -> {
      try {
        if (c != null) c.close();
      } catch (java.sql.SQLException | RuntimeException ignored) {
        // The pool's connections are unaffected; there is nothing to tell.
      }
    });
  }
}
