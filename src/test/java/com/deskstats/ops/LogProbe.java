package com.deskstats.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Run in a child JVM by {@link LoggingTest}: writes a few known lines through the real logback.xml. */
public final class LogProbe {
  private LogProbe() {}

  public static final String DESK_KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
  public static final String BOT_TOKEN = "xoxb-1111-2222-SeCrEtBoTtOkEn";
  public static final String USERSIG = "eJwtzEELgjAYBuC8pUsEr";

  public static void main(String[] args) {
    Logger log = LoggerFactory.getLogger("com.deskstats.probe");
    try (var ignored = RequestIds.begin("probe0000001")) {
      log.info("posting with token {}", BOT_TOKEN);
      log.warn("desk call failed: https://console.tim.qq.com/v4/x?sdkappid=1400000000&usersig={}&random=1", USERSIG);
      log.error("bad key", new IllegalStateException("key " + DESK_KEY + " rejected"));
    }
    log.info("no request");
    log.info("config {\"token\": \"abc.TOKENVALUE\", \"password\":\"PWVALUE\"}");
    LoggerFactory.getLogger("org.quartz.core.QuartzScheduler").info("quartz chatter");
    LoggerFactory.getLogger("com.zaxxer.hikari.HikariDataSource").info("hikari chatter");
    System.out.println("stdout stays for reports");
  }
}
