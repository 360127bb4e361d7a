package com.deskstats.alert;

import com.deskstats.slack.AlertCondition;
import com.deskstats.store.StoreException;
import com.deskstats.text.Language;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The alerts' tables (migration V6): rules, each rule's state, the transition claims that make every post happen
 * exactly once, and whether Desk could be read lately.
 */
public final class AlertStore {

  /** SQLState of a unique-key violation on both H2 and PostgreSQL. */
  private static final String DUPLICATE_KEY = "23505";
  /** SQLStates of a foreign-key violation (PostgreSQL, H2): the rule was removed meanwhile. */
  private static final Set<String> NO_PARENT = Set.of("23503", "23506");
  private static final String RULE_COLUMNS = "id, channel_id, metric, op, threshold, per_agent, group_name, created_by, created_at, lang";

  private final DataSource dataSource;

  public AlertStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Saves a new rule that posts in BOT_LANGUAGE; returns it with its id. */
  public Rule add(String channelId, AlertCondition c, String createdBy, Instant createdAt) {
    return add(channelId, c, createdBy, createdAt, Optional.empty());
  }

  /** Saves a new rule that posts in {@code lang} (empty: BOT_LANGUAGE); returns it with its id. */
  public Rule add(String channelId, AlertCondition c, String createdBy, Instant createdAt, Optional<Language> lang) {
    try (Connection conn = dataSource.getConnection();
         PreparedStatement ps = conn.prepareStatement("INSERT INTO alert_rule (channel_id, metric, op, threshold, "
             + "per_agent, group_name, created_by, created_at, lang) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
             Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, channelId);
      ps.setString(2, c.metric().word());
      ps.setString(3, c.op().symbol());
      ps.setDouble(4, c.threshold());
      ps.setBoolean(5, c.perAgent());
      ps.setString(6, c.group().orElse(null));
      ps.setString(7, createdBy);
      ps.setObject(8, ts(createdAt));
      ps.setString(9, lang.map(Language::code).orElse(null));
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        if (!keys.next()) throw new SQLException("no generated key for the alert rule");
        return new Rule(keys.getLong(1), channelId, c, createdBy, createdAt, lang);
      }
    } catch (SQLException e) {
      throw new StoreException("Could not save the alert rule.", e);
    }
  }

  /** Every rule, by id. */
  public List<Rule> rules() {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT " + RULE_COLUMNS + " FROM alert_rule ORDER BY id");
         ResultSet rs = ps.executeQuery()) {
      List<Rule> out = new ArrayList<>();
      while (rs.next()) out.add(rule(rs));
      return out;
    } catch (SQLException e) {
      throw new StoreException("Could not read the alert rules.", e);
    }
  }

  /** Removes a rule and its state; returns the rule, or empty when there was none. */
  public Optional<Rule> remove(long id) {
    try (Connection c = dataSource.getConnection()) {
      Optional<Rule> rule;
      try (PreparedStatement ps = c.prepareStatement("SELECT " + RULE_COLUMNS + " FROM alert_rule WHERE id = ?")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          rule = rs.next() ? Optional.of(rule(rs)) : Optional.empty();
        }
      }
      if (rule.isEmpty()) return rule;
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM alert_rule WHERE id = ?")) {
        ps.setLong(1, id);
        return ps.executeUpdate() > 0 ? rule : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("Could not remove the alert rule.", e);
    }
  }

  /** Every rule's state, by rule id. */
  public Map<Long, RuleState> states() {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT rule_id, body FROM alert_state");
         ResultSet rs = ps.executeQuery()) {
      Map<Long, RuleState> out = new HashMap<>();
      while (rs.next()) out.put(rs.getLong(1), StateCodec.decode(rs.getString(2)));
      return out;
    } catch (SQLException e) {
      throw new StoreException("Could not read the alert states.", e);
    }
  }

  /** Saves each rule's state; a rule removed meanwhile is left out. */
  public void saveStates(Map<Long, RuleState> states) {
    try (Connection c = dataSource.getConnection()) {
      for (Map.Entry<Long, RuleState> e : states.entrySet()) {
        RuleState s = e.getValue();
        String body = StateCodec.encode(s);
        Instant at = s.evaluatedAt().orElse(Instant.EPOCH);
        try (PreparedStatement up = c.prepareStatement(
            "UPDATE alert_state SET desk_day = ?, evaluated_at = ?, body = ? WHERE rule_id = ?")) {
          up.setObject(1, s.day());
          up.setObject(2, ts(at));
          up.setString(3, body);
          up.setLong(4, e.getKey());
          if (up.executeUpdate() > 0) continue;
        }
        try (PreparedStatement in = c.prepareStatement(
            "INSERT INTO alert_state (rule_id, desk_day, evaluated_at, body) VALUES (?, ?, ?, ?)")) {
          in.setLong(1, e.getKey());
          in.setObject(2, s.day());
          in.setObject(3, ts(at));
          in.setString(4, body);
          in.executeUpdate();
        } catch (SQLException ex) {
          // Removed meanwhile, or another replica inserted first (it saved the same evaluation): nothing to do.
          if (!NO_PARENT.contains(ex.getSQLState()) && !DUPLICATE_KEY.equals(ex.getSQLState())) throw ex;
        }
      }
    } catch (SQLException e) {
      throw new StoreException("Could not save the alert states.", e);
    }
  }

  public DeskHealth health() {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT failures, down, episode, since, reason FROM alert_desk WHERE id = 1");
         ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) return DeskHealth.OK;
      OffsetDateTime since = rs.getObject(4, OffsetDateTime.class);
      return new DeskHealth(rs.getInt(1), rs.getBoolean(2), rs.getInt(3),
          Optional.ofNullable(since).map(OffsetDateTime::toInstant), Optional.ofNullable(rs.getString(5)));
    } catch (SQLException e) {
      throw new StoreException("Could not read the alerts' Desk health.", e);
    }
  }

  public void saveHealth(DeskHealth h) {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement(
             "UPDATE alert_desk SET failures = ?, down = ?, episode = ?, since = ?, reason = ? WHERE id = 1")) {
      ps.setInt(1, h.failures());
      ps.setBoolean(2, h.down());
      ps.setInt(3, h.episode());
      ps.setObject(4, h.since().map(AlertStore::ts).orElse(null), Types.TIMESTAMP_WITH_TIMEZONE);
      ps.setString(5, h.reason().map(AlertStore::clip).orElse(null));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("Could not save the alerts' Desk health.", e);
    }
  }

  /**
   * Claims a transition before it is posted: true for the one caller that inserted its key, false for every other
   * (another replica, or a run before a restart, has it).
   */
  public boolean claim(String key, String channelId, String node, Instant now) {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement(
             "INSERT INTO alert_claim (claim_key, channel_id, claimed_by, claimed_at) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, key);
      ps.setString(2, channelId);
      ps.setString(3, node);
      ps.setObject(4, ts(now));
      ps.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (DUPLICATE_KEY.equals(e.getSQLState())) return false;
      throw new StoreException("Could not claim the alert.", e);
    }
  }

  /** Notes the posted message's ts (an alert's thread) or why it could not be posted. */
  public void record(String key, Optional<String> messageTs, Optional<String> error) {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("UPDATE alert_claim SET message_ts = ?, error = ? WHERE claim_key = ?")) {
      ps.setString(1, messageTs.orElse(null));
      ps.setString(2, error.map(AlertStore::clip).orElse(null));
      ps.setString(3, key);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("Could not record the alert.", e);
    }
  }

  /** The ts of the message posted for a claimed transition, if it was posted. */
  public Optional<String> messageTs(String key) {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT message_ts FROM alert_claim WHERE claim_key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("Could not read the alert.", e);
    }
  }

  private static Rule rule(ResultSet rs) throws SQLException {
    AlertCondition c = new AlertCondition(AlertCondition.Metric.of(rs.getString(3)).orElseThrow(),
        AlertCondition.Op.of(rs.getString(4)).orElseThrow(), rs.getDouble(5), rs.getBoolean(6),
        Optional.ofNullable(rs.getString(7)));
    return new Rule(rs.getLong(1), rs.getString(2), c, rs.getString(8), rs.getObject(9, OffsetDateTime.class).toInstant(),
        Language.parse(rs.getString(10)));
  }

  private static OffsetDateTime ts(Instant i) {
    return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  private static String clip(String s) {
    return s.length() <= 1000 ? s : s.substring(0, 997) + "…";
  }
}
