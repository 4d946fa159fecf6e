// SPDX-License-Identifier: GPL-2.0
/* Time services: NtQuerySystemTime, NtQueryPerformanceCounter. */
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>

#include "service.h"
#include "../personality/object.h"

/* Windows 10's performance counter runs at 10 MHz; ours counts CLOCK_MONOTONIC. */
#define NTOS_QPC_FREQUENCY	10000000LL

ntos_ret_t ntos_svc_nt_query_system_time(const u64 *args)
{
	return ntos_ret(ntos_write_u64(args[0], ntos_nt_time_now()));
}

ntos_ret_t ntos_svc_nt_query_performance_counter(const u64 *args)
{
	s64 counter = div_s64(ktime_get_ns(), 1000000000LL / NTOS_QPC_FREQUENCY);

	ntstatus_t status = ntos_write_u64(args[0], counter);

	if (!status)
		status = ntos_put_u64(args[1], NTOS_QPC_FREQUENCY);
	return ntos_ret(status);
}
