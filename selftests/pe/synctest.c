// SPDX-License-Identifier: GPL-2.0
/*
 * synctest.exe: ntdll's synchronization runtime as Windows x64 gives it,
 * from one thread: critical sections (the fields after each step,
 * recursion, TryEnter, an unmatched Leave, Delete, bad spin counts and
 * flags), the PEB lock behind PEB->FastPebLock, SRW locks (try-acquire
 * against shared and exclusive owners), condition variables (a timed
 * sleep gives STATUS_TIMEOUT and holds the lock again), RtlWaitOnAddress
 * (a different value returns at once, the same one times out), wakes
 * with nobody waiting, run once (ExecuteOnce, Begin/Complete, the
 * CHECK_ONLY and ASYNC rules) and interlocked SLists (LIFO order, depth,
 * flush, pushing a chain).
 *
 * Where Wine's ntdll differs from Windows the check says which it expects
 * from which (Wine runs these programs as a second opinion on the tests).
 */
#include "ntdllrt.h"

#define P "synctest"

#define CS_NO_DEBUG_INFO	0x01000000
#define CS_DEFAULT_SPIN		0x020007d0	/* DYNAMIC_SPIN | 2000, with 2+ processors */
#define NO_DEBUG		((RTL_CRITICAL_SECTION_DEBUG *)~0ULL)
#define RUN_ONCE_CHECK_ONLY	1
#define RUN_ONCE_ASYNC		2
#define RUN_ONCE_INIT_FAILED	4
#define LOCKMODE_SHARED		1

static int wine;

static HANDLE my_tid(void)
{
	HANDLE h;

	__asm__("mov %%gs:0x48, %0" : "=r"(h));	/* TEB ClientId.UniqueThread */
	return h;
}

static ULONG processors(void)
{
	return *(ULONG *)(nt_peb() + 0xb8);
}

static ULONG_PTR default_spin(void)
{
	if (wine)
		return 0;
	return processors() > 1 ? CS_DEFAULT_SPIN : 0;
}

static LONGLONG now(void)
{
	LARGE_INTEGER t;

	NtQuerySystemTime(&t);
	return t.QuadPart;
}

