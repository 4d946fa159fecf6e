// SPDX-License-Identifier: GPL-2.0
/*
 * NT processes: becoming one, following fork, clone, exec and exit, and
 * tearing one down.
 *
 * The hash of live NT processes is read under RCU (the dispatch hook reads
 * it on every system call of a task with a syscall-work bit) and written
 * under ntos_process_lock, a spinlock because the scheduler tracepoints
 * that follow fork, exit and exec run with preemption disabled.  Teardown,
 * which closes handles and may sleep, runs from a workqueue.
 *
 * What a fork child is: fork (or any clone without CLONE_THREAD) of an NT
 * process gives an NT process with the same Linux regions and an empty
 * handle table.  Its memory is a copy of an NT process, so its system calls
 * must keep meaning NT services; handle inheritance is not done here.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/audit.h>
#include <linux/hashtable.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/seccomp.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/tracepoint.h>
#include <asm/vdso.h>

#include "handle.h"
#include "kuser.h"
#include "process.h"
#include "wait.h"
#include "status.h"

DEFINE_HASHTABLE(ntos_process_hash, NTOS_PROCESS_HASH_BITS);
static DEFINE_SPINLOCK(ntos_process_lock);
atomic_t ntos_nr_processes = ATOMIC_INIT(0);
static struct workqueue_struct *ntos_wq;

static void ntos_process_destroy(struct ntos_object *obj)
{
	/*
	 * The dispatch hook may have found it in the hash under RCU; objects
	 * are freed a grace period after their last reference (object.c), and
	 * the process left the hash before that.
	 */
	kfree(container_of(obj, struct ntos_process, obj));
}

static void ntos_thread_destroy(struct ntos_object *obj)
{
	kfree(container_of(obj, struct ntos_thread, obj));
}

/* A process is signaled once it has ended, a thread once it has exited. */
static bool ntos_process_signaled(struct ntos_object *obj, struct ntos_thread *thread)
{
	lockdep_assert_held(&ntos_wait_lock);
	return test_bit(NTOS_PROC_DEAD, &container_of(obj, struct ntos_process, obj)->flags);
}

static bool ntos_thread_signaled(struct ntos_object *obj, struct ntos_thread *thread)
{
	lockdep_assert_held(&ntos_wait_lock);
	return container_of(obj, struct ntos_thread, obj)->exited;
}

static bool ntos_acquire_nothing(struct ntos_object *obj, struct ntos_thread *thread)
{
	lockdep_assert_held(&ntos_wait_lock);
	return false;
}

static const struct ntos_wait_ops ntos_process_wait_ops = {
	.signaled = ntos_process_signaled,
	.acquire = ntos_acquire_nothing,
};

static const struct ntos_wait_ops ntos_thread_wait_ops = {
	.signaled = ntos_thread_signaled,
	.acquire = ntos_acquire_nothing,
};

/* Windows 10's masks for process and thread objects. */
struct ntos_object_type ntos_process_type = {
	.name = "Process",
	.index = 7,
	.valid_access = 0x001fffff,
	.mapping = { 0x00020410, 0x00020bea, 0x00121001, 0x001fffff },
	.destroy = ntos_process_destroy,
	.wait_ops = &ntos_process_wait_ops,
};

struct ntos_object_type ntos_thread_type = {
	.name = "Thread",
	.index = 8,
	.valid_access = 0x001fffff,
	.mapping = { 0x00020048, 0x00200037, 0x00121800, 0x001fffff },
	.destroy = ntos_thread_destroy,
	.wait_ops = &ntos_thread_wait_ops,
};

/* @thread leaves @proc's table: its cache slot must not name it any more. */
static void ntos_thread_uncache(struct ntos_process *proc, struct ntos_thread *thread)
{
	cmpxchg(ntos_thread_cache_slot(proc, thread->tid), thread, NULL);
}

static struct ntos_process *ntos_process_alloc(gfp_t gfp)
{
	struct ntos_process *proc = kzalloc(sizeof(*proc), gfp);

	if (!proc)
		return NULL;
	ntos_object_init(&proc->obj, &ntos_process_type);
	ntos_handle_table_init(&proc->handles);
	ntos_vm_init(&proc->vm);
	xa_init(&proc->threads);
	return proc;
}

