package com.deskstats;

/** The composition root: builds every part once and hands it to constructors. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.err.println("desk-stats: not wired yet");
    System.exit(2);
  }
}
