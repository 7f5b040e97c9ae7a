# SPDX-License-Identifier: GPL-2.0
# build/bin/gmapbench-job: runs one job of a night under a time and a
# memory limit and writes its state file (docs/verdicts.md).

JOB_RUNNER := $(B)/bin/gmapbench-job

$(JOB_RUNNER): bench/suites/job.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_RELEASE) -o $@ $<

ALL_TARGETS += $(JOB_RUNNER)
CHECK_DEPS += $(JOB_RUNNER)
TESTS += bench/suites/tests/job.sh
# scripts/nightly with a hanging and a leaking variant, a second night, a
# read-only and a full results directory
TESTS += bench/suites/tests/limits.sh
CHECK_DEPS += $(B)/bin/gmapbench-leak-rmap $(B)/bin/gmapbench-spin-forever
