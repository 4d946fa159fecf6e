/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sync.h: ntdll's own lock, for its data shared between threads (the
 * loader's lists, a heap): interlocked exchange, NtYieldExecution while
 * busy.  Not RTL_CRITICAL_SECTION: nothing outside ntdll sees it.
 */
#ifndef NTDLL_SYNC_H
#define NTDLL_SYNC_H

#include "peb.h"
#include "syscalls.h"

struct ntdll_lock {
	volatile LONG word;		/* 0 free, 1 held */
	volatile DWORD owner;		/* thread id of the holder (recursive locks) */
	unsigned int depth;
};

static inline void ntdll_lock_acquire(struct ntdll_lock *l)
{
	while (__atomic_exchange_n(&l->word, 1, __ATOMIC_ACQUIRE))
		NtYieldExecution();
}

static inline void ntdll_lock_release(struct ntdll_lock *l)
{
	__atomic_store_n(&l->word, 0, __ATOMIC_RELEASE);
}

/* recursive: DllMain may call LdrLoadDll while the loader holds the lock */
static inline void ntdll_lock_acquire_rec(struct ntdll_lock *l)
{
	DWORD me = ntdll_thread_id();

	if (l->word && l->owner == me) {
		l->depth++;
		return;
	}
	ntdll_lock_acquire(l);
	l->owner = me;
	l->depth = 1;
}

static inline void ntdll_lock_release_rec(struct ntdll_lock *l)
{
	if (--l->depth)
		return;
	l->owner = 0;
	ntdll_lock_release(l);
}

/* sync.c: PEB->FastPebLock, at process start */
void ntdll_sync_process_init(BYTE *peb);

/*
 * sync.c: critical sections skip the bus lock while the process has one
 * thread.  Whatever starts a second thread (RtlCreateUserThread, a
 * NtCreateThreadEx wrapper) must call this BEFORE the new thread can run;
 * a thread started from outside (another process) must call it first thing
 * in ntdll's thread start.  There is no way back.
 */
void ntdll_sync_multi_thread(void);

#endif
