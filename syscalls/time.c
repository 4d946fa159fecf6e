// SPDX-License-Identifier: GPL-2.0
/* Time services: NtQuerySystemTime, NtQueryPerformanceCounter. */
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>

#include "service.h"
#include "../personality/kuser.h"
#include "../personality/object.h"

static ntstatus_t ntos_nt_query_system_time(u64 utime)
{
	return ntos_write_u64(utime, ntos_nt_time_now());
}

static ntstatus_t ntos_nt_query_performance_counter(u64 ucounter, u64 ufrequency)
{
	/* the counter and frequency KUSER_SHARED_DATA describes (kuser.h) */
	s64 counter = ntos_kuser_qpc();
	ntstatus_t status = ntos_write_u64(ucounter, counter);

	if (!status)
		status = ntos_put_u64(ufrequency, NTOS_QPC_FREQUENCY);
	return status;
}
