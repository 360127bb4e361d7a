package com.deskstats.desk;

import com.squareup.moshi.Moshi;

/** The Moshi that reads and writes Desk's records; missing fields default to 0 or "" instead of failing. */
public final class DeskJson {
  private static final Moshi MOSHI = new Moshi.Builder().add(new RecordAdapterFactory()).build();

  private DeskJson() {}

  /** A shared, immutable Moshi instance with the record adapter installed. */
  public static Moshi moshi() {
    return MOSHI;
  }
}
