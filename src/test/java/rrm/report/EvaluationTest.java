package rrm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rrm.solver.FullPower;
import rrm.solver.RandomPower;
import rrm.system.Powers;
import rrm.system.SisoProblem;
import rrm.tensor.Tensor;
import rrm.utility.Utility;
import tech.tablesaw.api.Table;

class EvaluationTest {
  private final SisoProblem problem = SisoProblem.ofAmplitudes(Tensor.rand(3, 40, 4, 4).add(0.05), 0.1, 1);

  private Table results() {
    return Evaluation.<SisoProblem, Powers>of("sum_rate", (p, a) -> Utility.sumRate().of(p, a))
        .setting("a", problem, List.of(new FullPower(), new RandomPower(7)))
        .setting("b", problem.slice(0, 10), List.of(new FullPower()))
        .table();
  }

  @Test
  void oneRowPerSettingMethodAndSampleWithTheMetric() {
    Table t = results();
    assertEquals(40 + 40 + 10, t.rowCount());
    assertEquals(List.of("setting", "method", "sample", "sum_rate"), t.columnNames());
    double[] full = Utility.sumRate().of(problem, new FullPower().allocate(problem)).toArray();
    assertEquals(full[7], t.doubleColumn("sum_rate").get(7), 0);
    assertEquals(7, t.intColumn("sample").get(7));
  }

  @Test
  void summaryGivesMomentsRatioAndPairedWinRateAgainstTheReference() {
    Table t = results();
    Table s = Evaluation.summary(t, "sum_rate", "full power");
    assertEquals(3, s.rowCount());
    double[] full = Utility.sumRate().of(problem, new FullPower().allocate(problem)).toArray();
    double[] rand = Utility.sumRate().of(problem, new RandomPower(7).allocate(problem)).toArray();
    double mf = java.util.Arrays.stream(full).average().orElseThrow();
    double mr = java.util.Arrays.stream(rand).average().orElseThrow();
    double var = java.util.Arrays.stream(full).map(x -> (x - mf) * (x - mf)).sum() / full.length;
    assertEquals(mf, Evaluation.value(s, "a", "full power", "mean"), 1e-12);
    assertEquals(Math.sqrt(var), Evaluation.value(s, "a", "full power", "std"), 1e-12, "population std");
    assertEquals(1.0, Evaluation.value(s, "a", "full power", "ratio_of_means"), 0);
    assertEquals(0.0, Evaluation.value(s, "a", "full power", "win_rate"), 0, "never strictly above itself");
    assertEquals(mr / mf, Evaluation.value(s, "a", "random power", "ratio_of_means"), 1e-12);
    long wins = java.util.stream.IntStream.range(0, 40).filter(k -> rand[k] > full[k]).count();
    assertEquals(wins / 40.0, Evaluation.value(s, "a", "random power", "win_rate"), 0);
    assertTrue(Evaluation.value(s, "b", "full power", "min") <= Evaluation.value(s, "b", "full power", "q25"));
  }

  @Test
  void badNamesAreErrorsThatListWhatExists() {
    Table t = results();
    var e = assertThrows(IllegalArgumentException.class, () -> Evaluation.summary(t, "sum_rate", "WMMSE-100"));
    assertTrue(e.getMessage().contains("no rows of the reference method 'WMMSE-100'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Evaluation.summary(t, "rate", "full power"));
    assertTrue(e.getMessage().contains("no column 'rate'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Evaluation.value(Evaluation.summary(t, "sum_rate",
        "full power"), "c", "full power", "mean"));
    assertTrue(e.getMessage().contains("no row for setting 'c'"), e.getMessage());
  }
}
