package com.deskstats.text;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A sentence not yet in a language: a bundle key and its arguments, rendered for a reader by {@link Texts#render}.
 * Pure code (parsers, services) returns these so the caller picks the language. An argument that is itself a
 * {@code Text} or a {@link Localized} is rendered in the same language.
 */
public record Text(String key, List<Object> args) {

  /** The key of {@link #literal} texts, which no bundle holds. */
  static final String LITERAL = "";

  public Text {
    Objects.requireNonNull(key);
    args = Collections.unmodifiableList(Arrays.asList(args.toArray()));
  }

  /** The sentence under {@code key}, with its arguments. */
  public static Text of(String key, Object... args) {
    return new Text(key, Arrays.asList(args));
  }

  /** A text that reads the same in every language (a name, an echo): shown as it is. */
  public static Text literal(String s) {
    return new Text(LITERAL, List.of(s));
  }

  /** A text whose words come from elsewhere in each language (a sentence another part already translates). */
  public static Text localized(Localized value) {
    return new Text(LITERAL, List.of(value));
  }

  /** A value that reads differently by language, such as a date or a period, used as an argument. */
  @FunctionalInterface
  public interface Localized {
    String in(Texts texts);
  }
}
