// SPDX-License-Identifier: GPL-2.0
/*
 * Byte-range locks: NtLockFile and NtUnlockFile (the rules are in
 * personality/filelock.c).  A lock needs a handle that may read or write
 * the file; FailImmediately says whether a held range fails the call
 * (STATUS_LOCK_NOT_GRANTED) or waits for it, interruptibly (a signal makes
 * the call again).  An unlock names exactly a lock the File object holds
 * with that key, else STATUS_RANGE_NOT_LOCKED.  The locks of a File object
 * go when its last handle closes.  The IO_STATUS_BLOCK may be NULL: Wine's
 * kernelbase (LockFileEx, UnlockFile) passes none.  Synchronous only: an event is signaled
 * when the lock is granted, an APC routine refused.
 */
#include <linux/uaccess.h>

#include "service.h"
#include "../personality/file.h"
#include "../personality/handle.h"
#include "../personality/object.h"
#include "../personality/syncobj.h"
#include "../personality/uaccess.h"

#define NTOS_FILE_READ_DATA	0x0001
#define NTOS_FILE_WRITE_DATA	0x0002

/*
 * ByteOffset and Length, unsigned 64-bit as Windows takes them (a lock may
 * reach the last byte of 2^64): a range that wraps past it is
 * STATUS_INVALID_LOCK_RANGE.
 */
static ntstatus_t ntos_lock_range(u64 uoffset, u64 ulength, u64 *start, u64 *len)
{
	if (get_user(*start, (u64 __user *)u64_to_user_ptr(uoffset)) ||
	    get_user(*len, (u64 __user *)u64_to_user_ptr(ulength)))
		return STATUS_ACCESS_VIOLATION;
	if (*len && *start + (*len - 1) < *start)
		return STATUS_INVALID_LOCK_RANGE;
	return STATUS_SUCCESS;
}

/* a handle that may read or write: which one is enough */
static ntstatus_t ntos_lock_handle(u64 handle, struct ntos_object **obj)
{
	struct ntos_handle_entry info;
	ntstatus_t status;

	status = ntos_handle_ref(handle, &ntos_file_type, 0, obj, &info);
	if (status)
		return status;
	if (!(info.access & (NTOS_FILE_READ_DATA | NTOS_FILE_WRITE_DATA))) {
		ntos_object_put(*obj);
		return STATUS_ACCESS_DENIED;
	}
	return STATUS_SUCCESS;
}

/*
 * NtLockFile(FileHandle, Event, ApcRoutine, ApcContext, IoStatusBlock,
 * ByteOffset, Length, Key, FailImmediately, ExclusiveLock)
 */
static ntos_ret_t ntos_nt_lock_file(u64 handle, u64 event, u64 apc, u64 apc_context, u64 uiosb,
				    u64 uoffset, u64 ulength, u32 key, u8 fail_now, u8 exclusive)
{
	struct ntos_object *obj, *ev = NULL;
	ntstatus_t status;
	u64 start, len;
	s32 prev;
	int err;

	if (apc)
		return ntos_ret(STATUS_NOT_SUPPORTED);
	status = ntos_lock_range(uoffset, ulength, &start, &len);
	if (status)
		return ntos_ret(status);
	/* probed for writing first, as Windows does: a lock is never taken and then not told */
	if (uiosb && clear_user(u64_to_user_ptr(uiosb), 2 * sizeof(u64)))
		return ntos_ret(STATUS_ACCESS_VIOLATION);
	status = ntos_lock_handle(handle, &obj);
	if (status)
		return ntos_ret(status);
	if (event) {
		status = ntos_handle_ref(event, &ntos_event_type, EVENT_MODIFY_STATE, &ev, NULL);
		if (status)
			goto out;
	}
	err = ntos_file_lock(ntos_file_obj(obj), key, start, len, exclusive, !fail_now);
	if (err == -ERESTARTSYS) {
		ntos_object_put(ev);
		ntos_object_put(obj);
		return ntos_errno_ret(err);
	}
	status = err == -EAGAIN ? STATUS_LOCK_NOT_GRANTED : err == -ENOMEM ? STATUS_NO_MEMORY :
		 err ? STATUS_INVALID_HANDLE : STATUS_SUCCESS;
	/* Wine's kernelbase (LockFileEx) passes no IO_STATUS_BLOCK: none is written then */
	if (!status && uiosb)
		status = ntos_put_iosb(uiosb, STATUS_SUCCESS, 0);
	if (ev && status == STATUS_SUCCESS)
		ntos_event_set(ev, &prev);
out:
	ntos_object_put(ev);
	ntos_object_put(obj);
	return ntos_ret(status);
}

/* NtUnlockFile(FileHandle, IoStatusBlock, ByteOffset, Length, Key) */
static ntos_ret_t ntos_nt_unlock_file(u64 handle, u64 uiosb, u64 uoffset, u64 ulength, u32 key)
{
	struct ntos_object *obj;
	ntstatus_t status;
	u64 start, len;

	status = ntos_lock_range(uoffset, ulength, &start, &len);
	if (status)
		return ntos_ret(status);
	status = ntos_lock_handle(handle, &obj);
	if (status)
		return ntos_ret(status);
	if (!ntos_file_unlock(ntos_file_obj(obj), key, start, len))
		status = STATUS_RANGE_NOT_LOCKED;
	else if (uiosb)			/* Wine's UnlockFile passes none */
		status = ntos_put_iosb(uiosb, STATUS_SUCCESS, 0);
	ntos_object_put(obj);
	return ntos_ret(status);
}