static void check_cs(void)
{
	RTL_CRITICAL_SECTION cs;
	RTL_CRITICAL_SECTION_DEBUG *d;

	memset(&cs, 0x11, sizeof(cs));		/* every field is set */
	CHECK(P, RtlInitializeCriticalSection(&cs) == STATUS_SUCCESS);
	d = cs.DebugInfo;
	CHECK(P, d && d != NO_DEBUG);
	CHECK(P, cs.LockCount == -1 && cs.RecursionCount == 0 && !cs.OwningThread &&
		 !cs.LockSemaphore && cs.SpinCount == default_spin());
	if (d && d != NO_DEBUG) {
		CHECK(P, d->Type == 0 && d->CriticalSection == &cs);
		CHECK(P, d->ProcessLocksList.Flink->Blink == &d->ProcessLocksList);
		CHECK(P, d->ContentionCount == 0 && d->EntryCount == 0);
		/* what Wine's msvcrt does right after InitializeCriticalSection */
		d->Spare = (ULONG_PTR)"synctest: cs";
	}

	CHECK(P, RtlEnterCriticalSection(&cs) == STATUS_SUCCESS);
	CHECK(P, cs.LockCount == (wine ? 0 : -2));	/* Windows since Vista: -2, owned */
	CHECK(P, cs.RecursionCount == 1 && cs.OwningThread == my_tid());
	CHECK(P, RtlEnterCriticalSection(&cs) == STATUS_SUCCESS);
	CHECK(P, cs.LockCount == (wine ? 1 : -2) && cs.RecursionCount == 2);
	CHECK(P, RtlTryEnterCriticalSection(&cs));	/* the owner may */
	CHECK(P, cs.RecursionCount == 3 && cs.OwningThread == my_tid());
	CHECK(P, RtlLeaveCriticalSection(&cs) == STATUS_SUCCESS);
	CHECK(P, RtlLeaveCriticalSection(&cs) == STATUS_SUCCESS);
	CHECK(P, cs.RecursionCount == 1 && cs.OwningThread == my_tid());
	CHECK(P, RtlLeaveCriticalSection(&cs) == STATUS_SUCCESS);
	CHECK(P, cs.LockCount == -1 && cs.RecursionCount == 0 && !cs.OwningThread);
	CHECK(P, !cs.LockSemaphore);	/* never contended: no event */

	CHECK(P, RtlTryEnterCriticalSection(&cs));
	CHECK(P, cs.RecursionCount == 1 && cs.OwningThread == my_tid());
	CHECK(P, cs.LockCount == (wine ? 0 : -2));
	CHECK(P, RtlLeaveCriticalSection(&cs) == STATUS_SUCCESS && cs.LockCount == -1);

	/* a leave without an enter: RecursionCount goes negative, the lock is left alone */
	CHECK(P, RtlLeaveCriticalSection(&cs) == STATUS_SUCCESS);
	CHECK(P, cs.LockCount == -1 && cs.RecursionCount == -1 && !cs.OwningThread);
	CHECK(P, RtlEnterCriticalSection(&cs) == STATUS_SUCCESS && cs.RecursionCount == 1);
	CHECK(P, RtlLeaveCriticalSection(&cs) == STATUS_SUCCESS);
	CHECK(P, cs.LockCount == -1 && cs.RecursionCount == 0);

	if (d && d != NO_DEBUG)
		d->Spare = 0;		/* as msvcrt does before DeleteCriticalSection */
	CHECK(P, RtlDeleteCriticalSection(&cs) == STATUS_SUCCESS);
	CHECK(P, cs.LockCount == -1 && cs.RecursionCount == 0 && !cs.OwningThread &&
		 !cs.LockSemaphore);

	CHECK(P, RtlInitializeCriticalSectionEx(&cs, 0, CS_NO_DEBUG_INFO) == STATUS_SUCCESS);
	CHECK(P, cs.DebugInfo == NO_DEBUG && cs.LockCount == -1);
	if (!wine)
		CHECK(P, cs.SpinCount == (default_spin() | CS_NO_DEBUG_INFO));
	CHECK(P, RtlEnterCriticalSection(&cs) == STATUS_SUCCESS && cs.RecursionCount == 1);
	CHECK(P, RtlLeaveCriticalSection(&cs) == STATUS_SUCCESS);
	CHECK(P, RtlDeleteCriticalSection(&cs) == STATUS_SUCCESS);

	/* spin counts: what Windows keeps (a count needs 2+ processors) */
	CHECK(P, RtlInitializeCriticalSectionAndSpinCount(&cs, 0x1234) == STATUS_SUCCESS);
	CHECK(P, cs.SpinCount == (processors() > 1 ? 0x1234u : 0));
	if (processors() > 1) {
		CHECK(P, RtlSetCriticalSectionSpinCount(&cs, 100) == 0x1234);
		CHECK(P, cs.SpinCount == 100);
	}
	CHECK(P, RtlDeleteCriticalSection(&cs) == STATUS_SUCCESS);
	if (!wine) {
		/* Windows refuses counts above 24 bits and unknown flags (Wine does not) */
		CHECK(P, RtlInitializeCriticalSectionEx(&cs, 0x01000000, 0) ==
			 STATUS_INVALID_PARAMETER_2);
		CHECK(P, RtlInitializeCriticalSectionEx(&cs, 0, 0x80000000) ==
			 STATUS_INVALID_PARAMETER_3);
		CHECK(P, RtlInitializeCriticalSectionEx(&cs, 0x12345678, 0xffffffff) ==
			 STATUS_INVALID_PARAMETER_3);
		CHECK(P, RtlInitializeCriticalSectionAndSpinCount(&cs, 0xff000000) ==
			 STATUS_SUCCESS && cs.SpinCount == default_spin());
		CHECK(P, RtlDeleteCriticalSection(&cs) == STATUS_SUCCESS);
	}
}

static void check_peb_lock(void)
{
	RTL_CRITICAL_SECTION *fast = *(RTL_CRITICAL_SECTION **)(nt_peb() + 0x38);

	CHECK(P, fast != 0);
	if (!fast)
		return;
	CHECK(P, fast->RecursionCount == 0 && !fast->OwningThread);
	RtlAcquirePebLock();
	CHECK(P, fast->RecursionCount == 1 && fast->OwningThread == my_tid());
	RtlAcquirePebLock();
	CHECK(P, fast->RecursionCount == 2);
	RtlReleasePebLock();
	RtlReleasePebLock();
	CHECK(P, fast->RecursionCount == 0 && !fast->OwningThread);
	CHECK(P, RtlTryEnterCriticalSection(fast));	/* an ordinary section */
	RtlReleasePebLock();
	CHECK(P, fast->RecursionCount == 0);
}

