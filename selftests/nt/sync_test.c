// SPDX-License-Identifier: GPL-2.0
/*
 * Waits and alerts against Windows NT semantics (syscalls/sync.c):
 * NtWaitForSingleObject, NtWaitForMultipleObjects,
 * NtSignalAndWaitForSingleObject, NtDelayExecution, NtYieldExecution,
 * NtAlertThread, NtTestAlert; and the query classes of every sync type.
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

/* ==== NtQueryXxx classes and lengths ==== */

struct query_case {
	const char *what;
	uint32_t nr;
	uint32_t cls, size;
};

TEST(query_classes_and_lengths)
{
	static const struct query_case cases[] = {
		{ "event", NTSVC_NtQueryEvent, 0, 8 },
		{ "mutant", NTSVC_NtQueryMutant, 0, 8 },
		{ "mutant owner", NTSVC_NtQueryMutant, 1, 16 },
		{ "semaphore", NTSVC_NtQuerySemaphore, 0, 8 },
		{ "timer", NTSVC_NtQueryTimer, 0, 16 },
	};
	uint64_t buf[8], h[4], obj;
	unsigned int i;
	uint32_t len;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h[0] = event_new(AUTO, 0));
	ASSERT_NE(0, h[1] = mutant_new(0));
	ASSERT_NE(0, h[2] = sem_new(0, 1));
	ASSERT_NE(0, h[3] = timer_new(0));
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct query_case *c = &cases[i];

		obj = h[i < 2 ? i : i - 1];
		len = 0x55;
		ASSERT_ST(STATUS_INVALID_INFO_CLASS, NTN(c->nr, obj, 2, A(buf), c->size, A(&len)),
			  " (%s)", c->what);
		ASSERT_ST(STATUS_INVALID_INFO_CLASS, NTN(c->nr, obj, 0x42, A(buf), c->size,
							 A(&len)), " (%s)", c->what);
		ASSERT_ST(STATUS_INFO_LENGTH_MISMATCH, NTN(c->nr, obj, c->cls, A(buf), 0, A(&len)),
			  " (%s)", c->what);
		ASSERT_ST(STATUS_INFO_LENGTH_MISMATCH, NTN(c->nr, obj, c->cls, A(buf), c->size - 1,
							   A(&len)), " (%s)", c->what);
		ASSERT_ST(STATUS_INFO_LENGTH_MISMATCH, NTN(c->nr, obj, c->cls, A(buf), c->size + 1,
							   A(&len)), " (%s)", c->what);
		ASSERT_ST(STATUS_INFO_LENGTH_MISMATCH, NTN(c->nr, obj, c->cls, A(buf), sizeof(buf),
							   A(&len)), " (%s)", c->what);
		/* ReturnLength only on success */
		ASSERT_EQ(0x55, len);
		ASSERT_ST(0, NTN(c->nr, obj, c->cls, A(buf), c->size, A(&len)), " (%s)", c->what);
		ASSERT_EQ(c->size, len);
		ASSERT_ST(0, NTN(c->nr, obj, c->cls, A(buf), c->size, 0), " (%s)", c->what);
		/* bad buffers */
		ASSERT_ST(STATUS_ACCESS_VIOLATION, NTN(c->nr, obj, c->cls, 0, c->size, 0),
			  " (%s)", c->what);
		ASSERT_ST(STATUS_ACCESS_VIOLATION, NTN(c->nr, obj, c->cls, KERNEL_ADDR, c->size,
						       0), " (%s)", c->what);
		ASSERT_ST(STATUS_ACCESS_VIOLATION, NTN(c->nr, obj, c->cls, A(buf), c->size,
						       BAD_ADDR), " (%s)", c->what);
		/* the buffer is probed before the handle is looked at */
		ASSERT_ST(STATUS_ACCESS_VIOLATION, NTN(c->nr, 0, c->cls, BAD_ADDR, c->size, 0),
			  " (%s)", c->what);
		ASSERT_ST(STATUS_DATATYPE_MISALIGNMENT, NTN(c->nr, obj, c->cls,
							    A((char *)buf + 2), c->size, 0),
			  " (%s)", c->what);
		ASSERT_ST(STATUS_INVALID_HANDLE, NTN(c->nr, 0, c->cls, A(buf), c->size, 0),
			  " (%s)", c->what);
		ASSERT_ST(STATUS_INVALID_HANDLE, NTN(c->nr, 0xdeadbeef, c->cls, A(buf), c->size,
						     0), " (%s)", c->what);
		ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, NTN(c->nr, h[i == 0 ? 2 : 0], c->cls,
							   A(buf), c->size, 0), " (%s)", c->what);
		ASSERT_ST(STATUS_ACCESS_DENIED, NTN(c->nr, dup_access(obj, NT_SYNCHRONIZE), c->cls,
						    A(buf), c->size, 0), " (%s)", c->what);
	}
	/*
	 * NtQuerySemaphore probes its buffer even before the class and the
	 * length; the others check those first.
	 */
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtQuerySemaphore, h[2], 0x42, BAD_ADDR, 8, 0));
	ASSERT_ST(STATUS_INVALID_INFO_CLASS, NT(NtQueryEvent, h[0], 0x42, BAD_ADDR, 8, 0));
	ASSERT_ST(STATUS_INFO_LENGTH_MISMATCH, NT(NtQueryTimer, h[3], 0, BAD_ADDR, 8, 0));
}

/* ==== waits ==== */

