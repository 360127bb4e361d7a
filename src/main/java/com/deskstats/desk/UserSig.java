package com.deskstats.desk;

import com.squareup.moshi.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.zip.Deflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okio.Buffer;

/** Tencent IM's UserSig, version 2 (TLS v2): an HMAC-SHA256 over the caller, deflated and URL-safe encoded. */
final class UserSig {

  private UserSig() {}

  /**
   * @param time Unix seconds the sig is issued at
   * @param expire how long it is valid, in seconds
   */
  static String generate(long sdkAppId, String identifier, String secretKey, long time, long expire) {
    String sig = hmac(sdkAppId, identifier, secretKey, time, expire);
    Buffer json = new Buffer();
    try (JsonWriter w = JsonWriter.of(json)) {
      w.beginObject();
      w.name("TLS.ver").value("2.0");
      w.name("TLS.identifier").value(identifier);
      w.name("TLS.sdkappid").value(sdkAppId);
      w.name("TLS.expire").value(expire);
      w.name("TLS.time").value(time);
      w.name("TLS.sig").value(sig);
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] compressed = deflate(json.readByteArray());
    return Base64.getEncoder().encodeToString(compressed).replace('+', '*').replace('/', '-').replace('=', '_');
  }

  /** The {@code TLS.sig} field: standard padded base64 of HMAC-SHA256(secret, content). */
  static String hmac(long sdkAppId, String identifier, String secretKey, long time, long expire) {
    String content = "TLS.identifier:" + identifier + "\n"
        + "TLS.sdkappid:" + sdkAppId + "\n"
        + "TLS.time:" + time + "\n"
        + "TLS.expire:" + expire + "\n";
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  private static byte[] deflate(byte[] input) {
    Deflater deflater = new Deflater();
    try {
      deflater.setInput(input);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(input.length);
      byte[] chunk = new byte[512];
      while (!deflater.finished()) {
        int n = deflater.deflate(chunk);
        out.write(chunk, 0, n);
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }
}
