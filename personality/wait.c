// SPDX-License-Identifier: GPL-2.0
/*
 * The wait engine.
 *
 * Lock story: one spinlock, ntos_wait_lock, guards the signal
 * state of every waitable object (through its type's wait_ops), every
 * object's list of waiters, and each thread's alert flag, current wait and
 * owned mutants.  With everything under one lock, wait-all is atomic for
 * free: a waiter checks and acquires all its objects in one critical
 * section, and nobody else can change any of them meanwhile.  The price is
 * that unrelated NT processes share the lock; critical sections are short
 * and never sleep.  It is taken with bottom halves off, not interrupts: NT
 * timers fire in softirq context (timer.c), and no hard interrupt takes it,
 * which spares every service the costly save and restore of the interrupt
 * flag (measured in docs/design.md).
 *
 * One thing is read without the lock: obj->ready, a copy of "signaled, and
 * no wait consumes it" (a set manual event, an exited thread, an ended
 * process) that the owner type keeps under the lock with a release store.
 * A single-object wait that finds it true is satisfied exactly as it would
 * be under the lock, where such an acquire changes nothing; so it returns
 * at once (ntos_wait_one_nosleep).  Such an object must never be signaled
 * only transiently under the lock (a pulse does not set it).
 *
 * Objects and threads need no reference here while their users hold them:
 * a wait borrows its objects under RCU (objects are freed a grace period
 * after their last reference, object.h) for the part that does not sleep,
 * and the calling thread's own Thread object lives until the thread exits
 * (process.h).
 *
 * Hand-off: whoever makes an object signaled (a set, a release, a timer, an
 * exit) calls ntos_wake_waiters() under the lock, which satisfies waiters in
 * arrival order *on their behalf* -- consuming the auto-reset event's
 * signal, the semaphore's unit, the mutant's ownership -- before waking
 * them.  So each unit goes to exactly one waiter, a woken waiter never
 * finds its object taken, and waiters are served first come, first served.
 */
#include <linux/hrtimer.h>
#include <linux/indirect_call_wrapper.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "object.h"
#include "process.h"
#include "wait.h"
#include "status.h"
#include "uaccess.h"

DEFINE_SPINLOCK(ntos_wait_lock);	/* see above */

struct ntos_wait_q;

struct ntos_wait_entry {
	struct list_head node;		/* in obj->waiters */
	struct ntos_object *obj;
	struct ntos_wait_q *q;
	unsigned int index;
};

struct ntos_wait_q {
	struct task_struct *task;
	struct ntos_thread *thread;
	unsigned int count;
	bool all;
	bool alertable;
	int result;			/* index satisfied, -1 while pending */
	bool abandoned;
	struct ntos_wait_entry entries[];
};

void ntos_timeout_from_nt(struct ntos_timeout *t, s64 nt)
{
	memset(t, 0, sizeof(*t));
	if (!nt) {
		t->poll = true;
	} else if (nt < 0) {		/* relative, in 100 ns */
		t->clock = CLOCK_MONOTONIC;
		if (nt < -(KTIME_MAX / 100))
			t->infinite = true;
		else
			t->expires = ktime_add_safe(ktime_get(), -nt * 100);
	} else {			/* absolute, since 1601 */
		t->clock = CLOCK_REALTIME;
		if (nt <= NTOS_NT_EPOCH_OFFSET)
			t->expires = 0;
		else if (nt - NTOS_NT_EPOCH_OFFSET > KTIME_MAX / 100)
			t->infinite = true;
		else
			t->expires = (nt - NTOS_NT_EPOCH_OFFSET) * 100;
	}
}

/* ntos_timeout_capture() of a timeout given */
ntstatus_t ntos_timeout_read(struct ntos_timeout *t, u64 utimeout)
{
	s64 nt;

	if (get_user(nt, (s64 __user *)u64_to_user_ptr(utimeout)))
		return STATUS_ACCESS_VIOLATION;
	ntos_timeout_from_nt(t, nt);
	return STATUS_SUCCESS;
}

