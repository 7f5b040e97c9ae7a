# SPDX-License-Identifier: GPL-2.0
# libcbench: the Google Benchmark-compatible library, its example, its tests.
#
# For the other fragments:
#   LIBCBENCH_A       build/libcbench/libcbench.a (release build)
#   LIBCBENCH_SAN_A   the same built with CFLAGS_TEST (ASan/UBSan), for tests
#   LIBCBENCH_CFLAGS  -I for <cbench.h>
#   LIBCBENCH_LIBS    what to link after the archive

LIBCBENCH_DIR := bench/libcbench
LIBCBENCH_B := $(B)/libcbench
LIBCBENCH_SRCS := xalloc.c fatal.c flags.c registry.c runner.c run.c output.c \
	crash.c color.c counters.c statistics.c complexity.c memory_manager.c \
	report.c reporter.c \
	reporter_json.c reporter_console.c reporter_csv.c context.c \
	perf_counters.c shutdown.c iterations_from.c
# lib/json's reader is compiled in for --cbench_iterations_from, its symbols
# hidden from the shared library's users
LIBCBENCH_OBJS := $(LIBCBENCH_SRCS:%.c=$(LIBCBENCH_B)/obj/%.o) \
	$(LIBCBENCH_B)/obj/json.o
LIBCBENCH_SAN_OBJS := $(LIBCBENCH_SRCS:%.c=$(LIBCBENCH_B)/san/%.o) \
	$(LIBCBENCH_B)/san/json.o
LIBCBENCH_HDRS := $(LIBCBENCH_DIR)/cbench.h $(LIBCBENCH_DIR)/internal.h \
	lib/json/json.h
LIBCBENCH_JSON_CFLAGS := -I$(TOP)/lib/json

LIBCBENCH_A := $(LIBCBENCH_B)/libcbench.a
LIBCBENCH_SO := $(LIBCBENCH_B)/libcbench.so
LIBCBENCH_PC := $(LIBCBENCH_B)/libcbench.pc
LIBCBENCH_SAN_A := $(LIBCBENCH_B)/libcbench-san.a
LIBCBENCH_CFLAGS := -I$(TOP)/$(LIBCBENCH_DIR)
LIBCBENCH_LIBS := -lhwloc -lpthread -lm
LIBCBENCH_VERSION := 1.0.0
LIBCBENCH_EXAMPLE := $(B)/bin/cbench-example

$(LIBCBENCH_B)/obj/%.o: $(LIBCBENCH_DIR)/%.c FORCE
	$(call compile,$(CC) $(CFLAGS_RELEASE) -DNDEBUG -fPIC $(LIBCBENCH_JSON_CFLAGS))

$(LIBCBENCH_B)/obj/json.o: lib/json/json.c FORCE
	$(call compile,$(CC) $(CFLAGS_RELEASE) -DNDEBUG -fPIC -fvisibility=hidden)

# The sanitizers CFLAGS_TEST turns on, for the context key "sanitizers"
# (gcc does not announce undefined; cbench.h)
LIBCBENCH_NOTHING :=
LIBCBENCH_SPACE := $(LIBCBENCH_NOTHING) $(LIBCBENCH_NOTHING)
LIBCBENCH_COMMA := ,
LIBCBENCH_SAN_NAMES := $(subst $(LIBCBENCH_SPACE),$(LIBCBENCH_COMMA),$(strip \
	$(patsubst -fsanitize=%,%,$(filter -fsanitize=%,$(CFLAGS_TEST)))))
LIBCBENCH_SAN_DEFS := $(if $(LIBCBENCH_SAN_NAMES),-DCBENCH_SANITIZERS='"$(LIBCBENCH_SAN_NAMES)"')

$(LIBCBENCH_B)/san/%.o: $(LIBCBENCH_DIR)/%.c FORCE
	$(call compile,$(CC) $(CFLAGS_TEST) $(LIBCBENCH_SAN_DEFS) $(LIBCBENCH_JSON_CFLAGS))

