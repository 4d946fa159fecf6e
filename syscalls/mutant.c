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
#include "sync.h"
#include "../personality/handle.h"
#include "../personality/process.h"
#include "../personality/wait.h"

struct ntos_mutant {
	struct ntos_object obj;
	/* under ntos_wait_lock */
	struct ntos_thread *owner;
	/* in owner->mutants; an hlist: no order needed, no list-debug call */
	struct hlist_node owned;
	s32 count;
	bool abandoned;
};

static struct ntos_mutant *ntos_to_mutant(struct ntos_object *obj)
{
	return container_of(obj, struct ntos_mutant, obj);
}

bool ntos_mutant_signaled(struct ntos_object *obj, struct ntos_thread *thread)
{
	struct ntos_mutant *m = ntos_to_mutant(obj);

	return !m->owner || (m->owner == thread && m->count > S32_MIN);
}

bool ntos_mutant_acquire(struct ntos_object *obj, struct ntos_thread *thread)
{
	struct ntos_mutant *m = ntos_to_mutant(obj);
	bool abandoned = m->abandoned;

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

ntstatus_t ntos_mutant_release(struct ntos_object *obj, s32 *prev)
{
	return ntos_mutant_do_release(obj, prev);
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

