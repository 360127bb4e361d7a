package com.deskstats.testing;

import com.deskstats.desk.AgentRow;
import com.deskstats.desk.DeskApi;
import com.deskstats.desk.DeskClient;
import com.deskstats.desk.DeskJson;
import com.deskstats.desk.DeskRequest;
import com.deskstats.desk.DeskResponse;
import com.deskstats.desk.RetryPolicy;
import com.deskstats.desk.UserSigner;
import com.deskstats.ops.Metrics;
import com.squareup.moshi.JsonAdapter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ServerSocketFactory;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** Desk answers for MockWebServer and a quick test client: rows, pages, error bodies and a paging dispatcher. */
public final class DeskFakes {

  /** The SPEC §1 test vector's SDKAppID. */
  public static final long APP_ID = 1400000000L;
  /** The SPEC §1 test vector's secret: a test key, not a real one. */
  public static final String SECRET = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
  public static final String ADMIN = "administrator";
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private static final JsonAdapter<DeskResponse> RESPONSE = DeskJson.moshi().adapter(DeskResponse.class);
  private static final JsonAdapter<DeskRequest> REQUEST = DeskJson.moshi().adapter(DeskRequest.class);

  private DeskFakes() {}

  /**
   * A MockWebServer whose connections send at once (TCP_NODELAY), like a real HTTP server. A plain MockWebServer
   * writes headers and body separately, and Nagle's algorithm against the client's delayed ACK adds about 40 ms to
   * every answer, which would swamp any timing.
   */
  public static MockWebServer server() {
    MockWebServer server = new MockWebServer();
    server.setServerSocketFactory(new ServerSocketFactory() {
      @Override
      public ServerSocket createServerSocket() throws IOException {
        return new ServerSocket() {
          @Override
          public Socket accept() throws IOException {
            Socket socket = super.accept();
            socket.setTcpNoDelay(true);
            return socket;
          }
        };
      }

      @Override
      public ServerSocket createServerSocket(int port) throws IOException {
        ServerSocket socket = createServerSocket();
        socket.bind(new InetSocketAddress(port));
        return socket;
      }

      @Override
      public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        ServerSocket socket = createServerSocket();
        socket.bind(new InetSocketAddress(port), backlog);
        return socket;
      }

      @Override
      public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        ServerSocket socket = createServerSocket();
        socket.bind(new InetSocketAddress(address, port), backlog);
        return socket;
      }
    });
    return server;
  }

  /** A row with every number 0 and no nickname. */
  public static AgentRow row(String id) {
    return agent(id).build();
  }

  /** A builder for one row; every field starts at 0 or "". */
  public static RowBuilder agent(String id) {
    return new RowBuilder(id);
  }

  /** {@code n} agents {@code agent-0000…}, each with different, plausible statistics (deterministic). */
  public static List<AgentRow> team(int n) {
    List<AgentRow> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long sessions = 5 + i % 17;
      long notResp = i % 4 == 0 ? 1 : 0;
      long rated = i % 6;
      rows.add(agent(String.format("agent-%04d", i))
          .nick("Agent " + i)
          .loginLogout(1736726400L + i, 1736755200L + i)
          .times(3600 + i, 1800, 600)
          .sessions(sessions, notResp)
          .firstResponse(8 + i % 40, Math.max(0, sessions - notResp - i % 3))
          .response(20 + i % 30, Math.max(0, sessions - notResp - 1))
          .accept(sessions * 300, 300)
          .satisfaction(rated, Math.max(0, rated - i % 2))
          .build());
    }
    return rows;
  }

  /** A successful Desk body with {@code TotalCount = total} and these rows. */
  public static String okPage(int total, List<AgentRow> rows) {
    return RESPONSE.toJson(new DeskResponse("OK", 0, "", total, rows));
  }

  /** A failed Desk body (HTTP 200, ErrorCode non-zero), as Desk sends it. */
  public static String errorBody(int code, String info) {
    return RESPONSE.toJson(new DeskResponse("FAIL", code, info, 0, List.of()));
  }

  public static MockResponse ok(int total, List<AgentRow> rows) {
    return json(okPage(total, rows));
  }

  public static MockResponse error(int code) {
    return json(errorBody(code, "error " + code));
  }

  public static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }

  /** The Desk request body a recorded request carried. */
  public static DeskRequest request(RecordedRequest recorded) {
    try {
      return REQUEST.fromJson(recorded.getBody().clone().readUtf8());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The page of {@code team} a request asks for (Offset, Limit and the AgentIds filter), with its TotalCount. */
  public static MockResponse page(List<AgentRow> team, DeskRequest req) {
    List<AgentRow> matching = team;
    if (req.agentIds() != null && !req.agentIds().isEmpty()) {
      Set<String> wanted = Set.copyOf(req.agentIds());
      matching = team.stream().filter(r -> wanted.contains(r.agentId())).toList();
    }
    int from = Math.min(req.offset(), matching.size());
    int to = Math.min(from + req.limit(), matching.size());
    return ok(matching.size(), matching.subList(from, to));
  }

  /** A dispatcher that serves {@code team} page by page, like Desk. */
  public static Dispatcher pages(List<AgentRow> team) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest recorded) {
        return page(team, request(recorded));
      }
    };
  }

  /** Retries that take milliseconds: 4 attempts, 1 ms base, 5 ms cap, 5 s budget. */
  public static RetryPolicy fastRetries() {
    return new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5));
  }

  /** A DeskClient for a MockWebServer: the test credentials, Asia/Shanghai, 4 pages at once, fast retries. */
  public static DeskClient client(HttpUrl baseUrl, Metrics metrics) {
    return client(baseUrl, metrics, 4, fastRetries());
  }

  public static DeskClient client(HttpUrl baseUrl, Metrics metrics, int parallelism, RetryPolicy retry) {
    OkHttpClient http = new OkHttpClient.Builder()
        .connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS).build();
    Clock clock = Clock.systemUTC();
    return new DeskClient(DeskApi.create(baseUrl.toString(), http), new UserSigner(APP_ID, ADMIN, SECRET, clock),
        ZONE, parallelism, retry, clock, Executors.newCachedThreadPool(r -> {
          Thread t = new Thread(r, "test-desk-page");
          t.setDaemon(true);
          return t;
        }), metrics);
  }

  /** Builds an {@link AgentRow}; setters group the fields that belong together. */
  public static final class RowBuilder {
    private final String id;
    private String nick = "";
    private long login, logout, free, busy, rest, total, transfer, effective, agentEnd, served, totalAccept;
    private long totalMsg, agentMsg, userMsg, notResp, avgFirstResp, firstUnder30, avgResp, avgUnder30, avgAccept;
    private long rated, satisfied;

    private RowBuilder(String id) {
      this.id = id;
    }

    public RowBuilder nick(String nick) {
      this.nick = nick;
      return this;
    }

    public RowBuilder loginLogout(long firstLogin, long lastLogout) {
      this.login = firstLogin;
      this.logout = lastLogout;
      return this;
    }

    public RowBuilder times(long free, long busy, long rest) {
      this.free = free;
      this.busy = busy;
      this.rest = rest;
      return this;
    }

    /** Total sessions and unreplied ones; also sets effective, agent-ended and served to the answered count. */
    public RowBuilder sessions(long total, long notResp) {
      this.total = total;
      this.notResp = notResp;
      this.effective = total - notResp;
      this.agentEnd = total - notResp;
      this.served = total;
      return this;
    }

    public RowBuilder transfers(long transfer) {
      this.transfer = transfer;
      return this;
    }

    public RowBuilder counts(long effective, long agentEnd, long served) {
      this.effective = effective;
      this.agentEnd = agentEnd;
      this.served = served;
      return this;
    }

    public RowBuilder firstResponse(long avgSeconds, long under30s) {
      this.avgFirstResp = avgSeconds;
      this.firstUnder30 = under30s;
      return this;
    }

    public RowBuilder response(long avgSeconds, long under30s) {
      this.avgResp = avgSeconds;
      this.avgUnder30 = under30s;
      return this;
    }

    public RowBuilder accept(long totalSeconds, long avgSeconds) {
      this.totalAccept = totalSeconds;
      this.avgAccept = avgSeconds;
      return this;
    }

    public RowBuilder messages(long total, long agent, long user) {
      this.totalMsg = total;
      this.agentMsg = agent;
      this.userMsg = user;
      return this;
    }

    public RowBuilder satisfaction(long rated, long satisfied) {
      this.rated = rated;
      this.satisfied = satisfied;
      return this;
    }

    public AgentRow build() {
      return new AgentRow(id, nick, login, logout, free, busy, rest, total, transfer, effective, agentEnd, served,
          totalAccept, totalMsg, agentMsg, userMsg, notResp, avgFirstResp, firstUnder30, avgResp, avgUnder30, avgAccept,
          rated, satisfied);
    }
  }
}
