// SPDX-License-Identifier: GPL-2.0
/*
 * NT system-call dispatch, Windows x64 convention: the service number in
 * eax, arguments 1-4 in r10, rdx, r8, r9, the rest on the user stack from
 * rsp + 0x28 (above the return address and the 32-byte home area), the
 * NTSTATUS back in rax.  Entered from the hook in syscall_trace_enter()'s
 * place, in process context: services may sleep and fault.
 */
#include <linux/percpu.h>
#include <linux/ptrace.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/thread_info.h>
#include <linux/uaccess.h>

#include "dispatch.h"
#include "service.h"

#define CREATE_TRACE_POINTS
#include "trace.h"

#define NTOS_STACK_ARGS_OFFSET	0x28

/* per-service call counts; the slot past the table counts invalid numbers */
static u64 __percpu *ntos_service_counts;

/*
 * A service of more than four arguments: the rest come from the user stack.
 * Out of line, so that the common call does not zero this array (the
 * kernels zero every stack variable: a rep stos, a loop under TCG).
 */
static noinline ntos_ret_t ntos_call_stack_args(const struct ntos_service *svc,
						const u64 *regargs, unsigned long sp)
{
	u64 args[NTOS_MAX_SERVICE_ARGS] = {};

	memcpy(args, regargs, 4 * sizeof(u64));
	if (copy_from_user(&args[4], (const void __user *)(sp + NTOS_STACK_ARGS_OFFSET),
			   (svc->nargs - 4) * sizeof(u64)))
		return ntos_ret(STATUS_ACCESS_VIOLATION);
	if (!svc->fn)
		return ntos_ret(STATUS_NOT_IMPLEMENTED);
	return svc->fn(args);
}

long notrace ntos_syscall_entry(struct pt_regs *regs)
{
	u64 args[4];
	const struct ntos_service *svc;
	unsigned long nr = regs->orig_ax;
	ntos_ret_t ret;
	long status;

	if (nr >= NTOS_NR_SERVICES) {
		this_cpu_inc(ntos_service_counts[NTOS_NR_SERVICES]);
		regs->ax = ntos_status_raw(STATUS_INVALID_SYSTEM_SERVICE);
		return -1;
	}
	svc = &ntos_services[nr];
	this_cpu_inc(ntos_service_counts[nr]);
	args[0] = regs->r10;
	args[1] = regs->dx;
	args[2] = regs->r8;
	args[3] = regs->r9;
	trace_nt_sys_enter(nr, svc->name, args);

	if (test_syscall_work(SECCOMP))
		ret = ntos_ret(STATUS_ACCESS_DENIED);	/* never let NT bypass a filter */
	else if (svc->nargs > 4)
		ret = ntos_call_stack_args(svc, args, regs->sp);
	else if (!svc->fn)
		ret = ntos_ret(STATUS_NOT_IMPLEMENTED);
	else
		ret = svc->fn(args);

	/* the one place that reads the encoding of personality/status.h */
	status = (__force long)ret;
	trace_nt_sys_exit(nr, svc->name, status);
	/* served by a Linux system call: let do_syscall_64 run it */
	if (status <= NTOS_LINUX_CALL_BASE)
		return NTOS_LINUX_CALL_BASE - status;
	/* an NTSTATUS, or -ERESTART* for a call a signal interrupted */
	regs->ax = status < 0 ? status : (u32)status;
	return -1;		/* skip the Linux system call of this number */
}

int ntos_dispatch_init(void)
{
	ntos_service_counts = __alloc_percpu(sizeof(u64) * (NTOS_NR_SERVICES + 1),
					     sizeof(u64));
	return ntos_service_counts ? 0 : -ENOMEM;
}

void ntos_dispatch_exit(void)
{
	free_percpu(ntos_service_counts);
}

/* debugfs: "count name" for every service called at least once. */
void ntos_dispatch_show_counts(struct seq_file *m)
{
	unsigned int nr;
	u64 sum;
	int cpu;

	for (nr = 0; nr <= NTOS_NR_SERVICES; nr++) {
		sum = 0;
		for_each_possible_cpu(cpu)
			sum += per_cpu_ptr(ntos_service_counts, cpu)[nr];
		if (sum)
			seq_printf(m, "%llu %s\n", sum, nr < NTOS_NR_SERVICES ?
				   ntos_services[nr].name : "(invalid)");
	}
}
