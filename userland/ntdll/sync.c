// SPDX-License-Identifier: GPL-2.0
/*
 * The synchronization runtime of the Rtl layer, as Windows x64 lays it
 * out and kernel32/kernelbase (and the programs above them) use it:
 * critical sections, SRW locks, condition variables, WaitOnAddress, run
 * once, the PEB lock and interlocked SLists.
 *
 * What the kernel gives us to sleep on: NT event objects (NtCreateEvent,
 * NtSetEvent, NtWaitForSingleObject with a timeout, NtClose).  It has no
 * keyed events and no NtWaitForAlertByThreadId, so every blocking path is
 * built from events, in two pieces:
 *
 * 1. Critical sections sleep on their own event: LockSemaphore, an
 *    auto-reset event made the first time a thread has to wait (a section
 *    that is never contended never gets one).  LockCount has Windows'
 *    encoding since Vista (-1 free, -2 owned, 4 less per sleeping waiter):
 *    bit 0 clear = owned, bit 1 clear = a waiter has been woken and has not
 *    run yet, the other bits = the complement of the sleepers' count.
 *    Enter is one interlocked bit-test-and-reset; Leave one interlocked
 *    add (no bus lock while the process has one thread, see cs_try_lock);
 *    neither makes a system call unless another thread sleeps.  A
 *    leave that finds sleepers and no woken waiter takes one sleeper off
 *    the count, marks "woken" and sets the event: at most one wake is in
 *    flight, so the auto-reset event never has to count.  The woken
 *    thread clears the mark when it runs and competes for the lock again
 *    (no hand-over: a running thread may take the lock first, as on
 *    Windows).
 *
 * 2. Everything else sleeps in RtlWaitOnAddress: a table of ADDR_BUCKETS
 *    queues hashed by address, each with a spin lock (struct ntdll_lock)
 *    and a count of its sleepers.  A sleeper queues a record on its own
 *    stack, with an auto-reset event taken from a process-wide pool (an
 *    SList of events, never freed, so a thread does not create one per
 *    wait), compares the value under the queue's lock, and sleeps on its
 *    event.  A waker unlinks records under the lock, marks them woken and
 *    sets their events after dropping it (no system call under a spin
 *    lock); a waker that finds the queue's count zero returns without
 *    locking.  Sleeper and waker each order their count/value accesses
 *    with a full barrier, so one of them always sees the other.  A sleeper
 *    that times out while a waker has already unlinked it waits for that
 *    wake (it is moments away) so its event goes back to the pool unset,
 *    and reports success: the wake is not lost.
 *    On that: SRW locks are one word (Windows' encoding when uncontended:
 *    1 owned exclusive, 0x11 + 0x10 per extra shared owner; bit 1 says a
 *    thread sleeps on the word, and is only ever set while the lock is
 *    held, so a release that clears it wakes every sleeper, who compete
 *    again).  A shared acquirer does not join shared owners while someone
 *    sleeps, so exclusive waiters are not starved.  Condition variables
 *    are a wake counter: a sleeper reads it, releases its lock and waits
 *    for it to change; Wake adds one and wakes one sleeper, WakeAll adds
 *    one and wakes all.  Run once sleeps on the RTL_RUN_ONCE word while
 *    another thread initializes (state 1), and Complete wakes all.
 *
 * If an event cannot be created (no handles or memory), a critical
 * section's waiter and RtlWaitOnAddress fall back to yielding and
 * retrying (RtlWaitOnAddress polls the value until it changes or the
 * timeout passes): slower, never wrong.
 *
 * The lock story: the address queues' spin locks are the only locks taken
 * here; they are held for a few list operations, never across a system
 * call or a wait, and never two at once.  Nothing here takes the loader
 * lock or calls out, except RtlRunOnceExecuteOnce's callback, which runs
 * with no lock held.
 */
#include "crt.h"
#include "heap.h"
#include "sync.h"

#pragma GCC diagnostic ignored "-Wattributes"	/* winnt.h declares the SList calls dllimport */

typedef enum { NotificationEvent, SynchronizationEvent } EVENT_TYPE;

NTSTATUS NTAPI NtCreateEvent(PHANDLE, ACCESS_MASK, OBJECT_ATTRIBUTES *, EVENT_TYPE, BOOLEAN);
NTSTATUS NTAPI NtSetEvent(HANDLE, PLONG);
NTSTATUS NTAPI NtQuerySystemTime(PLARGE_INTEGER);

#define PEB_FAST_PEB_LOCK	0x038	/* PEB.FastPebLock (x64) */
#define PEB_NUMBER_OF_PROCESSORS 0x0b8
#define NO_DEBUG_INFO		((RTL_CRITICAL_SECTION_DEBUG *)(LONG_PTR)-1)

/* the TEB's ClientId.UniqueThread, in one instruction (the uncontended paths read it) */
static inline HANDLE current_tid(void)
{
	HANDLE h;

	__asm__("mov %%gs:0x48, %0" : "=r"(h));
	return h;
}

static HANDLE new_event(void)
{
	HANDLE h = NULL;

	if (!NT_SUCCESS(NtCreateEvent(&h, EVENT_ALL_ACCESS, NULL, SynchronizationEvent, FALSE)))
		return NULL;
	return h;
}

