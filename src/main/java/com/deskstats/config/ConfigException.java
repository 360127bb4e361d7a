package com.deskstats.config;

/** A missing or malformed setting; its message is one line naming the variable and what it wants. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
