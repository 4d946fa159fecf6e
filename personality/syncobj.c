// SPDX-License-Identifier: GPL-2.0
/*
 * The synchronization object types (see syncobj.h): how each is waited
 * on, destroyed, signaled.
 *
 * Events: a notification (manual-reset) event wakes every waiter; a
 * synchronization (auto-reset) event is consumed by the one waiter it
 * satisfies.
 *
 * Mutants: owned by a thread, recursively.  The count is Windows' signal
 * state: 1 when free, 0 when owned once, -n when owned n + 1 times.  When
 * its owner exits a mutant is abandoned: the next thread to get it is told
 * so (STATUS_ABANDONED_WAIT_0 + i) and owns it from then on.
 *
 * Semaphores: each satisfied wait takes one unit.
 *
 * Timers, on hrtimers: a notification timer stays signaled until it is set
 * again; a synchronization timer is consumed by the one wait it satisfies.
 */
#include <linux/hrtimer.h>
#include <linux/slab.h>

#include "syncobj.h"

bool ntos_event_signaled(struct ntos_object *obj, struct ntos_thread *thread)
{
	lockdep_assert_held(&ntos_wait_lock);
	return ntos_to_event(obj)->state;
}

bool ntos_event_acquire(struct ntos_object *obj, struct ntos_thread *thread)
{
	struct ntos_event *event = ntos_to_event(obj);

	lockdep_assert_held(&ntos_wait_lock);
	if (!event->manual)
		event->state = 0;
	return false;
}

static const struct ntos_wait_ops ntos_event_wait_ops = {
	.signaled = ntos_event_signaled,
	.acquire = ntos_event_acquire,
};

static void ntos_event_destroy(struct ntos_object *obj)
{
	kfree(ntos_to_event(obj));
}

struct ntos_object_type ntos_event_type = {
	.name = "Event",
	.index = 16,
	.valid_access = EVENT_ALL_ACCESS,
	.mapping = { 0x00020001, 0x00020002, 0x00120000, EVENT_ALL_ACCESS },
	.destroy = ntos_event_destroy,
	.wait_ops = &ntos_event_wait_ops,
};

ntstatus_t ntos_event_set(struct ntos_object *obj, s32 *prev)
{
	*prev = ntos_event_apply(ntos_to_event(obj), NTOS_EVENT_SET);
	return STATUS_SUCCESS;
}

bool ntos_mutant_signaled(struct ntos_object *obj, struct ntos_thread *thread)
{
	struct ntos_mutant *m = ntos_to_mutant(obj);

	lockdep_assert_held(&ntos_wait_lock);
	return !m->owner || (m->owner == thread && m->count > S32_MIN);
}

bool ntos_mutant_acquire(struct ntos_object *obj, struct ntos_thread *thread)
{
	struct ntos_mutant *m = ntos_to_mutant(obj);
	bool abandoned = m->abandoned;

	lockdep_assert_held(&ntos_wait_lock);
	if (!m->owner) {
		m->owner = thread;
		hlist_add_head(&m->owned, &thread->mutants);
	}
	m->count--;
	m->abandoned = false;
	return abandoned;
}

static const struct ntos_wait_ops ntos_mutant_wait_ops = {
	.signaled = ntos_mutant_signaled,
	.acquire = ntos_mutant_acquire,
	.needs_thread = true,
};

/* The owner can close its last handle while it still owns the mutant. */
static void ntos_mutant_destroy(struct ntos_object *obj)
{
	struct ntos_mutant *m = ntos_to_mutant(obj);

	spin_lock_bh(&ntos_wait_lock);
	if (m->owner)
		hlist_del(&m->owned);
	spin_unlock_bh(&ntos_wait_lock);
	kfree(m);
}

struct ntos_object_type ntos_mutant_type = {
	.name = "Mutant",
	.index = 17,
	.valid_access = MUTANT_ALL_ACCESS,
	.mapping = { 0x00020001, 0x00020000, 0x00120000, MUTANT_ALL_ACCESS },
	.destroy = ntos_mutant_destroy,
	.wait_ops = &ntos_mutant_wait_ops,
};

