package com.deskstats.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/** Collects one class's log lines (formatted) for assertions. */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final List<AppenderBase<ILoggingEvent>> watchers = new ArrayList<>();

  private LogCapture(Class<?> type) {
    this.logger = (Logger) LoggerFactory.getLogger(type);
    appender.start();
    logger.addAppender(appender);
  }

  public static LogCapture of(Class<?> type) {
    return new LogCapture(type);
  }

  /** A latch that opens once a line containing {@code text} is logged (checked as each line arrives). */
  public CountDownLatch whenLogged(String text) {
    CountDownLatch latch = new CountDownLatch(1);
    AppenderBase<ILoggingEvent> watcher = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent event) {
        if (event.getFormattedMessage().contains(text)) latch.countDown();
      }
    };
    watcher.start();
    logger.addAppender(watcher);
    watchers.add(watcher);
    return latch;
  }

  public List<String> lines() {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  /** The captured events themselves, for their MDC and level. */
  public List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    watchers.forEach(logger::detachAppender);
  }
}