TEST(wait_timeouts)
{
	int64_t t0, ms;
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = event_new(MANUAL, 0));
	/* zero: a poll */
	t0 = now_ms();
	ASSERT_ST(STATUS_TIMEOUT, wait1(h, 0));
	ASSERT_ST(STATUS_TIMEOUT, NT(NtWaitForSingleObject, h, 1, POLL));
	ASSERT_GT(1000, now_ms() - t0);
	/* relative: at least that long */
	t0 = now_ms();
	ASSERT_ST(STATUS_TIMEOUT, wait1(h, 200));
	ms = now_ms() - t0;
	ASSERT_LE(200, ms);
	ASSERT_GT(SLOW_MS, ms);
	/* absolute in the past: at once */
	t0 = now_ms();
	ASSERT_ST(STATUS_TIMEOUT, NT(NtWaitForSingleObject, h, 0, AT(1)));
	ASSERT_ST(STATUS_TIMEOUT, NT(NtWaitForSingleObject, h, 0, AT(nt_now() - 10000000)));
	ASSERT_ST(STATUS_TIMEOUT, waitn(1, &h, NT_WAIT_ANY, 0));
	ASSERT_GT(1000, now_ms() - t0);
	/* absolute in the future: until then */
	t0 = now_ms();
	ASSERT_ST(STATUS_TIMEOUT, NT(NtWaitForSingleObject, h, 0, AT(nt_now() + 2000000)));
	ms = now_ms() - t0;
	ASSERT_LE(195, ms);
	ASSERT_GT(SLOW_MS, ms);
	/* signaled: no wait at all, whatever the timeout */
	ASSERT_ST(0, NT(NtSetEvent, h, 0));
	ASSERT_ST(STATUS_WAIT_0, wait1(h, 0));
	ASSERT_ST(STATUS_WAIT_0, NT(NtWaitForSingleObject, h, 0, 0));
	ASSERT_ST(STATUS_WAIT_0, NT(NtWaitForSingleObject, h, 0, AT(1)));
}

TEST(wait_single_checks)
{
	uint64_t h, d, n;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = event_new(MANUAL, 1));
	/* pseudo-handles are fine here: the own thread and process are not signaled */
	ASSERT_ST(STATUS_TIMEOUT, wait1(NT_CURRENT_THREAD, 0));
	ASSERT_ST(STATUS_TIMEOUT, wait1(NT_CURRENT_PROCESS, 0));
	ASSERT_ST(STATUS_INVALID_HANDLE, wait1(0, 0));
	ASSERT_ST(STATUS_INVALID_HANDLE, wait1(h + 4, 0));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtWaitForSingleObject, h, 0, BAD_ADDR));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtWaitForSingleObject, h, 0, KERNEL_ADDR));
	/* the tag bits of a handle are ignored */
	ASSERT_ST(STATUS_WAIT_0, wait1(h | 1, 0));
	ASSERT_ST(STATUS_WAIT_0, wait1(h | 3, 0));
	ASSERT_NE(0, n = dup_access(h, EVENT_ALL_ACCESS & ~NT_SYNCHRONIZE));
	ASSERT_ST(STATUS_ACCESS_DENIED, wait1(n, 0));
	/*
	 * A directory: ntpersona answers OBJECT_TYPE_MISMATCH, its documented
	 * choice for types that cannot be waited on.  Windows answers
	 * ACCESS_DENIED, because a Directory handle cannot hold SYNCHRONIZE
	 * (not in its valid access mask).
	 */
	ASSERT_ST(0, NT(NtCreateDirectoryObject, A(&d), DIRECTORY_ALL_ACCESS, 0));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, wait1(d, 0));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, waitn(1, &d, NT_WAIT_ANY, 0));
}

TEST(wait_any_takes_the_lowest_signaled_index_only)
{
	uint64_t h[3];
	unsigned int i;

	ASSERT_EQ(0, nt_become());
	for (i = 0; i < 3; i++)
		ASSERT_NE(0, h[i] = event_new(AUTO, 0));
	ASSERT_ST(STATUS_TIMEOUT, waitn(3, h, NT_WAIT_ANY, 0));
	ASSERT_ST(0, NT(NtSetEvent, h[2], 0));
	ASSERT_ST(0, NT(NtSetEvent, h[1], 0));
	ASSERT_ST(STATUS_WAIT_0 + 1, waitn(3, h, NT_WAIT_ANY, 0));
	ASSERT_EQ(0, event_state(h[1]));
	ASSERT_EQ(1, event_state(h[2]));
	ASSERT_ST(STATUS_WAIT_0 + 2, waitn(3, h, NT_WAIT_ANY, 0));
	ASSERT_EQ(0, event_state(h[2]));
	ASSERT_ST(STATUS_TIMEOUT, waitn(3, h, NT_WAIT_ANY, 0));
	/* duplicates are allowed in a wait-any */
	h[1] = h[0];
	ASSERT_ST(STATUS_TIMEOUT, waitn(3, h, NT_WAIT_ANY, 0));
	ASSERT_ST(0, NT(NtSetEvent, h[0], 0));
	ASSERT_ST(STATUS_WAIT_0, waitn(3, h, NT_WAIT_ANY, 0));
	ASSERT_EQ(0, event_state(h[0]));
}

TEST(wait_all_is_all_or_nothing)
{
	struct waiter w;
	uint64_t h[3];

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h[0] = event_new(AUTO, 1));
	ASSERT_NE(0, h[1] = event_new(MANUAL, 0));
	ASSERT_NE(0, h[2] = sem_new(1, 5));
	ASSERT_ST(STATUS_TIMEOUT, waitn(3, h, NT_WAIT_ALL, 0));
	ASSERT_ST(STATUS_TIMEOUT, waitn(3, h, NT_WAIT_ALL, 100));
	/* nothing was taken */
	ASSERT_EQ(1, event_state(h[0]));
	ASSERT_EQ(1, sem_count(h[2]));
	ASSERT_ST(0, NT(NtSetEvent, h[1], 0));
	ASSERT_ST(STATUS_WAIT_0, waitn(3, h, NT_WAIT_ALL, 0));
	ASSERT_EQ(0, event_state(h[0]));
	ASSERT_EQ(1, event_state(h[1]));
	ASSERT_EQ(0, sem_count(h[2]));
	/* a thread waiting for all of them: one set is not enough */
	ASSERT_ST(0, NT(NtResetEvent, h[1], 0));
	waiter_init(&w, 0, FOREVER);
	w.nr = NTSVC_NtWaitForMultipleObjects;
	w.count = 3;
	w.type = NT_WAIT_ALL;
	memcpy(w.h, h, sizeof(h));
	START_BLOCKED(&w);
	ASSERT_ST(0, NT(NtSetEvent, h[0], 0));
	ASSERT_ST(0, NT(NtReleaseSemaphore, h[2], 1, 0));
	ASSERT_TRUE(blocked_in(0, w.tid, w.nr));
	ASSERT_FALSE(waiter_done(&w));
	ASSERT_EQ(1, event_state(h[0]));
	ASSERT_EQ(1, sem_count(h[2]));
	ASSERT_ST(0, NT(NtSetEvent, h[1], 0));
	JOIN(&w);
	ASSERT_ST(STATUS_WAIT_0, w.status);
	ASSERT_EQ(0, event_state(h[0]));
	ASSERT_EQ(0, sem_count(h[2]));
	/* one object is a wait-all of one */
	ASSERT_ST(STATUS_WAIT_0, waitn(1, &h[1], NT_WAIT_ALL, 0));
}

