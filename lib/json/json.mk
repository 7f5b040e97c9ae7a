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
FUZZ_lib-json_SECONDS = $(LIB_JSON_FUZZ_SECONDS)
FUZZ_lib-json_MAX_LEN = 4096

# json-get FILE PATH: a value of a JSON file, for the shell tests
$(B)/tests/json-get: lib/json/tests/json_get.c $(LIB_JSON_SRCS) $(LIB_JSON_HDRS) FORCE
	$(call if_changed,$(CC) $(CFLAGS_TEST) $(LIB_JSON_CFLAGS) -o $@ $< $(LIB_JSON_SRCS) $(LDFLAGS_TEST) -lm)

CHECK_DEPS += $(B)/tests/json-get
