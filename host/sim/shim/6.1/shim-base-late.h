/* SPDX-License-Identifier: GPL-2.0 */
/* The 6.1 shim after the real s390 headers: nothing. */
