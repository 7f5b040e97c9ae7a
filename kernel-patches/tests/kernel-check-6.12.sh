#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The same checks on the 6.12 base (docs/bases.md): each variant's series,
# or its series.6.12, applies to linux-source-6.12, passes checkpatch and
# cross-compiles with W=1 without new warnings.
GMAPBENCH_BASE_GEN=6.12 exec "$(dirname "$0")/../../scripts/kernel-check" --tap
