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
	if (put_user(ntos_nt_time_now(), (s64 __user *)u64_to_user_ptr(args[0])))
		return ntos_ret(STATUS_ACCESS_VIOLATION);
	return ntos_ret(STATUS_SUCCESS);
}

ntos_ret_t ntos_svc_nt_query_performance_counter(const u64 *args)
{
	s64 counter = div_s64(ktime_get_ns(), 1000000000LL / NTOS_QPC_FREQUENCY);

	if (put_user(counter, (s64 __user *)u64_to_user_ptr(args[0])))
		return ntos_ret(STATUS_ACCESS_VIOLATION);
	if (args[1] && put_user(NTOS_QPC_FREQUENCY, (s64 __user *)u64_to_user_ptr(args[1])))
		return ntos_ret(STATUS_ACCESS_VIOLATION);
	return ntos_ret(STATUS_SUCCESS);
}
