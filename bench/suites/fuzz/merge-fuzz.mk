# SPDX-License-Identifier: GPL-2.0
# `make fuzz`: libFuzzer on gmapbench-merge (merge_fuzz.c: one or two parts,
# loaded, checked and merged), bounded by MERGE_FUZZ_SECONDS. The seeds
# are parts of a small night. -close_fd_mask=2: merge's refusals go to
# stderr (libFuzzer keeps its own reports).
MERGE_FUZZ_SECONDS ?= 60

FUZZ_HARNESSES += merge
FUZZ_merge_SRCS = bench/suites/fuzz/merge_fuzz.c bench/suites/merge.c $(LIB_JSON_SRCS)
FUZZ_merge_CFLAGS = -DMERGE_FUZZ -Dmain=merge_main $(LIB_JSON_CFLAGS) $(LIBCBENCH_CFLAGS)
FUZZ_merge_LIBS = $(LIBCBENCH_A) $(LIBCBENCH_LIBS)
FUZZ_merge_DEPS = $(LIB_JSON_HDRS) $(LIBCBENCH_A) $(LIBCBENCH_HDRS)
FUZZ_merge_SEEDS = bench/suites/fuzz/seeds
FUZZ_merge_SECONDS = $(MERGE_FUZZ_SECONDS)
FUZZ_merge_MAX_LEN = 16384
FUZZ_merge_FLAGS = -close_fd_mask=2
