// SPDX-License-Identifier: GPL-2.0
/*
 * Mutants against Windows NT semantics: NtCreateMutant, NtOpenMutant,
 * NtReleaseMutant, NtQueryMutant, and abandonment.
 *
 * What is asserted is what Windows does, as Wine's ntdll and kernel32
 * sync tests (results on real Windows), ring3k's native tests, decompiled
 * ntoskrnl and the WRK show it.  Where ntpersona answers differently on
 * purpose, the test says so (and docs/design.md lists those choices).
 *
 * Every test runs in a child of its own that becomes an NT process; its
 * threads are NT threads.  Timing assertions are lower bounds with
 * generous upper bounds (the guests run under TCG).
 */
#include "synctest.h"

/* ==== mutants ==== */

TEST(mutant_recursion_counts)
{
	struct nt_mutant_basic_information i;
	uint32_t len;
	int32_t prev;
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = mutant_new(1));
	memset(&i, 0xcc, sizeof(i));
	len = 0;
	ASSERT_ST(0, NT(NtQueryMutant, h, 0, A(&i), sizeof(i), A(&len)));
	ASSERT_EQ(8, len);
	ASSERT_EQ(0, i.current_count);
	ASSERT_EQ(1, i.owned_by_caller);
	ASSERT_EQ(0, i.abandoned_state);
	/* the two padding bytes are not written */
	ASSERT_EQ(0xcc, i.pad[0]);
	ASSERT_EQ(0xcc, i.pad[1]);
	/* the owner acquires it again: -1 */
	ASSERT_ST(STATUS_WAIT_0, wait1(h, 0));
	ASSERT_EQ(-100 + 10, mutant_state(h));
	prev = 0x55;
	ASSERT_ST(0, NT(NtReleaseMutant, h, A(&prev)));
	ASSERT_EQ(-1, prev);
	ASSERT_EQ(0 + 10, mutant_state(h));
	ASSERT_ST(0, NT(NtReleaseMutant, h, A(&prev)));
	ASSERT_EQ(0, prev);
	ASSERT_EQ(100, mutant_state(h));
	/* a free mutant is not owned: release fails, PreviousCount untouched */
	prev = 0x55;
	ASSERT_ST(STATUS_MUTANT_NOT_OWNED, NT(NtReleaseMutant, h, A(&prev)));
	ASSERT_EQ(0x55, prev);
	ASSERT_EQ(100, mutant_state(h));
	/* unowned at creation; a wait takes it */
	ASSERT_NE(0, h = mutant_new(0));
	ASSERT_EQ(100, mutant_state(h));
	ASSERT_ST(STATUS_MUTANT_NOT_OWNED, NT(NtReleaseMutant, h, 0));
	ASSERT_ST(STATUS_WAIT_0, wait1(h, 0));
	ASSERT_ST(STATUS_WAIT_0, wait1(h, 0));
	ASSERT_ST(STATUS_WAIT_0, wait1(h, 0));
	ASSERT_EQ(-200 + 10, mutant_state(h));
	ASSERT_ST(0, NT(NtReleaseMutant, h, A(&prev)));
	ASSERT_EQ(-2, prev);
	ASSERT_TYPE(h, "Mutant");
}

TEST(mutant_owner_information)
{
	struct nt_client_id cid;
	uint32_t len;
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = mutant_new(1));
	memset(&cid, 0xcc, sizeof(cid));
	len = 0;
	ASSERT_ST(0, NT(NtQueryMutant, h, 1, A(&cid), sizeof(cid), A(&len)));
	ASSERT_EQ(16, len);
	ASSERT_EQ((uint64_t)getpid(), cid.unique_process);
	ASSERT_EQ((uint64_t)tid_of_self(), cid.unique_thread);
	ASSERT_ST(0, NT(NtReleaseMutant, h, 0));
	memset(&cid, 0xcc, sizeof(cid));
	ASSERT_ST(0, NT(NtQueryMutant, h, 1, A(&cid), sizeof(cid), 0));
	ASSERT_EQ(0, cid.unique_process);
	ASSERT_EQ(0, cid.unique_thread);
	/* class 1 needs exactly 16 bytes, class 0 exactly 8 */
	len = 0x55;
	ASSERT_ST(STATUS_INFO_LENGTH_MISMATCH, NT(NtQueryMutant, h, 1, A(&cid), 8, A(&len)));
	ASSERT_ST(STATUS_INFO_LENGTH_MISMATCH, NT(NtQueryMutant, h, 0, A(&cid), 16, A(&len)));
	ASSERT_ST(STATUS_INVALID_INFO_CLASS, NT(NtQueryMutant, h, 2, A(&cid), 16, A(&len)));
	ASSERT_EQ(0x55, len);
}