static void ntos_process_teardown(struct work_struct *work)
{
	struct ntos_process *proc = container_of(work, struct ntos_process, teardown);
	struct ntos_thread *thread;
	unsigned long tid;

	ntos_handle_table_close_all(&proc->handles);
	xa_for_each(&proc->threads, tid, thread) {
		xa_erase(&proc->threads, tid);
		ntos_thread_uncache(proc, thread);
		ntos_thread_exited(thread);	/* after exec: the NT thread is gone */
		ntos_object_put(&thread->obj);
	}
	xa_destroy(&proc->threads);
	ntos_vm_destroy(&proc->vm);
	ntos_object_put(&proc->obj);
	/* safe as the last word: module exit drains ntos_wq first */
	module_put(THIS_MODULE);
}

/* The process state goes: out of the hash now, teardown in process context. */
static void ntos_process_kill(struct ntos_process *proc)
{
	spin_lock_bh(&ntos_wait_lock);
	if (test_and_set_bit(NTOS_PROC_DEAD, &proc->flags)) {
		spin_unlock_bh(&ntos_wait_lock);
		return;
	}
	ntos_set_ready(&proc->obj, true);
	ntos_wake_waiters(&proc->obj);
	spin_unlock_bh(&ntos_wait_lock);
	spin_lock(&ntos_process_lock);
	hash_del_rcu(&proc->node);
	atomic_dec(&ntos_nr_processes);
	spin_unlock(&ntos_process_lock);
	INIT_WORK(&proc->teardown, ntos_process_teardown);
	queue_work(ntos_wq, &proc->teardown);
}

/* Enter @proc in the hash as @task's process, unless it already has one. */
static bool ntos_process_publish(struct ntos_process *proc, struct task_struct *task)
{
	bool published = false;

	spin_lock(&ntos_process_lock);
	if (!ntos_process_lookup(task->signal)) {
		proc->signal = task->signal;
		proc->pid = task->tgid;
		hash_add_rcu(ntos_process_hash, &proc->node, (unsigned long)proc->signal);
		atomic_inc(&ntos_nr_processes);
		published = true;
	}
	spin_unlock(&ntos_process_lock);
	return published;
}

/*
 * Make the calling process an NT process.  Every thread, present and
 * future, then has its system calls dispatched as NT services, except those
 * made from @regions (and the vDSO).  A seccomp-confined process may not:
 * NT services run before seccomp filters and would escape them.
 */
int ntos_process_become_nt(const struct ntos_region *regions, unsigned int nr)
{
	struct ntos_process *proc;
	struct task_struct *t;
	unsigned int i;
	int ret;

	if (current->seccomp.mode != SECCOMP_MODE_DISABLED)
		return -EPERM;
	if (nr > NTOS_MAX_LINUX_REGIONS)
		return -EINVAL;
	for (i = 0; i < nr; i++)
		if (regions[i].start > regions[i].end || regions[i].end > TASK_SIZE_MAX)
			return -EINVAL;
	if (!current->mm)
		return -EINVAL;

	proc = ntos_process_alloc(GFP_KERNEL_ACCOUNT);
	if (!proc)
		return -ENOMEM;
	ret = ntos_kuser_map();	/* KUSER_SHARED_DATA; -EEXIST: already NT, or taken */
	if (ret) {
		ntos_object_put(&proc->obj);
		return ret;
	}
	memcpy(proc->regions, regions, nr * sizeof(*regions));
	proc->nr_regions = nr;
	if (current->mm->context.vdso_image) {	/* none after our own binfmt's exec */
		proc->regions[nr].start = (unsigned long)current->mm->context.vdso;
		proc->regions[nr].end = proc->regions[nr].start +
					current->mm->context.vdso_image->size;
		proc->nr_regions++;
	}

	if (!ntos_process_publish(proc, current)) {
		ntos_object_put(&proc->obj);
		return -EEXIST;
	}
	/* the device's open file pins the module during this call */
	__module_get(THIS_MODULE);
	ntos_kuser_start();

	/* from here the fork tracepoint marks new threads; mark the present ones */
	rcu_read_lock();
	for_each_thread(current, t)
		set_task_syscall_work(t, SYSCALL_AUDIT);
	rcu_read_unlock();
	return 0;
}

