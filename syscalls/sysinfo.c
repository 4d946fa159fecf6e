// SPDX-License-Identifier: GPL-2.0
/* System information services. */
#include <linux/smp.h>

#include "service.h"

/* The cheapest service there is: the dispatch round trip's benchmark. */
static u32 ntos_nt_get_current_processor_number(void)
{
	return raw_smp_processor_id();
}