$(LIBCBENCH_B)/san/json.o: lib/json/json.c FORCE
	$(call compile,$(CC) $(CFLAGS_TEST))

$(LIBCBENCH_A): $(LIBCBENCH_OBJS) FORCE
	$(call archive,$(AR))

$(LIBCBENCH_SAN_A): $(LIBCBENCH_SAN_OBJS) FORCE
	$(call archive,$(AR))

LIBCBENCH_SO_FLAGS := -shared -Wl,-soname,libcbench.so.1
$(LIBCBENCH_SO): $(LIBCBENCH_OBJS) FORCE
	$(call link,$(CC) $(LIBCBENCH_SO_FLAGS),$(LIBCBENCH_LIBS))

# libcbench.pc for PREFIX; written again whenever PREFIX changes.
LIBCBENCH_PC_LINES = 'prefix=$(PREFIX)' 'libdir=$${prefix}/lib' \
	'includedir=$${prefix}/include' '' 'Name: libcbench' \
	'Description: Google Benchmark-compatible benchmark library in C' \
	'Version: $(LIBCBENCH_VERSION)' \
	'Cflags: -I$${includedir}' 'Libs: -L$${libdir} -lcbench' \
	'Libs.private: $(LIBCBENCH_LIBS)'
$(LIBCBENCH_PC): libcbench-force
	@mkdir -p $(@D)
	@printf '%s\n' $(LIBCBENCH_PC_LINES) > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(LIBCBENCH_EXAMPLE): bench/examples/example.c $(LIBCBENCH_A)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_RELEASE) -DNDEBUG $(LIBCBENCH_CFLAGS) $< -o $@ \
		$(LIBCBENCH_A) $(LIBCBENCH_LIBS)

ALL_TARGETS += $(LIBCBENCH_A) $(LIBCBENCH_SO) $(LIBCBENCH_PC) $(LIBCBENCH_EXAMPLE)

# ---- tests ----
LIBCBENCH_T := $(LIBCBENCH_B)/tests
$(LIBCBENCH_T)/unit: $(LIBCBENCH_DIR)/tests/unit.c $(LIBCBENCH_SAN_A) FORCE
	$(call if_changed,$(CC) $(CFLAGS_TEST) $(LIBCBENCH_CFLAGS) $< -o $@ $(LDFLAGS_TEST) \
		$(LIBCBENCH_SAN_A) $(LIBCBENCH_LIBS))

# The same benchmarks against libcbench (sanitized) and Google Benchmark:
# fixture.c/.cc the basics, features.c/.cc complexity, statistics, memory
# manager, fixtures, ...
LIBCBENCH_TWINS := fixture features
$(LIBCBENCH_TWINS:%=$(LIBCBENCH_T)/%-cb): $(LIBCBENCH_T)/%-cb: \
		$(LIBCBENCH_DIR)/tests/%.c $(LIBCBENCH_SAN_A) FORCE
	$(call if_changed,$(CC) $(CFLAGS_TEST) $(LIBCBENCH_CFLAGS) $< -o $@ $(LDFLAGS_TEST) \
		$(LIBCBENCH_SAN_A) $(LIBCBENCH_LIBS))

$(LIBCBENCH_TWINS:%=$(LIBCBENCH_T)/%-gb): $(LIBCBENCH_T)/%-gb: \
		$(LIBCBENCH_DIR)/tests/%.cc
	@mkdir -p $(@D)
	g++ -O2 -std=c++17 $< -o $@ -lbenchmark -lpthread

# The example again, sanitized, for robustness.sh.
$(LIBCBENCH_T)/example-san: bench/examples/example.c $(LIBCBENCH_SAN_A) FORCE
	$(call if_changed,$(CC) $(CFLAGS_TEST) $(LIBCBENCH_CFLAGS) $< -o $@ $(LDFLAGS_TEST) \
		$(LIBCBENCH_SAN_A) $(LIBCBENCH_LIBS))

