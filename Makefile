# SPDX-License-Identifier: GPL-2.0
#
# gmapbench: `make nightly` is the main job, `make check` the tests;
# `make help` lists the rest. docs/CONTRIBUTING.md has the rules.
#
# Each component keeps its own rules in a fragment beside its sources
# (bench/libcbench/libcbench.mk, host/sim/sim.mk, ...), included below. A
# fragment appends what it builds to these lists:
#
#   ALL_TARGETS   files built by `make`
#   TESTS         programs that print TAP; `make check` builds and runs them
#   CHECK_DEPS    other files the tests need built first
#   PERF_TARGETS  phony targets `make perf` runs (benchmarks, never timed tests)
#   FUZZ_TARGETS  phony targets `make fuzz` runs (bounded fuzzing)
#   INSTALL_TARGETS phony targets `make install` runs
#   CLEAN_FILES   extra files `make clean` removes
#   LATE_RULES    names of macros holding rules that use other fragments'
#                 variables in targets or prerequisites; they are expanded
#                 after every fragment is read, whatever the include order
#
# Generated files, kernel trees and binaries all live under build/.
#
# Objects, archives and links go through scripts/build.include (FORCE and
# $(call compile|archive|link,...)): a target is made again when its
# command line changes or a header it includes does (build/.cmd/).

.DEFAULT_GOAL := all
.DELETE_ON_ERROR:
SHELL := /bin/bash

TOP := $(CURDIR)

