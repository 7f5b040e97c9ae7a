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
