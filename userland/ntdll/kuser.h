/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kuser.h: KUSER_SHARED_DATA, the page the kernel keeps current at
 * 0x7ffe0000 in every NT process (uapi/ntkuser.h, personality/kuser.c):
 * version, processor features, times, tick count, time zone bias.
 */
#ifndef NTDLL_KUSER_H
#define NTDLL_KUSER_H

#include "ntbase.h"
#include "../../uapi/ntkuser.h"

static inline const volatile struct nt_kuser_shared_data *ntdll_kuser(void)
{
	return (const volatile struct nt_kuser_shared_data *)NT_KUSER_SHARED_DATA;
}

/*
 * A KSYSTEM_TIME read without a lock: High1Time, LowPart, then High2Time;
 * the kernel stores High2Time first, so equal highs mean a whole value.
 */
static inline LONGLONG ntdll_ksystem_time(const volatile struct nt_ksystem_time *t)
{
	LONG high;
	ULONG low;

	do {
		high = t->high1_time;
		__asm__ volatile("" ::: "memory");
		low = t->low_part;
		__asm__ volatile("" ::: "memory");
	} while (high != t->high2_time);
	return (LONGLONG)((ULONGLONG)(ULONG)high << 32 | low);
}

#endif
