# SPDX-License-Identifier: GPL-2.0
# lib/json: the strict JSON reader shared by the project (json.h).
# Users compile $(LIB_JSON_SRCS) with $(LIB_JSON_CFLAGS) into their program.

LIB_JSON_SRCS := lib/json/json.c lib/json/gbench.c
LIB_JSON_HDRS := lib/json/json.h lib/json/gbench.h
LIB_JSON_CFLAGS := -Ilib/json
LIB_JSON_FUZZ_SECONDS ?= 60

$(B)/tests/lib-json-test: lib/json/tests/json_test.c $(LIB_JSON_SRCS) $(LIB_JSON_HDRS) tests/lib/tap.h FORCE
	$(call if_changed,$(CC) $(CFLAGS_TEST) $(LIB_JSON_CFLAGS) -o $@ $< $(LIB_JSON_SRCS) $(LDFLAGS_TEST) -lm)

TESTS += $(B)/tests/lib-json-test

# the harness (tests/fuzz/fuzz.mk builds it for make fuzz and make check)
FUZZ_HARNESSES += lib-json
FUZZ_lib-json_SRCS = lib/json/fuzz/json_fuzz.c $(LIB_JSON_SRCS)
FUZZ_lib-json_CFLAGS = $(LIB_JSON_CFLAGS)
FUZZ_lib-json_LIBS = -lm
FUZZ_lib-json_DEPS = $(LIB_JSON_HDRS)
FUZZ_lib-json_SEEDS = lib/json/fuzz/seeds

.PHONY: lib-json-fuzz
lib-json-fuzz: $(B)/fuzz/lib-json-fuzz
	@mkdir -p $(B)/fuzz/lib-json-corpus
	cp -n lib/json/fuzz/seeds/* $(B)/fuzz/lib-json-corpus/ 2>/dev/null || true
	$(B)/fuzz/lib-json-fuzz -max_total_time=$(LIB_JSON_FUZZ_SECONDS) -max_len=4096 \
		-timeout=10 -artifact_prefix=$(B)/fuzz/lib-json- $(B)/fuzz/lib-json-corpus

FUZZ_TARGETS += lib-json-fuzz

# json-get FILE PATH: a value of a JSON file, for the shell tests
$(B)/tests/json-get: lib/json/tests/json_get.c $(LIB_JSON_SRCS) $(LIB_JSON_HDRS) FORCE
	$(call if_changed,$(CC) $(CFLAGS_TEST) $(LIB_JSON_CFLAGS) -o $@ $< $(LIB_JSON_SRCS) $(LDFLAGS_TEST) -lm)

CHECK_DEPS += $(B)/tests/json-get

# $(call FUZZ_RUN,name,seconds,max_len,seeds,flags): the recipe of a
# bounded libFuzzer run of $(B)/fuzz/<name>-fuzz on $(B)/fuzz/<name>-corpus
# (the seeds copied in); the log is kept, the summary says how long it ran
# and how many inputs it tried, a crash's input is $(B)/fuzz/<name>-crash-*.
define FUZZ_RUN
	@mkdir -p $(B)/fuzz/$(1)-corpus
	@cp -n $(4)/* $(B)/fuzz/$(1)-corpus/ 2>/dev/null || true
	@echo "$(1)-fuzz: libFuzzer for $(2) s (log: $(B)/fuzz/$(1)-fuzz.log)"
	@$(B)/fuzz/$(1)-fuzz -max_total_time=$(2) -max_len=$(3) -timeout=10 \
		-artifact_prefix=$(B)/fuzz/$(1)- $(5) $(B)/fuzz/$(1)-corpus \
		> $(B)/fuzz/$(1)-fuzz.log 2>&1; \
	rc=$$?; \
	if [ $$rc -ne 0 ]; then tail -n 40 $(B)/fuzz/$(1)-fuzz.log; fi; \
	sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/$(1)-fuzz: \1 inputs in \2 s/p' \
		$(B)/fuzz/$(1)-fuzz.log; \
	grep -o 'cov: [0-9]* ft: [0-9]* corp: [0-9/]*b' $(B)/fuzz/$(1)-fuzz.log | \
		tail -n 1 | sed 's/^/$(1)-fuzz: final /'; \
	exit $$rc
endef
