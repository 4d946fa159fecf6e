/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Waits on NT objects (events, mutants, semaphores, timers, threads,
 * processes): one wait engine for every waitable type.
 *
 * A type is waitable when its ntos_object_type has wait_ops.  All signal
 * state of all waitable objects, their waiter lists, and each thread's
 * alert and mutant state are guarded by one spinlock, ntos_wait_lock
 * (bh-safe: NT timers fire in softirq context).  See wait.c.
 */
#ifndef _NTOS_WAIT_H
#define _NTOS_WAIT_H

#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <asm/barrier.h>

#include "object.h"
#include "status.h"

struct ntos_object;
struct ntos_thread;

struct ntos_wait_ops {
	/* may @thread acquire @obj now? */
	bool (*signaled)(struct ntos_object *obj, struct ntos_thread *thread);
	/* take what a satisfied wait takes; returns true if @obj was abandoned */
	bool (*acquire)(struct ntos_object *obj, struct ntos_thread *thread);
	/* the two above look at the thread (else they get NULL) */
	bool needs_thread;
};

extern spinlock_t ntos_wait_lock;

/*
 * The wait ops of the types most waited on, which the wait engine calls
 * directly when retpolines make an indirect call dear.
 */
bool ntos_mutant_signaled(struct ntos_object *obj, struct ntos_thread *thread);
bool ntos_mutant_acquire(struct ntos_object *obj, struct ntos_thread *thread);
bool ntos_event_signaled(struct ntos_object *obj, struct ntos_thread *thread);
bool ntos_event_acquire(struct ntos_object *obj, struct ntos_thread *thread);
bool ntos_semaphore_signaled(struct ntos_object *obj, struct ntos_thread *thread);
bool ntos_semaphore_acquire(struct ntos_object *obj, struct ntos_thread *thread);

#define NTOS_MAX_WAIT_OBJECTS	64

/* When a wait ends: never, or at an absolute time of a clock. */
struct ntos_timeout {
	bool infinite;
	bool poll;			/* zero timeout: test and return */
	clockid_t clock;
	ktime_t expires;
};

ntstatus_t ntos_timeout_read(struct ntos_timeout *t, u64 utimeout);
void ntos_timeout_from_nt(struct ntos_timeout *t, s64 nt);

/* An optional PLARGE_INTEGER timeout: none means forever. */
static inline ntstatus_t ntos_timeout_capture(struct ntos_timeout *t, u64 utimeout)
{
	if (utimeout)
		return ntos_timeout_read(t, utimeout);
	*t = (struct ntos_timeout){ .infinite = true };
	return STATUS_SUCCESS;
}

ntos_ret_t ntos_wait(struct ntos_object **objs, unsigned int count, bool all, bool alertable,
		     const struct ntos_timeout *timeout);
ntstatus_t ntos_wait_one_nosleep(struct ntos_object *obj, bool alertable,
				 const struct ntos_timeout *timeout);
ntstatus_t ntos_wait_nosleep(struct ntos_object **objs, unsigned int count, bool all,
			     bool alertable, const struct ntos_timeout *timeout);

/*
 * obj->ready: signaled, and no wait consumes it.  Kept by the object's type
 * under ntos_wait_lock; read without it.  The release/acquire pair makes
 * what the signaler did before visible to a wait satisfied this way.
 */
static inline void ntos_set_ready(struct ntos_object *obj, bool ready)
{
	lockdep_assert_held(&ntos_wait_lock);
	/* pairs with ntos_ready(): the signaler's earlier writes come first */
	smp_store_release(&obj->ready, ready);
}

static inline bool ntos_ready(struct ntos_object *obj)
{
	/* pairs with ntos_set_ready() */
	return smp_load_acquire(&obj->ready);
}

void ntos_wake_waiters_queued(struct ntos_object *obj);

/* @obj may have become signaled: hand it to its waiters, oldest first. */
static inline void ntos_wake_waiters(struct ntos_object *obj)
{
	lockdep_assert_held(&ntos_wait_lock);
	if (!list_empty(&obj->waiters))
		ntos_wake_waiters_queued(obj);
}

void ntos_alert_thread(struct ntos_thread *thread);
bool ntos_test_alert(struct ntos_thread *thread);
void ntos_thread_exited(struct ntos_thread *thread);

/* syncobj.c: give up every mutant @thread owns (lock held) */
void ntos_mutants_abandon(struct ntos_thread *thread);

#endif /* _NTOS_WAIT_H */
