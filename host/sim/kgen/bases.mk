# SPDX-License-Identifier: GPL-2.0
#
# host/sim/kgen/bases.mk: what the base's manifest (host/sim/kgen/bases/
# $(BASE_GEN), docs/bases.md) tells the build; the Makefile picks the base.
#
#   SIM_MANIFEST     the manifest file
#   SIM_HARNESS      the tree's radix-tree test harness dirs (linux.c first)
#   SIM_SHIM_BASE    the base's shim overlay (shim-base.h and headers)
#   SIM_BASE_STAMP   rewritten when the base's tree or version changes

SIM_MANIFEST := host/sim/kgen/bases/$(BASE_GEN)
SIM_HARNESS := $(shell sed -n 's/^harness //p' $(SIM_MANIFEST))
SIM_SHIM_BASE := $(shell sed -n 's/^shim //p' $(SIM_MANIFEST))
SIM_BASE_STAMP := $(B)/.base
SIM_BASE_ID := $(BASE) $(BASE_GEN) $(if $(KSRC),$(abspath $(KSRC)) \
	$(word 3,$(BASE_INFO)),$(shell stat -c %Y \
	/usr/src/linux-source-$(BASE_GEN).tar.xz 2>/dev/null))

# rewritten as the Makefile is read, so that make -q sees a change too
$(shell mkdir -p $(B) && { [ "$$(cat $(SIM_BASE_STAMP) 2>/dev/null)" = \
	"$(SIM_BASE_ID)" ] || echo "$(SIM_BASE_ID)" > $(SIM_BASE_STAMP); })

# every other base of BASES, built by a make of its own into build/<base>/
BASES_OTHER := $(filter-out $(BASE),$(BASES))
.PHONY: $(addprefix all-base-,$(BASES_OTHER))
$(addprefix all-base-,$(BASES_OTHER)): all-base-%:
	+@$(MAKE) --no-print-directory BASE=$* BASES=$* KSRC= all
ALL_TARGETS += $(addprefix all-base-,$(BASES_OTHER))

# make check covers the other bases too (host/sim/tests/bases.sh): their
# binaries, test programs and the counters tool check-claims runs, built
# by one make per base (no two makes in one build directory at a time)
BASES_CHECK := 6.12
define BASES_CHECK_RULES
.PHONY: check-base-deps $(addprefix check-base-,$(filter-out $(BASE),$(BASES_CHECK)))
check-base-deps: $(foreach v,$(VARIANTS),$(call SUITES_BIN,$(v))) $(SUITES_COUNTERS) \
	$(SIM_T)/test-smoke $(SIM_T)/test-oracle-baseline \
	$(SIM_T)/test-determinism $(SIM_T)/s390x/test-smoke
$(addprefix check-base-,$(filter-out $(BASE),$(BASES_CHECK))): check-base-%:
	+@$(MAKE) --no-print-directory BASE=$$* BASES=$$* KSRC= check-base-deps
endef
LATE_RULES += BASES_CHECK_RULES
ifeq ($(BASE),$(BASE_DEFAULT))
CHECK_DEPS += $(addprefix check-base-,$(filter-out $(BASE),$(BASES_CHECK)))
TESTS += host/sim/tests/bases.sh
endif
