# SPDX-License-Identifier: GPL-2.0
# bench/compare: gmapbench-compare, the comparison tool of the nightly
# reports (docs/report.md), and its tests.

COMPARE_SRCS := bench/compare/main.c bench/compare/results.c bench/compare/diff.c \
	bench/compare/stats.c bench/compare/edivisive.c bench/compare/history.c \
	bench/compare/fmt.c bench/compare/output_text.c bench/compare/output_json.c \
	bench/compare/summary.c bench/compare/charts.c bench/compare/report_doc.c \
	bench/compare/markup.c bench/compare/states.c bench/compare/verdict.c \
	bench/compare/kernel_work.c
COMPARE_LIB_SRCS := $(filter-out bench/compare/main.c,$(COMPARE_SRCS))
COMPARE_HDRS := $(wildcard bench/compare/*.h) host/counters.h $(LIB_JSON_HDRS)
COMPARE_CFLAGS := -Ibench/compare -Ihost -Ilib/json

$(B)/bin/gmapbench-compare: $(COMPARE_SRCS) $(LIB_JSON_SRCS) $(COMPARE_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_RELEASE) $(COMPARE_CFLAGS) -o $@ $(COMPARE_SRCS) $(LIB_JSON_SRCS) -lm

# The same tool under ASan/UBSan, for the tests.
$(B)/tests/gmapbench-compare-san: $(COMPARE_SRCS) $(LIB_JSON_SRCS) $(COMPARE_HDRS) FORCE
	$(call if_changed,$(CC) $(CFLAGS_TEST) $(COMPARE_CFLAGS) -o $@ $(COMPARE_SRCS) $(LIB_JSON_SRCS) $(LDFLAGS_TEST) -lm)

$(B)/tests/compare-stats-test: bench/compare/tests/stats_test.c $(COMPARE_LIB_SRCS) $(LIB_JSON_SRCS) $(COMPARE_HDRS) tests/lib/tap.h FORCE
	$(call if_changed,$(CC) $(CFLAGS_TEST) $(COMPARE_CFLAGS) -o $@ $< $(COMPARE_LIB_SRCS) $(LIB_JSON_SRCS) $(LDFLAGS_TEST) -lm)

ALL_TARGETS += $(B)/bin/gmapbench-compare
TESTS += $(B)/tests/compare-stats-test bench/compare/tests/compare-test.sh \
	bench/compare/tests/report-test.sh bench/compare/tests/verdict-test.sh \
	bench/compare/tests/kernel-work-test.sh bench/compare/tests/samples-test.sh \
	bench/compare/tests/absent-test.sh
CHECK_DEPS += $(B)/bin/gmapbench-compare $(B)/tests/gmapbench-compare-san
# compare-test.sh also reads the JSON these write (built by bench/suites)
CHECK_DEPS += $(B)/bin/gmapbench-baseline $(B)/bin/gmapbench-pgt-prefill
# samples-test.sh runs a small night and merges its parts again
CHECK_DEPS += $(B)/bin/gmapbench-merge

# png-stats: tells a rendered screenshot from a blank one (report test)
$(B)/tests/png-stats: bench/compare/tests/png_stats.c FORCE
	$(call if_changed,$(CC) $(CFLAGS_TEST) -o $@ $< $(LDFLAGS_TEST) -lz)

CHECK_DEPS += $(B)/tests/png-stats

# `make fuzz`: libFuzzer on the loader (result_load, gbench_check_rows),
# bounded by COMPARE_FUZZ_SECONDS; the log is kept, the summary says how
# many inputs it tried. The seeds are real files of a small night.
COMPARE_FUZZ_SECONDS ?= 60
FUZZ_HARNESSES += compare
FUZZ_compare_SRCS = bench/compare/fuzz/compare_fuzz.c $(COMPARE_LIB_SRCS) $(LIB_JSON_SRCS)
FUZZ_compare_CFLAGS = $(COMPARE_CFLAGS)
FUZZ_compare_LIBS = -lm
FUZZ_compare_DEPS = $(COMPARE_HDRS)
FUZZ_compare_SEEDS = bench/compare/fuzz/seeds
FUZZ_compare_SECONDS = $(COMPARE_FUZZ_SECONDS)
FUZZ_compare_MAX_LEN = 16384

