// SPDX-License-Identifier: GPL-2.0
/*
 * Timers: NtCreateTimer, NtOpenTimer, NtSetTimer, NtCancelTimer,
 * NtQueryTimer, on hrtimers.  A notification timer stays signaled until it
 * is set again; a synchronization timer is consumed by the one wait it
 * satisfies.  Relative due times run on CLOCK_MONOTONIC, absolute ones on
 * CLOCK_REALTIME, as NT's interrupt time and system time do.
 */
#include <linux/hrtimer.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "create.h"
#include "../personality/syncobj.h"
#include "../personality/handle.h"
#include "../personality/wait.h"

static ntstatus_t ntos_nt_create_timer(u64 uhandle, u32 access, u64 uoa, u32 type)
{
	struct ntos_timer *t;
	ntstatus_t status;

	if (type != NT_NOTIFICATION_TIMER && type != NT_SYNCHRONIZATION_TIMER)
		return STATUS_INVALID_PARAMETER_4;
	status = ntos_clear_handle_out(uhandle);
	if (status)
		return status;
	t = kzalloc(sizeof(*t), GFP_KERNEL_ACCOUNT);
	if (!t)
		return STATUS_NO_MEMORY;
	ntos_object_init(&t->obj, &ntos_timer_type);
	t->sync = type == NT_SYNCHRONIZATION_TIMER;
	mutex_init(&t->lock);
	hrtimer_init(&t->timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS_SOFT);
	t->clock = CLOCK_MONOTONIC;
	return ntos_create_named(uhandle, access, uoa, &t->obj);
}

static ntstatus_t ntos_nt_open_timer(u64 uhandle, u32 access, u64 uoa)
{
	return ntos_open_object(uhandle, access, uoa, &ntos_timer_type);
}

/*
 * Timer APCs need user APC delivery, which does not exist yet: a set with
 * an APC routine is refused rather than silently run without it.
 */
static ntstatus_t ntos_nt_set_timer(u64 handle, u64 udue, u64 apc, u64 context, u8 resume,
				    s32 period, u64 uprev)
{
	struct ntos_timeout due;
	struct ntos_object *obj;
	struct ntos_timer *t;
	ntstatus_t status;
	s64 nt;
	bool prev;

	if (get_user(nt, (s64 __user *)u64_to_user_ptr(udue)))
		return STATUS_ACCESS_VIOLATION;
	if (period < 0)
		return STATUS_INVALID_PARAMETER_6;
	status = ntos_handle_ref(handle, &ntos_timer_type, TIMER_MODIFY_STATE, &obj, NULL);
	if (status)
		return status;
	if (apc) {
		ntos_object_put(obj);
		return STATUS_NOT_SUPPORTED;
	}
	t = ntos_to_timer(obj);
	ntos_timeout_from_nt(&due, nt);
	if (due.poll) {			/* due now */
		due.clock = CLOCK_MONOTONIC;
		due.expires = ktime_get();
	}
	mutex_lock(&t->lock);
	hrtimer_cancel(&t->timer);
	spin_lock_bh(&ntos_wait_lock);
	prev = t->signaled;
	t->signaled = false;
	t->period = ms_to_ktime(period);
	spin_unlock_bh(&ntos_wait_lock);
	if (!due.infinite)
		ntos_timer_arm(t, due.clock, due.expires);
	mutex_unlock(&t->lock);
	ntos_object_put(obj);
	return ntos_put_u8(uprev, prev);
}

static ntstatus_t ntos_nt_cancel_timer(u64 handle, u64 ucur)
{
	struct ntos_object *obj;
	struct ntos_timer *t;
	bool cur;
	ntstatus_t status;

	status = ntos_handle_ref(handle, &ntos_timer_type, TIMER_MODIFY_STATE, &obj, NULL);
	if (status)
		return status;
	t = ntos_to_timer(obj);
	mutex_lock(&t->lock);
	hrtimer_cancel(&t->timer);
	cur = READ_ONCE(t->signaled);
	mutex_unlock(&t->lock);
	ntos_object_put(obj);
	return ntos_put_u8(ucur, cur);
}

/* RemainingTime: until the due time, in 100 ns; negative once it has passed. */
static ntstatus_t ntos_nt_query_timer(u64 handle, u32 class, u64 ubuf, u32 len, u64 ureturn)
{
	struct nt_timer_basic_information info = {};
	struct ntos_object *obj;
	struct ntos_timer *t;
	ntstatus_t status;
	ktime_t now;

	status = ntos_query_check(class, len, sizeof(info));
	if (!status)
		status = ntos_query_probe(ubuf, sizeof(info), ureturn);
	if (status)
		return status;
	status = ntos_handle_ref(handle, &ntos_timer_type, TIMER_QUERY_STATE, &obj, NULL);
	if (status)
		return status;
	t = ntos_to_timer(obj);
	mutex_lock(&t->lock);
	now = t->clock == CLOCK_REALTIME ? ktime_get_real() : ktime_get();
	info.remaining_time = div_s64(ktime_sub(t->due, now), 100);
	info.timer_state = READ_ONCE(t->signaled);
	mutex_unlock(&t->lock);
	ntos_object_put(obj);
	return ntos_query_copy(ubuf, ureturn, &info, sizeof(info));
}

