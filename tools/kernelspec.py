"""Check and configure the JJava kernelspec that `pip install jjava` put into this Python environment.

Run with the environment's own Python (e.g. .venv/bin/python tools/kernelspec.py). It
- checks that <prefix>/share/jupyter/kernels/java/kernel.json exists and starts the JJava launcher,
- checks that `java` on PATH is a JDK >= 17 with jshell (JJava runs JShell; our jars are Java 17),
- writes the kernel's environment: headless AWT for the kernel JVM.
SLF4J (used by Tablesaw) is silenced by the slf4j-nop binding among the library's runtime jars (pom.xml), not
here: a -Dslf4j.provider option would also reach JJava's own shaded SLF4J, which cannot load that class and
prints a ClassNotFoundException stack trace at every kernel start.
It never touches the user's global Jupyter folders.
"""
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

JVM_OPTS = " ".join([
    "-Djava.awt.headless=true",  # Java2D plots without a display
])


def fail(message):
    print(f"kernelspec: {message}", file=sys.stderr)
    sys.exit(1)


def java_major():
    java = shutil.which("java")
    if java is None:
        fail("no `java` on PATH: install a JDK 17 or newer (Debian: openjdk-17-jdk; conda: openjdk=17).")
    if shutil.which("jshell") is None:
        fail(f"`java` is {java} but there is no `jshell` beside it: JJava needs a full JDK, not a JRE.")
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    match = re.search(r'version "(\d+)', out)
    if not match:
        fail(f"could not read the Java version from `java -version`: {out.strip()!r}")
    return int(match.group(1))


def main():
    spec_file = Path(sys.prefix) / "share" / "jupyter" / "kernels" / "java" / "kernel.json"
    if not spec_file.exists():
        fail(f"{spec_file} is missing: `pip install jjava` should have created it (see requirements.txt).")
    spec = json.loads(spec_file.read_text())
    if not any("jjava-launcher.jar" in a for a in spec.get("argv", [])):
        fail(f"{spec_file} does not start jjava-launcher.jar; argv is {spec.get('argv')}.")
    major = java_major()
    if major < 17:
        fail(f"`java` on PATH is Java {major}; the library is built for Java 17: put a JDK >= 17 first on PATH.")
    env = spec.setdefault("env", {})
    env["JJAVA_JVM_OPTS"] = JVM_OPTS
    spec["display_name"] = "Java (jjava)"
    spec_file.write_text(json.dumps(spec, indent=2) + "\n")
    print(f"kernelspec: {spec_file.parent} configured (Java {major}, JJAVA_JVM_OPTS={JVM_OPTS})")


if __name__ == "__main__":
    main()
