package rrm.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The run profile of a notebook: {@code full} (default: the paper's settings where they run in reasonable
 * time on 2 cores), {@code smoke} (tests: the whole notebook in under a minute) or {@code paper} (the
 * paper's exact budgets, possibly hours). Read once per notebook from the environment variable {@value
 * #ENV}:
 *
 * <pre>{@code
 * Profile P = Profile.fromEnv();
 * int epochs = P.pick(20_000, 50);          // full, smoke; paper falls back to full
 * int batch  = P.pick(2_000, 16, 10_000);   // full, smoke, paper
 * }</pre>
 */
public final class Profile {

  /** The one environment variable that selects the profile. */
  public static final String ENV = "RRM_PROFILE";

  /** The default profile. */
  public static final Profile FULL = new Profile("full");

  /** The test profile: every notebook in under a minute. */
  public static final Profile SMOKE = new Profile("smoke");

  /** The paper's exact budgets. */
  public static final Profile PAPER = new Profile("paper");

  private static final List<Profile> ALL = List.of(FULL, SMOKE, PAPER);

  private final String name;

  private Profile(String name) {
    this.name = name;
  }

  /** Returns the profile named by {@value #ENV} in this process's environment ({@code full} if unset). */
  public static Profile fromEnv() {
    return from(System.getenv());
  }

  /** Returns the profile named by {@value #ENV} in {@code env} ({@code full} if absent or blank). */
  public static Profile from(Map<String, String> env) {
    Objects.requireNonNull(env, "env must not be null");
    return parse(env.get(ENV));
  }

  /**
   * Returns the profile with this name ({@code full} if null or blank); surrounding spaces and case are
   * ignored.
   *
   * @throws IllegalArgumentException if the name is none of full, smoke, paper
   */
  public static Profile of(String name) {
    return parse(name);
  }

  private static Profile parse(String value) {
    if (value == null || value.isBlank()) {
      return FULL;
    }
    String wanted = value.strip().toLowerCase(java.util.Locale.ROOT);
    for (Profile p : ALL) {
      if (p.name.equals(wanted)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        ENV + " is '" + value + "', which is not a profile: expected one of full, smoke, paper.");
  }

  /** Returns the lower-case name: {@code full}, {@code smoke} or {@code paper}. */
  public String name() {
    return name;
  }

  /** Returns true for the smoke (test) profile. */
  public boolean isSmoke() {
    return this == SMOKE;
  }

  /** Returns true for the full profile. */
  public boolean isFull() {
    return this == FULL;
  }

  /** Returns true for the paper profile. */
  public boolean isPaper() {
    return this == PAPER;
  }

  /** Returns {@code smoke} under the smoke profile, else {@code full} (the paper profile uses full). */
  public <T> T pick(T full, T smoke) {
    return isSmoke() ? smoke : full;
  }

  /** Returns the value for this profile: {@code full}, {@code smoke} or {@code paper}. */
  public <T> T pick(T full, T smoke, T paper) {
    return isSmoke() ? smoke : isPaper() ? paper : full;
  }

  @Override
  public String toString() {
    return name;
  }
}
