package rrm.solver;

import rrm.tensor.Tensor;

/**
 * A method that maps channels to transmit powers: classical solvers, baselines and trained models alike, so a
 * notebook can evaluate a list of them the same way.
 */
public interface PowerAllocation {
  /** Returns a short name for tables and legends ("WMMSE-100", "Tr-WMMSE-4", "UWMMSE", ...). */
  String name();

  /**
   * Returns the powers {@code p [B, M]} in {@code [0, pMax]} for channels {@code g [B, M, M]} (row = receiver).
   * Runs without recording gradients.
   */
  Tensor powers(Tensor g, double noiseVariance, double pMax);
}
