/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The synchronization object types: events, mutants, semaphores, timers
 * (their objects and state machines; the services are in syscalls/).
 * Their state is guarded by ntos_wait_lock (wait.c).  The state changes the hottest
 * services make are inline here, so that a service costs no extra call.
 */
#ifndef _NTOS_SYNCOBJ_H
#define _NTOS_SYNCOBJ_H

#include <linux/hrtimer.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "object.h"
#include "process.h"
#include "status.h"
#include "wait.h"

extern struct ntos_object_type ntos_event_type;
extern struct ntos_object_type ntos_mutant_type;
extern struct ntos_object_type ntos_semaphore_type;
extern struct ntos_object_type ntos_timer_type;

struct ntos_event {
	struct ntos_object obj;
	bool manual;
	s32 state;		/* as given: Windows keeps InitialState verbatim */
};

static inline struct ntos_event *ntos_to_event(struct ntos_object *obj)
{
	return container_of(obj, struct ntos_event, obj);
}

enum ntos_event_op { NTOS_EVENT_SET, NTOS_EVENT_RESET, NTOS_EVENT_PULSE };

static inline s32 ntos_event_apply(struct ntos_event *event, enum ntos_event_op op)
{
	s32 prev;

	spin_lock_bh(&ntos_wait_lock);
	prev = event->state;
	switch (op) {
	case NTOS_EVENT_SET:
		event->state = 1;
		if (event->manual)
			ntos_set_ready(&event->obj, true);
		ntos_wake_waiters(&event->obj);
		break;
	case NTOS_EVENT_RESET:
		event->state = 0;
		ntos_set_ready(&event->obj, false);
		break;
	case NTOS_EVENT_PULSE:
		/*
		 * satisfy whoever waits now, then leave it reset; only queued
		 * waiters may see the moment it is signaled: not ready
		 */
		ntos_set_ready(&event->obj, false);
		event->state = 1;
		ntos_wake_waiters(&event->obj);
		event->state = 0;
		break;
	}
	spin_unlock_bh(&ntos_wait_lock);
	return prev;
}

struct ntos_mutant {
	struct ntos_object obj;
	/* under ntos_wait_lock */
	struct ntos_thread *owner;
	/* in owner->mutants; an hlist: no order needed, no list-debug call */
	struct hlist_node owned;
	s32 count;
	bool abandoned;
};

static inline struct ntos_mutant *ntos_to_mutant(struct ntos_object *obj)
{
	return container_of(obj, struct ntos_mutant, obj);
}

/*
 * Only the owner releases; an abandoned mutant answers STATUS_ABANDONED.
 * Under RCU (@obj may be borrowed there): never sleeps.  Inline in
 * NtReleaseMutant, which is as hot as a wait.
 */
static __always_inline ntstatus_t ntos_mutant_do_release(struct ntos_object *obj, s32 *prev)
{
	/* borrowed; a thread without its object yet owns no mutant */
	struct ntos_thread *thread = ntos_thread_self_peek();
	struct ntos_mutant *m = ntos_to_mutant(obj);
	ntstatus_t status = STATUS_SUCCESS;

	spin_lock_bh(&ntos_wait_lock);
	if (!thread || m->owner != thread) {
		status = m->abandoned ? STATUS_ABANDONED : STATUS_MUTANT_NOT_OWNED;
	} else {
		*prev = m->count++;
		if (m->count == 1) {
			hlist_del(&m->owned);
			m->owner = NULL;
			ntos_wake_waiters(&m->obj);
		}
	}
	spin_unlock_bh(&ntos_wait_lock);
	return status;
}

struct ntos_semaphore {
	struct ntos_object obj;
	s32 count;		/* under ntos_wait_lock */
	s32 max;
};

static inline struct ntos_semaphore *ntos_to_semaphore(struct ntos_object *obj)
{
	return container_of(obj, struct ntos_semaphore, obj);
}

/*
 * Past the maximum nothing changes: STATUS_SEMAPHORE_LIMIT_EXCEEDED.  Inline
 * in NtReleaseSemaphore, as it was before the type moved here.
 */
static inline ntstatus_t ntos_semaphore_release(struct ntos_object *obj, s32 count, s32 *prev)
{
	struct ntos_semaphore *sem = ntos_to_semaphore(obj);
	ntstatus_t status = STATUS_SUCCESS;

	spin_lock_bh(&ntos_wait_lock);
	if (count > sem->max - sem->count) {
		status = STATUS_SEMAPHORE_LIMIT_EXCEEDED;
	} else {
		*prev = sem->count;
		sem->count += count;
		ntos_wake_waiters(&sem->obj);
	}
	spin_unlock_bh(&ntos_wait_lock);
	return status;
}

struct ntos_timer {
	struct ntos_object obj;
	bool sync;
	bool signaled;		/* under ntos_wait_lock */
	struct mutex lock;	/* serializes set and cancel */
	struct hrtimer timer;
	ktime_t period;		/* 0: one-shot */
	clockid_t clock;
	ktime_t due;		/* on @clock */
};

static inline struct ntos_timer *ntos_to_timer(struct ntos_object *obj)
{
	return container_of(obj, struct ntos_timer, obj);
}

/* (Re)start @t to fire at @expires on @clock (its mutex held) */
void ntos_timer_arm(struct ntos_timer *t, clockid_t clock, ktime_t expires);

/* the "signal" half of NtSignalAndWaitForSingleObject */
ntstatus_t ntos_event_set(struct ntos_object *obj, s32 *prev);
ntstatus_t ntos_mutant_release(struct ntos_object *obj, s32 *prev);

#endif /* _NTOS_SYNCOBJ_H */
