package rrm.report;

import java.util.Objects;

/**
 * A piece of HTML with its plain-text fallback; displays as {@code text/html} plus {@code text/plain} in a
 * notebook and prints its text elsewhere.
 *
 * @param html the HTML fragment
 * @param text the plain-text form
 */
public record Html(String html, String text) {

  /** Checks that both forms are present. */
  public Html {
    Objects.requireNonNull(html, "html must not be null");
    Objects.requireNonNull(text, "text must not be null");
    Display.install();
  }

  @Override
  public String toString() {
    return text;
  }
}
