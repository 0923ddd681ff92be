# rrm: the two commands of the README.
#   make reports   main job: set up what is missing, run every notebook (profile full), write reports/
#   make test      tests: set up what is missing, mvn verify, runner self-tests, every notebook (profile smoke)
# Set-up is idempotent: the venv is redone only when requirements.txt or tools/kernelspec.py change, the
# jars only when pom.xml or src/main change. VENV=$CONDA_PREFIX reuses a conda environment instead of .venv.
#   make spark     the optional Spark executor of sweeps: core installed into ~/.m2, spark/target/lib/ filled
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
MVN := mvn -B -q -Dstyle.color=never
VENV_STAMP := $(VENV)/.rrm-setup.stamp
BUILD_STAMP := target/lib/.rrm-build.stamp
MAIN_SOURCES := $(shell find src/main -type f 2>/dev/null)
SPARK_STAMP := spark/target/lib/.rrm-spark.stamp
SPARK_SOURCES := $(shell find spark/src/main -type f 2>/dev/null)

.PHONY: reports test build spark setup lab clean

reports: setup build
	$(PY) tools/run_notebooks.py --profile full --out reports --html --index

test: setup build
	$(PY) tools/test.py

setup: $(VENV_STAMP)

$(VENV_STAMP): requirements.txt tools/kernelspec.py
	@echo "== set-up: Python environment $(VENV) (pinned requirements.txt, JJava kernelspec inside it)"
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	$(PY) tools/kernelspec.py
	@touch $@

build: $(BUILD_STAMP)

$(BUILD_STAMP): pom.xml $(MAIN_SOURCES)
	@echo "== build: library jar and runtime dependencies into target/lib"
	$(MVN) package -DskipTests
	@touch $@

spark: $(SPARK_STAMP)

$(SPARK_STAMP): pom.xml spark/pom.xml $(MAIN_SOURCES) $(SPARK_SOURCES)
	@echo "== spark: core jar into the local Maven repository, rrm-spark and Spark's jars into spark/target/lib"
	$(MVN) install -DskipTests
	$(MVN) -f spark/pom.xml package -DskipTests
	@touch $@

lab: setup build
	JUPYTER_PATH=$(abspath $(VENV))/share/jupyter $(VENV)/bin/jupyter lab notebooks

clean:
	rm -rf target spark/target reports