static void check_srw(void)
{
	RTL_SRWLOCK l = { (void *)5 };

	RtlInitializeSRWLock(&l);
	CHECK(P, l.Ptr == 0);
	CHECK(P, RtlTryAcquireSRWLockShared(&l));
	if (!wine)
		CHECK(P, l.Ptr == (void *)0x11);	/* Windows' word: 1 owner, locked */
	CHECK(P, RtlTryAcquireSRWLockShared(&l));	/* shared twice */
	CHECK(P, !RtlTryAcquireSRWLockExclusive(&l));
	RtlReleaseSRWLockShared(&l);
	CHECK(P, !RtlTryAcquireSRWLockExclusive(&l));	/* one shared owner left */
	RtlReleaseSRWLockShared(&l);
	CHECK(P, l.Ptr == 0);

	CHECK(P, RtlTryAcquireSRWLockExclusive(&l));
	if (!wine)
		CHECK(P, l.Ptr == (void *)1);
	CHECK(P, !RtlTryAcquireSRWLockExclusive(&l));	/* not recursive */
	CHECK(P, !RtlTryAcquireSRWLockShared(&l));
	RtlReleaseSRWLockExclusive(&l);
	CHECK(P, l.Ptr == 0);

	RtlAcquireSRWLockExclusive(&l);
	CHECK(P, !RtlTryAcquireSRWLockShared(&l));
	RtlReleaseSRWLockExclusive(&l);
	RtlAcquireSRWLockShared(&l);
	RtlAcquireSRWLockShared(&l);
	CHECK(P, !RtlTryAcquireSRWLockExclusive(&l));
	RtlReleaseSRWLockShared(&l);
	RtlReleaseSRWLockShared(&l);
	CHECK(P, l.Ptr == 0 && RtlTryAcquireSRWLockExclusive(&l));
	RtlReleaseSRWLockExclusive(&l);
}

static void check_condvar(void)
{
	LARGE_INTEGER ten_ms = { .QuadPart = -100000 }, zero = { .QuadPart = 0 };
	RTL_CONDITION_VARIABLE cv = { (void *)7 };
	RTL_CRITICAL_SECTION cs;
	RTL_SRWLOCK l = { 0 };
	LONGLONG t;

	RtlInitializeConditionVariable(&cv);
	CHECK(P, cv.Ptr == 0);
	/* nobody waits: harmless, and not remembered for a later sleep */
	RtlWakeConditionVariable(&cv);
	RtlWakeAllConditionVariable(&cv);

	CHECK(P, RtlInitializeCriticalSection(&cs) == STATUS_SUCCESS);
	RtlEnterCriticalSection(&cs);
	t = now();
	CHECK(P, RtlSleepConditionVariableCS(&cv, &cs, &ten_ms) == STATUS_TIMEOUT);
	t = now() - t;
	CHECK(P, t >= 50000);		/* 5 ms at least; the timer's grain may be coarse */
	CHECK(P, cs.OwningThread == my_tid() && cs.RecursionCount == 1);
	CHECK(P, RtlSleepConditionVariableCS(&cv, &cs, &zero) == STATUS_TIMEOUT);
	CHECK(P, cs.OwningThread == my_tid() && cs.RecursionCount == 1);
	RtlLeaveCriticalSection(&cs);
	RtlDeleteCriticalSection(&cs);

	RtlAcquireSRWLockExclusive(&l);
	CHECK(P, RtlSleepConditionVariableSRW(&cv, &l, &ten_ms, 0) == STATUS_TIMEOUT);
	CHECK(P, !RtlTryAcquireSRWLockExclusive(&l) && !RtlTryAcquireSRWLockShared(&l));
	RtlReleaseSRWLockExclusive(&l);
	CHECK(P, l.Ptr == 0);

	RtlAcquireSRWLockShared(&l);
	CHECK(P, RtlSleepConditionVariableSRW(&cv, &l, &ten_ms, LOCKMODE_SHARED) ==
		 STATUS_TIMEOUT);
	CHECK(P, !RtlTryAcquireSRWLockExclusive(&l));	/* held shared again */
	CHECK(P, RtlTryAcquireSRWLockShared(&l));
	RtlReleaseSRWLockShared(&l);
	RtlReleaseSRWLockShared(&l);
	CHECK(P, l.Ptr == 0);
}

