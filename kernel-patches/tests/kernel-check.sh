#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Every variant applies, passes checkpatch and cross-compiles with W=1
# without new warnings (scripts/kernel-check, cached in build/kernel-check).
exec "$(dirname "$0")/../../scripts/kernel-check" --tap
