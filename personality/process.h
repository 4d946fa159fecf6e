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

#include <linux/types.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include "handle.h"
#include "vm.h"
#include "object.h"

struct seq_file;
struct signal_struct;

#define NTOS_MAX_LINUX_REGIONS	4	/* given by user space, plus the vDSO */

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
	struct list_head mutants;	/* mutants it owns */
};

extern struct ntos_object_type ntos_process_type;
extern struct ntos_object_type ntos_thread_type;
extern atomic_t ntos_nr_processes;

int ntos_process_init(void);
void ntos_process_exit(void);
int ntos_process_become_nt(const struct ntos_region *regions, unsigned int nr);
void ntos_process_exec_begin(void);
void ntos_process_exec_keep(const struct linux_binprm *bprm);
struct ntos_process *ntos_process_lookup(const struct signal_struct *signal);
bool ntos_process_is_linux_call(struct ntos_process *proc, unsigned long ip);
struct ntos_thread *ntos_thread_self(void);
struct ntos_thread *ntos_thread_self_peek(void);
void ntos_processes_show(struct seq_file *m);
struct ntos_process *ntos_process_current(void);

#endif /* _NTOS_PROCESS_H */
