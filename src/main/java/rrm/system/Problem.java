package rrm.system;

/**
 * A batch of radio resource management problem instances (see the package documentation for the permitted types
 * and the channel layout). Validated once, at construction; immutable.
 */
public sealed interface Problem permits SisoProblem, MimoProblem, MulticellProblem, UrllcProblem {
  /** Returns the number of instances B (the leading axis of every tensor of the problem). */
  int batch();

  /** Returns instances {@code [from, to)} as a problem of the same type (shares the data where it can). */
  Problem slice(int from, int to);
}