TEST(wait_all_rejects_the_same_object_twice)
{
	uint64_t h[2], three[3], d;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h[0] = event_new(MANUAL, 1));
	h[1] = h[0];
	ASSERT_ST(STATUS_INVALID_PARAMETER_MIX, waitn(2, h, NT_WAIT_ALL, 0));
	/* also through two handles */
	ASSERT_NE(0, h[1] = dup_same(h[0]));
	ASSERT_ST(STATUS_INVALID_PARAMETER_MIX, waitn(2, h, NT_WAIT_ALL, 0));
	ASSERT_ST(STATUS_WAIT_0, waitn(2, h, NT_WAIT_ANY, 0));
	/* every handle is checked first */
	ASSERT_NE(0, d = dup_access(h[0], EVENT_QUERY_STATE));
	three[0] = three[1] = h[0];
	three[2] = d;
	ASSERT_ST(STATUS_ACCESS_DENIED, waitn(3, three, NT_WAIT_ALL, 0));
	three[2] = 0;
	ASSERT_ST(STATUS_INVALID_HANDLE, waitn(3, three, NT_WAIT_ALL, 0));
}

TEST(wait_multiple_checks)
{
	uint64_t h[NT_MAXIMUM_WAIT_OBJECTS + 1], e, d, n, *page;
	unsigned int i;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, e = event_new(MANUAL, 1));
	for (i = 0; i < ARRAY_SIZE(h); i++)
		h[i] = e;
	/* the count first, even with no array */
	ASSERT_ST(STATUS_INVALID_PARAMETER_1, waitn(0, h, NT_WAIT_ANY, 0));
	ASSERT_ST(STATUS_INVALID_PARAMETER_1, NT(NtWaitForMultipleObjects, 0, 0, 7, 0, POLL));
	ASSERT_ST(STATUS_INVALID_PARAMETER_1, waitn(65, h, NT_WAIT_ANY, 0));
	ASSERT_ST(STATUS_INVALID_PARAMETER_1, NT(NtWaitForMultipleObjects, 100, 0, 1, 0, POLL));
	ASSERT_ST(STATUS_INVALID_PARAMETER_1, waitn(0x80000001, h, NT_WAIT_ANY, 0));
	/* then the wait type */
	ASSERT_ST(STATUS_INVALID_PARAMETER_3, waitn(1, h, 2, 0));
	ASSERT_ST(STATUS_INVALID_PARAMETER_3, NT(NtWaitForMultipleObjects, 1, 0, 7, 0, POLL));
	/* then the pointers */
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtWaitForMultipleObjects, 1, 0, NT_WAIT_ANY, 0,
					      POLL));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtWaitForMultipleObjects, 2, BAD_ADDR,
					      NT_WAIT_ALL, 0, POLL));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtWaitForMultipleObjects, 2, KERNEL_ADDR,
					      NT_WAIT_ALL, 0, POLL));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtWaitForMultipleObjects, 1, A(h), NT_WAIT_ANY, 0,
					      BAD_ADDR));
	/* an array whose first handle is readable and the rest not */
	ASSERT_NE(MAP_FAILED, page = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE,
					  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	ASSERT_EQ(0, munmap((char *)page + 4096, 4096));
	page[4096 / sizeof(*page) - 1] = e;
	ASSERT_ST(STATUS_ACCESS_VIOLATION,
		  NT(NtWaitForMultipleObjects, 2, A(&page[4096 / sizeof(*page) - 1]),
		     NT_WAIT_ANY, 0, POLL));
	ASSERT_EQ(0, munmap(page, 4096));
	/* then each handle in order */
	ASSERT_ST(STATUS_WAIT_0, waitn(64, h, NT_WAIT_ANY, 0));
	h[1] = 0;
	ASSERT_ST(STATUS_INVALID_HANDLE, waitn(2, h, NT_WAIT_ANY, 0));
	h[1] = e + 4;
	ASSERT_ST(STATUS_INVALID_HANDLE, waitn(2, h, NT_WAIT_ANY, 0));
	/* the pseudo-handles are not accepted here */
	h[1] = NT_CURRENT_THREAD;
	ASSERT_ST(STATUS_INVALID_HANDLE, waitn(2, h, NT_WAIT_ANY, 0));
	h[1] = NT_CURRENT_PROCESS;
	ASSERT_ST(STATUS_INVALID_HANDLE, waitn(2, h, NT_WAIT_ANY, 0));
	ASSERT_ST(STATUS_INVALID_HANDLE, waitn(1, &h[1], NT_WAIT_ALL, 0));
	ASSERT_NE(0, n = dup_access(e, EVENT_MODIFY_STATE));
	h[1] = n;
	ASSERT_ST(STATUS_ACCESS_DENIED, waitn(2, h, NT_WAIT_ANY, 0));
	/* a directory: see wait_single_checks */
	ASSERT_ST(0, NT(NtCreateDirectoryObject, A(&d), DIRECTORY_ALL_ACCESS, 0));
	h[1] = d;
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, waitn(2, h, NT_WAIT_ANY, 0));
	/* the earliest bad handle decides */
	h[2] = 0;
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, waitn(3, h, NT_WAIT_ANY, 0));
	h[0] = n;
	ASSERT_ST(STATUS_ACCESS_DENIED, waitn(3, h, NT_WAIT_ANY, 0));
	/* real handles to threads and processes are fine */
	ASSERT_NE(0, h[0] = dup_same(NT_CURRENT_THREAD));
	ASSERT_NE(0, h[1] = dup_same(NT_CURRENT_PROCESS));
	ASSERT_ST(STATUS_TIMEOUT, waitn(2, h, NT_WAIT_ANY, 0));
	ASSERT_TYPE(h[0], "Thread");
}

