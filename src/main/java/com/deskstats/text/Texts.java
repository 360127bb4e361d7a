package com.deskstats.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every sentence a user can read, in one language: the UTF-8 bundles {@code i18n/<bundle>_<lang>.properties}, each
 * value a {@link MessageFormat} pattern ({@code {0}}, {@code {0,choice,1#1 session|1<{0} sessions}}).
 *
 * <p>An apostrophe in a bundle is just an apostrophe: it is doubled before {@code MessageFormat} sees it, so
 * translators never quote. Keys under {@code pattern.} are date-time patterns, read as they are by {@link #pattern}.
 */
public final class Texts {

  /** The bundles, by the feature they serve; a key lives in exactly one. */
  static final List<String> BUNDLES = List.of("format", "report", "grammar", "answers", "posts");

  private static final Map<Language, Texts> ALL = new EnumMap<>(Language.class);

  private final Language language;
  private final Map<String, String> patterns;
  private final Map<String, MessageFormat> compiled = new ConcurrentHashMap<>();
  private final Formats formats;

  private Texts(Language language, Map<String, String> patterns) {
    this.language = language;
    this.patterns = patterns;
    this.formats = new Formats(this);
  }

  /** The texts of a language, loaded once. */
  public static Texts of(Language language) {
    synchronized (ALL) {
      return ALL.computeIfAbsent(language, l -> new Texts(l, loadAll(l)));
    }
  }

  public Language language() {
    return language;
  }

  public Locale locale() {
    return language.locale();
  }

  /** Numbers, durations, dates and periods as this language writes them. */
  public Formats formats() {
    return formats;
  }

  /** The sentence under {@code key} with its arguments; a missing key is a bug, so it throws. */
  public String get(String key, Object... args) {
    MessageFormat f = compiled.computeIfAbsent(key, this::compile);
    Object[] resolved = new Object[args.length];
    for (int i = 0; i < args.length; i++) resolved[i] = resolve(args[i]);
    synchronized (f) { // MessageFormat is not thread-safe
      return f.format(resolved);
    }
  }

  /** The text in this language. */
  public String render(Text text) {
    if (text.key().equals(Text.LITERAL)) return String.valueOf(resolve(text.args().get(0)));
    return get(text.key(), text.args().toArray());
  }

  /** A date-time pattern ({@code pattern.*} keys), as written. */
  public String pattern(String key) {
    String p = patterns.get(key);
    if (p == null) throw new IllegalArgumentException("no text " + key + " in " + language.code());
    return p;
  }

  /** True when the bundles hold {@code key}. */
  public boolean has(String key) {
    return patterns.containsKey(key);
  }

  private Object resolve(Object arg) {
    if (arg instanceof Text t) return render(t);
    if (arg instanceof Text.Localized l) return l.in(this);
    return arg;
  }

  private MessageFormat compile(String key) {
    String p = patterns.get(key);
    if (p == null) throw new IllegalArgumentException("no text " + key + " in " + language.code());
    return new MessageFormat(p.replace("'", "''"), language.locale());
  }

  private static Map<String, String> loadAll(Language l) {
    Map<String, String> all = new LinkedHashMap<>();
    for (String bundle : BUNDLES) {
      for (Map.Entry<String, String> e : load(bundle, l).entrySet()) {
        if (all.put(e.getKey(), e.getValue()) != null) {
          throw new IllegalStateException("text " + e.getKey() + " is in two bundles");
        }
      }
    }
    return all;
  }

  /** One bundle's keys and patterns, read as UTF-8. */
  static Map<String, String> load(String bundle, Language l) {
    String path = "/i18n/" + bundle + "_" + l.code() + ".properties";
    try (InputStream in = Texts.class.getResourceAsStream(path)) {
      if (in == null) throw new IllegalStateException("missing bundle " + path);
      Properties p = new Properties();
      try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      Map<String, String> out = new LinkedHashMap<>();
      for (String k : p.stringPropertyNames()) out.put(k, p.getProperty(k));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
