# SPDX-License-Identifier: GPL-2.0
# The libFuzzer harnesses, each built twice and run from one description:
#
#   $(B)/fuzz/<name>-fuzz          clang -fsanitize=fuzzer; `make
#                                  <name>-fuzz` (and make fuzz) runs it for
#                                  FUZZ_<name>_SECONDS on
#                                  $(B)/fuzz/<name>-corpus, the seeds copied
#                                  in; the log is kept, the summary says how
#                                  many inputs it tried, a crash's input is
#                                  $(B)/fuzz/<name>-crash-*
#   $(B)/tests/fuzz/<name>-replay  gcc with the test sanitizers and
#                                  tests/lib/fuzz_replay.c as main: make
#                                  check replays the seeds, and what make
#                                  fuzz kept in $(B)/fuzz/<name>-corpus
#
# A harness's .mk adds <name> to FUZZ_HARNESSES and sets
#   FUZZ_<name>_SRCS    the harness first, then the sources it links
#   FUZZ_<name>_CFLAGS, FUZZ_<name>_LIBS, FUZZ_<name>_DEPS (headers, archives)
#   FUZZ_<name>_SEEDS   its seed directory
#   FUZZ_<name>_SECONDS, FUZZ_<name>_MAX_LEN, FUZZ_<name>_FLAGS  its run
# (this file is included after theirs: tests/ sorts after the rest).

# $(call FUZZ_RUN,name): the recipe of the bounded run
define FUZZ_RUN
	@mkdir -p $(B)/fuzz/$(1)-corpus
	@cp -n $(FUZZ_$(1)_SEEDS)/* $(B)/fuzz/$(1)-corpus/ 2>/dev/null || true
	@echo "$(1)-fuzz: libFuzzer for $(FUZZ_$(1)_SECONDS) s (log: $(B)/fuzz/$(1)-fuzz.log)"
	@$(B)/fuzz/$(1)-fuzz -max_total_time=$(FUZZ_$(1)_SECONDS) \
		-max_len=$(FUZZ_$(1)_MAX_LEN) -timeout=10 \
		-artifact_prefix=$(B)/fuzz/$(1)- $(FUZZ_$(1)_FLAGS) $(B)/fuzz/$(1)-corpus \
		> $(B)/fuzz/$(1)-fuzz.log 2>&1; \
	rc=$$?; \
	if [ $$rc -ne 0 ]; then tail -n 40 $(B)/fuzz/$(1)-fuzz.log; fi; \
	sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/$(1)-fuzz: \1 inputs in \2 s/p' \
		$(B)/fuzz/$(1)-fuzz.log; \
	grep -o 'cov: [0-9]* ft: [0-9]* corp: [0-9/]*b' $(B)/fuzz/$(1)-fuzz.log | \
		tail -n 1 | sed 's/^/$(1)-fuzz: final /'; \
	exit $$rc
endef

define FUZZ_HARNESS
$(B)/fuzz/$(1)-fuzz: $$(FUZZ_$(1)_SRCS) $$(FUZZ_$(1)_DEPS)
	@mkdir -p $$(@D)
	clang -g -O1 -std=gnu11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all $$(FUZZ_$(1)_CFLAGS) -o $$@ \
		$$(FUZZ_$(1)_SRCS) $$(FUZZ_$(1)_LIBS)

.PHONY: $(1)-fuzz
$(1)-fuzz: $(B)/fuzz/$(1)-fuzz
	$$(call FUZZ_RUN,$(1))

$(B)/tests/fuzz/$(1)-replay: tests/lib/fuzz_replay.c $$(FUZZ_$(1)_SRCS) \
		$$(FUZZ_$(1)_DEPS) FORCE
	$$(call if_changed,$$(CC) $$(CFLAGS_TEST) $$(FUZZ_$(1)_CFLAGS) \
		-DFUZZ_SEEDS='"$$(TOP)/$$(FUZZ_$(1)_SEEDS)"' \
		-DFUZZ_CORPUS='"$$(TOP)/$(B)/fuzz/$(1)-corpus"' -o $$@ \
		$$< $$(FUZZ_$(1)_SRCS) $$(LDFLAGS_TEST) $$(FUZZ_$(1)_LIBS))

FUZZ_TARGETS += $(1)-fuzz
CHECK_DEPS += $(B)/tests/fuzz/$(1)-replay
endef
$(foreach h,$(FUZZ_HARNESSES),$(eval $(call FUZZ_HARNESS,$(h))))

TESTS += tests/fuzz/replay.sh
