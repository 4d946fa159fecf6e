// SPDX-License-Identifier: GPL-2.0
/*
 * Semaphores: NtCreateSemaphore, NtOpenSemaphore, NtReleaseSemaphore,
 * NtQuerySemaphore.  Each satisfied wait takes one unit.
 */
#include <linux/slab.h>

#include "create.h"
#include "sync.h"
#include "../personality/handle.h"
#include "../personality/wait.h"

struct ntos_semaphore {
	struct ntos_object obj;
	s32 count;		/* under ntos_wait_lock */
	s32 max;
};

static struct ntos_semaphore *ntos_to_semaphore(struct ntos_object *obj)
{
	return container_of(obj, struct ntos_semaphore, obj);
}

bool ntos_semaphore_signaled(struct ntos_object *obj, struct ntos_thread *thread)
{
	return ntos_to_semaphore(obj)->count > 0;
}

bool ntos_semaphore_acquire(struct ntos_object *obj, struct ntos_thread *thread)
{
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

static ntstatus_t ntos_nt_create_semaphore(u64 uhandle, u32 access, u64 uoa, s32 initial, s32 max)
{
	struct ntos_semaphore *sem;
	ntstatus_t status;

	status = ntos_clear_handle_out(uhandle);
	if (status)
		return status;
	if (max <= 0 || initial < 0 || initial > max)
		return STATUS_INVALID_PARAMETER;
	sem = kzalloc(sizeof(*sem), GFP_KERNEL_ACCOUNT);
	if (!sem)
		return STATUS_NO_MEMORY;
	ntos_object_init(&sem->obj, &ntos_semaphore_type);
	sem->count = initial;
	sem->max = max;
	return ntos_create_named(uhandle, access, uoa, &sem->obj);
}

static ntstatus_t ntos_nt_open_semaphore(u64 uhandle, u32 access, u64 uoa)
{
	return ntos_open_object(uhandle, access, uoa, &ntos_semaphore_type);
}

/* Past the maximum nothing changes: STATUS_SEMAPHORE_LIMIT_EXCEEDED. */
ntstatus_t ntos_semaphore_release(struct ntos_object *obj, s32 count, s32 *prev)
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

static ntstatus_t ntos_nt_release_semaphore(u64 handle, s32 count, u64 uprev)
{
	struct ntos_object *obj;
	ntstatus_t status;
	s32 prev;

	/* PreviousCount is probed first, then the count, then the handle */
	if (uprev) {
		status = ntos_probe_write(uprev, sizeof(prev));
		if (status)
			return status;
	}
	if (count <= 0)
		return STATUS_INVALID_PARAMETER;
	status = ntos_handle_ref(handle, &ntos_semaphore_type, SEMAPHORE_MODIFY_STATE, &obj,
				 NULL);
	if (status)
		return status;
	status = ntos_semaphore_release(obj, count, &prev);
	ntos_object_put(obj);
	if (status == STATUS_SUCCESS)
		status = ntos_put_s32(uprev, prev);
	return status;
}

static ntstatus_t ntos_nt_query_semaphore(u64 handle, u32 class, u64 ubuf, u32 len, u64 ureturn)
{
	struct nt_semaphore_basic_information info = {};
	struct ntos_semaphore *sem;
	struct ntos_object *obj;
	ntstatus_t status;

	/* unlike the other types, the buffer is probed before the class and length */
	status = ntos_query_probe(ubuf, sizeof(info), ureturn);
	if (!status)
		status = ntos_query_check(class, len, sizeof(info));
	if (status)
		return status;
	status = ntos_handle_ref(handle, &ntos_semaphore_type, SEMAPHORE_QUERY_STATE, &obj, NULL);
	if (status)
		return status;
	sem = ntos_to_semaphore(obj);
	spin_lock_bh(&ntos_wait_lock);
	info.current_count = sem->count;
	info.maximum_count = sem->max;
	spin_unlock_bh(&ntos_wait_lock);
	ntos_object_put(obj);
	return ntos_query_copy(ubuf, ureturn, &info, sizeof(info));
}

