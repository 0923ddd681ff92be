// The first line of a notebook that runs sweeps on Apache Spark, in place of `%load ../setup.jsh`: the same start-up,
// but with the jars of the optional Spark module (spark/target/lib: rrm, rrm-spark, Spark and every dependency, in
// versions that fit together) instead of target/lib. Build them with `make spark`.
var rrmLib = new java.io.File("../../spark/target/lib");
String[] rrmJars = rrmLib.list((dir, name) -> name.startsWith("rrm-spark-") && name.endsWith(".jar"));
if (rrmJars == null || rrmJars.length == 0)
  throw new IllegalStateException("The rrm Spark module is not built: no rrm-spark-*.jar in "
      + rrmLib.toPath().toAbsolutePath().normalize()
      + ". Run `make spark` in the project root, then restart the kernel and run this cell again.");
%classpath ../../spark/target/lib/*
%load ../imports.jsh
