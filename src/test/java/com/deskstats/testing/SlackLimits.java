package com.deskstats.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks a Block Kit message's JSON against Slack's published limits and against pings; lists each breach. */
public final class SlackLimits {
  private SlackLimits() {}

  private static final Pattern BARE_AMP = Pattern.compile("&(?!amp;|lt;|gt;)");

  /** Every limit the message breaks, empty when it is within all of them. */
  public static List<String> violations(String json) {
    List<String> out = new ArrayList<>();
    JsonObject msg = JsonParser.parseString(json).getAsJsonObject();
    String text = msg.has("text") ? msg.get("text").getAsString() : "";
    if (text.isBlank()) out.add("text fallback is empty");
    if (text.length() > 4000) out.add("text fallback is " + text.length() + " chars");
    checkMrkdwn("text", text, out);
    JsonArray blocks = msg.getAsJsonArray("blocks");
    if (blocks.size() > 50) out.add(blocks.size() + " blocks");
    for (JsonElement e : blocks) {
      JsonObject b = e.getAsJsonObject();
      String type = b.get("type").getAsString();
      switch (type) {
        case "header" -> {
          JsonObject t = b.getAsJsonObject("text");
          if (!"plain_text".equals(t.get("type").getAsString())) out.add("header is not plain_text");
          limit("header", t.get("text").getAsString(), 150, out);
        }
        case "section" -> {
          if (b.has("text")) textObject("section text", b.getAsJsonObject("text"), 3000, out);
          if (b.has("fields")) {
            JsonArray f = b.getAsJsonArray("fields");
            if (f.size() > 10) out.add(f.size() + " fields");
            for (JsonElement x : f) textObject("field", x.getAsJsonObject(), 2000, out);
          }
          if (!b.has("text") && !b.has("fields")) out.add("section without text or fields");
        }
        case "context" -> {
          JsonArray els = b.getAsJsonArray("elements");
          if (els.size() > 10) out.add(els.size() + " context elements");
          for (JsonElement x : els) textObject("context", x.getAsJsonObject(), 3000, out);
        }
        case "actions" -> {
          JsonArray els = b.getAsJsonArray("elements");
          if (els.size() > 25) out.add(els.size() + " actions");
          for (JsonElement x : els) {
            JsonObject button = x.getAsJsonObject();
            limit("button text", button.getAsJsonObject("text").get("text").getAsString(), 75, out);
            if (button.has("value")) limit("button value", button.get("value").getAsString(), 2000, out);
            limit("action_id", button.get("action_id").getAsString(), 255, out);
          }
        }
        case "divider" -> { }
        default -> out.add("unexpected block " + type);
      }
    }
    return out;
  }

  private static void textObject(String where, JsonObject t, int max, List<String> out) {
    String s = t.get("text").getAsString();
    if (s.isEmpty()) out.add(where + " is empty");
    limit(where, s, max, out);
    if ("mrkdwn".equals(t.get("type").getAsString())) checkMrkdwn(where, s, out);
  }

  private static void limit(String where, String s, int max, List<String> out) {
    if (s.length() > max) out.add(where + " is " + s.length() + " chars, limit " + max);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) out.add(where + " has a lone surrogate");
        i++;
      } else if (Character.isLowSurrogate(c)) {
        out.add(where + " has a lone surrogate");
      }
    }
  }

  /** Our messages never link or mention: any '<' or '>' or bare '&' in mrkdwn came from unescaped input. */
  private static void checkMrkdwn(String where, String s, List<String> out) {
    if (s.indexOf('<') >= 0 || s.indexOf('>') >= 0) out.add(where + " has an unescaped < or >: " + clip(s));
    if (BARE_AMP.matcher(s).find()) out.add(where + " has a bare &: " + clip(s));
    if (Pattern.compile("(?i)@(channel|here|everyone)").matcher(s).find()) out.add(where + " has a bare @channel");
  }

  private static String clip(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "…" : s;
  }
}
