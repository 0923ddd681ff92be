package rrm.spark;

import java.io.Serializable;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import rrm.sweep.Executor;
import rrm.sweep.LibraryCode;
import rrm.sweep.Outcome;
import rrm.sweep.Sweep;
import rrm.sweep.SweepTask;

/**
 * Runs a sweep on Apache Spark: one Spark task per configuration, so each can be retried on its own and runs on
 * whichever executor is free. Masters: {@code local[n]} (n threads of this JVM), {@code local[n, r]} (up to r attempts
 * per configuration), {@code local[*]}, a cluster ({@code spark://host:7077}, {@code yarn}, ...) or
 * {@code spark-submit} (the master {@code spark-submit} was given).
 *
 * <p>One SparkContext per JVM, created on first use and reused by every later sweep with the same master (a sweep on
 * another master stops it and starts a new one). In local mode the driver binds to the loopback address and the web
 * UI is off. On a cluster the library jars are shipped to the executors ({@link #libraryJars()}), and the task and the configurations are first checked to be library code
 * ({@link LibraryCode}): notebook-defined lambdas and classes are refused with a message naming the class.
 *
 * <p>A configuration whose last allowed attempt fails gives a failed row; earlier attempts throw so that Spark retries
 * them. Results are the task's, so they do not depend on the executor.
 */
public final class SparkExecutor implements Executor {
  private static final Pattern LOCAL = Pattern.compile("local(?:\\[\\s*(\\d+|\\*)\\s*(?:,\\s*(\\d+)\\s*)?])?");

  /** The environment variable with further jars to ship to a cluster's executors (comma-separated paths). */
  public static final String EXTRA_JARS_ENV = "RRM_SPARK_JARS";

  private static JavaSparkContext shared;
  private static String sharedMaster;

  private final String master;
  private final int attempts;

  private SparkExecutor(String master) {
    this.master = master;
    this.attempts = attemptsOf(master);
  }

  /** Returns the executor of Spark master {@code master} (see the class comment). */
  public static SparkExecutor of(String master) {
    if (master == null || master.isBlank()) {
      throw new IllegalArgumentException("SparkExecutor.of: master must be a Spark master URL such as local[2] or "
          + "spark://host:7077, got " + (master == null ? "null" : "'" + master + "'"));
    }
    String m = master.strip();
    if (m.equals("spark-submit")) {
      m = System.getProperty("spark.master");
      if (m == null) {
        throw new IllegalArgumentException("SparkExecutor.of(\"spark-submit\"): no spark.master system property; "
            + "start the program with spark-submit --master <url> or name the master");
      }
    }
    if (m.startsWith("local") && !m.startsWith("local-cluster") && !LOCAL.matcher(m).matches()) {
      throw new IllegalArgumentException("SparkExecutor.of: local master must be local, local[n], local[*] or "
          + "local[n, retries], got '" + master + "'");
    }
    return new SparkExecutor(m);
  }

  /** Returns whether {@code master} runs every task in this JVM (local, local[n], local[n, r]; not local-cluster). */
  public static boolean isLocal(String master) {
    return LOCAL.matcher(master).matches();
  }

  /** Returns the master URL. */
  public String master() {
    return master;
  }

  /** Returns how many attempts Spark gives a configuration: r of local[n, r], 1 in local mode, else 4. */
  public int attempts() {
    return attempts;
  }

  private static int attemptsOf(String master) {
    Matcher m = LOCAL.matcher(master);
    if (m.matches()) return m.group(2) == null ? 1 : Math.max(1, Integer.parseInt(m.group(2)));
    return Integer.parseInt(new SparkConf().get("spark.task.maxFailures", "4"));
  }

  @Override
  public String description() {
    return "spark " + master;
  }

  @Override
  public <C extends Record> List<Outcome> run(List<C> configs, SweepTask<? super C> task, Listener listener) {
    for (C c : configs) {
      if (!(c instanceof Serializable)) {
        throw new IllegalArgumentException("SparkExecutor: configuration record " + c.getClass().getName()
            + " must implement java.io.Serializable to be sent to Spark tasks");
      }
    }
    if (!isLocal(master)) LibraryCode.check(task, configs, master);
    JavaSparkContext sc = context(master);
    String group = "rrm-sweep-" + UUID.randomUUID();
    Progress bridge = new Progress(group, listener);
    sc.sc().addSparkListener(bridge);
    try {
      sc.setJobGroup(group, "rrm sweep of " + configs.size() + " configurations", true);
      List<Integer> index = IntStream.range(0, configs.size()).boxed().toList();
      List<Outcome> out = new ArrayList<>(sc.parallelize(index, configs.size())
          .map(new RunOne<C>(List.copyOf(configs), task, attempts)).collect());
      out.sort(Comparator.comparingInt(Outcome::index));
      return out;
    } finally {
      sc.clearJobGroup();
      drain(sc);
      sc.sc().removeSparkListener(bridge);
    }
  }

