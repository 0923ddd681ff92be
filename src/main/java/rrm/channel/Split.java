package rrm.channel;

/**
 * The purpose a channel batch is drawn for. Each split has its own random streams (a fixed id mixed into the seed), so
 * training, validation and test batches never coincide even when they share a master seed and a network size.
 */
public enum Split {
  /** Fresh batches for training steps. */
  TRAIN(1),
  /** Fixed batches for model selection. */
  VALIDATION(2),
  /** Fixed batches for the reported results. */
  TEST(3);

  private final long id;

  Split(long id) {
    this.id = id;
  }

  /** Returns the stream id mixed into the master seed (stable across releases; never the ordinal). */
  public long id() {
    return id;
  }
}
