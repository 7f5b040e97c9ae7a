# SPDX-License-Identifier: GPL-2.0
# The libFuzzer harnesses, each built twice from one description:
#
#   $(B)/fuzz/<name>-fuzz          clang -fsanitize=fuzzer; make fuzz runs
#                                  it (the <name>-fuzz target beside the
#                                  harness says for how long)
#   $(B)/tests/fuzz/<name>-replay  gcc with the test sanitizers and
#                                  tests/lib/fuzz_replay.c as main: make
#                                  check replays the seeds, and what make
#                                  fuzz kept in $(B)/fuzz/<name>-corpus
#
# A harness's .mk adds <name> to FUZZ_HARNESSES and sets
#   FUZZ_<name>_SRCS    the harness first, then the sources it links
#   FUZZ_<name>_CFLAGS, FUZZ_<name>_LIBS, FUZZ_<name>_DEPS (headers, archives)
#   FUZZ_<name>_SEEDS   its seed directory
# (this file is included after theirs: tests/ sorts after the rest).
define FUZZ_HARNESS
$(B)/fuzz/$(1)-fuzz: $$(FUZZ_$(1)_SRCS) $$(FUZZ_$(1)_DEPS)
	@mkdir -p $$(@D)
	clang -g -O1 -std=gnu11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all $$(FUZZ_$(1)_CFLAGS) -o $$@ \
		$$(FUZZ_$(1)_SRCS) $$(FUZZ_$(1)_LIBS)

$(B)/tests/fuzz/$(1)-replay: tests/lib/fuzz_replay.c $$(FUZZ_$(1)_SRCS) \
		$$(FUZZ_$(1)_DEPS) FORCE
	$$(call if_changed,$$(CC) $$(CFLAGS_TEST) $$(FUZZ_$(1)_CFLAGS) \
		-DFUZZ_SEEDS='"$$(TOP)/$$(FUZZ_$(1)_SEEDS)"' \
		-DFUZZ_CORPUS='"$$(TOP)/$(B)/fuzz/$(1)-corpus"' -o $$@ \
		$$< $$(FUZZ_$(1)_SRCS) $$(LDFLAGS_TEST) $$(FUZZ_$(1)_LIBS))

CHECK_DEPS += $(B)/tests/fuzz/$(1)-replay
endef
$(foreach h,$(FUZZ_HARNESSES),$(eval $(call FUZZ_HARNESS,$(h))))

TESTS += tests/fuzz/replay.sh