void ntos_mutants_abandon(struct ntos_thread *thread)
{
	struct hlist_node *tmp;
	struct ntos_mutant *m;

	lockdep_assert_held(&ntos_wait_lock);
	hlist_for_each_entry_safe(m, tmp, &thread->mutants, owned) {
		hlist_del(&m->owned);
		m->owner = NULL;
		m->count = 1;
		m->abandoned = true;
		ntos_wake_waiters(&m->obj);
	}
}

ntstatus_t ntos_mutant_release(struct ntos_object *obj, s32 *prev)
{
	return ntos_mutant_do_release(obj, prev);
}

bool ntos_semaphore_signaled(struct ntos_object *obj, struct ntos_thread *thread)
{
	lockdep_assert_held(&ntos_wait_lock);
	return ntos_to_semaphore(obj)->count > 0;
}

bool ntos_semaphore_acquire(struct ntos_object *obj, struct ntos_thread *thread)
{
	lockdep_assert_held(&ntos_wait_lock);
	ntos_to_semaphore(obj)->count--;
	return false;
}

static const struct ntos_wait_ops ntos_semaphore_wait_ops = {
	.signaled = ntos_semaphore_signaled,
	.acquire = ntos_semaphore_acquire,
};

static void ntos_semaphore_destroy(struct ntos_object *obj)
{
	kfree(ntos_to_semaphore(obj));
}

struct ntos_object_type ntos_semaphore_type = {
	.name = "Semaphore",
	.index = 18,
	.valid_access = SEMAPHORE_ALL_ACCESS,
	.mapping = { 0x00020001, 0x00020002, 0x00120000, SEMAPHORE_ALL_ACCESS },
	.destroy = ntos_semaphore_destroy,
	.wait_ops = &ntos_semaphore_wait_ops,
};

static bool ntos_timer_signaled(struct ntos_object *obj, struct ntos_thread *thread)
{
	lockdep_assert_held(&ntos_wait_lock);
	return ntos_to_timer(obj)->signaled;
}

static bool ntos_timer_acquire(struct ntos_object *obj, struct ntos_thread *thread)
{
	struct ntos_timer *t = ntos_to_timer(obj);

	lockdep_assert_held(&ntos_wait_lock);
	if (t->sync)
		t->signaled = false;
	return false;
}

static const struct ntos_wait_ops ntos_timer_wait_ops = {
	.signaled = ntos_timer_signaled,
	.acquire = ntos_timer_acquire,
};

/*
 * Softirq context (HRTIMER_MODE_*_SOFT): that keeps ntos_wait_lock out of
 * hard interrupts, so that the services take it with spin_lock_bh(), not
 * with the interrupt flag saved and restored on every call.
 */
static enum hrtimer_restart ntos_timer_fire(struct hrtimer *hrt)
{
	struct ntos_timer *t = container_of(hrt, struct ntos_timer, timer);
	enum hrtimer_restart ret = HRTIMER_NORESTART;

	spin_lock(&ntos_wait_lock);
	t->signaled = true;
	ntos_wake_waiters(&t->obj);
	if (t->period) {
		hrtimer_forward_now(hrt, t->period);
		t->due = hrtimer_get_expires(hrt);
		ret = HRTIMER_RESTART;
	}
	spin_unlock(&ntos_wait_lock);
	return ret;
}

static void ntos_timer_destroy(struct ntos_object *obj)
{
	struct ntos_timer *t = ntos_to_timer(obj);

	hrtimer_cancel(&t->timer);
	kfree(t);
}

struct ntos_object_type ntos_timer_type = {
	.name = "Timer",
	.index = 19,
	.valid_access = TIMER_ALL_ACCESS,
	.mapping = { 0x00020001, 0x00020002, 0x00120000, TIMER_ALL_ACCESS },
	.destroy = ntos_timer_destroy,
	.wait_ops = &ntos_timer_wait_ops,
};

void ntos_timer_arm(struct ntos_timer *t, clockid_t clock, ktime_t expires)
{
	lockdep_assert_held(&t->lock);
	hrtimer_init(&t->timer, clock, HRTIMER_MODE_ABS_SOFT);
	t->timer.function = ntos_timer_fire;
	t->clock = clock;
	t->due = expires;
	hrtimer_start(&t->timer, expires, HRTIMER_MODE_ABS_SOFT);
}