static void check_wait_on_address(void)
{
	LARGE_INTEGER ten_ms = { .QuadPart = -100000 }, zero = { .QuadPart = 0 };
	volatile unsigned long long v8 = 0x100000005ULL, c8;
	volatile ULONG v4 = 5, c4;
	volatile unsigned short v2 = 5, c2;
	volatile unsigned char v1 = 5, c1;
	LONGLONG t;

	c4 = 6;
	t = now();
	CHECK(P, RtlWaitOnAddress((void *)&v4, (void *)&c4, 4, 0) == STATUS_SUCCESS);
	CHECK(P, now() - t < 10000000);		/* at once (well under a second) */
	c4 = 5;
	t = now();
	CHECK(P, RtlWaitOnAddress((void *)&v4, (void *)&c4, 4, &ten_ms) == STATUS_TIMEOUT);
	CHECK(P, now() - t >= 50000);
	CHECK(P, RtlWaitOnAddress((void *)&v4, (void *)&c4, 4, &zero) == STATUS_TIMEOUT);
	c1 = 6;
	CHECK(P, RtlWaitOnAddress((void *)&v1, (void *)&c1, 1, 0) == STATUS_SUCCESS);
	c1 = 5;
	CHECK(P, RtlWaitOnAddress((void *)&v1, (void *)&c1, 1, &ten_ms) == STATUS_TIMEOUT);
	c2 = 4;
	CHECK(P, RtlWaitOnAddress((void *)&v2, (void *)&c2, 2, 0) == STATUS_SUCCESS);
	c2 = 5;
	CHECK(P, RtlWaitOnAddress((void *)&v2, (void *)&c2, 2, &ten_ms) == STATUS_TIMEOUT);
	c8 = 5;			/* the low half equal is not enough */
	CHECK(P, RtlWaitOnAddress((void *)&v8, (void *)&c8, 8, 0) == STATUS_SUCCESS);
	c8 = v8;
	CHECK(P, RtlWaitOnAddress((void *)&v8, (void *)&c8, 8, &ten_ms) == STATUS_TIMEOUT);
	c4 = 5;
	CHECK(P, RtlWaitOnAddress((void *)&v4, (void *)&c4, 3, &ten_ms) ==
		 STATUS_INVALID_PARAMETER);
	CHECK(P, RtlWaitOnAddress((void *)&v4, (void *)&c4, 0, &ten_ms) ==
		 STATUS_INVALID_PARAMETER);
	CHECK(P, RtlWaitOnAddress((void *)&v4, (void *)&c4, 16, &ten_ms) ==
		 STATUS_INVALID_PARAMETER);
	/* nobody waits: harmless */
	RtlWakeAddressSingle((void *)&v4);
	RtlWakeAddressAll((void *)&v4);
	CHECK(P, RtlWaitOnAddress((void *)&v4, (void *)&c4, 4, &ten_ms) == STATUS_TIMEOUT);
}

static int once_calls;

static ULONG once_ok(RTL_RUN_ONCE *once, void *param, void **context)
{
	once_calls++;
	CHECK(P, once->Ptr == (void *)1);	/* being initialized */
	CHECK(P, param == (void *)0x5eed);
	if (context)
		*context = (void *)0x1230;
	return 1;
}

static ULONG once_fails(RTL_RUN_ONCE *once, void *param, void **context)
{
	(void)once;
	(void)param;
	(void)context;
	once_calls++;
	return 0;
}

