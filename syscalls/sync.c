// SPDX-License-Identifier: GPL-2.0
/*
 * Waiting and alerting: NtWaitForSingleObject, NtWaitForMultipleObjects,
 * NtSignalAndWaitForSingleObject, NtDelayExecution, NtYieldExecution,
 * NtAlertThread, NtTestAlert.
 *
 * A wait interrupted by a Linux signal is restarted (ntos_ret_restart()):
 * the handler runs and the NT call is made again (a relative timeout
 * starts over).
 */
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "service.h"
#include "../personality/syncobj.h"
#include "../personality/handle.h"
#include "../personality/process.h"
#include "../personality/wait.h"

/*
 * Reference a handle to wait on.  A type that cannot be waited on is an
 * OBJECT_TYPE_MISMATCH (checked before access, so that it is reported as
 * such); a handle without SYNCHRONIZE is ACCESS_DENIED.
 */
static ntstatus_t ntos_wait_ref(u64 handle, struct ntos_object **objp)
{
	struct ntos_handle_entry e;
	ntstatus_t status;

	status = ntos_handle_ref(handle, NULL, 0, objp, &e);
	if (status)
		return status;
	if (!(*objp)->type->wait_ops)
		status = STATUS_OBJECT_TYPE_MISMATCH;
	else if (!(e.access & NT_SYNCHRONIZE))
		status = STATUS_ACCESS_DENIED;
	if (status) {
		ntos_object_put(*objp);
		*objp = NULL;
	}
	return status;
}

/* ntos_wait_ref's checks on an object borrowed under RCU (ntos_handle_peek) */
static ntstatus_t ntos_wait_peek(u64 handle, struct ntos_object **objp)
{
	struct ntos_handle_entry e;
	ntstatus_t status;

	status = ntos_handle_peek(handle, NULL, 0, objp, &e);
	if (status)
		return status;
	if (!(*objp)->type->wait_ops)
		return STATUS_OBJECT_TYPE_MISMATCH;
	if (!(e.access & NT_SYNCHRONIZE))
		return STATUS_ACCESS_DENIED;
	return STATUS_SUCCESS;
}

/*
 * First without a reference or a sleep, under RCU: a signaled object (and
 * a poll) is answered there.  A wait that must sleep references the object
 * it found and makes the full wait; if the object died meanwhile, its
 * handle was closed: the lookup starts over.
 */
static ntos_ret_t ntos_nt_wait_for_single_object(u64 handle, u8 alertable, u64 utimeout)
{
	struct ntos_timeout timeout;
	struct ntos_object *obj;
	ntstatus_t status;
	ntos_ret_t ret;

	status = ntos_timeout_capture(&timeout, utimeout);
	if (status)
		return ntos_ret(status);
	rcu_read_lock_sched();		/* object.h */
	status = ntos_wait_peek(handle, &obj);
	if (!status)
		status = ntos_wait_one_nosleep(obj, alertable, &timeout);
	if (status == NTOS_STATUS_AGAIN && obj && !ntos_object_tryget(obj))
		obj = NULL;
	rcu_read_unlock_sched();
	if (status != NTOS_STATUS_AGAIN)
		return ntos_ret(status);
	if (!obj) {		/* no Thread object for NtCurrentThread(), or closed */
		status = ntos_wait_ref(handle, &obj);
		if (status)
			return ntos_ret(status);
	}
	ret = ntos_wait(&obj, 1, false, alertable, &timeout);
	ntos_object_put(obj);
	return ret;
}

/* Find the objects of @handles for a multiple wait: see below. */
static ntstatus_t ntos_wait_multiple_lookup(const u64 *handles, unsigned int count, bool all,
					    struct ntos_object **objs, bool borrow)
{
	ntstatus_t status = STATUS_SUCCESS;
	unsigned int i, j, n;

	for (n = 0; n < count; n++) {
		/* here the pseudo-handles are not accepted, as on Windows */
		if (handles[n] == NT_CURRENT_PROCESS || handles[n] == NT_CURRENT_THREAD)
			status = STATUS_INVALID_HANDLE;
		else if (borrow)
			status = ntos_wait_peek(handles[n], &objs[n]);
		else
			status = ntos_wait_ref(handles[n], &objs[n]);
		if (status)
			break;
	}
	for (i = 0; i < n && !status && all; i++)
		for (j = i + 1; j < n; j++)
			if (objs[i] == objs[j])
				status = STATUS_INVALID_PARAMETER_MIX;
	if (status && !borrow)
		while (n--)
			ntos_object_put(objs[n]);
	return status;
}

/*
 * As a single wait: first with the objects borrowed under RCU, which
 * answers every wait that does not sleep; a wait that must sleep
 * references them all, or (one was closed meanwhile) looks them up again
 * with references.  The arrays are not zeroed on entry (the kernels zero
 * stack variables): only the first @count entries are ever read.
 */
