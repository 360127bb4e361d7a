package com.deskstats.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * An embedded PostgreSQL of its own (not the shared one of {@link Databases}) that can be stopped and started again
 * on the same port and data directory, as a database server that goes away and comes back.
 */
public final class RestartablePostgres implements AutoCloseable {
  private final int port;
  private final Path dataDirectory;
  private EmbeddedPostgres pg;

  /** Starts a new server on a free port, keeping its data in {@code dataDirectory}. */
  public RestartablePostgres(Path dataDirectory) {
    this.dataDirectory = dataDirectory;
    try (ServerSocket s = new ServerSocket(0)) {
      this.port = s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    start();
  }

  /** The URL for DATABASE_URL (user {@code postgres}, no password). */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  public synchronized boolean running() {
    return pg != null;
  }

  /** Starts the server (again) on the same port and data directory. */
  public synchronized void start() {
    if (pg != null) return;
    try {
      pg = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory.toFile())
          .setCleanDataDirectory(false).start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded PostgreSQL on port " + port, e);
    }
  }

  /** Stops the server (fast shutdown: open connections are cut). */
  public synchronized void stop() {
    if (pg == null) return;
    try {
      pg.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      pg = null;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