TEST(wait_for_64_objects)
{
	uint64_t h[NT_MAXIMUM_WAIT_OBJECTS];
	unsigned int i;

	ASSERT_EQ(0, nt_become());
	for (i = 0; i < NT_MAXIMUM_WAIT_OBJECTS; i++)
		ASSERT_NE(0, h[i] = event_new(AUTO, 0));
	ASSERT_ST(STATUS_TIMEOUT, waitn(64, h, NT_WAIT_ANY, 0));
	ASSERT_ST(0, NT(NtSetEvent, h[63], 0));
	ASSERT_ST(STATUS_WAIT_0 + 63, waitn(64, h, NT_WAIT_ANY, 0));
	ASSERT_EQ(0, event_state(h[63]));
	for (i = 1; i < NT_MAXIMUM_WAIT_OBJECTS; i++)
		ASSERT_ST(0, NT(NtSetEvent, h[i], 0));
	ASSERT_ST(STATUS_TIMEOUT, waitn(64, h, NT_WAIT_ALL, 0));
	ASSERT_ST(0, NT(NtSetEvent, h[0], 0));
	ASSERT_ST(STATUS_WAIT_0, waitn(64, h, NT_WAIT_ALL, 0));
	for (i = 0; i < NT_MAXIMUM_WAIT_OBJECTS; i++)
		ASSERT_EQ(0, event_state(h[i]));
}

static void *exit_later(void *arg)
{
	struct waiter *w = arg;

	w->tid = tid_of_self();
	if (NT(NtDuplicateObject, NT_CURRENT_PROCESS, NT_CURRENT_THREAD, NT_CURRENT_PROCESS,
	       A(&w->self), 0, 0, DUPLICATE_SAME_ACCESS))
		w->self = 0;
	__atomic_store_n(&w->ready, 1, __ATOMIC_RELEASE);
	NT(NtWaitForSingleObject, w->arg, 0, 0);
	return NULL;
}

/*
 * A multiple wait that must sleep while another thread closes one of its
 * handles and makes a new object (which usually gets the same handle
 * value): each wait answers as if the close came before or after it --
 * a timeout, or STATUS_INVALID_HANDLE -- and nothing is left behind.
 */
struct churn {
	uint64_t h[2];
	int stop;
	long rounds;
};

static void *churn_run(void *arg)
{
	struct churn *c = arg;

	while (!__atomic_load_n(&c->stop, __ATOMIC_ACQUIRE)) {
		NT(NtClose, c->h[1]);
		__atomic_store_n(&c->h[1], event_new(AUTO, 0), __ATOMIC_RELEASE);
		c->rounds++;
		usleep(300);	/* most waits find the handle, some see it go */
	}
	return NULL;
}

TEST(multiple_wait_while_its_handle_is_closed)
{
	struct churn c = { .stop = 0 };
	long before, timeouts = 0;
	pthread_t pt;
	uint32_t st;
	int i;

	ASSERT_EQ(0, nt_become());
	before = nt_live_objects();
	ASSERT_NE(0, c.h[0] = event_new(AUTO, 0));
	ASSERT_NE(0, c.h[1] = event_new(AUTO, 0));
	ASSERT_EQ(0, pthread_create(&pt, NULL, churn_run, &c));
	for (i = 0; i < 300; i++) {
		uint64_t h[2] = { c.h[0], __atomic_load_n(&c.h[1], __ATOMIC_ACQUIRE) };

		st = waitn(2, h, i & 1 ? NT_WAIT_ALL : NT_WAIT_ANY, 1);
		if (st == STATUS_TIMEOUT)
			timeouts++;
		else
			ASSERT_ST(STATUS_INVALID_HANDLE, st);
	}
	__atomic_store_n(&c.stop, 1, __ATOMIC_RELEASE);
	ASSERT_EQ(0, pthread_join(pt, NULL));
	TH_LOG("%ld timeouts in 300 waits, %ld handles remade", timeouts, c.rounds);
	ASSERT_LT(0, timeouts);
	ASSERT_ST(0, NT(NtClose, c.h[0]));
	ASSERT_ST(0, NT(NtClose, c.h[1]));
	if (before >= 0)
		ASSERT_EQ(before, nt_wait_live_objects(before));
}

TEST(wait_on_a_thread_ends_when_it_exits)
{
	struct waiter t, w;
	uint64_t go;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, go = event_new(MANUAL, 0));
	memset(&t, 0, sizeof(t));
	t.arg = go;
	ASSERT_EQ(0, pthread_create(&t.pt, NULL, exit_later, &t));
	while (!__atomic_load_n(&t.ready, __ATOMIC_ACQUIRE))
		usleep(1000);
	ASSERT_NE(0, t.self);
	ASSERT_ST(STATUS_TIMEOUT, wait1(t.self, 0));
	/* a second thread waits on it too */
	waiter_init(&w, t.self, FOREVER);
	START_BLOCKED(&w);
	ASSERT_ST(0, NT(NtSetEvent, go, 0));
	ASSERT_ST(STATUS_WAIT_0, wait1(t.self, SLOW_MS));
	JOIN(&w);
	ASSERT_ST(STATUS_WAIT_0, w.status);
	JOIN(&t);
	/* and it stays signaled */
	ASSERT_ST(STATUS_WAIT_0, wait1(t.self, 0));
	ASSERT_ST(STATUS_WAIT_0, waitn(1, &t.self, NT_WAIT_ALL, 0));
}

/*
 * Waiting for another process to end needs a handle to it, and there is no
 * way to get one yet (no NtOpenProcess, no handle inheritance).
 */
TEST(wait_on_another_process)
{
	uint64_t p;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, p = dup_same(NT_CURRENT_PROCESS));
	ASSERT_ST(STATUS_TIMEOUT, wait1(p, 0));
	SKIP(return, "no way to get a handle to another process yet (no NtOpenProcess)");
}

/* ==== alerts ==== */

static void test_alert_after(struct waiter *w)
{
	w->st2 = NT(NtTestAlert);
}

