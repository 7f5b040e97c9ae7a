/* SPDX-License-Identifier: GPL-2.0 */
#ifndef GMAPBENCH_COMMIT_H
#define GMAPBENCH_COMMIT_H

/* `git describe --always --dirty` of the tree the binary was linked from */
extern const char gmapbench_commit[];

#endif
