# SPDX-License-Identifier: GPL-2.0
# `make fuzz`: libFuzzer on gmapbench-merge (merge_fuzz.c: one or two parts,
# loaded, checked and merged), bounded by MERGE_FUZZ_SECONDS. The seeds
# are parts of a small night. -close_fd_mask=2: merge's refusals go to
# stderr (libFuzzer keeps its own reports).
MERGE_FUZZ_SECONDS ?= 60

$(B)/fuzz/merge-fuzz: bench/suites/fuzz/merge_fuzz.c bench/suites/merge.c \
		$(LIB_JSON_SRCS) $(LIB_JSON_HDRS) $(LIBCBENCH_A) $(LIBCBENCH_HDRS)
	@mkdir -p $(@D)
	clang -g -O1 -std=gnu11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all -DMERGE_FUZZ -Dmain=merge_main \
		$(LIB_JSON_CFLAGS) $(LIBCBENCH_CFLAGS) -o $@ $< bench/suites/merge.c \
		$(LIB_JSON_SRCS) $(LIBCBENCH_A) $(LIBCBENCH_LIBS)

.PHONY: merge-fuzz
merge-fuzz: $(B)/fuzz/merge-fuzz
	$(call FUZZ_RUN,merge,$(MERGE_FUZZ_SECONDS),16384,bench/suites/fuzz/seeds,-close_fd_mask=2)

FUZZ_TARGETS += merge-fuzz
