package com.deskstats.stats;

import java.util.List;
import java.util.Optional;

/** The named groups of agents (SPEC §9), as every surface that takes {@code group NAME} resolves them. */
public interface Groups {

  /** No groups at all: every name is unknown. */
  Groups NONE = new Groups() {
    @Override
    public Optional<Scope> scope(String name) {
      return Optional.empty();
    }

    @Override
    public List<String> names() {
      return List.of();
    }
  };

  /** The group's scope, or empty when no group has that name. */
  Optional<Scope> scope(String name);

  /** Every group's name, sorted. */
  List<String> names();
}
