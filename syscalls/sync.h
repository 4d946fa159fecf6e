/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Synchronization objects: events, mutants, semaphores, timers.  Their
 * state is guarded by ntos_wait_lock (personality/wait.c).
 */
#ifndef _NTOS_SYNC_H
#define _NTOS_SYNC_H

#include <linux/types.h>

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

#endif /* _NTOS_SYNC_H */
