package com.deskstats.ops;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The log encoder of logback.xml: text or one JSON object per line, chosen by {@code format} (LOG_FORMAT),
 * with {@link SecretMasker} applied to each whole encoded line (message, arguments, MDC and stack trace).
 */
public final class MaskingEncoder extends EncoderBase<ILoggingEvent> {

  /** The text layout: UTC timestamp, level, thread, logger, request id, message. */
  public static final String DEFAULT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level [%thread] %logger{36} [%X{request_id:--}] %msg%n";

  private String format = "text";
  private String pattern = DEFAULT_PATTERN;
  private Encoder<ILoggingEvent> delegate;

  /** "text" (default) or "json"; anything else falls back to text with a logback warning. */
  public void setFormat(String format) {
    this.format = format == null || format.isBlank() ? "text" : format.trim().toLowerCase(Locale.ROOT);
  }

  /** The text layout's pattern; ignored for JSON. */
  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  public String format() {
    return format;
  }

  @Override
  public void start() {
    if (format.equals("json")) {
      JsonEncoder json = new JsonEncoder();
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.setWithContext(false);
      // The raw template and its arguments would repeat what formattedMessage says.
      json.setWithMessage(false);
      json.setWithArguments(false);
      json.setWithFormattedMessage(true);
      delegate = json;
    } else {
      if (!format.equals("text")) addWarn("LOG_FORMAT must be 'text' or 'json', not '" + format + "': using text.");
      PatternLayoutEncoder text = new PatternLayoutEncoder();
      text.setPattern(pattern);
      text.setCharset(StandardCharsets.UTF_8);
      delegate = text;
    }
    delegate.setContext(getContext());
    delegate.start();
    super.start();
  }

  @Override
  public void stop() {
    if (delegate != null) delegate.stop();
    super.stop();
  }

  @Override
  public byte[] headerBytes() {
    return delegate == null ? null : delegate.headerBytes();
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    byte[] bytes = delegate.encode(event);
    if (bytes == null) return null;
    String line = new String(bytes, StandardCharsets.UTF_8);
    String masked = SecretMasker.mask(line);
    return masked.equals(line) ? bytes : masked.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] footerBytes() {
    return delegate == null ? null : delegate.footerBytes();
  }
}