static void release_on_thread(struct waiter *w)
{
	int32_t prev = 0x55;

	w->st2 = NT(NtReleaseMutant, w->arg, A(&prev));
	w->v2 = prev;
	w->v3 = mutant_state(w->arg);
}

TEST(mutant_release_by_another_thread_is_not_owned)
{
	struct waiter w;
	int32_t prev;
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = mutant_new(1));
	waiter_init(&w, h, 0);		/* a poll from the other thread */
	w.arg = h;
	w.after = release_on_thread;
	ASSERT_TRUE(waiter_start(&w));
	JOIN(&w);
	ASSERT_ST(STATUS_TIMEOUT, w.status);
	ASSERT_ST(STATUS_MUTANT_NOT_OWNED, w.st2);
	ASSERT_EQ(0x55, w.v2);
	ASSERT_EQ(0, w.v3);		/* count 0, not owned by that thread */
	ASSERT_EQ(10, mutant_state(h));
	ASSERT_ST(0, NT(NtReleaseMutant, h, A(&prev)));
	ASSERT_EQ(0, prev);
}

TEST(mutant_is_handed_to_a_waiting_thread)
{
	struct waiter w;
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = mutant_new(1));
	waiter_init(&w, h, FOREVER);
	w.arg = h;
	w.after = release_on_thread;
	START_BLOCKED(&w);
	ASSERT_ST(0, NT(NtReleaseMutant, h, 0));
	JOIN(&w);
	ASSERT_ST(STATUS_WAIT_0, w.status);
	/* the thread owned it: count 0, OwnedByCaller, then released it */
	ASSERT_ST(0, w.st2);
	ASSERT_EQ(0, w.v2);
	ASSERT_EQ(100, w.v3);
	ASSERT_EQ(100, mutant_state(h));
}

/*
 * Ownership is per thread however many threads there are: 24 threads, all
 * alive at once, each owns its own mutant, is told apart from the others
 * (OwnedByCaller, STATUS_MUTANT_NOT_OWNED for its neighbour's), and exits
 * owning a second one, which is then abandoned.
 */
#define MANY_OWNERS	24

struct many_owner {
	pthread_t pt;
	uint64_t mine, keep, neighbours, go;
	int32_t state;
	uint32_t st_wait, st_keep, st_neighbour, st_release;
};

static void *many_owner_run(void *arg)
{
	struct many_owner *o = arg;

	o->st_wait = NT(NtWaitForSingleObject, o->mine, 0, POLL);
	o->st_keep = NT(NtWaitForSingleObject, o->keep, 0, POLL);
	/* every thread owns its mutant before any looks at another's */
	NT(NtWaitForSingleObject, o->go, 0, 0);
	o->state = mutant_state(o->mine);
	o->st_neighbour = NT(NtReleaseMutant, o->neighbours, 0);
	o->st_release = NT(NtReleaseMutant, o->mine, 0);
	return NULL;
}

TEST(mutants_of_many_threads)
{
	static struct many_owner o[MANY_OWNERS];
	uint64_t go;
	int i;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, go = event_new(NT_NOTIFICATION_EVENT, 0));
	for (i = 0; i < MANY_OWNERS; i++) {
		memset(&o[i], 0, sizeof(o[i]));
		ASSERT_NE(0, o[i].mine = mutant_new(0));
		ASSERT_NE(0, o[i].keep = mutant_new(0));
		o[i].go = go;
	}
	for (i = 0; i < MANY_OWNERS; i++) {
		o[i].neighbours = o[(i + 1) % MANY_OWNERS].mine;
		ASSERT_EQ(0, pthread_create(&o[i].pt, NULL, many_owner_run, &o[i]));
	}
	/* all own theirs: mine at count 0, by another thread than this one */
	for (i = 0; i < MANY_OWNERS; i++)
		while (mutant_state(o[i].keep) != 0)
			usleep(1000);
	ASSERT_ST(0, NT(NtSetEvent, go, 0));
	for (i = 0; i < MANY_OWNERS; i++) {
		ASSERT_EQ(0, pthread_join(o[i].pt, NULL));
		ASSERT_ST(STATUS_WAIT_0, o[i].st_wait);
		ASSERT_ST(STATUS_WAIT_0, o[i].st_keep);
		ASSERT_EQ(0 + 10, o[i].state);
		ASSERT_ST(STATUS_MUTANT_NOT_OWNED, o[i].st_neighbour);
		ASSERT_ST(0, o[i].st_release);
	}
	/* the kept ones were abandoned when their threads exited */
	for (i = 0; i < MANY_OWNERS; i++) {
		ASSERT_ST(STATUS_ABANDONED_WAIT_0, wait1(o[i].keep, SLOW_MS));
		ASSERT_EQ(0 + 10, mutant_state(o[i].keep));
		ASSERT_ST(0, NT(NtReleaseMutant, o[i].keep, 0));
		ASSERT_EQ(100, mutant_state(o[i].mine));
	}
}

