// SPDX-License-Identifier: GPL-2.0
/*
 * Events: NtCreateEvent, NtOpenEvent, NtSetEvent, NtResetEvent,
 * NtClearEvent, NtPulseEvent, NtQueryEvent.  A notification (manual-reset)
 * event wakes every waiter; a synchronization (auto-reset) event is
 * consumed by the one waiter it satisfies.
 */
#include <linux/rcupdate.h>
#include <linux/slab.h>

#include "create.h"
#include "../personality/handle.h"
#include "../personality/process.h"
#include "../personality/syncobj.h"
#include "../personality/wait.h"

static ntstatus_t ntos_nt_create_event(u64 uhandle, u32 access, u64 uoa, u32 type, u8 initial)
{
	struct ntos_event *event;
	ntstatus_t status;

	status = ntos_clear_handle_out(uhandle);
	if (status)
		return status;
	if (type != NT_NOTIFICATION_EVENT && type != NT_SYNCHRONIZATION_EVENT)
		return STATUS_INVALID_PARAMETER;
	event = kzalloc(sizeof(*event), GFP_KERNEL_ACCOUNT);
	if (!event)
		return STATUS_NO_MEMORY;
	ntos_object_init(&event->obj, &ntos_event_type);
	event->manual = type == NT_NOTIFICATION_EVENT;
	event->state = initial;
	/* not published yet: no lock needed */
	event->obj.ready = event->manual && initial;
	return ntos_create_named(uhandle, access, uoa, &event->obj);
}

static ntstatus_t ntos_nt_open_event(u64 uhandle, u32 access, u64 uoa)
{
	return ntos_open_object(uhandle, access, uoa, &ntos_event_type);
}

static ntstatus_t ntos_event_op(u64 handle, u64 uprev, enum ntos_event_op op)
{
	struct ntos_object *obj;
	ntstatus_t status;
	s32 prev;

	/* PreviousState is probed before the handle is looked at */
	if (uprev) {
		status = ntos_probe_write(uprev, sizeof(prev));
		if (status)
			return status;
	}
	/* borrowed under RCU, no reference: applying the change never sleeps */
	rcu_read_lock_sched();		/* object.h */
	status = ntos_handle_peek(handle, &ntos_event_type, EVENT_MODIFY_STATE, &obj, NULL);
	if (!status)
		prev = ntos_event_apply(ntos_to_event(obj), op);
	rcu_read_unlock_sched();
	if (status)
		return status;
	return ntos_put_s32(uprev, prev);
}

static ntstatus_t ntos_nt_set_event(u64 handle, u64 uprev)
{
	return ntos_event_op(handle, uprev, NTOS_EVENT_SET);
}

static ntstatus_t ntos_nt_reset_event(u64 handle, u64 uprev)
{
	return ntos_event_op(handle, uprev, NTOS_EVENT_RESET);
}

static ntstatus_t ntos_nt_clear_event(u64 handle)
{
	return ntos_event_op(handle, 0, NTOS_EVENT_RESET);
}

static ntstatus_t ntos_nt_pulse_event(u64 handle, u64 uprev)
{
	return ntos_event_op(handle, uprev, NTOS_EVENT_PULSE);
}

static ntstatus_t ntos_nt_query_event(u64 handle, u32 class, u64 ubuf, u32 len, u64 ureturn)
{
	struct nt_event_basic_information info = {};
	struct ntos_object *obj;
	struct ntos_event *event;
	ntstatus_t status;

	status = ntos_query_check(class, len, sizeof(info));
	if (!status)
		status = ntos_query_probe(ubuf, sizeof(info), ureturn);
	if (status)
		return status;
	status = ntos_handle_ref(handle, &ntos_event_type, EVENT_QUERY_STATE, &obj, NULL);
	if (status)
		return status;
	event = ntos_to_event(obj);
	spin_lock_bh(&ntos_wait_lock);
	info.event_type = event->manual ? NT_NOTIFICATION_EVENT : NT_SYNCHRONIZATION_EVENT;
	info.event_state = event->state;
	spin_unlock_bh(&ntos_wait_lock);
	ntos_object_put(obj);
	return ntos_query_copy(ubuf, ureturn, &info, sizeof(info));
}