# Benchmarks that count the iterations they run, for iterations-from.sh.
$(LIBCBENCH_T)/iterations-from: $(LIBCBENCH_DIR)/tests/iterations_from.c \
		$(LIBCBENCH_SAN_A) FORCE
	$(call if_changed,$(CC) $(CFLAGS_TEST) $(LIBCBENCH_CFLAGS) $< -o $@ $(LDFLAGS_TEST) \
		$(LIBCBENCH_SAN_A) $(LIBCBENCH_LIBS))

TESTS += $(LIBCBENCH_T)/unit $(LIBCBENCH_DIR)/tests/compat.sh \
	$(LIBCBENCH_DIR)/tests/robustness.sh $(LIBCBENCH_DIR)/tests/install.sh \
	$(LIBCBENCH_DIR)/tests/iterations-from.sh
CHECK_DEPS += $(LIBCBENCH_TWINS:%=$(LIBCBENCH_T)/%-cb) \
	$(LIBCBENCH_T)/iterations-from \
	$(LIBCBENCH_TWINS:%=$(LIBCBENCH_T)/%-gb) \
	$(LIBCBENCH_T)/example-san \
	$(LIBCBENCH_A) $(LIBCBENCH_SO) $(LIBCBENCH_PC) $(LIBCBENCH_EXAMPLE)

# ---- speed: side by side with Google Benchmark, same flags ----
LIBCBENCH_PERF_FLAGS := -O2 -g -DNDEBUG
$(LIBCBENCH_B)/perf/overhead-cb: $(LIBCBENCH_DIR)/perf/overhead.c $(LIBCBENCH_A)
	@mkdir -p $(@D)
	$(CC) -std=gnu11 $(LIBCBENCH_PERF_FLAGS) $(LIBCBENCH_CFLAGS) $< -o $@ \
		$(LIBCBENCH_A) $(LIBCBENCH_LIBS)

$(LIBCBENCH_B)/perf/overhead-gb: $(LIBCBENCH_DIR)/perf/overhead.cc
	@mkdir -p $(@D)
	g++ -std=c++17 $(LIBCBENCH_PERF_FLAGS) $< -o $@ -lbenchmark -lpthread

.PHONY: libcbench-force libcbench-perf libcbench-install libcbench-example-run
libcbench-perf: $(LIBCBENCH_B)/perf/overhead-cb $(LIBCBENCH_B)/perf/overhead-gb
	@$(LIBCBENCH_DIR)/perf/side-by-side.sh $(LIBCBENCH_B)/perf/overhead-cb \
		$(LIBCBENCH_B)/perf/overhead-gb
PERF_TARGETS += libcbench-perf

libcbench-install: $(LIBCBENCH_A) $(LIBCBENCH_SO)
	install -d $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 644 $(LIBCBENCH_DIR)/cbench.h $(DESTDIR)$(PREFIX)/include/cbench.h
	install -m 644 $(LIBCBENCH_A) $(DESTDIR)$(PREFIX)/lib/libcbench.a
	install -m 755 $(LIBCBENCH_SO) $(DESTDIR)$(PREFIX)/lib/libcbench.so.$(LIBCBENCH_VERSION)
	ln -sf libcbench.so.$(LIBCBENCH_VERSION) $(DESTDIR)$(PREFIX)/lib/libcbench.so.1
	ln -sf libcbench.so.1 $(DESTDIR)$(PREFIX)/lib/libcbench.so
	printf '%s\n' $(LIBCBENCH_PC_LINES) > $(DESTDIR)$(PREFIX)/lib/pkgconfig/libcbench.pc
INSTALL_TARGETS += libcbench-install

libcbench-example-run: $(LIBCBENCH_EXAMPLE)
	$(LIBCBENCH_EXAMPLE) --benchmark_min_time=0.01