/*
 * No reference: the caller's thread belongs to a live NT process while it
 * runs an NT service (process.h).
 */
struct ntos_process *ntos_process_current(void)
{
	struct ntos_process *proc;

	rcu_read_lock();
	proc = ntos_process_lookup(current->signal);
	rcu_read_unlock();
	return proc;
}

/*
 * The calling process's NT memory, if @handle names the calling process
 * with @access (NtCurrentProcess() does); another process's is
 * STATUS_NOT_SUPPORTED for now.
 */
ntstatus_t ntos_process_vm_of(u64 handle, u32 access, struct ntos_vm **vm)
{
	struct ntos_process *self = ntos_process_current();
	struct ntos_object *obj;
	ntstatus_t status;

	status = ntos_handle_ref(handle, &ntos_process_type, access, &obj, NULL);
	if (status)
		return status;
	if (obj != &self->obj)
		status = STATUS_NOT_SUPPORTED;
	ntos_object_put(obj);
	*vm = &self->vm;
	return status;
}

/* ntos_thread_self_peek() when the cache slot names another thread */
struct ntos_thread *ntos_thread_lookup(struct ntos_process *proc)
{
	struct ntos_thread *thread;

	rcu_read_lock();	/* the xarray wants this flavour */
	thread = xa_load(&proc->threads, current->pid);
	rcu_read_unlock();
	return thread;
}

/* The calling thread's Thread object, borrowed, made on first use; NULL: no memory. */
struct ntos_thread *ntos_thread_self(void)
{
	struct ntos_process *proc = ntos_process_current();
	struct ntos_thread *thread, *old;

	rcu_read_lock();
	thread = ntos_thread_self_peek();
	rcu_read_unlock();
	if (thread)
		return thread;
	thread = kzalloc(sizeof(*thread), GFP_KERNEL_ACCOUNT);
	if (!thread)
		return NULL;
	ntos_object_init(&thread->obj, &ntos_thread_type);
	thread->pid = current->tgid;
	thread->tid = current->pid;
	INIT_HLIST_HEAD(&thread->mutants);
	old = xa_cmpxchg(&proc->threads, current->pid, NULL, thread, GFP_KERNEL_ACCOUNT);
	if (old || xa_is_err(old)) {	/* only this thread inserts its own tid */
		ntos_object_put(&thread->obj);
		return NULL;
	}
	WRITE_ONCE(*ntos_thread_cache_slot(proc, thread->tid), thread);
	return thread;
}

/* Scheduler tracepoints: run for every task in the system, so bail out early. */

static void ntos_on_fork(void *data, struct task_struct *parent, struct task_struct *child)
{
	struct ntos_process *proc, *cp;

	if (likely(!atomic_read(&ntos_nr_processes)))
		return;
	proc = ntos_process_lookup(parent->signal);
	if (!proc)
		return;
	/* copy_process() may have cleared the bit for audit's sake */
	set_task_syscall_work(child, SYSCALL_AUDIT);
	if (child->signal == parent->signal)
		return;

	cp = ntos_process_alloc(GFP_ATOMIC | __GFP_ACCOUNT);
	if (!cp) {
		/* it cannot run as NT, and must not run NT code as Linux calls */
		pr_warn_ratelimited("no memory for the NT state of fork child %d: killed\n",
				    child->pid);
		send_sig(SIGKILL, child, 1);
		return;
	}
	cp->nr_regions = proc->nr_regions;
	memcpy(cp->regions, proc->regions, sizeof(cp->regions));
	/* a new thread group cannot have a process yet */
	if (WARN_ON_ONCE(!ntos_process_publish(cp, child))) {
		ntos_object_put(&cp->obj);
		return;
	}
	__module_get(THIS_MODULE);
}

