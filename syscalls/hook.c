// SPDX-License-Identifier: GPL-2.0
/*
 * The NT system-call hook.
 *
 * do_syscall_64() calls syscall_trace_enter() only for a thread with a
 * SYSCALL_WORK bit set, and skips the system call when it returns -1.  NT
 * threads carry SYSCALL_AUDIT (process.c), so their calls pass through
 * syscall_trace_enter(), where an ftrace_ops callback decides: an NT call
 * has its return address moved to ntos_syscall_entry(), which serves it and
 * returns -1 in syscall_trace_enter()'s place; a Linux call (from a
 * registered Linux region, or of a task that is not NT) goes on untouched.
 * Threads without a work bit never get here: Linux tasks pay nothing.
 *
 * Why these choices (measured in ../shared/spikes/syscall-hook, recorded in
 * docs/design.md): ftrace redirection costs 0.93-1.11x getppid per NT call;
 * SYSCALL_AUDIT survives ptrace, which clears SYSCALL_TRACE;
 * FTRACE_OPS_FL_PERMANENT keeps "sysctl kernel.ftrace_enabled=0" from
 * silently turning NT calls into Linux calls; IPMODIFY makes the hook
 * exclusive on the function.
 *
 * syscall_trace_enter() is static (6.1: syscall_trace_enter.constprop.0,
 * (regs, work)) or global (6.12: (regs, nr, work)); only its first argument,
 * the user registers, is used here, so one redirect target fits both.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ftrace.h>
#include <linux/kprobes.h>
#include <linux/sched/task_stack.h>
#include <asm/syscall.h>

#include "dispatch.h"
#include "../personality/process.h"

#if !defined(CONFIG_DYNAMIC_FTRACE_WITH_REGS) || !defined(CONFIG_GENERIC_ENTRY) || \
	!defined(CONFIG_KPROBES) || !defined(CONFIG_X86_64)
#error "ntpersona needs x86-64, GENERIC_ENTRY, DYNAMIC_FTRACE_WITH_REGS and KPROBES"
#endif

static const char *const ntos_hook_targets[] = {
	"syscall_trace_enter",			/* 6.12 and later */
	"syscall_trace_enter.constprop.0",	/* 6.1 */
};

/* Is the system call current is making an NT call? */
static __always_inline bool ntos_is_nt_call(void)
{
	struct ntos_process *proc;

	if (in_ia32_syscall())		/* int 0x80 is never an NT call */
		return false;
	proc = ntos_process_lookup(current->signal);
	return proc && !ntos_process_is_linux_call(proc, task_pt_regs(current)->ip);
}

static void notrace ntos_hook_callback(unsigned long ip, unsigned long parent_ip,
				       struct ftrace_ops *ops, struct ftrace_regs *fregs)
{
	struct pt_regs *regs;

	if (likely(!atomic_read(&ntos_nr_processes)) || !ntos_is_nt_call())
		return;
	regs = ftrace_get_regs(fregs);
	if (regs)
		regs->ip = (unsigned long)ntos_syscall_entry;
}

static struct ftrace_ops ntos_hook_ops = {
	.func = ntos_hook_callback,
	.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY |
		 FTRACE_OPS_FL_PERMANENT,
};

/* The address of a (possibly static) kernel function, via a probe on it. */
static unsigned long ntos_symbol_address(const char *name)
{
	struct kprobe kp = { .symbol_name = name };
	unsigned long addr;

	if (register_kprobe(&kp))
		return 0;
	addr = (unsigned long)kp.addr;
	unregister_kprobe(&kp);
	return addr;
}

int ntos_hook_init(void)
{
	const char *target = NULL;
	unsigned long addr = 0;
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(ntos_hook_targets) && !addr; i++) {
		target = ntos_hook_targets[i];
		addr = ntos_symbol_address(target);
	}
	if (!addr) {
		pr_err("this kernel has no probe-able syscall_trace_enter(): cannot serve NT system calls\n");
		return -ENOENT;
	}
	ret = ftrace_set_filter_ip(&ntos_hook_ops, addr, 0, 0);
	if (!ret)
		ret = register_ftrace_function(&ntos_hook_ops);
	if (ret) {
		pr_err("cannot hook %s with ftrace (%d): is it traced, live-patched or ftrace disabled?\n",
		       target, ret);
		ftrace_free_filter(&ntos_hook_ops);
		return ret;
	}
	return 0;
}

void ntos_hook_exit(void)
{
	unregister_ftrace_function(&ntos_hook_ops);
	ftrace_free_filter(&ntos_hook_ops);
}
