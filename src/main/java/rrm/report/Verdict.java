package rrm.report;

/** The outcome of one paper-vs-ours check. */
public enum Verdict {
  /** The check holds. */
  PASS,
  /** A soft check does not hold: worth a look, not a failure. */
  WARN,
  /** The check does not hold. */
  FAIL;

  /** Returns the colour this verdict is shown in: green, amber or red. */
  String colour() {
    return switch (this) {
      case PASS -> "#1a7f37";
      case WARN -> "#9a6700";
      case FAIL -> "#cf222e";
    };
  }

  /** Returns the verdict named {@code text} (PASS, WARN or FAIL, any case), or null for any other text. */
  static Verdict parse(String text) {
    for (Verdict v : values()) {
      if (v.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return v;
      }
    }
    return null;
  }
}
