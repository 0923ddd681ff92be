package rrm.optim;

import java.util.List;
import rrm.nn.Module;
import rrm.nn.Parameter;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter; PyTorch {@code AdamW}): before the Adam step
 * {@code w ← w · (1 − lr λ)}, and λ does not enter the moments. Default λ = 0.01 as PyTorch; paper 004's training uses
 * {@code AdamW.of(model, 0.01).betas(0.9, 0.99).weightDecay(1e-3)}.
 */
public final class AdamW extends Adam {
  private AdamW(List<Parameter> parameters, double lr) {
    super(parameters, lr);
    weightDecay(0.01);
  }

  /** AdamW over {@code parameters} with learning rate {@code lr} and weight decay 0.01. */
  public static AdamW of(List<Parameter> parameters, double lr) {
    return new AdamW(parameters, lr);
  }

  /** AdamW over every parameter of {@code model}. */
  public static AdamW of(Module model, double lr) {
    return new AdamW(model.parameters(), lr);
  }

  @Override
  public AdamW betas(double b1, double b2) {
    super.betas(b1, b2);
    return this;
  }

  @Override
  public AdamW eps(double e) {
    super.eps(e);
    return this;
  }

  @Override
  public AdamW weightDecay(double lambda) {
    super.weightDecay(lambda);
    return this;
  }

  @Override
  public AdamW tf1() {
    super.tf1();
    return this;
  }

  @Override
  protected boolean decoupled() {
    return true;
  }
}