static void check_run_once(void)
{
	RTL_RUN_ONCE once = { (void *)9 };
	void *ctx = 0;

	RtlRunOnceInitialize(&once);
	CHECK(P, once.Ptr == 0);
	CHECK(P, RtlRunOnceExecuteOnce(&once, once_ok, (void *)0x5eed, &ctx) == STATUS_SUCCESS);
	CHECK(P, once_calls == 1 && ctx == (void *)0x1230 && once.Ptr == (void *)0x1232);
	ctx = 0;
	CHECK(P, RtlRunOnceExecuteOnce(&once, once_ok, (void *)0x5eed, &ctx) == STATUS_SUCCESS);
	CHECK(P, once_calls == 1 && ctx == (void *)0x1230);	/* not again; the context out */

	/* a failing callback leaves it to be run again */
	RtlRunOnceInitialize(&once);
	once_calls = 0;
	ctx = 0;
	CHECK(P, RtlRunOnceExecuteOnce(&once, once_fails, 0, &ctx) == STATUS_UNSUCCESSFUL);
	CHECK(P, once_calls == 1 && once.Ptr == 0 && ctx == 0);
	CHECK(P, RtlRunOnceExecuteOnce(&once, once_fails, 0, &ctx) == STATUS_UNSUCCESSFUL);
	CHECK(P, once_calls == 2 && once.Ptr == 0);
	CHECK(P, RtlRunOnceExecuteOnce(&once, once_ok, (void *)0x5eed, 0) == STATUS_SUCCESS);
	CHECK(P, once_calls == 3 && once.Ptr == (void *)2);	/* no context: 0 | done */

	/* by hand: Begin, then Complete; CHECK_ONLY before and after */
	RtlRunOnceInitialize(&once);
	ctx = (void *)0x77;
	CHECK(P, RtlRunOnceBeginInitialize(&once, RUN_ONCE_CHECK_ONLY, &ctx) == STATUS_UNSUCCESSFUL);
	CHECK(P, ctx == (void *)0x77 && once.Ptr == 0);
	CHECK(P, RtlRunOnceComplete(&once, RUN_ONCE_INIT_FAILED, 0) == STATUS_UNSUCCESSFUL);
	CHECK(P, RtlRunOnceBeginInitialize(&once, 0, &ctx) == STATUS_PENDING);
	CHECK(P, once.Ptr == (void *)1 && ctx == (void *)0x77);
	CHECK(P, RtlRunOnceBeginInitialize(&once, RUN_ONCE_CHECK_ONLY, &ctx) == STATUS_UNSUCCESSFUL);
	CHECK(P, RtlRunOnceBeginInitialize(&once, RUN_ONCE_CHECK_ONLY | RUN_ONCE_ASYNC, &ctx) ==
		 STATUS_INVALID_PARAMETER);
	CHECK(P, RtlRunOnceBeginInitialize(&once, RUN_ONCE_ASYNC, &ctx) ==
		 STATUS_INVALID_PARAMETER);
	CHECK(P, RtlRunOnceComplete(&once, 0, (void *)0xdeadbeef) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlRunOnceComplete(&once, RUN_ONCE_INIT_FAILED, (void *)0xdeadbee0) ==
		 STATUS_INVALID_PARAMETER);
	CHECK(P, RtlRunOnceComplete(&once, RUN_ONCE_INIT_FAILED | RUN_ONCE_ASYNC, 0) ==
		 STATUS_INVALID_PARAMETER);
	CHECK(P, once.Ptr == (void *)1);
	CHECK(P, RtlRunOnceComplete(&once, 0, (void *)0xdeadbee0) == STATUS_SUCCESS);
	CHECK(P, once.Ptr == (void *)0xdeadbee2);
	ctx = 0;
	CHECK(P, RtlRunOnceBeginInitialize(&once, RUN_ONCE_CHECK_ONLY, &ctx) == STATUS_SUCCESS);
	CHECK(P, ctx == (void *)0xdeadbee0);
	ctx = 0;
	CHECK(P, RtlRunOnceBeginInitialize(&once, 0, &ctx) == STATUS_SUCCESS);
	CHECK(P, ctx == (void *)0xdeadbee0);
	CHECK(P, RtlRunOnceBeginInitialize(&once, RUN_ONCE_CHECK_ONLY | RUN_ONCE_ASYNC, &ctx) ==
		 STATUS_INVALID_PARAMETER);

	/* a failed initialization by hand: back to the start */
	RtlRunOnceInitialize(&once);
	CHECK(P, RtlRunOnceBeginInitialize(&once, 0, &ctx) == STATUS_PENDING);
	CHECK(P, RtlRunOnceComplete(&once, RUN_ONCE_INIT_FAILED, 0) == STATUS_SUCCESS);
	CHECK(P, once.Ptr == 0);
	CHECK(P, RtlRunOnceBeginInitialize(&once, 0, &ctx) == STATUS_PENDING);

	/* asynchronous: several may begin; the synchronous calls are refused meanwhile */
	RtlRunOnceInitialize(&once);
	CHECK(P, RtlRunOnceBeginInitialize(&once, RUN_ONCE_ASYNC, &ctx) == STATUS_PENDING);
	CHECK(P, once.Ptr == (void *)3);
	CHECK(P, RtlRunOnceBeginInitialize(&once, RUN_ONCE_ASYNC, &ctx) == STATUS_PENDING);
	CHECK(P, RtlRunOnceBeginInitialize(&once, 0, &ctx) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlRunOnceBeginInitialize(&once, RUN_ONCE_CHECK_ONLY, &ctx) ==
		 STATUS_UNSUCCESSFUL);
	CHECK(P, RtlRunOnceComplete(&once, RUN_ONCE_INIT_FAILED, 0) == STATUS_INVALID_PARAMETER);
	CHECK(P, RtlRunOnceComplete(&once, 0, (void *)0x4440) == STATUS_INVALID_PARAMETER);
	CHECK(P, once.Ptr == (void *)3);
	CHECK(P, RtlRunOnceComplete(&once, RUN_ONCE_ASYNC, (void *)0x4440) == STATUS_SUCCESS);
	CHECK(P, once.Ptr == (void *)0x4442);
	ctx = 0;
	CHECK(P, RtlRunOnceBeginInitialize(&once, RUN_ONCE_ASYNC, &ctx) == STATUS_SUCCESS);
	CHECK(P, ctx == (void *)0x4440);
}

