package com.deskstats.ops;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.MDC;

/** Request ids in the logging MDC under {@value #KEY}, so every line of one command, job or delivery can be found together. */
public final class RequestIds {
  private RequestIds() {}

  /** The MDC key; the text log shows it in brackets and the JSON log under {@code mdc.request_id}. */
  public static final String KEY = "request_id";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "0123456789abcdefghijkmnpqrstuvwxyz".toCharArray();

  /** A new 12-character id (about 61 bits), short enough to read aloud and quote in a Slack message. */
  public static String next() {
    char[] id = new char[12];
    for (int i = 0; i < id.length; i++) id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    return new String(id);
  }

  /** Puts a new id in the MDC until the returned handle is closed: {@code try (var r = RequestIds.begin()) {…}}. */
  public static MDC.MDCCloseable begin() {
    return begin(next());
  }

  /** Puts the given id (for example one carried from an earlier step) in the MDC until closed. */
  public static MDC.MDCCloseable begin(String id) {
    return MDC.putCloseable(KEY, id);
  }

  /** The id in force on this thread, or null. */
  public static String current() {
    return MDC.get(KEY);
  }

  /** Runs the task with the caller's MDC (and so its request id) on whatever thread runs it. */
  public static Runnable wrap(Runnable task) {
    Map<String, String> context = MDC.getCopyOfContextMap();
    return () -> {
      Map<String, String> previous = MDC.getCopyOfContextMap();
      if (context == null) MDC.clear();
      else MDC.setContextMap(context);
      try {
        task.run();
      } finally {
        if (previous == null) MDC.clear();
        else MDC.setContextMap(previous);
      }
    };
  }

  /** An executor that carries the submitting thread's request id into each task. */
  public static Executor propagating(Executor executor) {
    return task -> executor.execute(wrap(task));
  }
}