static void ntos_on_exit(void *data, struct task_struct *task)
{
	struct ntos_process *proc;
	struct ntos_thread *thread;

	if (likely(!atomic_read(&ntos_nr_processes)))
		return;
	proc = ntos_process_lookup(task->signal);
	if (!proc)
		return;
	thread = xa_erase(&proc->threads, task->pid);
	if (thread) {
		ntos_thread_uncache(proc, thread);
		ntos_thread_exited(thread);
		ntos_object_put(&thread->obj);
	}
	if (!atomic_read(&task->signal->live))
		ntos_process_kill(proc);
}

static void ntos_on_exec(void *data, struct task_struct *task, pid_t old_pid,
			 struct linux_binprm *bprm)
{
	struct ntos_process *proc;

	if (likely(!atomic_read(&ntos_nr_processes)))
		return;
	proc = ntos_process_lookup(task->signal);
	if (!proc)
		return;
	if (proc->exec == bprm) {	/* made by this exec: our binfmt's */
		proc->exec = NULL;
		return;
	}
	ntos_process_kill(proc);
	if (!audit_context())	/* task is current */
		clear_task_syscall_work(task, SYSCALL_AUDIT);
}

/*
 * Our binfmt is replacing the calling process's program: an NT process it
 * was ends here, as any exec ends it, and the one @bprm makes is kept when
 * the exec tracepoint fires.
 */
void ntos_process_exec_begin(void)
{
	struct ntos_process *proc;

	rcu_read_lock();
	proc = ntos_process_lookup(current->signal);
	if (proc)
		ntos_process_kill(proc);
	rcu_read_unlock();
}

void ntos_process_exec_keep(const struct linux_binprm *bprm)
{
	ntos_process_current()->exec = bprm;
}

static struct {
	const char *name;
	void *probe;
	struct tracepoint *tp;
} ntos_sched_probes[] = {
	{ "sched_process_fork", ntos_on_fork },
	{ "sched_process_exit", ntos_on_exit },
	{ "sched_process_exec", ntos_on_exec },
};

static void ntos_find_tracepoint(struct tracepoint *tp, void *priv)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ntos_sched_probes); i++)
		if (!strcmp(tp->name, ntos_sched_probes[i].name))
			ntos_sched_probes[i].tp = tp;
}

static void ntos_unregister_probes(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ntos_sched_probes); i++) {
		if (ntos_sched_probes[i].tp)
			tracepoint_probe_unregister(ntos_sched_probes[i].tp,
						    ntos_sched_probes[i].probe, NULL);
		ntos_sched_probes[i].tp = NULL;
	}
	tracepoint_synchronize_unregister();
}

int ntos_process_init(void)
{
	unsigned int i;
	int ret;

	ntos_wq = alloc_workqueue("ntpersona", 0, 0);
	if (!ntos_wq)
		return -ENOMEM;
	for_each_kernel_tracepoint(ntos_find_tracepoint, NULL);
	for (i = 0; i < ARRAY_SIZE(ntos_sched_probes); i++) {
		ret = -ENOENT;
		if (ntos_sched_probes[i].tp)
			ret = tracepoint_probe_register(ntos_sched_probes[i].tp,
							ntos_sched_probes[i].probe, NULL);
		if (ret) {
			pr_err("cannot attach to tracepoint %s (%d): needed to follow NT processes\n",
			       ntos_sched_probes[i].name, ret);
			for (; i < ARRAY_SIZE(ntos_sched_probes); i++)
				ntos_sched_probes[i].tp = NULL;
			ntos_unregister_probes();
			destroy_workqueue(ntos_wq);
			return ret;
		}
	}
	return 0;
}

/* Module unload: refused while NT processes hold module references. */
void ntos_process_exit(void)
{
	ntos_unregister_probes();
	destroy_workqueue(ntos_wq);
}

/* debugfs: each NT process and its handle table. */
void ntos_processes_show(struct seq_file *m)
{
	struct ntos_process *proc;
	unsigned int bkt;

	spin_lock(&ntos_process_lock);
	hash_for_each(ntos_process_hash, bkt, proc, node) {
		seq_printf(m, "process %d\n", proc->pid);
		ntos_handle_table_show(m, &proc->handles);
	}
	spin_unlock(&ntos_process_lock);
}