static __always_inline bool ntos_signaled(struct ntos_object *obj, struct ntos_thread *thread)
{
	return INDIRECT_CALL_3(obj->type->wait_ops->signaled, ntos_mutant_signaled,
			       ntos_event_signaled, ntos_semaphore_signaled, obj, thread);
}

static __always_inline bool ntos_acquire(struct ntos_object *obj, struct ntos_thread *thread)
{
	return INDIRECT_CALL_3(obj->type->wait_ops->acquire, ntos_mutant_acquire,
			       ntos_event_acquire, ntos_semaphore_acquire, obj, thread);
}

/*
 * Satisfy a wait now if it can be: wait-any takes the first signaled
 * object, wait-all takes all of them or none.  Returns the index or -1.
 */
static int ntos_try_satisfy(struct ntos_object **objs, unsigned int count, bool all,
			    struct ntos_thread *thread, bool *abandoned)
{
	unsigned int i;

	lockdep_assert_held(&ntos_wait_lock);
	*abandoned = false;
	for (i = 0; i < count; i++) {
		if (ntos_signaled(objs[i], thread)) {
			if (!all) {
				*abandoned = ntos_acquire(objs[i], thread);
				return i;
			}
		} else if (all) {
			return -1;
		}
	}
	if (!all || !count)
		return -1;
	for (i = 0; i < count; i++)
		*abandoned |= ntos_acquire(objs[i], thread);
	return 0;
}

static bool ntos_try_satisfy_q(struct ntos_wait_q *q)
{
	struct ntos_object *objs[NTOS_MAX_WAIT_OBJECTS];
	unsigned int i;
	int index;

	lockdep_assert_held(&ntos_wait_lock);
	for (i = 0; i < q->count; i++)
		objs[i] = q->entries[i].obj;
	index = ntos_try_satisfy(objs, q->count, q->all, q->thread, &q->abandoned);
	if (index < 0)
		return false;
	q->result = index;
	return true;
}

/* ntos_wake_waiters() of an object with waiters */
void ntos_wake_waiters_queued(struct ntos_object *obj)
{
	struct ntos_wait_entry *e;
	struct ntos_wait_q *q;

	lockdep_assert_held(&ntos_wait_lock);
	list_for_each_entry(e, &obj->waiters, node) {
		q = e->q;
		if (q->result >= 0)
			continue;
		if (q->all) {
			if (!ntos_try_satisfy_q(q))
				continue;
		} else {
			if (!ntos_signaled(obj, q->thread))
				continue;
			q->abandoned = ntos_acquire(obj, q->thread);
			q->result = e->index;
		}
		wake_up_process(q->task);
	}
}

static ntstatus_t ntos_wait_status(int index, bool abandoned)
{
	return ntos_status_plus(abandoned ? STATUS_ABANDONED_WAIT_0 : STATUS_WAIT_0, index);
}

/* Sleep with @q queued until satisfied, alerted, timed out or signalled. */
static ntos_ret_t ntos_wait_sleep(struct ntos_wait_q *q, const struct ntos_timeout *timeout)
	__must_hold(&ntos_wait_lock)
{
	lockdep_assert_held(&ntos_wait_lock);
	ktime_t expires = timeout->expires;
	bool timed_out = false;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (q->result >= 0)
			break;
		if (q->alertable && q->thread->alerted) {
			q->thread->alerted = false;
			__set_current_state(TASK_RUNNING);
			return ntos_ret(STATUS_ALERTED);
		}
		if (timed_out) {
			__set_current_state(TASK_RUNNING);
			return ntos_ret(STATUS_TIMEOUT);
		}
		if (signal_pending(current)) {
			/* run the handler, then the call again; SIGKILL: never returns */
			__set_current_state(TASK_RUNNING);
			return ntos_ret_restart();
		}
		spin_unlock_bh(&ntos_wait_lock);
		if (timeout->infinite)
			schedule();
		else
			timed_out = !schedule_hrtimeout_range_clock(&expires, 0, HRTIMER_MODE_ABS,
								    timeout->clock);
		spin_lock_bh(&ntos_wait_lock);
	}
	__set_current_state(TASK_RUNNING);
	return ntos_ret(ntos_wait_status(q->result, q->abandoned));
}

