package rrm.report;

/** The outcome of one paper-vs-ours check. */
public enum Verdict {
  /** The check holds. */
  PASS,
  /** A soft check does not hold: worth a look, not a failure. */
  WARN,
  /** The check does not hold. */
  FAIL
}
