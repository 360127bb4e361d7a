package com.deskstats.store;

/**
 * Which digest a delivery belongs to: a channel's daily or weekly digest of the whole team ({@code group} "") or of
 * one group. A delivery is made at most once per key and period.
 *
 * @param cadence "daily" or "weekly"
 */
public record DeliveryKey(String channelId, String cadence, String group) {

  public static final String DAILY = "daily";
  public static final String WEEKLY = "weekly";

  public DeliveryKey {
    if (!cadence.equals(DAILY) && !cadence.equals(WEEKLY)) throw new IllegalArgumentException("cadence " + cadence);
    group = group == null ? "" : group;
  }

  /** The channel's daily digest of the whole team: the one key before weekly and group digests existed. */
  public static DeliveryKey daily(String channelId) {
    return new DeliveryKey(channelId, DAILY, "");
  }

  public boolean weekly() {
    return cadence.equals(WEEKLY);
  }
}
