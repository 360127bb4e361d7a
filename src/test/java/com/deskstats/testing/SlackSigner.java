package com.deskstats.testing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs request bodies exactly as Slack does: {@code v0=} hex HMAC-SHA256 of {@code v0:ts:body}. */
public final class SlackSigner {

  public static final String SIGNATURE_HEADER = "X-Slack-Signature";
  public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";

  private final String secret;

  public SlackSigner(String secret) {
    this.secret = secret;
  }

  /** The X-Slack-Signature value for a body sent at {@code timestamp} (Unix seconds). */
  public String signature(long timestamp, String body) {
    return signature(secret, timestamp, body);
  }

  public static String signature(String secret, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A signed POST of {@code body} to {@code uri}, stamped now, with the given content type. */
  public HttpRequest post(URI uri, String contentType, String body) {
    return post(uri, contentType, body, System.currentTimeMillis() / 1000);
  }

  /** A signed POST stamped at {@code timestamp} (Unix seconds): use an old one for a replay. */
  public HttpRequest post(URI uri, String contentType, String body, long timestamp) {
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", contentType)
        .header(TIMESTAMP_HEADER, String.valueOf(timestamp))
        .header(SIGNATURE_HEADER, signature(timestamp, body))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  /** A signed form POST, as Slack sends slash commands and interactivity payloads. */
  public HttpRequest form(URI uri, String body) {
    return post(uri, "application/x-www-form-urlencoded", body);
  }

  /** A signed JSON POST, as Slack sends Events API payloads. */
  public HttpRequest json(URI uri, String body) {
    return post(uri, "application/json", body);
  }
}