/* A wait no object satisfies now: take a pending alert, or time out a poll. */
static inline ntstatus_t ntos_wait_unsatisfied(bool alertable, struct ntos_thread *thread,
					       const struct ntos_timeout *timeout)
{
	lockdep_assert_held(&ntos_wait_lock);
	if (alertable && thread->alerted) {
		thread->alerted = false;
		return STATUS_ALERTED;
	}
	if (timeout->poll)
		return STATUS_TIMEOUT;
	return NTOS_STATUS_AGAIN;
}

/*
 * What a wait does without sleeping: satisfy it now if it can be, else take
 * a pending alert, else time out a poll.  NTOS_STATUS_AGAIN: it must sleep.  Objects
 * come first: a signaled object wins over a pending alert.
 */
static ntstatus_t ntos_wait_now(struct ntos_object **objs, unsigned int count, bool all,
				bool alertable, struct ntos_thread *thread,
			  const struct ntos_timeout *timeout)
{
	bool abandoned;
	int index;

	lockdep_assert_held(&ntos_wait_lock);
	index = ntos_try_satisfy(objs, count, all, thread, &abandoned);
	if (index >= 0)
		return ntos_wait_status(index, abandoned);
	return ntos_wait_unsatisfied(alertable, thread, timeout);
}

/*
 * A wait for @obj that ends without sleeping, or NTOS_STATUS_AGAIN: the caller must
 * make a full wait (ntos_wait()).  @obj may be borrowed under RCU without a
 * reference (ntos_handle_peek()), as nothing here sleeps or keeps it.
 *
 * The common cases of a signaled object cost no more than a lookup: an
 * object that is ready (signaled, and no wait consumes it) satisfies the
 * wait without ntos_wait_lock, exactly as under it; the answer is then
 * STATUS_WAIT_0 whether or not the wait is alertable, as under the lock
 * (objects first).  A Thread object the wait needs but that is not made
 * yet also sends the caller to ntos_wait(), which makes it.
 */
ntstatus_t ntos_wait_one_nosleep(struct ntos_object *obj, bool alertable,
				 const struct ntos_timeout *timeout)
{
	struct ntos_thread *thread = NULL;
	ntstatus_t status;

	if (ntos_ready(obj))
		return STATUS_WAIT_0;
	if (alertable || obj->type->wait_ops->needs_thread) {
		thread = ntos_thread_self_peek();
		if (!thread)
			return NTOS_STATUS_AGAIN;
	}
	spin_lock_bh(&ntos_wait_lock);
	/* ntos_wait_now() of one object */
	if (ntos_signaled(obj, thread))
		status = ntos_wait_status(0, ntos_acquire(obj, thread));
	else
		status = ntos_wait_unsatisfied(alertable, thread, timeout);
	spin_unlock_bh(&ntos_wait_lock);
	return status;
}

/* Does this wait look at the waiting thread (an alert, a mutant)? */
static bool ntos_wait_needs_thread(struct ntos_object **objs, unsigned int count,
				   bool alertable)
{
	bool need = alertable;
	unsigned int i;

	for (i = 0; i < count; i++)
		need |= objs[i]->type->wait_ops->needs_thread;
	return need;
}

/*
 * ntos_wait_one_nosleep() of several objects, borrowed under RCU as well:
 * a wait that ends without sleeping, or NTOS_STATUS_AGAIN.
 */