TEST(alert_ends_an_alertable_wait)
{
	struct waiter w;
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = event_new(MANUAL, 0));
	waiter_init(&w, h, FOREVER);
	w.alertable = 1;
	w.after = test_alert_after;
	START_BLOCKED(&w);
	ASSERT_NE(0, w.self);
	ASSERT_ST(0, NT(NtAlertThread, w.self));
	JOIN(&w);
	ASSERT_ST(STATUS_ALERTED, w.status);
	/* the alert was consumed by the wait */
	ASSERT_ST(STATUS_SUCCESS, w.st2);
	/* the same in a multiple-object wait */
	waiter_init(&w, 0, FOREVER);
	w.nr = NTSVC_NtWaitForMultipleObjects;
	w.count = 2;
	w.type = NT_WAIT_ALL;
	w.h[0] = h;
	w.h[1] = event_new(AUTO, 1);
	w.alertable = 1;
	START_BLOCKED(&w);
	ASSERT_ST(0, NT(NtAlertThread, w.self));
	JOIN(&w);
	ASSERT_ST(STATUS_ALERTED, w.status);
	ASSERT_EQ(1, event_state(w.h[1]));
}

TEST(alert_does_not_end_a_non_alertable_wait)
{
	struct waiter w;
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = event_new(MANUAL, 0));
	waiter_init(&w, h, 400);
	w.after = test_alert_after;
	START_BLOCKED(&w);
	ASSERT_ST(0, NT(NtAlertThread, w.self));
	JOIN(&w);
	ASSERT_ST(STATUS_TIMEOUT, w.status);
	ASSERT_LE(399, w.ms);
	/* the alert stayed pending */
	ASSERT_ST(STATUS_ALERTED, w.st2);
}

TEST(alert_before_an_alertable_wait)
{
	uint64_t h, self;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = event_new(MANUAL, 0));
	ASSERT_NE(0, self = dup_same(NT_CURRENT_THREAD));
	ASSERT_ST(0, NT(NtAlertThread, self));
	ASSERT_ST(STATUS_ALERTED, NT(NtWaitForSingleObject, h, 1, 0));
	ASSERT_ST(STATUS_TIMEOUT, NT(NtWaitForSingleObject, h, 1, POLL));
	/* alerts are not counted */
	ASSERT_ST(0, NT(NtAlertThread, self));
	ASSERT_ST(0, NT(NtAlertThread, NT_CURRENT_THREAD));
	ASSERT_ST(STATUS_ALERTED, NT(NtWaitForMultipleObjects, 1, A(&h), NT_WAIT_ANY, 1, 0));
	ASSERT_ST(STATUS_TIMEOUT, NT(NtWaitForMultipleObjects, 1, A(&h), NT_WAIT_ANY, 1, POLL));
	/* a non-alertable wait leaves the alert pending */
	ASSERT_ST(0, NT(NtAlertThread, self));
	ASSERT_ST(STATUS_TIMEOUT, wait1(h, 0));
	ASSERT_ST(STATUS_TIMEOUT, wait1(h, 20));
	ASSERT_ST(STATUS_ALERTED, NT(NtWaitForSingleObject, h, 1, POLL));
	/* a signaled object is tested before the alert, which stays pending */
	ASSERT_ST(0, NT(NtAlertThread, self));
	ASSERT_ST(0, NT(NtSetEvent, h, 0));
	ASSERT_ST(STATUS_WAIT_0, NT(NtWaitForSingleObject, h, 1, 0));
	ASSERT_ST(STATUS_ALERTED, NT(NtTestAlert));
}

TEST(test_alert)
{
	uint64_t self, h;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(STATUS_SUCCESS, NT(NtTestAlert));
	ASSERT_NE(0, self = dup_same(NT_CURRENT_THREAD));
	ASSERT_ST(0, NT(NtAlertThread, self));
	ASSERT_ST(STATUS_ALERTED, NT(NtTestAlert));
	ASSERT_ST(STATUS_SUCCESS, NT(NtTestAlert));
	/* NtAlertThread: THREAD_ALERT on a thread handle */
	ASSERT_NE(0, h = dup_access(self, NT_SYNCHRONIZE));
	ASSERT_ST(STATUS_ACCESS_DENIED, NT(NtAlertThread, h));
	ASSERT_NE(0, h = dup_access(self, THREAD_ALERT));
	ASSERT_ST(0, NT(NtAlertThread, h));
	ASSERT_ST(STATUS_ALERTED, NT(NtTestAlert));
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtAlertThread, 0));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, NT(NtAlertThread, NT_CURRENT_PROCESS));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, NT(NtAlertThread, event_new(AUTO, 0)));
	ASSERT_ST(STATUS_SUCCESS, NT(NtTestAlert));
}

TEST(delay_execution)
{
	int64_t t0, ms;
	uint64_t self;
	uint32_t st;
	int64_t odd[2] = { 0, 0 }, ms1 = -10000;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtDelayExecution, 0, 0));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtDelayExecution, 1, 0));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtDelayExecution, 0, BAD_ADDR));
	/* 1 ms at a misaligned address */
	memcpy((char *)odd + 2, &ms1, sizeof(ms1));
	ASSERT_ST(STATUS_DATATYPE_MISALIGNMENT, NT(NtDelayExecution, 0, A(odd) + 2));
	/* expiry is success, not a timeout */
	t0 = now_ms();
	ASSERT_ST(STATUS_SUCCESS, NT(NtDelayExecution, 0, REL(150)));
	ms = now_ms() - t0;
	ASSERT_LE(150, ms);
	ASSERT_GT(SLOW_MS, ms);
	ASSERT_ST(STATUS_SUCCESS, NT(NtDelayExecution, 0, AT(nt_now() + 500000)));
	/* in the past: at once */
	t0 = now_ms();
	ASSERT_ST(STATUS_SUCCESS, NT(NtDelayExecution, 0, AT(10000000)));
	ASSERT_ST(STATUS_SUCCESS, NT(NtDelayExecution, 1, POLL));
	ASSERT_GT(1000, now_ms() - t0);
	/* zero, not alertable: a yield */
	st = NT(NtDelayExecution, 0, POLL);
	ASSERT_TRUE(st == STATUS_SUCCESS || st == STATUS_NO_YIELD_PERFORMED) TH_LOG("%#x", st);
	/* alertable with an alert pending */
	ASSERT_NE(0, self = dup_same(NT_CURRENT_THREAD));
	ASSERT_ST(0, NT(NtAlertThread, self));
	ASSERT_ST(STATUS_SUCCESS, NT(NtDelayExecution, 0, REL(10)));
	ASSERT_ST(STATUS_ALERTED, NT(NtDelayExecution, 1, REL(10000)));
	ASSERT_ST(0, NT(NtAlertThread, self));
	ASSERT_ST(STATUS_ALERTED, NT(NtDelayExecution, 1, POLL));
	ASSERT_ST(STATUS_SUCCESS, NT(NtTestAlert));
}