static ULONG processors(void)
{
	return NT_FIELD(ntdll_peb(), PEB_NUMBER_OF_PROCESSORS, ULONG);
}

/* ---- interlocked SLists ---- */

/*
 * The x64 SLIST_HEADER since Windows 8: the first quadword holds Depth (16
 * bits) and a Sequence (48 bits) that every change increments, so a
 * compare-exchange of both quadwords (cmpxchg16b) cannot mistake a list
 * that was popped and pushed back for an unchanged one; the second holds
 * the first entry's address (entries are 16-byte aligned, so its low four
 * bits are the header's reserved bits, zero).
 */
struct slist {
	ULONGLONG lo;			/* Depth | Sequence << 16 */
	ULONGLONG next;			/* the first SLIST_ENTRY */
};

#define SLIST_DEPTH(lo)		((lo) & 0xffff)
#define SLIST_SEQ_ONE		0x10000ULL

_Static_assert(sizeof(SLIST_HEADER) == 16, "SLIST_HEADER");

static inline struct slist slist_read(volatile struct slist *h)
{
	struct slist v;

	/* not atomic as a pair: the compare-exchange that follows checks both */
	v.lo = h->lo;
	v.next = h->next;
	return v;
}

static inline int slist_cas(volatile struct slist *h, struct slist *old, struct slist new)
{
	int ok;

	__asm__ volatile("lock cmpxchg16b %1"
			 : "=@ccz"(ok), "+m"(*h), "+a"(old->lo), "+d"(old->next)
			 : "b"(new.lo), "c"(new.next)
			 : "memory", "cc");
	return ok;
}

void NTAPI RtlInitializeSListHead(PSLIST_HEADER list)
{
	volatile struct slist *h = (volatile struct slist *)list;

	h->lo = 0;
	h->next = 0;
}

WORD NTAPI RtlQueryDepthSList(PSLIST_HEADER list)
{
	return (WORD)SLIST_DEPTH(((volatile struct slist *)list)->lo);
}

PSLIST_ENTRY NTAPI RtlInterlockedPushListSListEx(PSLIST_HEADER list, PSLIST_ENTRY first,
						 PSLIST_ENTRY last, DWORD count)
{
	volatile struct slist *h = (volatile struct slist *)list;
	struct slist old = slist_read(h), new;

	do {
		last->Next = (PSLIST_ENTRY)old.next;
		new.lo = ((old.lo + SLIST_SEQ_ONE) & ~0xffffULL) | ((old.lo + count) & 0xffff);
		new.next = (ULONGLONG)first;
	} while (!slist_cas(h, &old, new));
	return (PSLIST_ENTRY)old.next;
}

PSLIST_ENTRY NTAPI RtlInterlockedPushListSList(PSLIST_HEADER list, PSLIST_ENTRY first,
					       PSLIST_ENTRY last, DWORD count)
{
	return RtlInterlockedPushListSListEx(list, first, last, count);
}

PSLIST_ENTRY NTAPI RtlInterlockedPushEntrySList(PSLIST_HEADER list, PSLIST_ENTRY entry)
{
	return RtlInterlockedPushListSListEx(list, entry, entry, 1);
}

/*
 * The entry read here may be popped and freed by another thread between the
 * read of the header and the read of entry->Next; Windows survives that read
 * faulting (its page-fault handler knows this instruction).  We have no such
 * handler yet: an SList whose entries are freed while other threads pop must
 * keep the memory mapped (a heap does, for small blocks).  The sequence
 * makes the compare-exchange fail in that case, so a stale Next is never
 * stored.
 */
PSLIST_ENTRY NTAPI RtlInterlockedPopEntrySList(PSLIST_HEADER list)
{
	volatile struct slist *h = (volatile struct slist *)list;
	struct slist old = slist_read(h), new;
	PSLIST_ENTRY e;

	do {
		e = (PSLIST_ENTRY)old.next;
		if (!e)
			return NULL;
		new.lo = ((old.lo + SLIST_SEQ_ONE) & ~0xffffULL) | ((old.lo - 1) & 0xffff);
		new.next = (ULONGLONG)((volatile SLIST_ENTRY *)e)->Next;
	} while (!slist_cas(h, &old, new));
	return e;
}

PSLIST_ENTRY NTAPI RtlInterlockedFlushSList(PSLIST_HEADER list)
{
	volatile struct slist *h = (volatile struct slist *)list;
	struct slist old = slist_read(h), new;

	do {
		if (!old.next)
			return NULL;
		new.lo = (old.lo + SLIST_SEQ_ONE) & ~0xffffULL;
		new.next = 0;
	} while (!slist_cas(h, &old, new));
	return (PSLIST_ENTRY)old.next;
}

/* ---- the address queues (RtlWaitOnAddress) ---- */

#define ADDR_BUCKETS	128

/* an auto-reset event, unset while in the pool */
struct wait_event {
	SLIST_ENTRY entry;
	HANDLE handle;
} __attribute__((aligned(16)));

