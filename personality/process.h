/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NT processes and threads.
 *
 * An NT process is a Linux thread group (keyed by its signal_struct) whose
 * threads all carry the SYSCALL_AUDIT work bit, so that their system calls
 * reach the dispatch hook (hook.c).  Its state lives from
 * ntos_process_become_nt() until the last thread exits or the process
 * execs; the Process object that represents it may live on while handles
 * or references to it remain.
 *
 * Lifetime rule the services rely on: a thread inside an NT service belongs
 * to a live NT process, because the process is torn down only after its
 * last thread has exited (or, on exec, after the other threads are gone).
 * So ntos_process_current() needs no reference, and neither does the
 * calling thread's own Thread object (ntos_thread_self()): only the
 * thread's exit, or the teardown after its exec, drops the reference the
 * process's thread table holds.
 */
#ifndef _NTOS_PROCESS_H
#define _NTOS_PROCESS_H

#include <linux/hashtable.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include "handle.h"
#include "vm.h"
#include "object.h"
#include "status.h"

struct seq_file;
struct signal_struct;

#define NTOS_MAX_LINUX_REGIONS	4	/* given by user space, plus the vDSO */
#define NTOS_THREAD_CACHE	8	/* direct-mapped Thread objects per process */

struct ntos_region {
	unsigned long start, end;
};

struct ntos_process {
	struct ntos_object obj;		/* the Process object */
	struct hlist_node node;		/* in the process hash, under RCU */
	struct signal_struct *signal;	/* hash key while the process lives */
	pid_t pid;			/* tgid */
	unsigned long flags;		/* NTOS_PROC_* bits */
	u64 peb;			/* user address, once exec'd */
	const struct linux_binprm *exec; /* the exec that made it, until it is done */
	unsigned int nr_regions;
	struct ntos_region regions[NTOS_MAX_LINUX_REGIONS + 1];
	struct ntos_handle_table handles;
	struct ntos_vm vm;		/* its NT memory */
	struct xarray threads;		/* tid -> struct ntos_thread, each referenced */
	/* a shortcut to threads, by tid modulo its size: read under RCU */
	struct ntos_thread *thread_cache[NTOS_THREAD_CACHE];
	struct work_struct teardown;
};

#define NTOS_PROC_DEAD	0

struct ntos_wait_q;
struct linux_binprm;

struct ntos_thread {
	struct ntos_object obj;		/* the Thread object */
	pid_t pid, tid;
	/* under ntos_wait_lock */
	bool alerted;			/* NtAlertThread not yet consumed */
	bool exited;			/* signaled */
	struct ntos_wait_q *wait;	/* the wait it sleeps in */
	struct hlist_head mutants;	/* mutants it owns */
};

extern struct ntos_object_type ntos_process_type;
extern struct ntos_object_type ntos_thread_type;
extern atomic_t ntos_nr_processes;

int ntos_process_init(void);
void ntos_process_exit(void);
int ntos_process_become_nt(const struct ntos_region *regions, unsigned int nr);
void ntos_process_exec_begin(void);
void ntos_process_exec_keep(const struct linux_binprm *bprm);
struct ntos_thread *ntos_thread_self(void);
struct ntos_thread *ntos_thread_lookup(struct ntos_process *proc);
void ntos_processes_show(struct seq_file *m);
struct ntos_process *ntos_process_current(void);
ntstatus_t ntos_process_vm_of(u64 handle, u32 access, struct ntos_vm **vm);

/*
 * The lookups below run on every NT system call, some of them several
 * times, so they are inline: under TCG each call and return is an indirect
 * jump looked up by a helper, plus the kernel's return thunk (measured in
 * docs/design.md).  All run under RCU, any flavour (the dispatch hook's is
 * preemption disabled).
 */
#define NTOS_PROCESS_HASH_BITS	8
extern struct hlist_head ntos_process_hash[1 << NTOS_PROCESS_HASH_BITS];

static __always_inline struct ntos_process *
ntos_process_lookup(const struct signal_struct *signal)
{
	struct ntos_process *proc;

	hash_for_each_possible_rcu_notrace(ntos_process_hash, proc, node,
					   (unsigned long)signal)
		if (proc->signal == signal)
			return proc;
	return NULL;
}

/* Did the system call that returns to @ip come from a registered Linux region? */
static __always_inline bool
ntos_process_is_linux_call(struct ntos_process *proc, unsigned long ip)
{
	unsigned int i;

	for (i = 0; i < proc->nr_regions; i++)
		if (ip - proc->regions[i].start < proc->regions[i].end - proc->regions[i].start)
			return true;
	return false;
}

static inline struct ntos_thread **ntos_thread_cache_slot(struct ntos_process *proc, pid_t tid)
{
	return &proc->thread_cache[(unsigned int)tid % NTOS_THREAD_CACHE];
}

/*
 * The calling thread's Thread object if it is made yet, borrowed: the
 * process's thread table holds a reference until this thread exits (the
 * exit tracepoint, or the teardown after an exec, which only a thread that
 * left its NT service can reach), so the caller needs none while it runs
 * an NT service.
 *
 * Mutant and alertable calls want it every time, so a direct-mapped cache
 * answers first: a slot names a thread of the process that has not exited
 * (a thread fills its own slot and clears it at exit, before the table
 * drops its reference), so a slot holding the caller's tid holds the caller.
 */
static __always_inline struct ntos_thread *ntos_thread_self_peek(void)
{
	struct ntos_process *proc = ntos_process_lookup(current->signal);
	struct ntos_thread *thread;

	RCU_LOCKDEP_WARN(!rcu_read_lock_any_held(), "thread lookup outside RCU");
	thread = READ_ONCE(*ntos_thread_cache_slot(proc, current->pid));
	if (likely(thread && thread->tid == current->pid))
		return thread;
	return ntos_thread_lookup(proc);
}

ntstatus_t ntos_handle_peek_pseudo(struct ntos_process *proc, u64 handle,
				   const struct ntos_object_type *type,
				   struct ntos_handle_entry *e);

/*
 * Look @handle of the current process up under RCU, checking the object's
 * @type (NULL: any) and that the handle grants @access, and borrow the
 * object without a reference until the RCU section ends (see handle.h).
 * *info, when given, receives the entry (granted access and attributes).
 * NTOS_STATUS_AGAIN: @handle is NtCurrentThread() and the Thread object is not made
 * yet; use ntos_handle_ref().
 */
static __always_inline ntstatus_t ntos_handle_peek(u64 handle, const struct ntos_object_type *type,
						   u32 access, struct ntos_object **objp,
					     struct ntos_handle_entry *info)
{
	struct ntos_process *proc = ntos_process_lookup(current->signal);
	struct ntos_handle_entry e;
	ntstatus_t status;

	RCU_LOCKDEP_WARN(!rcu_read_lock_any_held(), "lockless handle lookup outside RCU");
	*objp = NULL;
	if (unlikely(handle == NT_CURRENT_PROCESS || handle == NT_CURRENT_THREAD)) {
		status = ntos_handle_peek_pseudo(proc, handle, type, &e);
		if (status)
			return status;
	} else if (!ntos_handle_read(&proc->handles, handle, &e)) {
		return STATUS_INVALID_HANDLE;
	}
	if (type && e.obj->type != type)
		return STATUS_OBJECT_TYPE_MISMATCH;
	if ((e.access & access) != access)
		return STATUS_ACCESS_DENIED;
	*objp = e.obj;
	if (info)
		*info = e;
	return STATUS_SUCCESS;
}

#endif /* _NTOS_PROCESS_H */
