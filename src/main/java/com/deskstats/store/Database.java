package com.deskstats.store;

import com.deskstats.config.Settings;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Opens the bot's database (DATABASE_URL, SPEC §6) and brings its schema up to date with Flyway. */
public final class Database {

  /** Migrations every database runs. */
  static final String COMMON = "classpath:db/migration/common";

  private Database() {}

  /**
   * A small connection pool over {@link Settings#jdbcUrl()}, with DATABASE_USER / DATABASE_PASSWORD.
   * For an H2 file URL the parent directory (./data by default) is created first.
   *
   * @throws StoreException when the directory cannot be made or the database does not answer
   */
  public static HikariDataSource open(Settings s) {
    return pool(s, "desk-stats-db", 5, 1, Duration.ofSeconds(10));
  }

  /** How long a cache read or write waits for a connection before the report goes to Desk without the cache. */
  public static final Duration CACHE_CONNECTION_TIMEOUT = Duration.ofMillis(750);

  /**
   * The day cache's own small pool, with a short connection timeout: a report must not wait on a database that has
   * gone away (see {@link DatabaseGuard}). Open it after {@link #open} and {@link #migrate}.
   */
  public static HikariDataSource openCache(Settings s) {
    return pool(s, "desk-stats-cache", 3, 0, CACHE_CONNECTION_TIMEOUT);
  }

  private static HikariDataSource pool(Settings s, String name, int size, int minIdle, Duration connectionTimeout) {
    String url = s.jdbcUrl();
    h2File(url).map(Path::getParent).ifPresent(Database::createDirectories);
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(url);
    s.databaseUser().ifPresent(config::setUsername);
    s.databasePassword().ifPresent(config::setPassword);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(minIdle);
    config.setConnectionTimeout(connectionTimeout.toMillis());
    // A server that is gone but not refusing (a dropped network) must not hold a new connection past the timeout.
    if (s.postgres()) config.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, connectionTimeout.toSeconds())));
    // Lets the PostgreSQL driver send a day's batch of rows as multi-row INSERTs.
    if (s.postgres()) config.addDataSourceProperty("reWriteBatchedInserts", "true");
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("Cannot connect to the database at " + redact(url) + " (DATABASE_URL): "
          + rootMessage(e), e);
    }
  }

  /**
   * Applies every pending migration: {@code db/migration/common} plus the vendor folder
   * ({@code db/migration/h2} or {@code db/migration/postgresql}). Safe to run on every start and on
   * several replicas at once (Flyway locks its history table).
   */
  public static void migrate(DataSource ds) {
    String vendor = isPostgres(ds) ? "postgresql" : "h2";
    try {
      Flyway.configure()
          .dataSource(ds)
          .locations(COMMON, "classpath:db/migration/" + vendor)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StoreException("The database schema could not be migrated: " + firstLine(e.getMessage()), e);
    }
  }

  /** True when the DataSource talks to PostgreSQL (by the driver's product name, not the URL). */
  public static boolean isPostgres(DataSource ds) {
    try (Connection c = ds.getConnection()) {
      return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgresql");
    } catch (SQLException e) {
      throw new StoreException("Cannot reach the database: " + e.getMessage(), e);
    }
  }

  /** The file path of an embedded H2 URL ({@code jdbc:h2:file:x} or {@code jdbc:h2:x}), if it is one. */
  static Optional<Path> h2File(String url) {
    if (!url.startsWith("jdbc:h2:")) return Optional.empty();
    String rest = url.substring("jdbc:h2:".length());
    int semi = rest.indexOf(';');
    if (semi >= 0) rest = rest.substring(0, semi);
    if (rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:") || rest.startsWith("zip:")) {
      return Optional.empty();
    }
    if (rest.startsWith("file:")) rest = rest.substring("file:".length());
    if (rest.startsWith("~")) rest = System.getProperty("user.home") + rest.substring(1);
    if (rest.isEmpty()) return Optional.empty();
    return Optional.of(Path.of(rest).toAbsolutePath());
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException("Cannot create the database directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Drops the query string and any user:password@ part, where passwords may hide. */
  static String redact(String url) {
    String u = url;
    int q = u.indexOf('?');
    if (q >= 0) u = u.substring(0, q);
    int semi = u.indexOf(';');
    if (semi >= 0) u = u.substring(0, semi);
    return u.replaceAll("//[^/@]*@", "//");
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    return firstLine(String.valueOf(root.getMessage()));
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return (nl >= 0 ? s.substring(0, nl) : s).trim();
  }
}
