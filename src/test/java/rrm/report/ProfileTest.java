package rrm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileTest {

  @Test
  void defaultsToFullWhenUnsetOrBlank() {
    assertSame(Profile.FULL, Profile.from(Map.of()));
    assertSame(Profile.FULL, Profile.from(Map.of("RRM_PROFILE", "  ")));
    assertSame(Profile.FULL, Profile.of(null));
  }

  @Test
  void readsTheThreeProfilesIgnoringCaseAndSpaces() {
    assertSame(Profile.SMOKE, Profile.from(Map.of("RRM_PROFILE", "smoke")));
    assertSame(Profile.PAPER, Profile.of(" Paper "));
    assertSame(Profile.FULL, Profile.of("FULL"));
    assertEquals("smoke", Profile.SMOKE.name());
    assertTrue(Profile.SMOKE.isSmoke() && Profile.FULL.isFull() && Profile.PAPER.isPaper());
  }

  @Test
  void unknownValueNamesVariableValueAndAllowedProfiles() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Profile.from(Map.of("RRM_PROFILE", "fast")));
    assertEquals("RRM_PROFILE is 'fast', which is not a profile: expected one of full, smoke, paper.", e.getMessage());
  }

  @Test
  void pickFallsBackToFullForPaperUnlessGivenThree() {
    assertEquals(20_000, Profile.FULL.pick(20_000, 50));
    assertEquals(50, Profile.SMOKE.pick(20_000, 50));
    assertEquals(20_000, Profile.PAPER.pick(20_000, 50));
    assertEquals(100_000, Profile.PAPER.pick(20_000, 50, 100_000));
    assertEquals(50, Profile.SMOKE.pick(20_000, 50, 100_000));
    assertEquals(20_000, Profile.FULL.pick(20_000, 50, 100_000));
  }
}
