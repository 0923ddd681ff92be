package rrm.paper.p003;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Paper003Test {
  @Test
  void sameDensityFieldLengthsAreTheTablesOnes() {
    int[] side = {2000, 2828, 3464, 4000, 4472}; // Tables III and VI (the paper prints 4772 for K = 1000)
    List<Integer> k = Paper003.SAME_DENSITY_PAIRS;
    for (int i = 0; i < side.length; i++) {
      assertEquals(side[i], (int) Paper003.powerControlSameDensity(k.get(i), 10, 50).layout().side());
      assertEquals(side[i], (int) Paper003.beamformingSameDensity(k.get(i), 2, 65).layout().side());
    }
    assertEquals(20000, Paper003.AREA_PER_PAIR, 0);
  }

  @Test
  void presetsFollowTheSectionsSettings() {
    var pc = Paper003.powerControl(2, 65);
    assertEquals(50, pc.layout().pairs());
    assertEquals(1000, pc.layout().side(), 0);
    assertEquals(1, pc.layout().minDistance(), 0);
    assertTrue(pc.weighted());
    var bf = Paper003.beamforming(50, 1000, 30, 30);
    assertEquals(2, bf.antennas());
    assertEquals(0, bf.layout().minDistance(), 0);
    assertFalse(bf.weighted());
    assertEquals(0.1, Paper003.gaussian(10, 10).noiseVariance(), 1e-15);
  }

  @Test
  void everyDataSetHasItsOwnSeed() {
    Set<Long> seeds = new HashSet<>(List.of(Paper003.GAUSSIAN_TRAIN_SEED, Paper003.GAUSSIAN_TEST_SEED,
        Paper003.D2D_TRAIN_SEED, Paper003.D2D_TEST_SEED, Paper003.BF_TRAIN_SEED, Paper003.BF_TEST_SEED));
    assertEquals(6, seeds.size());
  }
}
