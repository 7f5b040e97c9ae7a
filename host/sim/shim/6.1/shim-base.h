/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the 6.1 base's sources need of the shim beyond host/sim/shim/shim.h
 * (included from it, before the real s390 headers).
 */
#ifndef GMAPBENCH_SIM_SHIM_BASE_H
#define GMAPBENCH_SIM_SHIM_BASE_H

#endif /* GMAPBENCH_SIM_SHIM_BASE_H */
