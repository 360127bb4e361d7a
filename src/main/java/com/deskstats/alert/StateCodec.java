package com.deskstats.alert;

import com.deskstats.alert.RuleState.OpenPost;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/** A {@link RuleState} as text for the database: one line per field, subject and open post; keys URL-encoded. */
final class StateCodec {
  private StateCodec() {}

  static String encode(RuleState s) {
    StringBuilder b = new StringBuilder("v1\n");
    b.append("day ").append(s.day()).append('\n');
    b.append("posts ").append(s.posts()).append('\n');
    b.append("evaluated ").append(s.evaluatedAt().map(i -> Long.toString(i.toEpochMilli())).orElse("-")).append('\n');
    b.append("value ").append(s.value().isPresent() ? Double.toString(s.value().getAsDouble()) : "-").append('\n');
    s.subjects().forEach((k, v) -> b.append("S ").append(key(k)).append(' ').append(v.over() ? 1 : 0).append(' ')
        .append(v.since().toEpochMilli()).append(' ').append(v.value()).append(' ')
        .append(v.lastPost().map(i -> Long.toString(i.toEpochMilli())).orElse("-")).append('\n'));
    for (OpenPost p : s.open()) {
      b.append("O ").append(p.seq());
      for (String k : p.named()) b.append(' ').append(key(k));
      b.append('\n');
    }
    return b.toString();
  }

  static RuleState decode(String text) {
    LocalDate day = null;
    int posts = 0;
    Optional<Instant> evaluated = Optional.empty();
    OptionalDouble value = OptionalDouble.empty();
    Map<String, Subject> subjects = new HashMap<>();
    List<OpenPost> open = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.split(" ", -1);
      switch (f[0]) {
        case "day" -> day = LocalDate.parse(f[1]);
        case "posts" -> posts = Integer.parseInt(f[1]);
        case "evaluated" -> evaluated = f[1].equals("-") ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(f[1])));
        case "value" -> value = f[1].equals("-") ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(f[1]));
        case "S" -> subjects.put(unkey(f[1]), new Subject(f[2].equals("1"), Instant.ofEpochMilli(Long.parseLong(f[3])),
            Double.parseDouble(f[4]), f[5].equals("-") ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(f[5])))));
        case "O" -> {
          Set<String> named = new HashSet<>();
          for (int i = 2; i < f.length; i++) named.add(unkey(f[i]));
          open.add(new OpenPost(Integer.parseInt(f[1]), named));
        }
        default -> { } // "v1" and blank lines
      }
    }
    if (day == null) throw new IllegalArgumentException("alert state without a day");
    return new RuleState(day, subjects, open, posts, evaluated, value);
  }

  // The team's key is "": encoded as "=" so every field stays non-empty.
  private static String key(String k) {
    return k.isEmpty() ? "=" : URLEncoder.encode(k, StandardCharsets.UTF_8);
  }

  private static String unkey(String k) {
    return k.equals("=") ? "" : URLDecoder.decode(k, StandardCharsets.UTF_8);
  }
}
