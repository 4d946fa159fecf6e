// SPDX-License-Identifier: GPL-2.0
/* Time services: NtQuerySystemTime, NtQueryPerformanceCounter. */
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>

#include "service.h"
#include "../personality/object.h"

/* Windows 10's performance counter runs at 10 MHz; ours counts CLOCK_MONOTONIC. */
#define NTOS_QPC_FREQUENCY	10000000LL

static ntstatus_t ntos_nt_query_system_time(u64 utime)
{
	return ntos_write_u64(utime, ntos_nt_time_now());
}

static ntstatus_t ntos_nt_query_performance_counter(u64 ucounter, u64 ufrequency)
{
	s64 counter = div_s64(ktime_get_ns(), 1000000000LL / NTOS_QPC_FREQUENCY);
	ntstatus_t status = ntos_write_u64(ucounter, counter);

	if (!status)
		status = ntos_put_u64(ufrequency, NTOS_QPC_FREQUENCY);
	return status;
}