static ntos_ret_t ntos_nt_wait_for_multiple_objects(u32 count, u64 uhandles, u32 type,
						    u8 alertable, u64 utimeout)
{
	struct ntos_object *objs[NTOS_MAX_WAIT_OBJECTS] __uninitialized;
	u64 handles[NTOS_MAX_WAIT_OBJECTS] __uninitialized;
	bool all = type == NT_WAIT_ALL;
	struct ntos_timeout timeout;
	unsigned int n;
	ntstatus_t status;
	ntos_ret_t ret;

	if (!count || count > NTOS_MAX_WAIT_OBJECTS)
		return ntos_ret(STATUS_INVALID_PARAMETER_1);
	if (type != NT_WAIT_ALL && type != NT_WAIT_ANY)
		return ntos_ret(STATUS_INVALID_PARAMETER_3);
	status = ntos_timeout_capture(&timeout, utimeout);
	if (status)
		return ntos_ret(status);
	if (copy_from_user(handles, u64_to_user_ptr(uhandles), count * sizeof(u64)))
		return ntos_ret(STATUS_ACCESS_VIOLATION);

	rcu_read_lock_sched();		/* object.h */
	status = ntos_wait_multiple_lookup(handles, count, all, objs, true);
	if (!status)
		status = ntos_wait_nosleep(objs, count, all, alertable, &timeout);
	if (status == NTOS_STATUS_AGAIN) {
		for (n = 0; n < count && ntos_object_tryget(objs[n]); n++)
			;
		if (n < count) {	/* closed meanwhile: start over */
			while (n--)
				ntos_object_put(objs[n]);
			status = NTOS_STATUS_STALE;
		}
	}
	rcu_read_unlock_sched();
	if (status == NTOS_STATUS_STALE) {
		status = ntos_wait_multiple_lookup(handles, count, all, objs, false);
		if (status)
			return ntos_ret(status);
	} else if (status != NTOS_STATUS_AGAIN) {
		return ntos_ret(status);
	}
	ret = ntos_wait(objs, count, all, alertable, &timeout);
	for (n = 0; n < count; n++)
		ntos_object_put(objs[n]);
	return ret;
}

/* Signal an event, mutant or semaphore, with the access each needs. */
static ntstatus_t ntos_signal_object(struct ntos_object *obj, u32 access)
{
	ntstatus_t status;
	s32 prev;

	if (obj->type == &ntos_event_type)
		return (access & EVENT_MODIFY_STATE) ? ntos_event_set(obj, &prev) :
		       STATUS_ACCESS_DENIED;
	if (obj->type == &ntos_mutant_type) {
		rcu_read_lock();
		status = ntos_mutant_release(obj, &prev);
		rcu_read_unlock();
		return status;
	}
	if (obj->type == &ntos_semaphore_type)
		return (access & SEMAPHORE_MODIFY_STATE) ? ntos_semaphore_release(obj, 1, &prev) :
		       STATUS_ACCESS_DENIED;
	return STATUS_OBJECT_TYPE_MISMATCH;
}

/*
 * Windows' order: the signal handle is referenced (any type, no access),
 * then the wait handle; only then is the signal object's type and access
 * checked and the object signaled.  A failed signal means no wait.
 */
static ntos_ret_t ntos_nt_signal_and_wait_for_single_object(u64 signal, u64 handle, u8 alertable,
							    u64 utimeout)
{
	struct ntos_object *obj, *sobj;
	struct ntos_handle_entry e;
	struct ntos_timeout timeout;
	ntstatus_t status;
	ntos_ret_t ret;

	status = ntos_timeout_capture(&timeout, utimeout);
	if (status)
		return ntos_ret(status);
	status = ntos_handle_ref(signal, NULL, 0, &sobj, &e);
	if (status)
		return ntos_ret(status);
	status = ntos_wait_ref(handle, &obj);
	if (status) {
		ntos_object_put(sobj);
		return ntos_ret(status);
	}
	status = ntos_signal_object(sobj, e.access);
	ret = status ? ntos_ret(status) : ntos_wait(&obj, 1, false, alertable, &timeout);
	ntos_object_put(obj);
	ntos_object_put(sobj);
	return ret;
}

/*
 * Give the CPU to a thread the scheduler wants to run now, if there is one
 * (NT: a ready thread), and say whether that happened.
 */
static ntstatus_t ntos_yield(void)
{
	return cond_resched() ? STATUS_SUCCESS : STATUS_NO_YIELD_PERFORMED;
}

static ntos_ret_t ntos_nt_delay_execution(u8 alertable, u64 uinterval)
{
	struct ntos_timeout timeout;
	ntstatus_t status;
	ntos_ret_t ret;

	if (uinterval & (sizeof(u32) - 1))
		return ntos_ret(STATUS_DATATYPE_MISALIGNMENT);
	if (!uinterval)
		return ntos_ret(STATUS_ACCESS_VIOLATION);
	status = ntos_timeout_capture(&timeout, uinterval);
	if (status)
		return ntos_ret(status);
	if (timeout.poll && !alertable)
		return ntos_ret(ntos_yield());
	ret = ntos_wait(NULL, 0, false, alertable, &timeout);
	return ntos_ret_is(ret, STATUS_TIMEOUT) ? ntos_ret(STATUS_SUCCESS) : ret;
}

static ntstatus_t ntos_nt_yield_execution(void)
{
	return ntos_yield();
}

static ntstatus_t ntos_nt_alert_thread(u64 handle)
{
	struct ntos_object *obj;
	ntstatus_t status;

	status = ntos_handle_ref(handle, &ntos_thread_type, THREAD_ALERT, &obj, NULL);
	if (status)
		return status;
	ntos_alert_thread(container_of(obj, struct ntos_thread, obj));
	ntos_object_put(obj);
	return STATUS_SUCCESS;
}

static ntstatus_t ntos_nt_test_alert(void)
{
	struct ntos_thread *thread = ntos_thread_self();	/* borrowed */

	if (!thread)
		return STATUS_NO_MEMORY;
	return ntos_test_alert(thread) ? STATUS_ALERTED : STATUS_SUCCESS;
}
