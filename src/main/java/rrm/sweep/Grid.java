package rrm.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Grids of configurations: every combination of a few lists of values, made into records by a constructor, in
 * row-major order (the last list varies fastest).
 *
 * <pre>{@code
 * List<Cfg> grid = Grid.of(List.of(2, 3, 4), List.of(5, 10), Cfg::new);   // (2,5) (2,10) (3,5) ... (4,10)
 * }</pre>
 */
public final class Grid {
  private Grid() {}

  /** Returns one configuration per value of {@code as}. */
  public static <A, C> List<C> of(List<A> as, Function<? super A, ? extends C> make) {
    check(as, "first");
    List<C> out = new ArrayList<>();
    for (A a : as) out.add(make.apply(a));
    return List.copyOf(out);
  }

  /** Returns one configuration per pair (a, b), {@code b} varying fastest. */
  public static <A, B, C> List<C> of(List<A> as, List<B> bs, BiFunction<? super A, ? super B, ? extends C> make) {
    check(as, "first");
    check(bs, "second");
    List<C> out = new ArrayList<>();
    for (A a : as) for (B b : bs) out.add(make.apply(a, b));
    return List.copyOf(out);
  }

  /** Makes a configuration of three values. */
  @FunctionalInterface
  public interface Maker3<A, B, D, C> {
    /** Returns the configuration of (a, b, d). */
    C make(A a, B b, D d);
  }

  /** Returns one configuration per triple (a, b, d), {@code d} varying fastest. */
  public static <A, B, D, C> List<C> of(List<A> as, List<B> bs, List<D> ds, Maker3<? super A, ? super B, ? super D,
      ? extends C> make) {
    check(as, "first");
    check(bs, "second");
    check(ds, "third");
    List<C> out = new ArrayList<>();
    for (A a : as) for (B b : bs) for (D d : ds) out.add(make.make(a, b, d));
    return List.copyOf(out);
  }

  private static void check(List<?> values, String which) {
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException("Grid.of: the " + which + " list of values must not be "
          + (values == null ? "null" : "empty"));
    }
  }
}