ntstatus_t ntos_wait_nosleep(struct ntos_object **objs, unsigned int count, bool all,
			     bool alertable, const struct ntos_timeout *timeout)
{
	struct ntos_thread *thread = NULL;
	ntstatus_t status;

	if (ntos_wait_needs_thread(objs, count, alertable)) {
		thread = ntos_thread_self_peek();
		if (!thread)
			return NTOS_STATUS_AGAIN;
	}
	spin_lock_bh(&ntos_wait_lock);
	status = ntos_wait_now(objs, count, all, alertable, thread, timeout);
	spin_unlock_bh(&ntos_wait_lock);
	return status;
}

/*
 * Wait for any or all of @objs (each referenced by the caller, each of a
 * waitable type), as the calling NT thread.  Returns STATUS_WAIT_0 + i,
 * STATUS_ABANDONED_WAIT_0 + i, STATUS_ALERTED, STATUS_TIMEOUT, or a restart
 * (ntos_ret_restart()) when a Linux signal interrupted it.
 */
ntos_ret_t ntos_wait(struct ntos_object **objs, unsigned int count, bool all, bool alertable,
		     const struct ntos_timeout *timeout)
{
	struct ntos_thread *thread = NULL;
	struct ntos_wait_q *q = NULL;
	unsigned int i;
	ntstatus_t status;
	ntos_ret_t ret;

	/* most waits need no Thread object: do not look it up for them */
	if (ntos_wait_needs_thread(objs, count, alertable)) {
		/* borrowed: this thread cannot exit while it waits here */
		thread = ntos_thread_self();
		if (!thread)
			return ntos_ret(STATUS_NO_MEMORY);
	}
	for (;;) {
		spin_lock_bh(&ntos_wait_lock);
		status = ntos_wait_now(objs, count, all, alertable, thread, timeout);
		ret = ntos_ret(status);
		if (status != NTOS_STATUS_AGAIN)
			goto unlock;
		if (q)
			break;
		/* only a wait that must sleep needs a queue entry per object */
		spin_unlock_bh(&ntos_wait_lock);
		q = kzalloc(struct_size(q, entries, count), GFP_KERNEL);
		if (!q)
			return ntos_ret(STATUS_NO_MEMORY);
	}

	q->task = current;
	q->thread = thread;
	q->count = count;
	q->all = all;
	q->alertable = alertable;
	q->result = -1;
	for (i = 0; i < count; i++) {
		q->entries[i].obj = objs[i];
		q->entries[i].q = q;
		q->entries[i].index = i;
		list_add_tail(&q->entries[i].node, &objs[i]->waiters);
	}
	if (thread)
		thread->wait = q;
	ret = ntos_wait_sleep(q, timeout);
	if (thread)
		thread->wait = NULL;
	for (i = 0; i < count; i++)
		list_del(&q->entries[i].node);
unlock:
	spin_unlock_bh(&ntos_wait_lock);
	kfree(q);
	return ret;
}

/* NtAlertThread: ends @thread's alertable wait, or its next one. */
void ntos_alert_thread(struct ntos_thread *thread)
{
	spin_lock_bh(&ntos_wait_lock);
	thread->alerted = true;
	if (thread->wait && thread->wait->alertable)
		wake_up_process(thread->wait->task);
	spin_unlock_bh(&ntos_wait_lock);
}

/* NtTestAlert: was @thread alerted?  Clears the alert. */
bool ntos_test_alert(struct ntos_thread *thread)
{
	bool alerted;

	spin_lock_bh(&ntos_wait_lock);
	alerted = thread->alerted;
	thread->alerted = false;
	spin_unlock_bh(&ntos_wait_lock);
	return alerted;
}

/*
 * The thread has exited (called from the exit tracepoint): its mutants are
 * abandoned to their next waiters, and its Thread object is signaled.
 */
void ntos_thread_exited(struct ntos_thread *thread)
{
	spin_lock_bh(&ntos_wait_lock);
	ntos_mutants_abandon(thread);
	thread->exited = true;
	ntos_set_ready(&thread->obj, true);
	ntos_wake_waiters(&thread->obj);
	spin_unlock_bh(&ntos_wait_lock);
}
