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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
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
    // No connection yet: open() has checked the database, and this pool need not wait for it (start-up opens both
    // at once).
    return pool(s, "desk-stats-cache", 3, 0, CACHE_CONNECTION_TIMEOUT, false);
  }

  private static HikariDataSource pool(Settings s, String name, int size, int minIdle, Duration connectionTimeout) {
    return pool(s, name, size, minIdle, connectionTimeout, true);
  }

  private static HikariDataSource pool(Settings s, String name, int size, int minIdle, Duration connectionTimeout,
      boolean connectNow) {
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
    if (!connectNow) config.setInitializationFailTimeout(-1);
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
    migrate(flyway(isPostgres(ds), ds));
  }

  /** The newest migration of this build: {@code DatabaseTest} checks it against the files under db/migration. */
  static final int SCHEMA_VERSION = 9;

  /** What {@link #migrateWhenOpen} found. */
  public enum Schema {
    /** Flyway brought the schema up to date (and checked the migrations that had run). */
    MIGRATED,
    /** Every migration of this build had run already: {@link #verify} has Flyway check their checksums later. */
    CURRENT
  }

  /**
   * As {@link #migrate(DataSource)}, in the background, for a pool that is still being opened. A restart whose
   * schema is already current costs one query: Flyway (about a thousand classes, with the JSON library it copies its
   * settings with) is left to {@link #verify} once the bot is up. A new H2 file loads Flyway while the database
   * opens. The vendor comes from DATABASE_URL.
   */
  public static CompletableFuture<Schema> migrateWhenOpen(Settings s, CompletableFuture<? extends DataSource> pool,
      Executor executor) {
    boolean fresh = h2File(s.jdbcUrl()).map(f -> !Files.exists(Path.of(f + ".mv.db"))).orElse(false);
    return CompletableFuture.supplyAsync(() -> {
      Flyway early = fresh ? flyway(s.postgres(), new Pending(pool)) : null;
      DataSource ds = pool.join(); // a pool that did not open fails here, with its own sentence
      if (early == null && current(ds)) return Schema.CURRENT;
      migrate(early != null ? early : flyway(s.postgres(), ds));
      return Schema.MIGRATED;
    }, executor);
  }

  /**
   * A DataSource for a pool that is still opening: what the stores are built with so that building them does not
   * wait for the database. A connection waits for the pool; a pool that failed to open fails it.
   */
  public static DataSource pending(CompletableFuture<? extends DataSource> pool) {
    return new Pending(pool);
  }

  /**
   * Has Flyway check the migrations that ran against this build's (checksums, order): for a schema that
   * {@link #migrateWhenOpen} found {@link Schema#CURRENT}. Applies nothing new, since there is nothing.
   *
   * @throws StoreException when they do not match
   */
  public static void verify(DataSource ds) {
    migrate(ds);
  }

  /** True when the history table holds a successful run of exactly the migrations 1..{@link #SCHEMA_VERSION}. */
  static boolean current(DataSource ds) {
    try (Connection c = ds.getConnection();
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery(
            "select \"version\" from \"flyway_schema_history\" where \"success\" = true and \"version\" is not null")) {
      java.util.Set<Integer> ran = new java.util.HashSet<>();
      while (rs.next()) ran.add(Integer.parseInt(rs.getString(1).trim()));
      for (int v = 1; v <= SCHEMA_VERSION; v++) if (!ran.remove(v)) return false;
      return ran.isEmpty();
    } catch (SQLException | NumberFormatException e) {
      return false; // no history table yet, or one this check does not read: Flyway decides
    }
  }

  private static Flyway flyway(boolean postgres, DataSource ds) {
    try {
      return Flyway.configure()
          .dataSource(ds)
          .locations(COMMON, "classpath:db/migration/" + (postgres ? "postgresql" : "h2"))
          .load();
    } catch (FlywayException e) {
      throw new StoreException("The database schema could not be migrated: " + firstLine(e.getMessage()), e);
    }
  }

  private static void migrate(Flyway flyway) {
    try {
      flyway.migrate();
    } catch (org.flywaydb.core.api.exception.FlywayValidateException e) {
      // Its first line only says validation failed; the next one says which migration and why.
      String[] lines = String.valueOf(e.getMessage()).split("\n", 3);
      throw new StoreException("The database schema could not be migrated: " + lines[0].trim()
          + (lines.length > 1 ? " " + lines[1].trim() : ""), e);
    } catch (FlywayException e) {
      throw new StoreException("The database schema could not be migrated: " + firstLine(e.getMessage()), e);
    }
  }

  /** A DataSource whose connections come from a pool that is still opening: it waits for the pool. */
  private static final class Pending implements DataSource {
    private final CompletableFuture<? extends DataSource> pool;

    Pending(CompletableFuture<? extends DataSource> pool) {
      this.pool = pool;
    }

    private DataSource pool() throws SQLException {
      try {
        return pool.join();
      } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
        throw new SQLException("the database did not open", e.getCause() == null ? e : e.getCause());
      }
    }

    @Override
    public Connection getConnection() throws SQLException {
      return pool().getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return pool().getConnection(user, password);
    }

    @Override
    public java.io.PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(java.io.PrintWriter out) {
      // Flyway logs through SLF4J.
    }

    @Override
    public void setLoginTimeout(int seconds) {
      // The pool has its own timeouts.
    }

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws java.sql.SQLFeatureNotSupportedException {
      throw new java.sql.SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      if (iface.isInstance(this)) return iface.cast(this);
      return pool().unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
      return iface.isInstance(this) || pool().isWrapperFor(iface);
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