static void check_slist(void)
{
	static SLIST_ENTRY a, b, c, x, y;
	static SLIST_HEADER h = { 1, 2 };

	RtlInitializeSListHead(&h);
	CHECK(P, h.Alignment == 0);
	if (!wine)
		CHECK(P, h.Region == 0);	/* Windows 8 and later; Wine marks a header type */
	CHECK(P, RtlQueryDepthSList(&h) == 0);
	CHECK(P, !RtlInterlockedPopEntrySList(&h));
	CHECK(P, !RtlInterlockedFlushSList(&h));

	CHECK(P, RtlInterlockedPushEntrySList(&h, &a) == 0);	/* the previous first */
	CHECK(P, RtlInterlockedPushEntrySList(&h, &b) == &a);
	CHECK(P, RtlInterlockedPushEntrySList(&h, &c) == &b);
	CHECK(P, RtlQueryDepthSList(&h) == 3 && c.Next == &b && b.Next == &a && !a.Next);
	CHECK(P, RtlInterlockedPopEntrySList(&h) == &c);	/* last in, first out */
	CHECK(P, RtlInterlockedPopEntrySList(&h) == &b);
	CHECK(P, RtlQueryDepthSList(&h) == 1);
	CHECK(P, RtlInterlockedPushEntrySList(&h, &b) == &a);
	CHECK(P, RtlInterlockedFlushSList(&h) == &b && b.Next == &a && !a.Next);
	CHECK(P, RtlQueryDepthSList(&h) == 0 && !RtlInterlockedPopEntrySList(&h));

	/* a chain pushed at once: x then y on top of c */
	CHECK(P, RtlInterlockedPushEntrySList(&h, &c) == 0);
	x.Next = &y;
	CHECK(P, RtlInterlockedPushListSListEx(&h, &x, &y, 2) == &c);
	CHECK(P, RtlQueryDepthSList(&h) == 3 && y.Next == &c);
	CHECK(P, RtlInterlockedPopEntrySList(&h) == &x);
	CHECK(P, RtlInterlockedPopEntrySList(&h) == &y);
	CHECK(P, RtlInterlockedPopEntrySList(&h) == &c);
	CHECK(P, !RtlInterlockedPopEntrySList(&h) && RtlQueryDepthSList(&h) == 0);
	a.Next = &b;
	CHECK(P, RtlInterlockedPushListSList(&h, &a, &b, 2) == 0);
	CHECK(P, RtlQueryDepthSList(&h) == 2 && !b.Next);
	CHECK(P, RtlInterlockedFlushSList(&h) == &a);
	CHECK(P, RtlQueryDepthSList(&h) == 0);
}

int start(void *peb)
{
	(void)peb;
	wine = nt_on_wine();
	check_cs();
	check_peb_lock();
	check_srw();
	check_condvar();
	check_wait_on_address();
	check_run_once();
	check_slist();
	return nt_done(P);
}
