/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUSER_SHARED_DATA: one page, shared read-only by every NT process at
 * 0x7ffe0000 and kept current by the kernel (kuser.c, docs/design.md).
 */
#ifndef _NTOS_KUSER_H
#define _NTOS_KUSER_H

#include <linux/math64.h>
#include <linux/timekeeping.h>
#include <linux/types.h>

/*
 * The performance counter: 10 MHz, as Windows 10 reports on most
 * machines, counting CLOCK_BOOTTIME, the clock of InterruptTime and
 * TickCount too.  The page's QpcFrequency says the same; QpcBypassEnabled
 * is 0, so user space asks NtQueryPerformanceCounter.
 */
#define NTOS_QPC_FREQUENCY	10000000LL

static inline s64 ntos_kuser_qpc(void)
{
	return div_s64(ktime_get_boottime_ns(), NSEC_PER_SEC / NTOS_QPC_FREQUENCY);
}

int ntos_kuser_init(void);
void ntos_kuser_exit(void);
int ntos_kuser_map(void);
void ntos_kuser_unmap(void);
void ntos_kuser_start(void);

#endif /* _NTOS_KUSER_H */
