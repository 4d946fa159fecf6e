/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NTSTATUS checks for kselftest-harness tests, printing both values in hex
 * and optionally more: ASSERT_ST(STATUS_SUCCESS, NT(...)) or
 * ASSERT_ST(0, NT(...), " (%s)", name).  Include after kselftest_harness.h.
 */
#ifndef NTASSERT_H
#define NTASSERT_H

#include <stdint.h>

static uint32_t st_last;

static inline uint32_t st_keep(uint32_t st)
{
	st_last = st;
	return st;
}

#define __ST(kind, want, expr, fmt, ...)					\
	kind##_EQ((uint32_t)(want), st_keep(expr))				\
		TH_LOG("%s = %#x, expected %#x" fmt, #expr, st_last,		\
		       (uint32_t)(want), ##__VA_ARGS__)
#define ASSERT_ST(want, expr, ...)	__ST(ASSERT, want, expr, "" __VA_ARGS__)
#define EXPECT_ST(want, expr, ...)	__ST(EXPECT, want, expr, "" __VA_ARGS__)

#endif /* NTASSERT_H */