/*
 * Closing the last handle of a waited-on mutant does not wake its waiters:
 * the wait holds the object.
 */
TEST(closing_a_waited_mutant_does_not_wake_the_waiter)
{
	struct waiter w;
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = mutant_new(1));
	waiter_init(&w, h, 400);
	START_BLOCKED(&w);
	ASSERT_ST(0, NT(NtClose, h));
	JOIN(&w);
	ASSERT_ST(STATUS_TIMEOUT, w.status);
	ASSERT_LE(390, w.ms);
}

/* A thread that takes @arg (a mutant) and exits owning it, after @h[1] is set. */
static void *owner_run(void *arg)
{
	struct waiter *w = arg;

	w->tid = tid_of_self();
	if (NT(NtDuplicateObject, NT_CURRENT_PROCESS, NT_CURRENT_THREAD, NT_CURRENT_PROCESS,
	       A(&w->self), 0, 0, DUPLICATE_SAME_ACCESS))
		w->self = 0;
	w->status = NT(NtWaitForSingleObject, w->arg, 0, POLL);
	__atomic_store_n(&w->ready, 1, __ATOMIC_RELEASE);
	if (w->h[1])
		NT(NtWaitForSingleObject, w->h[1], 0, 0);
	return NULL;
}

/* Start a thread that owns mutant @m; it exits when @go is set (0: at once). */
static int start_owner(struct waiter *o, uint64_t m, uint64_t go)
{
	memset(o, 0, sizeof(*o));
	o->arg = m;
	o->h[1] = go;
	if (pthread_create(&o->pt, NULL, owner_run, o))
		return 0;
	while (!__atomic_load_n(&o->ready, __ATOMIC_ACQUIRE))
		usleep(1000);
	return o->status == STATUS_WAIT_0 && o->self;
}

/* ... and see it gone: its thread object is signaled after its mutants are abandoned. */
#define OWNER_GONE(o) do {						\
	ASSERT_ST(STATUS_WAIT_0, wait1((o)->self, SLOW_MS));		\
	JOIN(o);							\
} while (0)

static void query_after_wait(struct waiter *w)
{
	w->v2 = mutant_state(w->arg);
	w->st2 = NT(NtReleaseMutant, w->arg, A(&w->v3));
}

TEST(abandoned_mutant_goes_to_the_next_waiter)
{
	struct waiter o, w;
	uint64_t m, go;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, m = mutant_new(0));
	ASSERT_NE(0, go = event_new(MANUAL, 0));
	ASSERT_TRUE(start_owner(&o, m, go));
	ASSERT_EQ(0, mutant_state(m));
	waiter_init(&w, m, FOREVER);
	w.arg = m;
	w.after = query_after_wait;
	START_BLOCKED(&w);
	ASSERT_ST(0, NT(NtSetEvent, go, 0));
	OWNER_GONE(&o);
	JOIN(&w);
	ASSERT_ST(STATUS_ABANDONED_WAIT_0, w.status);
	/* the new owner: count 0, owned, no longer abandoned */
	ASSERT_EQ(10, w.v2);
	ASSERT_ST(0, w.st2);
	ASSERT_EQ(0, w.v3);
	ASSERT_EQ(100, mutant_state(m));
}

TEST(abandoned_mutant_in_a_multiple_wait)
{
	struct waiter o, w;
	uint64_t m, go, e1, e2;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, m = mutant_new(0));
	ASSERT_NE(0, go = event_new(MANUAL, 0));
	ASSERT_NE(0, e1 = event_new(AUTO, 0));
	ASSERT_NE(0, e2 = event_new(AUTO, 0));
	ASSERT_TRUE(start_owner(&o, m, go));
	waiter_init(&w, 0, FOREVER);
	w.nr = NTSVC_NtWaitForMultipleObjects;
	w.count = 3;
	w.type = NT_WAIT_ANY;
	w.h[0] = e1;
	w.h[1] = e2;
	w.h[2] = m;
	w.arg = m;
	w.after = query_after_wait;
	START_BLOCKED(&w);
	ASSERT_ST(0, NT(NtSetEvent, go, 0));
	OWNER_GONE(&o);
	JOIN(&w);
	ASSERT_ST(STATUS_ABANDONED_WAIT_0 + 2, w.status);
	ASSERT_EQ(10, w.v2);
	ASSERT_ST(0, w.st2);

	/* wait-all over an abandoned mutant: STATUS_ABANDONED_WAIT_0 itself */
	ASSERT_TRUE(start_owner(&o, m, 0));
	OWNER_GONE(&o);
	ASSERT_ST(0, NT(NtSetEvent, e1, 0));
	w.h[0] = e1;
	w.h[1] = m;
	ASSERT_ST(STATUS_ABANDONED_WAIT_0, waitn(2, w.h, NT_WAIT_ALL, 0));
	ASSERT_EQ(0, event_state(e1));
	ASSERT_EQ(10, mutant_state(m));
}