TEST(alert_ends_an_alertable_delay)
{
	struct waiter w;

	ASSERT_EQ(0, nt_become());
	waiter_init(&w, 0, 20000);
	w.nr = NTSVC_NtDelayExecution;
	w.alertable = 1;
	START_BLOCKED(&w);
	ASSERT_ST(0, NT(NtAlertThread, w.self));
	JOIN(&w);
	ASSERT_ST(STATUS_ALERTED, w.status);
	ASSERT_GT(SLOW_MS, w.ms);
	/* not alertable: the delay runs out */
	waiter_init(&w, 0, 300);
	w.nr = NTSVC_NtDelayExecution;
	w.after = test_alert_after;
	START_BLOCKED(&w);
	ASSERT_ST(0, NT(NtAlertThread, w.self));
	JOIN(&w);
	ASSERT_ST(STATUS_SUCCESS, w.status);
	ASSERT_LE(299, w.ms);
	ASSERT_ST(STATUS_ALERTED, w.st2);
}

TEST(yield_execution)
{
	uint32_t st;
	int i;

	ASSERT_EQ(0, nt_become());
	for (i = 0; i < 10; i++) {
		st = NT(NtYieldExecution);
		ASSERT_TRUE(st == STATUS_SUCCESS || st == STATUS_NO_YIELD_PERFORMED)
			TH_LOG("%#x", st);
	}
}

/* ==== NtSignalAndWaitForSingleObject ==== */

static uint32_t signal_and_wait(uint64_t s, uint64_t w, int64_t ms)
{
	return NT(NtSignalAndWaitForSingleObject, s, w, 0, REL(ms));
}

static void set_arg_after(struct waiter *w)
{
	w->st2 = NT(NtSetEvent, w->arg, 0);
}

TEST(signal_and_wait_event)
{
	struct waiter w;
	uint64_t a, b, c, q;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, a = event_new(AUTO, 0));
	ASSERT_NE(0, b = event_new(AUTO, 0));
	/* set, then consumed by the wait */
	ASSERT_ST(STATUS_WAIT_0, signal_and_wait(a, a, 0));
	ASSERT_EQ(0, event_state(a));
	/* the signal happens even when the wait times out */
	ASSERT_ST(STATUS_TIMEOUT, signal_and_wait(a, b, 50));
	ASSERT_EQ(1, event_state(a));
	ASSERT_ST(0, NT(NtResetEvent, a, 0));
	/* a handshake: the thread waits for a, then sets b */
	waiter_init(&w, a, FOREVER);
	w.arg = b;
	w.after = set_arg_after;
	START_BLOCKED(&w);
	ASSERT_ST(STATUS_WAIT_0, signal_and_wait(a, b, SLOW_MS));
	JOIN(&w);
	ASSERT_ST(STATUS_WAIT_0, w.status);
	ASSERT_EQ(0, event_state(a));
	ASSERT_EQ(0, event_state(b));
	/* EVENT_MODIFY_STATE is needed on the event signaled */
	ASSERT_NE(0, q = dup_access(a, EVENT_QUERY_STATE | NT_SYNCHRONIZE));
	ASSERT_ST(0, NT(NtSetEvent, b, 0));
	ASSERT_ST(STATUS_ACCESS_DENIED, signal_and_wait(q, b, 0));
	ASSERT_EQ(0, event_state(a));
	ASSERT_EQ(1, event_state(b));
	/* the wait may be alertable */
	ASSERT_NE(0, c = event_new(AUTO, 0));
	ASSERT_ST(0, NT(NtAlertThread, NT_CURRENT_THREAD));
	ASSERT_ST(STATUS_ALERTED, NT(NtSignalAndWaitForSingleObject, a, c, 1, 0));
	ASSERT_EQ(1, event_state(a));
}

TEST(signal_and_wait_semaphore)
{
	uint64_t s, full, e, q;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, s = sem_new(0, 1));
	ASSERT_ST(STATUS_WAIT_0, signal_and_wait(s, s, 0));
	ASSERT_EQ(0, sem_count(s));
	/* at the limit: SEMAPHORE_LIMIT_EXCEEDED, and no wait is done */
	ASSERT_NE(0, full = sem_new(1, 1));
	ASSERT_NE(0, e = event_new(AUTO, 1));
	ASSERT_ST(STATUS_SEMAPHORE_LIMIT_EXCEEDED, signal_and_wait(full, e, 0));
	ASSERT_EQ(1, event_state(e));
	ASSERT_EQ(1, sem_count(full));
	/* SEMAPHORE_MODIFY_STATE needed */
	ASSERT_NE(0, q = dup_access(s, SEMAPHORE_QUERY_STATE | NT_SYNCHRONIZE));
	ASSERT_ST(STATUS_ACCESS_DENIED, signal_and_wait(q, e, 0));
	ASSERT_EQ(0, sem_count(s));
	ASSERT_EQ(1, event_state(e));
	ASSERT_ST(STATUS_WAIT_0, signal_and_wait(s, e, 0));
	ASSERT_EQ(1, sem_count(s));
	ASSERT_EQ(0, event_state(e));
}