struct addr_waiter {
	LIST_ENTRY link;		/* in its bucket's queue, until woken or timed out */
	const volatile void *addr;
	struct wait_event *ev;
	struct addr_waiter *next_woken;	/* a waker's private list */
	int woken;			/* under the bucket's lock */
};

struct addr_bucket {
	struct ntdll_lock lock;
	volatile LONG sleepers;		/* records in queue */
	LIST_ENTRY queue;		/* oldest first; set up on first use */
} __attribute__((aligned(64)));

static struct addr_bucket addr_buckets[ADDR_BUCKETS];
static SLIST_HEADER event_pool;

static struct addr_bucket *bucket_of(const volatile void *addr)
{
	ULONG_PTR a = (ULONG_PTR)addr;

	return &addr_buckets[((a >> 3) ^ (a >> 11)) % ADDR_BUCKETS];
}

static struct wait_event *event_get(void)
{
	struct wait_event *e = (struct wait_event *)RtlInterlockedPopEntrySList(&event_pool);

	if (e)
		return e;
	e = RtlAllocateHeap(RtlGetProcessHeap(), 0, sizeof(*e));
	if (!e)
		return NULL;
	e->handle = new_event();
	if (!e->handle) {
		RtlFreeHeap(RtlGetProcessHeap(), 0, e);
		return NULL;
	}
	return e;
}

static void event_put(struct wait_event *e)
{
	RtlInterlockedPushEntrySList(&event_pool, &e->entry);
}

static int same_value(const volatile void *addr, const void *cmp, SIZE_T size)
{
	switch (size) {
	case 1:
		return *(const volatile BYTE *)addr == *(const BYTE *)cmp;
	case 2:
		return *(const volatile WORD *)addr == *(const WORD *)cmp;
	case 4:
		return *(const volatile DWORD *)addr == *(const DWORD *)cmp;
	default:
		return *(const volatile DWORD64 *)addr == *(const DWORD64 *)cmp;
	}
}

/*
 * No event to sleep on: poll, yielding, until the value changes or the time
 * is up.  A wake that does not change the value does not end this wait;
 * callers change it first.
 */
static NTSTATUS poll_address(const void *addr, const void *cmp, SIZE_T size,
			     const LARGE_INTEGER *timeout)
{
	LARGE_INTEGER now, end = { .QuadPart = 0 };

	if (timeout) {
		NtQuerySystemTime(&end);
		/* negative: relative, in 100 ns; positive: an absolute system time */
		end.QuadPart = timeout->QuadPart < 0 ? end.QuadPart - timeout->QuadPart :
			       timeout->QuadPart;
	}
	while (same_value(addr, cmp, size)) {
		if (timeout) {
			NtQuerySystemTime(&now);
			if (now.QuadPart >= end.QuadPart)
				return STATUS_TIMEOUT;
		}
		NtYieldExecution();
	}
	return STATUS_SUCCESS;
}

static void queue_remove(struct addr_bucket *b, struct addr_waiter *w)
{
	w->link.Blink->Flink = w->link.Flink;
	w->link.Flink->Blink = w->link.Blink;
	__atomic_sub_fetch(&b->sleepers, 1, __ATOMIC_RELAXED);
}

NTSTATUS NTAPI RtlWaitOnAddress(const void *addr, const void *cmp, SIZE_T size,
				const LARGE_INTEGER *timeout)
{
	struct addr_bucket *b = bucket_of(addr);
	struct addr_waiter w;
	NTSTATUS st;

	if (size != 1 && size != 2 && size != 4 && size != 8)
		return STATUS_INVALID_PARAMETER;
	if (!same_value(addr, cmp, size))
		return STATUS_SUCCESS;
	if (timeout && !timeout->QuadPart)
		return STATUS_TIMEOUT;
	w.ev = event_get();
	if (!w.ev)
		return poll_address(addr, cmp, size, timeout);
	w.addr = addr;
	w.woken = 0;

	ntdll_lock_acquire(&b->lock);
	if (!b->queue.Flink)
		b->queue.Flink = b->queue.Blink = &b->queue;
	/* counted before the value is read: a waker reads them the other way round */
	__atomic_add_fetch(&b->sleepers, 1, __ATOMIC_SEQ_CST);
	if (!same_value(addr, cmp, size)) {
		__atomic_sub_fetch(&b->sleepers, 1, __ATOMIC_RELAXED);
		ntdll_lock_release(&b->lock);
		event_put(w.ev);
		return STATUS_SUCCESS;
	}
	w.link.Flink = &b->queue;
	w.link.Blink = b->queue.Blink;
	b->queue.Blink->Flink = &w.link;
	b->queue.Blink = &w.link;
	ntdll_lock_release(&b->lock);

	st = NtWaitForSingleObject(w.ev->handle, FALSE, (PLARGE_INTEGER)timeout);
	if (st != STATUS_WAIT_0) {
		ntdll_lock_acquire(&b->lock);
		if (!w.woken) {
			queue_remove(b, &w);
			ntdll_lock_release(&b->lock);
		} else {
			/* a waker has us: its NtSetEvent follows, take it */
			ntdll_lock_release(&b->lock);
			NtWaitForSingleObject(w.ev->handle, FALSE, NULL);
			st = STATUS_SUCCESS;
		}
	}
	event_put(w.ev);
	return st;
}

