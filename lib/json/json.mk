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

$(B)/fuzz/lib-json-fuzz: lib/json/fuzz/json_fuzz.c $(LIB_JSON_SRCS) $(LIB_JSON_HDRS)
	@mkdir -p $(@D)
	clang -g -O1 -std=gnu11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all $(LIB_JSON_CFLAGS) -o $@ $< $(LIB_JSON_SRCS) -lm

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
