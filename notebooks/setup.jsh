// The first cell of every paper notebook is `%load ../setup.jsh`: it checks that the library is built, puts its jars
// on the classpath (paths relative to the notebook's folder, one level below notebooks/) and loads the shared
// imports and display renderers (imports.jsh).
var rrmLib = new java.io.File("../../target/lib");
String[] rrmJars = rrmLib.list((dir, name) -> name.startsWith("rrm-") && name.endsWith(".jar"));
if (rrmJars == null || rrmJars.length == 0)
  throw new IllegalStateException("The rrm library is not built: no rrm-*.jar in "
      + rrmLib.toPath().toAbsolutePath().normalize()
      + ". Run `make build` (or `mvn -B -q package -DskipTests`) in the project root,"
      + " then restart the kernel and run this cell again.");
%classpath ../../target/lib/*
%load ../imports.jsh
