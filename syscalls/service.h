/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How an NT service is declared and dispatched.
 *
 * Each service NtFooBar is a typed function ntos_nt_foo_bar() and an entry
 * ntos_svc_nt_foo_bar(const u64 *args) -- the one the generated table points
 * at -- that hands it the raw 64-bit arguments with their types and returns
 * an ntos_ret_t (personality/status.h): the NTSTATUS, or a restart, or a
 * Linux call.  Pointer
 * arguments are user addresses, kept as u64 until used: the service copies
 * through them with copy_{from,to}_user and answers STATUS_ACCESS_VIOLATION
 * when that fails.
 */
#ifndef _NTOS_SERVICE_H
#define _NTOS_SERVICE_H

#include <linux/ptrace.h>
#include <linux/sched/task_stack.h>
#include <linux/types.h>
#include <linux/uaccess.h>

#include "../personality/status.h"
#include "../personality/uaccess.h"
#include "services.h"

struct ntos_service {
	const char *name;
	unsigned int nargs;
	ntos_ret_t (*fn)(const u64 *args);
};

extern const struct ntos_service ntos_services[NTOS_NR_SERVICES];

/*
 * A service that is best served by a Linux system call returns
 * ntos_linux_call(nr, arg0): the dispatcher then runs Linux system call @nr
 * with @arg0 as its first argument instead of returning an NTSTATUS (used
 * for exit_group).
 */
static inline ntos_ret_t ntos_linux_call(int nr, u64 arg0)
{
	struct pt_regs *regs = task_pt_regs(current);

	regs->di = arg0;
	regs->orig_ax = nr;
	return (__force ntos_ret_t)(NTOS_LINUX_CALL_BASE - nr);
}

#endif /* _NTOS_SERVICE_H */
