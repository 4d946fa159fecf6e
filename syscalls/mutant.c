// SPDX-License-Identifier: GPL-2.0
/*
 * Mutants: NtCreateMutant, NtOpenMutant, NtReleaseMutant, NtQueryMutant.
 *
 * A mutant is owned by a thread, recursively.  Its count is Windows'
 * signal state: 1 when free, 0 when owned once, -n when owned n + 1 times.
 * When its owner exits it is abandoned: the next thread to get it is told
 * so (STATUS_ABANDONED_WAIT_0 + i) and owns it from then on.
 */
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "create.h"
#include "service.h"
#include "../personality/handle.h"
#include "../personality/process.h"
#include "../personality/syncobj.h"
#include "../personality/wait.h"

static ntstatus_t ntos_nt_create_mutant(u64 uhandle, u32 access, u64 uoa, u8 initial_owner)
{
	struct ntos_thread *thread;
	struct ntos_mutant *m;
	ntstatus_t status;

	status = ntos_clear_handle_out(uhandle);
	if (status)
		return status;
	m = kzalloc(sizeof(*m), GFP_KERNEL_ACCOUNT);
	if (!m)
		return STATUS_NO_MEMORY;
	ntos_object_init(&m->obj, &ntos_mutant_type);
	m->count = 1;
	if (initial_owner) {
		thread = ntos_thread_self();
		if (!thread) {
			ntos_object_put(&m->obj);
			return STATUS_NO_MEMORY;
		}
		spin_lock_bh(&ntos_wait_lock);
		ntos_mutant_acquire(&m->obj, thread);
		spin_unlock_bh(&ntos_wait_lock);
	}
	return ntos_create_named(uhandle, access, uoa, &m->obj);
}

static ntstatus_t ntos_nt_open_mutant(u64 uhandle, u32 access, u64 uoa)
{
	return ntos_open_object(uhandle, access, uoa, &ntos_mutant_type);
}

/* NtReleaseMutant needs no access right, as on Windows. */
static ntstatus_t ntos_nt_release_mutant(u64 handle, u64 uprev)
{
	struct ntos_object *obj;
	ntstatus_t status;
	s32 prev;

	/* PreviousCount is probed first, even for a caller that is not the owner */
	if (uprev) {
		status = ntos_probe_write(uprev, sizeof(prev));
		if (status)
			return status;
	}
	/* borrowed under RCU, no reference: a release never sleeps */
	rcu_read_lock_sched();		/* object.h */
	status = ntos_handle_peek(handle, &ntos_mutant_type, 0, &obj, NULL);
	if (!status)
		status = ntos_mutant_do_release(obj, &prev);
	rcu_read_unlock_sched();
	if (status == STATUS_SUCCESS)
		status = ntos_put_s32(uprev, prev);
	return status;
}

static ntstatus_t ntos_nt_query_mutant(u64 handle, u32 class, u64 ubuf, u32 len, u64 ureturn)
{
	struct nt_mutant_basic_information basic = {};
	struct nt_client_id owner = {};
	struct ntos_thread *thread;
	struct ntos_object *obj;
	struct ntos_mutant *m;
	ntstatus_t status;
	u32 size;

	size = class == 1 ? sizeof(owner) : sizeof(basic);
	status = ntos_query_check(class == 1 ? 0 : class, len, size);
	if (!status)
		status = ntos_query_probe(ubuf, size, ureturn);
	if (status)
		return status;
	status = ntos_handle_ref(handle, &ntos_mutant_type, MUTANT_QUERY_STATE, &obj, NULL);
	if (status)
		return status;
	m = ntos_to_mutant(obj);
	rcu_read_lock();
	thread = ntos_thread_self_peek();	/* borrowed; NULL: owns nothing */
	spin_lock_bh(&ntos_wait_lock);
	basic.current_count = m->count;
	basic.owned_by_caller = thread && m->owner == thread;
	basic.abandoned_state = m->abandoned;
	if (m->owner) {
		owner.unique_process = m->owner->pid;
		owner.unique_thread = m->owner->tid;
	}
	spin_unlock_bh(&ntos_wait_lock);
	rcu_read_unlock();
	ntos_object_put(obj);
	if (class == 1)
		return ntos_query_copy(ubuf, ureturn, &owner, sizeof(owner));
	/* the two padding bytes are left as they were, as on Windows */
	if (copy_to_user(u64_to_user_ptr(ubuf), &basic,
			 offsetofend(struct nt_mutant_basic_information, abandoned_state)))
		return STATUS_ACCESS_VIOLATION;
	return ntos_put_u32(ureturn, sizeof(basic));
}

