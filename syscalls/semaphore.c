// SPDX-License-Identifier: GPL-2.0
/*
 * Semaphores: NtCreateSemaphore, NtOpenSemaphore, NtReleaseSemaphore,
 * NtQuerySemaphore.  Each satisfied wait takes one unit.
 */
#include <linux/slab.h>

#include "create.h"
#include "../personality/handle.h"
#include "../personality/syncobj.h"
#include "../personality/wait.h"

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

