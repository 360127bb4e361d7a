package com.deskstats.web;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Run in a fresh JVM by {@link WebServerSlowClientTest} (the JDK server reads its limits once per JVM): a server
 * with two request threads, three clients that stall mid-request, then one ordinary GET. Prints its status.
 */
public final class SlowClientProbe {
  private SlowClientProbe() {}

  public static void main(String[] args) throws Exception {
    WebServer web = new WebServer(0, null, Map.of("/health", WebServerTest.text("ok")), 2).start();
    int port = web.port();
    List<Socket> stalled = new ArrayList<>();
    for (String partial : List.of(
        "GET /health HTTP/1.1\r\nHost: x\r\n",                                   // headers never finish
        "POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc",     // body never finishes
        "POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nxyz")) {
      Socket s = new Socket("127.0.0.1", port);
      OutputStream out = s.getOutputStream();
      out.write(partial.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      stalled.add(s);
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
          .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
      System.out.println("status " + r.statusCode() + " " + r.body());
    } catch (Exception e) {
      System.out.println("failed " + e);
    }
    for (Socket s : stalled) s.close();
    System.exit(0);
  }
}
