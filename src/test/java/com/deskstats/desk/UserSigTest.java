package com.deskstats.desk;

import static com.deskstats.testing.DeskFakes.APP_ID;
import static com.deskstats.testing.DeskFakes.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskstats.testing.MutableClock;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import com.tencentyun.TLSSigAPIv2;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.zip.Inflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class UserSigTest {

  private static final long T = 1736697600L;

  @Test
  void meetsTheSpecVectors() throws Exception {
    assertThat(decode(UserSig.generate(APP_ID, "xiaojun", SECRET, T, 15552000)).get("TLS.sig"))
        .isEqualTo("41+OAQ0dRqnLK67Ir3BXFhvn8sZfA1+7H5I2xmxYPhk=");
    assertThat(decode(UserSig.generate(APP_ID, "administrator", SECRET, T, 86400)).get("TLS.sig"))
        .isEqualTo("CNaR+p10pX+4Tz1jYrE8ZAO3dX6yIl4xnLsTkFb4EP4=");
  }

  @Test
  void carriesEveryFieldWithNumbersAsNumbers() throws Exception {
    String sig = UserSig.generate(APP_ID, "administrator", SECRET, T, 86400);
    assertThat(sig).doesNotContain("+", "/", "=");

    String json = inflate(sig);
    assertThat(json).contains("\"TLS.ver\":\"2.0\"", "\"TLS.identifier\":\"administrator\"",
        "\"TLS.sdkappid\":1400000000", "\"TLS.expire\":86400", "\"TLS.time\":1736697600");
  }

  @Test
  void agreesWithTencentsOwnLibrary() throws Exception {
    String theirs = new TLSSigAPIv2(APP_ID, SECRET).genUserSig("administrator", 86400);
    Map<String, Object> their = decode(theirs);
    long theirTime = ((Number) their.get("TLS.time")).longValue();
    assertThat(their.get("TLS.sig")).isEqualTo(hmac("administrator", theirTime, 86400));

    Map<String, Object> ours = decode(UserSig.generate(APP_ID, "administrator", SECRET, theirTime, 86400));
    assertThat(ours.get("TLS.sig")).isEqualTo(hmac("administrator", theirTime, 86400)).isEqualTo(their.get("TLS.sig"));
    assertThat(ours).containsAllEntriesOf(their);
  }

  @Test
  void signerReusesTheSigUntilShortlyBeforeItExpires() throws Exception {
    MutableClock clock = new MutableClock(Instant.ofEpochSecond(T));
    UserSigner signer = new UserSigner(APP_ID, "administrator", SECRET, Duration.ofDays(1), clock);
    String first = signer.sig();

    clock.advance(Duration.ofHours(22).plusMinutes(59));
    assertThat(signer.sig()).isSameAs(first);

    clock.advance(Duration.ofMinutes(1));
    String renewed = signer.sig();
    assertThat(renewed).isNotEqualTo(first);
    assertThat(((Number) decode(renewed).get("TLS.time")).longValue()).isEqualTo(T + 23 * 3600);
  }

  @Test
  void invalidatedSigIsMadeAfresh() throws Exception {
    MutableClock clock = new MutableClock(Instant.ofEpochSecond(T));
    UserSigner signer = new UserSigner(APP_ID, "administrator", SECRET, clock);
    String first = signer.sig();
    clock.advance(Duration.ofSeconds(5));
    assertThat(signer.sig()).isSameAs(first);

    signer.invalidate();

    String fresh = signer.sig();
    assertThat(fresh).isNotEqualTo(first);
    assertThat(((Number) decode(fresh).get("TLS.time")).longValue()).isEqualTo(T + 5);
  }

  @Test
  void signerNeverShowsTheKeyOrTheSig() {
    UserSigner signer = new UserSigner(APP_ID, "administrator", SECRET, new MutableClock(Instant.ofEpochSecond(T)));
    String sig = signer.sig();
    assertThat(signer.toString()).doesNotContain(SECRET).doesNotContain(sig).contains("administrator");
    assertThat(signer.redact("key " + SECRET + " sig " + sig)).isEqualTo("key *** sig ***");
  }

  static Map<String, Object> decode(String userSig) throws Exception {
    JsonAdapter<Map<String, Object>> adapter =
        new Moshi.Builder().build().adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
    return adapter.fromJson(inflate(userSig));
  }

  static String inflate(String userSig) throws Exception {
    byte[] compressed = Base64.getDecoder().decode(userSig.replace('*', '+').replace('-', '/').replace('_', '='));
    Inflater inflater = new Inflater();
    inflater.setInput(compressed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[256];
    while (!inflater.finished()) {
      int n = inflater.inflate(buf);
      if (n == 0 && inflater.needsInput()) break;
      out.write(buf, 0, n);
    }
    inflater.end();
    return out.toString(StandardCharsets.UTF_8);
  }

  /** An independent HMAC of the SPEC §1 content, not using UserSig. */
  private static String hmac(String id, long time, long expire) throws Exception {
    String content = "TLS.identifier:" + id + "\nTLS.sdkappid:" + APP_ID + "\nTLS.time:" + time + "\nTLS.expire:" + expire + "\n";
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
  }
}
