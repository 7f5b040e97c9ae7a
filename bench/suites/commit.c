// SPDX-License-Identifier: GPL-2.0
/*
 * The commit stamp, alone in its object: suites.mk compiles it again
 * whenever the commit changes, so every link names the current one.
 */
#include "commit.h"

#ifndef GMAPBENCH_COMMIT
#define GMAPBENCH_COMMIT "unknown"
#endif

const char gmapbench_commit[] = GMAPBENCH_COMMIT;