TEST(abandoned_mutant_query_and_release)
{
	struct waiter o;
	int32_t prev;
	uint64_t m;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, m = mutant_new(0));
	ASSERT_TRUE(start_owner(&o, m, 0));
	OWNER_GONE(&o);
	/* free (1), not ours, abandoned */
	ASSERT_EQ(100 + 1, mutant_state(m));
	/* a non-owner's release of an abandoned mutant: STATUS_ABANDONED, nothing changes */
	prev = 0x55;
	ASSERT_ST(STATUS_ABANDONED, NT(NtReleaseMutant, m, A(&prev)));
	ASSERT_EQ(0x55, prev);
	ASSERT_EQ(100 + 1, mutant_state(m));
	/* the next wait reports it once */
	ASSERT_ST(STATUS_ABANDONED_WAIT_0, wait1(m, 0));
	ASSERT_EQ(10, mutant_state(m));
	ASSERT_ST(STATUS_WAIT_0, wait1(m, 0));
	ASSERT_ST(0, NT(NtReleaseMutant, m, A(&prev)));
	ASSERT_EQ(-1, prev);
	ASSERT_ST(0, NT(NtReleaseMutant, m, A(&prev)));
	ASSERT_EQ(0, prev);
	ASSERT_ST(STATUS_MUTANT_NOT_OWNED, NT(NtReleaseMutant, m, 0));
	ASSERT_ST(STATUS_WAIT_0, wait1(m, 0));
}

TEST(mutant_access_rights)
{
	struct nt_object_attributes oa;
	uint64_t h, r, z, a;
	int32_t prev;

	ASSERT_EQ(0, nt_become());
	/* created with no access, and owned */
	ASSERT_ST(0, NT(NtCreateMutant, A(&z), 0, A(nt_oa(&oa, 0, ST("mut"), 0)), 1));
	/* NtReleaseMutant needs no right at all */
	ASSERT_ST(0, NT(NtReleaseMutant, z, A(&prev)));
	ASSERT_EQ(0, prev);
	ASSERT_EQ(NO_STATE, mutant_state(z));
	ASSERT_ST(STATUS_ACCESS_DENIED, wait1(z, 0));
	/* GENERIC_READ|GENERIC_WRITE carry no SYNCHRONIZE, GENERIC_EXECUTE does */
	ASSERT_ST(0, NT(NtOpenMutant, A(&r), NT_GENERIC_READ | NT_GENERIC_WRITE, A(&oa)));
	ASSERT_ST(STATUS_ACCESS_DENIED, wait1(r, 0));
	ASSERT_EQ(100, mutant_state(r));
	ASSERT_ST(0, NT(NtOpenMutant, A(&h), NT_GENERIC_EXECUTE, A(&oa)));
	ASSERT_ST(STATUS_WAIT_0, wait1(h, 0));
	ASSERT_EQ(NO_STATE, mutant_state(h));
	ASSERT_ST(0, NT(NtOpenMutant, A(&r), NT_READ_CONTROL, A(&oa)));
	ASSERT_ST(0, NT(NtReleaseMutant, r, 0));
	ASSERT_ST(0, NT(NtOpenMutant, A(&a), MUTANT_ALL_ACCESS, A(&oa)));
	ASSERT_EQ(100, mutant_state(a));
	/* the out-pointer is probed first, even when the caller is not the owner */
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtReleaseMutant, r, BAD_ADDR));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtReleaseMutant, 0, BAD_ADDR));
	/* and before the release: the owner still owns it */
	ASSERT_ST(STATUS_WAIT_0, wait1(h, 0));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtReleaseMutant, r, BAD_ADDR));
	ASSERT_EQ(10, mutant_state(a));
	ASSERT_ST(0, NT(NtReleaseMutant, r, 0));
	ASSERT_EQ(100, mutant_state(a));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, NT(NtReleaseMutant, NT_CURRENT_PROCESS, 0));
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtReleaseMutant, 0, 0));
}

TEST_HARNESS_MAIN