TEST(signal_and_wait_mutant)
{
	struct waiter w;
	uint64_t m, e, r;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, m = mutant_new(1));
	ASSERT_NE(0, e = event_new(AUTO, 1));
	/* released and taken again */
	ASSERT_ST(STATUS_WAIT_0, signal_and_wait(m, m, 0));
	ASSERT_EQ(10, mutant_state(m));
	/* released to a waiting thread, which then sets e */
	ASSERT_ST(0, NT(NtResetEvent, e, 0));
	waiter_init(&w, m, FOREVER);
	w.arg = e;
	w.after = set_arg_after;
	START_BLOCKED(&w);
	ASSERT_ST(STATUS_WAIT_0, signal_and_wait(m, e, SLOW_MS));
	JOIN(&w);
	ASSERT_ST(STATUS_WAIT_0, w.status);
	/* (the thread exited owning it: its NT exit is seen through its handle) */
	ASSERT_ST(STATUS_WAIT_0, wait1(w.self, SLOW_MS));
	ASSERT_EQ(100 + 1, mutant_state(m));
	/* not the owner: MUTANT_NOT_OWNED, no wait; abandoned: STATUS_ABANDONED, no wait */
	ASSERT_ST(0, NT(NtSetEvent, e, 0));
	ASSERT_ST(STATUS_ABANDONED, signal_and_wait(m, e, 0));
	ASSERT_EQ(1, event_state(e));
	ASSERT_ST(STATUS_ABANDONED_WAIT_0, wait1(m, 0));
	ASSERT_ST(0, NT(NtReleaseMutant, m, 0));
	ASSERT_ST(STATUS_MUTANT_NOT_OWNED, signal_and_wait(m, e, 0));
	ASSERT_EQ(1, event_state(e));
	/* no access needed on the mutant */
	ASSERT_NE(0, r = dup_access(m, NT_READ_CONTROL));
	ASSERT_ST(STATUS_WAIT_0, wait1(m, 0));
	ASSERT_ST(STATUS_WAIT_0, signal_and_wait(r, e, 0));
	ASSERT_EQ(100, mutant_state(m));
}

TEST(signal_and_wait_errors)
{
	uint64_t t, e, w, q, d;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, t = timer_new(NT_NOTIFICATION_TIMER));
	ASSERT_NE(0, e = event_new(AUTO, 0));
	ASSERT_NE(0, w = event_new(AUTO, 1));
	/* a timer (or any other type) cannot be signaled; the wait is not done */
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, signal_and_wait(t, w, 0));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, signal_and_wait(NT_CURRENT_THREAD, w, 0));
	ASSERT_ST(0, NT(NtCreateDirectoryObject, A(&d), DIRECTORY_ALL_ACCESS, 0));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, signal_and_wait(d, w, 0));
	ASSERT_EQ(1, event_state(w));
	/* bad handles: nothing is signaled */
	ASSERT_ST(STATUS_INVALID_HANDLE, signal_and_wait(0, w, 0));
	ASSERT_ST(STATUS_INVALID_HANDLE, signal_and_wait(e, 0, 0));
	ASSERT_ST(STATUS_INVALID_HANDLE, signal_and_wait(t, 0, 0));
	ASSERT_EQ(0, event_state(e));
	ASSERT_NE(0, q = dup_access(w, EVENT_ALL_ACCESS & ~NT_SYNCHRONIZE));
	ASSERT_ST(STATUS_ACCESS_DENIED, signal_and_wait(e, q, 0));
	ASSERT_EQ(0, event_state(e));
	/* the signal handle is referenced first */
	ASSERT_ST(STATUS_INVALID_HANDLE, signal_and_wait(0, q, 0));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtSignalAndWaitForSingleObject, e, w, 0, BAD_ADDR));
	ASSERT_EQ(0, event_state(e));
	ASSERT_EQ(1, event_state(w));
}

/* ==== Linux signals during a wait ==== */

static volatile sig_atomic_t usr1_hits;

static void on_usr1(int sig)
{
	usr1_hits++;
}

TEST(linux_signal_during_a_wait_runs_the_handler_and_waits_on)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	struct waiter w;
	uint64_t h;
	int i;

	ASSERT_EQ(0, nt_become());
	ASSERT_EQ(0, sigaction(SIGUSR1, &sa, NULL));
	ASSERT_NE(0, h = event_new(AUTO, 0));
	waiter_init(&w, h, FOREVER);
	START_BLOCKED(&w);
	ASSERT_EQ(0, pthread_kill(w.pt, SIGUSR1));
	for (i = 0; i < 1000 && !usr1_hits; i++)
		usleep(5000);
	ASSERT_EQ(1, usr1_hits);
	/* back in the same wait */
	ASSERT_TRUE(BLOCKED(&w));
	ASSERT_FALSE(waiter_done(&w));
	ASSERT_EQ(0, pthread_kill(w.pt, SIGUSR1));
	for (i = 0; i < 1000 && usr1_hits < 2; i++)
		usleep(5000);
	ASSERT_EQ(2, usr1_hits);
	ASSERT_TRUE(BLOCKED(&w));
	ASSERT_ST(0, NT(NtSetEvent, h, 0));
	JOIN(&w);
	ASSERT_ST(STATUS_WAIT_0, w.status);
	ASSERT_EQ(0, event_state(h));
	/* a timed wait still times out */
	waiter_init(&w, h, 300);
	START_BLOCKED(&w);
	ASSERT_EQ(0, pthread_kill(w.pt, SIGUSR1));
	JOIN(&w);
	ASSERT_ST(STATUS_TIMEOUT, w.status);
	ASSERT_EQ(3, usr1_hits);
}

/* ==== across processes ==== */

