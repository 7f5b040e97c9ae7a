/* SPDX-License-Identifier: GPL-2.0 */
/* host/sim shim: what the kernel header provides is in shim/shim.h */
