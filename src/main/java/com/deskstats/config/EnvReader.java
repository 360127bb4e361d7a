package com.deskstats.config;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Typed, validated reads of environment variables: each bad value is one sentence naming the variable. */
record EnvReader(Map<String, String> env) {
  Optional<String> optional(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  String string(String name, String dflt) {
    return optional(name).orElse(dflt);
  }

  long parseLong(String name, String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be a whole number, not '" + v + "'.");
    }
  }

  int integer(String name, int dflt, int min, int max) {
    Optional<String> v = optional(name);
    if (v.isEmpty()) return dflt;
    long n = parseLong(name, v.get());
    if (n < min || n > max) throw new ConfigException(name + " must be between " + min + " and " + max + ", not " + n + ".");
    return (int) n;
  }

  boolean bool(String name, boolean dflt) {
    Optional<String> v = optional(name).map(s -> s.toLowerCase(Locale.ROOT));
    if (v.isEmpty()) return dflt;
    return switch (v.get()) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new ConfigException(name + " must be true or false, not '" + v.get() + "'.");
    };
  }

  ZoneId zone(String name, String dflt) {
    String v = string(name, dflt);
    try {
      return ZoneId.of(v);
    } catch (DateTimeException e) {
      throw new ConfigException(name + " must be an IANA time zone such as Asia/Shanghai, not '" + v + "'.");
    }
  }

  Duration duration(String name, String dflt) {
    String v = string(name, dflt);
    return Settings.parseDuration(v).filter(d -> !d.isNegative())
        .orElseThrow(() -> new ConfigException(name + " must be a duration such as 90s, 30m, 2h or 1d, not '" + v + "'."));
  }

  /** A duration of at least {@code min}. */
  Duration duration(String name, String dflt, Duration min) {
    Duration d = duration(name, dflt);
    if (d.compareTo(min) < 0) {
      throw new ConfigException(name + " must be at least " + min.toSeconds() + "s, not '" + string(name, dflt) + "'.");
    }
    return d;
  }

  String url(String name, String dflt) {
    String v = string(name, dflt);
    try {
      URI u = new URI(v);
      if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
        throw new ConfigException(name + " must be an http(s) URL, not '" + v + "'.");
      }
      return v;
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException(name + " must be an http(s) URL, not '" + v + "'.");
    }
  }

  String cron(String name, String dflt) {
    String v = string(name, dflt);
    if (!org.quartz.CronExpression.isValidExpression(v)) {
      throw new ConfigException(name + " must be a Quartz cron expression such as '0 0 9 * * ?', not '" + v + "'.");
    }
    return v;
  }
}