  /** Waits (at most 10 s) until the listener bus has delivered the last task-end events to the progress view. */
  private static void drain(JavaSparkContext sc) {
    try {
      sc.sc().listenerBus().waitUntilEmpty(10_000L);
    } catch (java.util.concurrent.TimeoutException e) {
      // the view may miss its last updates; the outcomes are complete
    }
  }

  /** Returns this JVM's SparkContext for {@code master}, creating it (or replacing one of another master). */
  static synchronized JavaSparkContext context(String master) {
    if (shared != null && master.equals(sharedMaster) && !shared.sc().isStopped()) return shared;
    if (shared != null) shared.stop();
    SparkConf conf = new SparkConf().setAppName("rrm sweep").setMaster(master)
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false");
    if (isLocal(master)) {
      conf.set("spark.driver.bindAddress", "127.0.0.1").set("spark.driver.host", "localhost");
    } else {
      conf.setJars(libraryJars().toArray(String[]::new));
    }
    shared = new JavaSparkContext(conf);
    sharedMaster = master;
    return shared;
  }

  /** Stops this JVM's SparkContext, if any (the next sweep on Spark starts a new one). */
  public static synchronized void stop() {
    if (shared != null) shared.stop();
    shared = null;
    sharedMaster = null;
  }

  /**
   * Returns the jars a cluster's executors need besides Spark: the rrm jar, the rrm-spark jar and ojAlgo (the
   * library's solvers); the tables are built on the driver, so Tablesaw stays there. {@value #EXTRA_JARS_ENV} adds
   * more (paths separated by commas).
   */
  static List<String> libraryJars() {
    Set<String> out = new TreeSet<>();
    for (Class<?> c : List.of(Sweep.class, SparkExecutor.class)) {
      Path p = jarOf(c);
      if (p != null) out.add(p.toString());
    }
    try {
      Path p = jarOf(Class.forName("org.ojalgo.OjAlgoUtils"));
      if (p != null) out.add(p.toString());
    } catch (ClassNotFoundException e) {
      // no ojAlgo on this classpath: nothing to ship
    }
    String extra = System.getenv(EXTRA_JARS_ENV);
    if (extra != null) Arrays.stream(extra.split(",")).map(String::strip).filter(x -> !x.isEmpty()).forEach(out::add);
    return new ArrayList<>(out);
  }

  private static Path jarOf(Class<?> c) {
    try {
      var src = c.getProtectionDomain().getCodeSource();
      if (src == null) return null;
      Path p = Path.of(src.getLocation().toURI());
      return p.toString().endsWith(".jar") ? p : null;
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "SparkExecutor(" + master + ")";
  }

  /** The Spark function of one configuration: runs it, and throws (for Spark to retry) unless this is the last try. */
  static final class RunOne<C> implements Function<Integer, Outcome> {
    private static final long serialVersionUID = 1L;
    private final List<C> configs;
    private final SweepTask<? super C> task;
    private final int attempts;

    RunOne(List<C> configs, SweepTask<? super C> task, int attempts) {
      this.configs = configs;
      this.task = task;
      this.attempts = attempts;
    }

    @Override
    public Outcome call(Integer i) {
      TaskContext tc = TaskContext.get();
      int attempt = tc == null ? 1 : tc.attemptNumber() + 1;
      SparkEnv env = SparkEnv.get();
      String node = Outcome.host() + (env == null ? "" : " executor " + env.executorId());
      Outcome o = Outcome.attempt(i, configs.get(i), task, node, attempt);
      if (!o.ok() && attempt < attempts) {
        throw new IllegalStateException("sweep configuration " + i + ", attempt " + attempt + " of " + attempts
            + " failed (Spark retries it): " + o.error());
      }
      return o;
    }
  }

  /** Tells a sweep's listener when the Spark tasks of its job group start and end. */
  static final class Progress extends SparkListener {
    private final String group;
    private final Listener listener;
    private final Set<Integer> stages = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Progress(String group, Listener listener) {
      this.group = group;
      this.listener = listener;
    }

    @Override
    public void onJobStart(SparkListenerJobStart e) {
      if (e.properties() != null && group.equals(e.properties().getProperty("spark.jobGroup.id"))) {
        for (Object id : scala.jdk.javaapi.CollectionConverters.asJava(e.stageIds())) stages.add((Integer) id);
      }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart e) {
      if (stages.contains(e.stageId())) listener.started(e.taskInfo().index());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
      if (stages.contains(e.stageId())) listener.ended(e.taskInfo().index(), e.taskInfo().failed());
    }
  }

}