# The kernel base (docs/bases.md): Debian's linux-source-$(BASE), or
# KSRC=<tree>, a base named <X.Y>-<hash of the path> (scripts/base-of).
# The default base builds into build/, every other one into build/<base>/;
# BASES="6.1 6.12" builds them all. BASE_GEN names the manifest
# (host/sim/kgen/bases/) and the series.<gen>/absent.<gen> of a variant.
BASE_DEFAULT := 6.1
ifneq ($(KSRC),)
BASE_INFO := $(shell scripts/base-of --make $(KSRC))
ifeq ($(firstword $(BASE_INFO)),!)
$(error $(wordlist 2,1000,$(BASE_INFO)))
endif
BASE := $(word 1,$(BASE_INFO))
BASE_GEN := $(word 2,$(BASE_INFO))
else
BASE ?= $(BASE_DEFAULT)
BASE_GEN := $(BASE)
ifeq ($(wildcard host/sim/kgen/bases/$(BASE)),)
$(error BASE=$(BASE): no manifest host/sim/kgen/bases/$(BASE); known bases: $(notdir $(wildcard host/sim/kgen/bases/*)))
endif
endif
BASES ?= $(BASE)
export GMAPBENCH_BASE := $(BASE)
export GMAPBENCH_BASE_GEN := $(BASE_GEN)
B := build$(if $(filter-out $(BASE_DEFAULT),$(BASE)),/$(BASE))
NPROC := $(shell nproc 2>/dev/null || echo 2)
# -j for a recursive make, unless it joins the jobserver of a make -jN
JOBS = $(if $(findstring jobserver,$(MAKEFLAGS)),,-j$(NPROC))

CC := gcc
CFLAGS_WARN := -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers
CFLAGS_BASE := -std=gnu11 -g $(CFLAGS_WARN) -D_GNU_SOURCE
# The release build of everything that measures.
CFLAGS_RELEASE := $(CFLAGS_BASE) -O2
# Tests run under ASan and UBSan; SANITIZE=0 builds them without.
SANITIZE ?= 1
ifeq ($(SANITIZE),1)
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
endif
CFLAGS_TEST := $(CFLAGS_BASE) -O1 $(SAN_FLAGS) -I$(TOP)/tests/lib
LDFLAGS_TEST := $(SAN_FLAGS)
export ASAN_OPTIONS ?= detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS ?= print_stacktrace=1:halt_on_error=1

# Variants are discovered from kernel-patches/<name>/series; one with an
# absent.<gen> file does not exist on that base (docs/bases.md).
VARIANTS_ALL := $(sort $(patsubst kernel-patches/%/series,%,$(wildcard kernel-patches/*/series)))
VARIANTS_ABSENT := $(filter $(VARIANTS_ALL),$(patsubst kernel-patches/%/absent.$(BASE_GEN),%,\
	$(wildcard kernel-patches/*/absent.$(BASE_GEN))))
VARIANTS := $(filter-out $(VARIANTS_ABSENT),$(VARIANTS_ALL))

PREFIX ?= /usr/local
DESTDIR ?=

ALL_TARGETS :=
TESTS :=
CHECK_DEPS :=
PERF_TARGETS :=
FUZZ_TARGETS :=
INSTALL_TARGETS :=
CLEAN_FILES :=

LATE_RULES :=

include scripts/build.include
include $(sort $(wildcard */*.mk */*/*.mk */*/*/*.mk))

$(foreach r,$(LATE_RULES),$(eval $(call $(r))))

.PHONY: all deps check check-build nightly perf fuzz install clean format help

all: $(ALL_TARGETS)

deps:
	@scripts/deps

check:
	@scripts/deps
	@echo "make check: building the tests (ASan/UBSan: $(if $(SAN_FLAGS),on,off))"
	@$(MAKE) --no-print-directory $(JOBS) check-build
	@echo "make check: running $(words $(TESTS)) test programs"
	+@scripts/run-tests $(TESTS)

check-build: $(TESTS) $(CHECK_DEPS)

nightly:
	@scripts/deps
	@$(MAKE) --no-print-directory $(JOBS) all
	+@scripts/nightly $(NIGHTLY_ARGS)

perf:
	@scripts/deps
	@$(MAKE) --no-print-directory $(JOBS) all
	@$(MAKE) --no-print-directory $(PERF_TARGETS)

fuzz: $(FUZZ_TARGETS)

install: $(INSTALL_TARGETS)

format:
	@git ls-files '*.c' '*.h' | grep -v '^tests/variants/' | xargs clang-format-14 -i

clean:
	rm -rf $(B) $(CLEAN_FILES)

help:
	@echo "make (all)      build everything (build/bin/...); run make deps once first"
	@echo "make deps       install the Debian packages scripts/deps lists"
	@echo "make check      build and run the tests (ASan/UBSan; SANITIZE=0 to turn off)"
	@echo "make sanitized  build/san/bin/gmapbench-<variant> under ASan, LSan and UBSan"
	@echo "make check-build  build the tests without running them"
	@echo "make nightly    the nightly run on host/sim: results/<date>/<host>/"
	@echo "make perf       speed benchmarks, ratios measured side by side:"
	@echo "  make sim-perf, sim-machine-perf, sim-scaling, libcbench-perf, cost-perf  one of them"
	@echo "make fuzz       bounded fuzzing runs: make lib-json-fuzz, kvm-stats-fuzz, compare-fuzz, merge-fuzz"
	@echo "make coverage   gcov coverage of the kernel shadow code (docs/coverage.md)"
	@echo "make install    PREFIX=$(PREFIX) DESTDIR=... libcbench header, libraries, .pc"
	@echo "  make libcbench-install  the same (the only install target today)"
	@echo "make libcbench-example-run  build and run libcbench's example"
	@echo "make BASES=\"6.1 6.12\"  every variant on every base too: build/<base>/bin/ (docs/bases.md)"
	@echo "make BASE=6.12  one base instead of $(BASE_DEFAULT); KSRC=<tree> a kernel tree of your own"
	@echo "make check-base-deps  what make check runs on one base (BASE=...)"
	$(if $(filter-out $(BASE),$(BASES_CHECK)),@echo "make $(addprefix check-base-,$(filter-out $(BASE),$(BASES_CHECK)))  builds what make check runs on that base")
	@echo "make reference  regenerate results/reference/ after an intended change"
	@echo "make claims     check every variant's README claims on host/sim"
	@echo "make kernel-check  apply, checkpatch and cross-build every variant"
	@echo "make format     clang-format every C file (kernel style)"
	@echo "make clean      remove build/"
	@echo "make help       this list"
	@echo "NIGHTLY_ARGS='--variants=a,b ...' passes options to scripts/nightly"
	@echo "variants:       $(VARIANTS)"