TEST(named_event_across_processes)
{
	struct nt_object_attributes oa;
	struct nt_client_id cid;
	struct waiter w;
	int wst, p[2];
	uint64_t e, s, m;
	pid_t pid;
	char c;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, NT(NtCreateEvent, A(&e), EVENT_ALL_ACCESS,
			A(nt_oa(&oa, 0, ST("xproc"), 0)), AUTO, 0));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		uint64_t h;
		int32_t prev = 0x55;

		/* an NT process of its own, with no handles */
		if (NT(NtOpenEvent, A(&h), EVENT_MODIFY_STATE, A(nt_oa(&oa, 0, ST("xproc"), 0))))
			_exit(1);
		if (NT(NtSetEvent, h, A(&prev)) || prev)
			_exit(2);
		_exit(0);
	}
	ASSERT_ST(STATUS_WAIT_0, wait1(e, SLOW_MS));
	ASSERT_EQ(pid, waitpid(pid, &wst, 0));
	ASSERT_TRUE(WIFEXITED(wst));
	ASSERT_EQ(0, WEXITSTATUS(wst));
	ASSERT_EQ(0, event_state(e));

	/* the other way: the child creates, waits; the parent opens and releases */
	ASSERT_EQ(0, pipe(p));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		uint64_t h, m;
		uint32_t st;

		close(p[0]);
		if (NT(NtCreateSemaphore, A(&h), SEMAPHORE_ALL_ACCESS,
		       A(nt_oa(&oa, 0, ST("xproc-sem"), 0)), 0, 1) ||
		    NT(NtCreateMutant, A(&m), MUTANT_ALL_ACCESS,
		       A(nt_oa(&oa, 0, ST("xproc-mut"), 0)), 1))
			_exit(1);
		if (write(p[1], "r", 1) != 1)
			_exit(2);
		st = wait1(h, SLOW_MS);
		c = st == STATUS_WAIT_0 ? 'w' : 'x';
		if (write(p[1], &c, 1) != 1)
			_exit(3);
		for (;;)
			pause();	/* killed, owning the mutant */
	}
	close(p[1]);
	ASSERT_EQ(1, read(p[0], &c, 1));
	ASSERT_EQ('r', c);
	ASSERT_ST(0, NT(NtOpenSemaphore, A(&s), SEMAPHORE_MODIFY_STATE,
			A(nt_oa(&oa, 0, ST("xproc-sem"), 0))));
	ASSERT_TRUE(blocked_in(pid, pid, NTSVC_NtWaitForSingleObject));
	ASSERT_ST(0, NT(NtReleaseSemaphore, s, 1, 0));
	ASSERT_EQ(1, read(p[0], &c, 1));
	ASSERT_EQ('w', c);
	/* its mutant: owned by the child's thread, abandoned when it is killed */
	ASSERT_ST(0, NT(NtOpenMutant, A(&m), MUTANT_ALL_ACCESS,
			A(nt_oa(&oa, 0, ST("xproc-mut"), 0))));
	ASSERT_EQ(0, mutant_state(m));
	ASSERT_ST(0, NT(NtQueryMutant, m, 1, A(&cid), sizeof(cid), 0));
	ASSERT_EQ((uint64_t)pid, cid.unique_process);
	ASSERT_EQ((uint64_t)pid, cid.unique_thread);
	ASSERT_ST(STATUS_MUTANT_NOT_OWNED, NT(NtReleaseMutant, m, 0));
	waiter_init(&w, m, SLOW_MS);
	START_BLOCKED(&w);
	ASSERT_EQ(0, kill(pid, SIGKILL));
	JOIN(&w);
	ASSERT_ST(STATUS_ABANDONED_WAIT_0, w.status);
	ASSERT_EQ(pid, waitpid(pid, &wst, 0));
	ASSERT_TRUE(WIFSIGNALED(wst));
}

/* ==== nothing leaks ==== */

/* The live object count once it has stopped moving (teardowns run async). */
static long settled_live_objects(void)
{
	long prev = nt_live_objects(), n;
	int i, same = 0;

	for (i = 0; i < 500 && same < 10; i++) {
		usleep(10000);
		n = nt_live_objects();
		same = n == prev ? same + 1 : 0;
		prev = n;
	}
	return prev;
}

static pid_t leak_tid;

static void *leak_waiter(void *arg)
{
	uint64_t *h = arg;

	__atomic_store_n(&leak_tid, tid_of_self(), __ATOMIC_RELEASE);
	NT(NtWaitForMultipleObjects, 64, A(h), NT_WAIT_ALL, 1, 0);
	return NULL;
}

#define LEAK_N	25

static void leak_child(int fd)
{
	struct nt_object_attributes oa;
	uint64_t h[4 * LEAK_N], any[2 * LEAK_N];
	pthread_t pt;
	char name[64];
	int i;

	for (i = 0; i < LEAK_N; i++) {
		snprintf(name, sizeof(name), ST("leak-%d"), i);
		if (NT(NtCreateEvent, A(&h[i]), EVENT_ALL_ACCESS, A(nt_oa(&oa, 0, name, 0)),
		       AUTO, 0))
			_exit(10);
		if (!(h[LEAK_N + i] = mutant_new(1)) || !(h[2 * LEAK_N + i] = sem_new(0, 9)) ||
		    !(h[3 * LEAK_N + i] = timer_new(i & 1)))
			_exit(11);
		if (set_timer(h[3 * LEAK_N + i], -100000 * (i + 1), 10 + i, NULL))
			_exit(12);
	}
	/* the thread waits for events, mutants it cannot own, semaphores */
	if (pthread_create(&pt, NULL, leak_waiter, &h[10]))
		_exit(13);
	while (!__atomic_load_n(&leak_tid, __ATOMIC_ACQUIRE))
		usleep(1000);
	if (!blocked_in(0, leak_tid, NTSVC_NtWaitForMultipleObjects))
		_exit(16);
	/* itself, for events and semaphores (it owns the mutants) */
	for (i = 0; i < LEAK_N; i++) {
		any[i] = h[i];
		any[LEAK_N + i] = h[2 * LEAK_N + i];
	}
	if (write(fd, "", 1) != 1)
		_exit(14);
	NT(NtWaitForMultipleObjects, 2 * LEAK_N, A(any), NT_WAIT_ANY, 0, 0);
	_exit(15);
}

TEST(nothing_leaks_when_a_waiting_process_is_killed)
{
	long before, during;
	int p[2], wst;
	char byte;
	pid_t pid;

	ASSERT_LE(0, nt_live_objects()) TH_LOG("no /sys/kernel/debug/ntpersona/live_objects");
	ASSERT_EQ(0, nt_become());
	before = settled_live_objects();
	ASSERT_EQ(0, pipe(p));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		close(p[0]);
		leak_child(p[1]);
	}
	close(p[1]);
	ASSERT_EQ(1, read(p[0], &byte, 1)) TH_LOG("the child failed");
	ASSERT_TRUE(blocked_in(pid, pid, NTSVC_NtWaitForMultipleObjects));
	during = nt_live_objects();
	/* its process, 2 threads, 4 x LEAK_N objects */
	ASSERT_LE(before + 3 + 4 * LEAK_N, during);
	ASSERT_EQ(0, kill(pid, SIGKILL));
	ASSERT_EQ(pid, waitpid(pid, &wst, 0));
	ASSERT_TRUE(WIFSIGNALED(wst));
	ASSERT_EQ(before, nt_wait_live_objects(before));
}

TEST_HARNESS_MAIN