/* unlink up to @max sleepers on @addr (oldest first) and set their events */
static void wake_address(const void *addr, unsigned int max)
{
	struct addr_bucket *b = bucket_of(addr);
	struct addr_waiter *woken = NULL, **tail = &woken, *w, *next;
	LIST_ENTRY *e, *e_next;

	/* pairs with the sleeper's count-then-read: our caller changed the value */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (!__atomic_load_n(&b->sleepers, __ATOMIC_RELAXED))
		return;
	ntdll_lock_acquire(&b->lock);
	for (e = b->queue.Flink; max && e && e != &b->queue; e = e_next) {
		e_next = e->Flink;
		w = CONTAINING_RECORD(e, struct addr_waiter, link);
		if (w->addr != addr)
			continue;
		queue_remove(b, w);
		w->woken = 1;
		w->next_woken = NULL;
		*tail = w;
		tail = &w->next_woken;
		max--;
	}
	ntdll_lock_release(&b->lock);
	/* a record lives until its event is set: read it first */
	for (w = woken; w; w = next) {
		HANDLE h = w->ev->handle;

		next = w->next_woken;
		NtSetEvent(h, NULL);
	}
}

void NTAPI RtlWakeAddressSingle(const void *addr)
{
	wake_address(addr, 1);
}

void NTAPI RtlWakeAddressAll(const void *addr)
{
	wake_address(addr, ~0u);
}

/* ---- critical sections ---- */

#define CS_LOCK_BIT		1	/* LockCount bit 0: clear while owned */
#define CS_WAKE_BIT		2	/* bit 1: clear while a woken waiter has not run */
#define CS_SLEEPER		4	/* each sleeping waiter takes this off */
#define CS_SPIN_MASK		0x00ffffffu	/* SpinCount: the count; above it, flags */
#define CS_DEFAULT_SPIN		(RTL_CRITICAL_SECTION_FLAG_DYNAMIC_SPIN | 2000)
#define CS_KEPT_FLAGS		(RTL_CRITICAL_SECTION_FLAG_NO_DEBUG_INFO | \
				 RTL_CRITICAL_SECTION_FLAG_DYNAMIC_SPIN | \
				 RTL_CRITICAL_SECTION_FLAG_RESOURCE_TYPE)
#define CS_VALID_FLAGS		0x1fffffffu	/* Windows 7 and later */

/* the sleeping waiters a LockCount value counts */
static inline ULONG cs_sleepers(LONG v)
{
	return (ULONG)~v >> 2;
}

/*
 * While the process has one thread nothing can race with it, and the bus
 * lock is most of an uncontended Enter/Leave's cost: as glibc's mutexes,
 * skip it until ntdll_sync_multi_thread() (sync.h) says a second thread is
 * about to start.  An interrupted instruction is still one instruction.
 */
static volatile LONG multi_thread;

void ntdll_sync_multi_thread(void)
{
	__atomic_store_n(&multi_thread, 1, __ATOMIC_SEQ_CST);
}

static inline int cs_try_lock(RTL_CRITICAL_SECTION *cs)
{
	int was_free;

	if (__builtin_expect(multi_thread, 1))
		__asm__ volatile("lock btrl $0, %1"
				 : "=@ccc"(was_free), "+m"(cs->LockCount) : : "memory");
	else
		__asm__ volatile("btrl $0, %1"
				 : "=@ccc"(was_free), "+m"(cs->LockCount) : : "memory");
	return was_free;
}

/* LockCount + 1 (the lock bit set again), the new value */
static inline LONG cs_unlock(RTL_CRITICAL_SECTION *cs)
{
	LONG v = CS_LOCK_BIT;

	if (__builtin_expect(multi_thread, 1))
		__asm__ volatile("lock xaddl %0, %1" : "+r"(v), "+m"(cs->LockCount) : : "memory");
	else
		__asm__ volatile("xaddl %0, %1" : "+r"(v), "+m"(cs->LockCount) : : "memory");
	return v + CS_LOCK_BIT;
}

static inline int has_debug_info(RTL_CRITICAL_SECTION *cs)
{
	return cs->DebugInfo && cs->DebugInfo != NO_DEBUG_INFO;
}

/*
 * Wine's DLLs name their sections in the quadword at 0x28 of the debug
 * information (Spare[0] in Wine's layout; Flags, CreatorBackTraceIndexHigh
 * and SpareWORD in Windows') and clear it before deleting one: a section
 * whose name is still set has a debug block they own (often static).
 */
static inline ULONG_PTR debug_name(RTL_CRITICAL_SECTION_DEBUG *d)
{
	ULONG_PTR name;

	__builtin_memcpy(&name, &d->Flags, sizeof(name));
	return name;
}

_Static_assert(__builtin_offsetof(RTL_CRITICAL_SECTION_DEBUG, Flags) == 0x28, "CS debug");
_Static_assert(sizeof(RTL_CRITICAL_SECTION_DEBUG) == 0x30, "CS debug");
_Static_assert(sizeof(RTL_CRITICAL_SECTION) == 0x28, "RTL_CRITICAL_SECTION");
_Static_assert(__builtin_offsetof(RTL_CRITICAL_SECTION, OwningThread) == 0x10, "CS");
_Static_assert(__builtin_offsetof(RTL_CRITICAL_SECTION, SpinCount) == 0x20, "CS");

