/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Synchronization objects: events, mutants, semaphores, timers.  Their
 * state is guarded by ntos_wait_lock (personality/wait.c).
 */
#ifndef _NTOS_SYNC_H
#define _NTOS_SYNC_H

#include <linux/types.h>
#include <linux/uaccess.h>

#include "../personality/status.h"

struct ntos_object;

extern struct ntos_object_type ntos_event_type;
extern struct ntos_object_type ntos_mutant_type;
extern struct ntos_object_type ntos_semaphore_type;
extern struct ntos_object_type ntos_timer_type;

/* the "signal" half of NtSignalAndWaitForSingleObject */
ntstatus_t ntos_event_set(struct ntos_object *obj, s32 *prev);
ntstatus_t ntos_mutant_release(struct ntos_object *obj, s32 *prev);
ntstatus_t ntos_semaphore_release(struct ntos_object *obj, s32 count, s32 *prev);

/* NtQueryXxx of a fixed-size struct: the class and exact length come first */
ntstatus_t ntos_query_check(u32 class, u32 len, u32 size);
/* then the buffer (ULONG-aligned) and ReturnLength are probed, before the handle */
ntstatus_t ntos_query_probe(u64 ubuf, u32 size, u64 ureturn);
ntstatus_t ntos_query_copy(u64 ubuf, u64 ureturn, const void *info, u32 size);
/* an out-parameter is probed (read and written back) before anything is done */
ntstatus_t ntos_probe_write(u64 uaddr, u32 size);

/* an optional LONG/BOOLEAN out-parameter (0: none) */
static inline ntstatus_t ntos_put_s32(u64 uaddr, s32 v)
{
	if (uaddr && put_user(v, (s32 __user *)u64_to_user_ptr(uaddr)))
		return STATUS_ACCESS_VIOLATION;
	return STATUS_SUCCESS;
}

static inline ntstatus_t ntos_put_u8(u64 uaddr, u8 v)
{
	if (uaddr && put_user(v, (u8 __user *)u64_to_user_ptr(uaddr)))
		return STATUS_ACCESS_VIOLATION;
	return STATUS_SUCCESS;
}

#endif /* _NTOS_SYNC_H */
