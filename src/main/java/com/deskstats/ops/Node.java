package com.deskstats.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This process's name among the bot's replicas, "host/pid": who claimed a delivery or evaluated an alert. */
public final class Node {
  private Node() {}

  private static volatile String name;

  /** "host/pid", found once (without java.management, which start-up would otherwise load for it). */
  public static String name() {
    String n = name;
    if (n == null) {
      String host;
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "unknown-host";
      }
      name = n = host + "/" + ProcessHandle.current().pid();
    }
    return n;
  }
}