static HANDLE cs_event(RTL_CRITICAL_SECTION *cs)
{
	HANDLE h = __atomic_load_n(&cs->LockSemaphore, __ATOMIC_ACQUIRE), expected = NULL;

	if (h)
		return h;
	h = new_event();
	if (!h)
		return NULL;
	if (!__atomic_compare_exchange_n(&cs->LockSemaphore, &expected, h, 0, __ATOMIC_SEQ_CST,
					 __ATOMIC_ACQUIRE)) {
		NtClose(h);
		h = expected;
	}
	return h;
}

/* the contended enter: returns owning the lock (out of line: Enter stays small) */
static void __attribute__((noinline)) cs_wait(RTL_CRITICAL_SECTION *cs)
{
	ULONG spin = (ULONG)cs->SpinCount & CS_SPIN_MASK;
	volatile LONG *lc = &cs->LockCount;
	int woken = 0, slept = 0;
	LONG v, want;
	HANDLE ev;

	/* the owner may be about to leave: spin while nobody sleeps */
	for (v = *lc; spin && !cs_sleepers(v); spin--, v = *lc) {
		if ((v & CS_LOCK_BIT) &&
		    __atomic_compare_exchange_n(lc, &v, v & ~CS_LOCK_BIT, 0, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return;
		__builtin_ia32_pause();
	}
	for (;;) {
		v = *lc;
		if (v & CS_LOCK_BIT) {
			want = (v & ~CS_LOCK_BIT) | (woken ? CS_WAKE_BIT : 0);
			if (__atomic_compare_exchange_n(lc, &v, want, 0, __ATOMIC_ACQUIRE,
							__ATOMIC_RELAXED))
				break;
			continue;
		}
		ev = cs_event(cs);
		if (!ev) {
			NtYieldExecution();
			continue;
		}
		want = (v - CS_SLEEPER) | (woken ? CS_WAKE_BIT : 0);
		if (!__atomic_compare_exchange_n(lc, &v, want, 0, __ATOMIC_SEQ_CST,
						 __ATOMIC_RELAXED))
			continue;
		NtWaitForSingleObject(ev, FALSE, NULL);
		woken = slept = 1;
	}
	if (slept && has_debug_info(cs))
		cs->DebugInfo->ContentionCount++;
}

/* after a leave that left @v: wake one sleeper if none is woken yet and the lock is free */
static void __attribute__((noinline)) cs_wake(RTL_CRITICAL_SECTION *cs, LONG v)
{
	volatile LONG *lc = &cs->LockCount;

	for (;;) {
		if (!(v & CS_LOCK_BIT) || !(v & CS_WAKE_BIT) || !cs_sleepers(v))
			return;
		/* one sleeper fewer, a woken one pending */
		if (__atomic_compare_exchange_n(lc, &v, v + CS_SLEEPER - CS_WAKE_BIT, 0,
						__ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
			break;
	}
	NtSetEvent(cs->LockSemaphore, NULL);
}

NTSTATUS NTAPI RtlInitializeCriticalSectionEx(RTL_CRITICAL_SECTION *cs, ULONG spin, ULONG flags)
{
	RTL_CRITICAL_SECTION_DEBUG *d = NO_DEBUG_INFO;
	NTSTATUS st = STATUS_SUCCESS;

	if (flags & ~CS_VALID_FLAGS)
		return STATUS_INVALID_PARAMETER_3;
	if (spin & ~CS_SPIN_MASK)
		return STATUS_INVALID_PARAMETER_2;
	/*
	 * Windows 8 and later give no debug information unless asked
	 * (FORCE_DEBUG_INFO), but Wine's DLLs write a name into it right after
	 * InitializeCriticalSection: every section gets one unless NO_DEBUG_INFO.
	 */
	if (!(flags & RTL_CRITICAL_SECTION_FLAG_NO_DEBUG_INFO)) {
		d = RtlAllocateHeap(RtlGetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*d));
		if (d) {
			d->Type = RTL_CRITSECT_TYPE;
			d->CriticalSection = cs;
			d->ProcessLocksList.Flink = d->ProcessLocksList.Blink = &d->ProcessLocksList;
		} else {
			st = STATUS_NO_MEMORY;
		}
	}
	cs->DebugInfo = d;
	cs->LockCount = -1;
	cs->RecursionCount = 0;
	cs->OwningThread = NULL;
	cs->LockSemaphore = NULL;
	if (processors() <= 1)
		spin = 0;
	else if (!spin)
		spin = CS_DEFAULT_SPIN;
	cs->SpinCount = spin | (flags & CS_KEPT_FLAGS);
	return st;
}

NTSTATUS NTAPI RtlInitializeCriticalSectionAndSpinCount(RTL_CRITICAL_SECTION *cs, ULONG spin)
{
	/* the top byte held flags before Vista (preallocate the event): ignored */
	return RtlInitializeCriticalSectionEx(cs, spin & CS_SPIN_MASK, 0);
}

NTSTATUS NTAPI RtlInitializeCriticalSection(RTL_CRITICAL_SECTION *cs)
{
	return RtlInitializeCriticalSectionEx(cs, 0, 0);
}

/* the previous spin count; an explicit count ends the dynamic one */
ULONG NTAPI RtlSetCriticalSectionSpinCount(RTL_CRITICAL_SECTION *cs, ULONG spin)
{
	ULONG_PTR old = cs->SpinCount;
	ULONG was = (ULONG)old & CS_SPIN_MASK;

	if (processors() <= 1)
		spin = 0;
	old &= ~(ULONG_PTR)RTL_CRITICAL_SECTION_FLAG_DYNAMIC_SPIN;
	cs->SpinCount = (old & ~(ULONG_PTR)CS_SPIN_MASK) | (spin & CS_SPIN_MASK);
	return was;
}

NTSTATUS NTAPI RtlDeleteCriticalSection(RTL_CRITICAL_SECTION *cs)
{
	if (has_debug_info(cs) && !debug_name(cs->DebugInfo)) {
		RtlFreeHeap(RtlGetProcessHeap(), 0, cs->DebugInfo);
		cs->DebugInfo = NULL;
	}
	if (cs->LockSemaphore)
		NtClose(cs->LockSemaphore);
	cs->LockSemaphore = NULL;
	cs->LockCount = -1;
	cs->RecursionCount = 0;
	cs->OwningThread = NULL;
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlEnterCriticalSection(RTL_CRITICAL_SECTION *cs)
{
	HANDLE me = current_tid();

	if (!cs_try_lock(cs)) {
		if (*(HANDLE volatile *)&cs->OwningThread == me) {
			cs->RecursionCount++;
			return STATUS_SUCCESS;
		}
		cs_wait(cs);
	}
	cs->OwningThread = me;
	cs->RecursionCount = 1;
	return STATUS_SUCCESS;
}

BOOL NTAPI RtlTryEnterCriticalSection(RTL_CRITICAL_SECTION *cs)
{
	HANDLE me = current_tid();

	if (cs_try_lock(cs)) {
		cs->OwningThread = me;
		cs->RecursionCount = 1;
		return TRUE;
	}
	if (*(HANDLE volatile *)&cs->OwningThread == me) {
		cs->RecursionCount++;
		return TRUE;
	}
	return FALSE;
}

/*
 * A leave that does not match an enter takes RecursionCount below zero and
 * leaves the lock alone, as Windows does (the next enter sets it to 1).
 */
NTSTATUS NTAPI RtlLeaveCriticalSection(RTL_CRITICAL_SECTION *cs)
{
	LONG v;

	if (--cs->RecursionCount)
		return STATUS_SUCCESS;
	cs->OwningThread = NULL;
	v = cs_unlock(cs);
	if (v != -1)
		cs_wake(cs, v);
	return STATUS_SUCCESS;
}

/* ---- the PEB lock ---- */

static RTL_CRITICAL_SECTION peb_lock;
static RTL_CRITICAL_SECTION_DEBUG peb_lock_debug = {
	.Type = RTL_CRITSECT_TYPE,
	.CriticalSection = &peb_lock,
	.ProcessLocksList = { &peb_lock_debug.ProcessLocksList, &peb_lock_debug.ProcessLocksList },
};
/* no spinning: it is never held for long, and this needs no processor count */
static RTL_CRITICAL_SECTION peb_lock = { &peb_lock_debug, -1, 0, NULL, NULL, 0 };

void NTAPI RtlAcquirePebLock(void)
{
	RtlEnterCriticalSection(&peb_lock);
}

void NTAPI RtlReleasePebLock(void)
{
	RtlLeaveCriticalSection(&peb_lock);
}

/* at process start: PEB->FastPebLock, which Windows programs may enter themselves */
void ntdll_sync_process_init(BYTE *peb)
{
	NT_FIELD(peb, PEB_FAST_PEB_LOCK, RTL_CRITICAL_SECTION *) = &peb_lock;
}

/* ---- SRW locks ---- */

#define SRW_LOCKED		1	/* owned, exclusive or shared */
#define SRW_SLEEPERS		2	/* someone sleeps on the word (set only while owned) */
#define SRW_SHARED_ONE		0x10	/* the shared owners' count, from bit 4 */

static inline ULONG_PTR *srw_word(RTL_SRWLOCK *l)
{
	return (ULONG_PTR *)&l->Ptr;
}

static inline int srw_cas(RTL_SRWLOCK *l, ULONG_PTR *old, ULONG_PTR new)
{
	return __atomic_compare_exchange_n(srw_word(l), old, new, 0, __ATOMIC_SEQ_CST,
					   __ATOMIC_RELAXED);
}

/* mark the owned lock (value @v) as slept on and sleep until the word changes */
static void srw_sleep(RTL_SRWLOCK *l, ULONG_PTR v)
{
	if (!(v & SRW_SLEEPERS) && !srw_cas(l, &v, v | SRW_SLEEPERS))
		return;		/* it changed: look again */
	v |= SRW_SLEEPERS;
	RtlWaitOnAddress(srw_word(l), &v, sizeof(v), NULL);
}

void NTAPI RtlInitializeSRWLock(RTL_SRWLOCK *l)
{
	l->Ptr = NULL;
}

BOOLEAN NTAPI RtlTryAcquireSRWLockExclusive(RTL_SRWLOCK *l)
{
	ULONG_PTR v = 0;

	return srw_cas(l, &v, SRW_LOCKED);
}

void NTAPI RtlAcquireSRWLockExclusive(RTL_SRWLOCK *l)
{
	ULONG_PTR v = 0;

	while (!srw_cas(l, &v, SRW_LOCKED)) {
		if (v)
			srw_sleep(l, v);
		v = 0;
	}
}

/* free, or held shared with nobody asleep: the shared owners are one more */
static int srw_try_shared(RTL_SRWLOCK *l, ULONG_PTR *v)
{
	for (;;) {
		ULONG_PTR new;

		if (!*v)
			new = SRW_LOCKED | SRW_SHARED_ONE;
		else if ((*v & SRW_SLEEPERS) || *v < SRW_SHARED_ONE)
			return 0;
		else
			new = *v + SRW_SHARED_ONE;
		if (srw_cas(l, v, new))
			return 1;
	}
}

BOOLEAN NTAPI RtlTryAcquireSRWLockShared(RTL_SRWLOCK *l)
{
	ULONG_PTR v = __atomic_load_n(srw_word(l), __ATOMIC_RELAXED);

	return srw_try_shared(l, &v);
}

void NTAPI RtlAcquireSRWLockShared(RTL_SRWLOCK *l)
{
	ULONG_PTR v = __atomic_load_n(srw_word(l), __ATOMIC_RELAXED);

	while (!srw_try_shared(l, &v)) {
		srw_sleep(l, v);
		v = __atomic_load_n(srw_word(l), __ATOMIC_RELAXED);
	}
}

/* a release by a non-owner is ignored (Windows raises STATUS_RESOURCE_NOT_OWNED) */
void NTAPI RtlReleaseSRWLockExclusive(RTL_SRWLOCK *l)
{
	ULONG_PTR v = __atomic_load_n(srw_word(l), __ATOMIC_RELAXED);

	do {
		if (!(v & SRW_LOCKED) || v >= SRW_SHARED_ONE)
			return;
	} while (!srw_cas(l, &v, 0));
	if (v & SRW_SLEEPERS)
		RtlWakeAddressAll(srw_word(l));
}

void NTAPI RtlReleaseSRWLockShared(RTL_SRWLOCK *l)
{
	ULONG_PTR v = __atomic_load_n(srw_word(l), __ATOMIC_RELAXED), new;

	do {
		if (v < SRW_SHARED_ONE)
			return;
		new = v >= 2 * SRW_SHARED_ONE ? v - SRW_SHARED_ONE : 0;
	} while (!srw_cas(l, &v, new));
	if (!new && (v & SRW_SLEEPERS))
		RtlWakeAddressAll(srw_word(l));
}

/* ---- condition variables ---- */

static inline ULONG_PTR *cv_word(RTL_CONDITION_VARIABLE *cv)
{
	return (ULONG_PTR *)&cv->Ptr;
}

void NTAPI RtlInitializeConditionVariable(RTL_CONDITION_VARIABLE *cv)
{
	cv->Ptr = NULL;
}

void NTAPI RtlWakeConditionVariable(RTL_CONDITION_VARIABLE *cv)
{
	__atomic_add_fetch(cv_word(cv), 1, __ATOMIC_SEQ_CST);
	RtlWakeAddressSingle(cv_word(cv));
}

void NTAPI RtlWakeAllConditionVariable(RTL_CONDITION_VARIABLE *cv)
{
	__atomic_add_fetch(cv_word(cv), 1, __ATOMIC_SEQ_CST);
	RtlWakeAddressAll(cv_word(cv));
}

/* STATUS_SUCCESS when woken (or spuriously), STATUS_TIMEOUT; the lock is held again */
NTSTATUS NTAPI RtlSleepConditionVariableCS(RTL_CONDITION_VARIABLE *cv, RTL_CRITICAL_SECTION *cs,
					   const LARGE_INTEGER *timeout)
{
	ULONG_PTR seq = __atomic_load_n(cv_word(cv), __ATOMIC_SEQ_CST);
	NTSTATUS st;

	RtlLeaveCriticalSection(cs);
	st = RtlWaitOnAddress(cv_word(cv), &seq, sizeof(seq), timeout);
	RtlEnterCriticalSection(cs);
	return st;
}

NTSTATUS NTAPI RtlSleepConditionVariableSRW(RTL_CONDITION_VARIABLE *cv, RTL_SRWLOCK *l,
					    const LARGE_INTEGER *timeout, ULONG flags)
{
	ULONG_PTR seq = __atomic_load_n(cv_word(cv), __ATOMIC_SEQ_CST);
	int shared = flags & RTL_CONDITION_VARIABLE_LOCKMODE_SHARED;
	NTSTATUS st;

	if (shared)
		RtlReleaseSRWLockShared(l);
	else
		RtlReleaseSRWLockExclusive(l);
	st = RtlWaitOnAddress(cv_word(cv), &seq, sizeof(seq), timeout);
	if (shared)
		RtlAcquireSRWLockShared(l);
	else
		RtlAcquireSRWLockExclusive(l);
	return st;
}

/* ---- run once ---- */

/*
 * RTL_RUN_ONCE.Ptr: 0 not started, 1 being initialized (others wait),
 * 3 being initialized asynchronously (others may race), or the context
 * (low two bits clear) | 2 once done.
 */
#define ONCE_STATE(v)		((v) & 3)
#define ONCE_BUSY		1
#define ONCE_DONE		2
#define ONCE_BUSY_ASYNC		3

static inline ULONG_PTR *once_word(RTL_RUN_ONCE *once)
{
	return (ULONG_PTR *)&once->Ptr;
}

void NTAPI RtlRunOnceInitialize(RTL_RUN_ONCE *once)
{
	once->Ptr = NULL;
}

NTSTATUS NTAPI RtlRunOnceBeginInitialize(RTL_RUN_ONCE *once, ULONG flags, PVOID *context)
{
	ULONG_PTR v;

	if (flags & ~(RTL_RUN_ONCE_CHECK_ONLY | RTL_RUN_ONCE_ASYNC))
		return STATUS_INVALID_PARAMETER;
	if (flags & RTL_RUN_ONCE_CHECK_ONLY) {
		if (flags & RTL_RUN_ONCE_ASYNC)
			return STATUS_INVALID_PARAMETER;
		v = __atomic_load_n(once_word(once), __ATOMIC_ACQUIRE);
		if (ONCE_STATE(v) != ONCE_DONE)
			return STATUS_UNSUCCESSFUL;
		if (context)
			*context = (PVOID)(v & ~(ULONG_PTR)3);
		return STATUS_SUCCESS;
	}
	for (;;) {
		v = __atomic_load_n(once_word(once), __ATOMIC_ACQUIRE);
		switch (ONCE_STATE(v)) {
		case 0:
			if (__atomic_compare_exchange_n(once_word(once), &v,
							(flags & RTL_RUN_ONCE_ASYNC) ?
							ONCE_BUSY_ASYNC : ONCE_BUSY, 0,
							__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
				return STATUS_PENDING;
			break;
		case ONCE_BUSY:
			if (flags & RTL_RUN_ONCE_ASYNC)
				return STATUS_INVALID_PARAMETER;
			RtlWaitOnAddress(once_word(once), &v, sizeof(v), NULL);
			break;
		case ONCE_DONE:
			if (context)
				*context = (PVOID)(v & ~(ULONG_PTR)3);
			return STATUS_SUCCESS;
		default:
			if (!(flags & RTL_RUN_ONCE_ASYNC))
				return STATUS_INVALID_PARAMETER;
			return STATUS_PENDING;
		}
	}
}

NTSTATUS NTAPI RtlRunOnceComplete(RTL_RUN_ONCE *once, ULONG flags, PVOID context)
{
	ULONG_PTR v, done;

	if (flags & ~(RTL_RUN_ONCE_ASYNC | RTL_RUN_ONCE_INIT_FAILED))
		return STATUS_INVALID_PARAMETER;
	if ((ULONG_PTR)context & 3)
		return STATUS_INVALID_PARAMETER;
	if (flags & RTL_RUN_ONCE_INIT_FAILED) {
		if (context || (flags & RTL_RUN_ONCE_ASYNC))
			return STATUS_INVALID_PARAMETER;
		done = 0;		/* back to not started: the next begin runs it */
	} else {
		done = (ULONG_PTR)context | ONCE_DONE;
	}
	v = __atomic_load_n(once_word(once), __ATOMIC_RELAXED);
	for (;;) {
		switch (ONCE_STATE(v)) {
		case ONCE_BUSY:
			if (!__atomic_compare_exchange_n(once_word(once), &v, done, 0,
							 __ATOMIC_RELEASE, __ATOMIC_RELAXED))
				continue;
			RtlWakeAddressAll(once_word(once));
			return STATUS_SUCCESS;
		case ONCE_BUSY_ASYNC:
			if (!(flags & RTL_RUN_ONCE_ASYNC))
				return STATUS_INVALID_PARAMETER;
			if (!__atomic_compare_exchange_n(once_word(once), &v, done, 0,
							 __ATOMIC_RELEASE, __ATOMIC_RELAXED))
				continue;
			return STATUS_SUCCESS;
		default:
			/* not begun, or another thread completed it first */
			return STATUS_UNSUCCESSFUL;
		}
	}
}

NTSTATUS NTAPI RtlRunOnceExecuteOnce(RTL_RUN_ONCE *once, PRTL_RUN_ONCE_INIT_FN fn, PVOID param,
				     PVOID *context)
{
	NTSTATUS st = RtlRunOnceBeginInitialize(once, 0, context);

	if (st != STATUS_PENDING)
		return st;
	if (!fn(once, param, context)) {
		RtlRunOnceComplete(once, RTL_RUN_ONCE_INIT_FAILED, NULL);
		return STATUS_UNSUCCESSFUL;
	}
	return RtlRunOnceComplete(once, 0, context ? *context : NULL);
}
