// SPDX-License-Identifier: GPL-2.0
/*
 * Synchronization objects and waits against Windows NT semantics: events,
 * mutants, semaphores, timers, NtWaitForSingleObject,
 * NtWaitForMultipleObjects, NtSignalAndWaitForSingleObject,
 * NtDelayExecution, NtYieldExecution, NtAlertThread and NtTestAlert.
 *
 * What is asserted is what Windows does, as recorded with its sources in
 * the project's notes on sync semantics (sync-semantics.md): Wine's ntdll
 * and kernel32 sync tests (real Windows results), ring3k's native tests,
 * decompiled ntoskrnl and the WRK.  Sections of those notes are cited as
 * "[notes 4]".  Where ntpersona answers differently on purpose, the test
 * says so.
 *
 * Every test runs in a child of its own that becomes an NT process; its
 * threads are NT threads.  A thread is known to be blocked in an NT wait
 * when /proc/self/task/<tid>/syscall shows the service's number: the
 * tests never rely on sleeping "long enough".  Timing assertions are lower
 * bounds with generous upper bounds (the guests run under TCG).
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "ntassert.h"
#include "ntcall.h"

#define BNO		"\\BaseNamedObjects"
#define ST(name)	BNO "\\st-" name

#define BAD_ADDR	0xdeadbee0ULL		/* unmapped user address */
#define KERNEL_ADDR	0xffffffff81000000ULL
#define FOREVER		INT64_MAX		/* a NULL timeout */
#define SLOW_MS		5000			/* "at once" / "wakes up", under TCG */

/* A relative timeout of @ms (0: a poll), as a PLARGE_INTEGER. */
#define REL(ms)		A(&(int64_t){ -10000LL * (ms) })
#define POLL		REL(0)
#define AT(nt)		A(&(int64_t){ (nt) })

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* System time: 100 ns units since 1601-01-01 UTC. */
static int64_t nt_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec * 10000000LL + ts.tv_nsec / 100 + 116444736000000000LL;
}

static pid_t tid_of_self(void)
{
	return syscall(SYS_gettid);
}

/* ---- objects ---- */

static uint64_t event_new(uint32_t type, uint32_t initial)
{
	uint64_t h = 0;

	return NT(NtCreateEvent, A(&h), EVENT_ALL_ACCESS, 0, type, initial) ? 0 : h;
}

#define AUTO	NT_SYNCHRONIZATION_EVENT
#define MANUAL	NT_NOTIFICATION_EVENT

static uint64_t mutant_new(int owned)
{
	uint64_t h = 0;

	return NT(NtCreateMutant, A(&h), MUTANT_ALL_ACCESS, 0, owned) ? 0 : h;
}

static uint64_t sem_new(int32_t initial, int32_t max)
{
	uint64_t h = 0;

	return NT(NtCreateSemaphore, A(&h), SEMAPHORE_ALL_ACCESS, 0, initial, max) ? 0 : h;
}

static uint64_t timer_new(uint32_t type)
{
	uint64_t h = 0;

	return NT(NtCreateTimer, A(&h), TIMER_ALL_ACCESS, 0, type) ? 0 : h;
}

static uint64_t dup_access(uint64_t h, uint32_t access)
{
	uint64_t d = 0;

	return NT(NtDuplicateObject, NT_CURRENT_PROCESS, h, NT_CURRENT_PROCESS, A(&d), access, 0,
		  0) ? 0 : d;
}

static uint64_t dup_same(uint64_t h)
{
	uint64_t d = 0;

	return NT(NtDuplicateObject, NT_CURRENT_PROCESS, h, NT_CURRENT_PROCESS, A(&d), 0, 0,
		  DUPLICATE_SAME_ACCESS) ? 0 : d;
}

/* Signal states, or a value no object has when the query fails. */
#define NO_STATE	(-12345)

static int32_t event_state(uint64_t h)
{
	struct nt_event_basic_information i;

	if (NT(NtQueryEvent, h, 0, A(&i), sizeof(i), 0))
		return NO_STATE;
	return i.event_state;
}

static int32_t sem_count(uint64_t h)
{
	struct nt_semaphore_basic_information i;

	if (NT(NtQuerySemaphore, h, 0, A(&i), sizeof(i), 0))
		return NO_STATE;
	return i.current_count;
}

/* CurrentCount, OwnedByCaller and AbandonedState in one number: 100 * count + 10 * o + a */
static int32_t mutant_state(uint64_t h)
{
	struct nt_mutant_basic_information i;

	if (NT(NtQueryMutant, h, 0, A(&i), sizeof(i), 0))
		return NO_STATE;
	return 100 * i.current_count + 10 * i.owned_by_caller + i.abandoned_state;
}

static uint32_t timer_query(uint64_t h, int64_t *remaining, int *state)
{
	struct nt_timer_basic_information i;
	uint32_t st;

	memset(&i, 0xcc, sizeof(i));
	st = NT(NtQueryTimer, h, 0, A(&i), sizeof(i), 0);
	*remaining = i.remaining_time;
	*state = i.timer_state;
	return st;
}

static uint32_t set_timer(uint64_t h, int64_t due, int32_t period, uint8_t *prev)
{
	return NT(NtSetTimer, h, A(&due), 0, 0, 0, (uint32_t)period, A(prev));
}

static uint32_t wait1(uint64_t h, int64_t ms)
{
	return NT(NtWaitForSingleObject, h, 0, REL(ms));
}

static uint32_t waitn(uint32_t n, const uint64_t *h, uint32_t type, int64_t ms)
{
	return NT(NtWaitForMultipleObjects, n, A(h), type, 0, REL(ms));
}

#define ASSERT_TYPE(h, want) do {				\
	char t_[64];						\
	ASSERT_ST(0, nt_type_of(h, t_, sizeof(t_)));		\
	ASSERT_STREQ(want, t_);					\
} while (0)

/* ---- threads ---- */

/*
 * Is task @tid of process @pid (0: this one) blocked in NT service @nr?
 * The syscall file shows a number only for a task that is not running.
 */
static int in_service(pid_t pid, pid_t tid, uint32_t nr)
{
	char path[64], buf[128];
	FILE *f;
	long n;
	int ok;

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/task/%d/syscall", pid, tid);
	else
		snprintf(path, sizeof(path), "/proc/self/task/%d/syscall", tid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	ok = fgets(buf, sizeof(buf), f) && sscanf(buf, "%ld", &n) == 1 && n == (long)nr;
	fclose(f);
	return ok;
}

/* Wait (up to 10 s) until the task blocks in service @nr. */
static int blocked_in(pid_t pid, pid_t tid, uint32_t nr)
{
	int i;

	for (i = 0; i < 2000; i++) {
		if (in_service(pid, tid, nr))
			return 1;
		usleep(5000);
	}
	return 0;
}

#define BLOCKED(w)	blocked_in(0, (w)->tid, (w)->nr)

/*
 * A thread that makes one wait call (chosen by @nr) and records its status
 * and duration.  @before and @after run on the thread around the call.
 */
struct waiter {
	pthread_t pt;
	pid_t tid;
	uint64_t self;			/* a real handle to the thread */
	uint32_t nr;			/* the NT service that waits */
	uint64_t h[NT_MAXIMUM_WAIT_OBJECTS];
	uint64_t signal;		/* NtSignalAndWaitForSingleObject */
	uint32_t count;			/* NtWaitForMultipleObjects */
	uint32_t type;
	uint8_t alertable;
	int64_t timeout;		/* NT units, or FOREVER */
	void (*before)(struct waiter *w);
	void (*after)(struct waiter *w);
	uint32_t status;
	int64_t ms;
	int ready, done;
	/* for @before / @after */
	uint64_t arg;
	uint32_t st2, st3;
	int32_t v2, v3;
};

static void *waiter_run(void *arg)
{
	struct waiter *w = arg;
	uint64_t pto = A(&w->timeout);
	int64_t t0;

	if (w->timeout == FOREVER)
		pto = 0;
	w->tid = tid_of_self();
	if (NT(NtDuplicateObject, NT_CURRENT_PROCESS, NT_CURRENT_THREAD, NT_CURRENT_PROCESS,
	       A(&w->self), 0, 0, DUPLICATE_SAME_ACCESS))
		w->self = 0;
	if (w->before)
		w->before(w);
	__atomic_store_n(&w->ready, 1, __ATOMIC_RELEASE);
	t0 = now_ms();
	switch (w->nr) {
	case NTSVC_NtWaitForSingleObject:
		w->status = NT(NtWaitForSingleObject, w->h[0], w->alertable, pto);
		break;
	case NTSVC_NtWaitForMultipleObjects:
		w->status = NT(NtWaitForMultipleObjects, w->count, A(w->h), w->type, w->alertable,
			       pto);
		break;
	case NTSVC_NtSignalAndWaitForSingleObject:
		w->status = NT(NtSignalAndWaitForSingleObject, w->signal, w->h[0], w->alertable,
			       pto);
		break;
	case NTSVC_NtDelayExecution:
		w->status = NT(NtDelayExecution, w->alertable, A(&w->timeout));
		break;
	}
	w->ms = now_ms() - t0;
	if (w->after)
		w->after(w);
	__atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/* Start @w waiting on @h (NtWaitForSingleObject) for @ms (FOREVER: no timeout). */
static void waiter_init(struct waiter *w, uint64_t h, int64_t ms)
{
	memset(w, 0, sizeof(*w));
	w->nr = NTSVC_NtWaitForSingleObject;
	w->h[0] = h;
	w->timeout = ms == FOREVER ? FOREVER : -10000LL * ms;
}

static int waiter_start(struct waiter *w)
{
	if (pthread_create(&w->pt, NULL, waiter_run, w))
		return 0;
	while (!__atomic_load_n(&w->ready, __ATOMIC_ACQUIRE))
		usleep(1000);
	return 1;
}

static int waiter_done(struct waiter *w)
{
	return __atomic_load_n(&w->done, __ATOMIC_ACQUIRE);
}

/* Start @w and see it block in its wait. */
#define START_BLOCKED(w) do {						\
	ASSERT_TRUE(waiter_start(w));					\
	ASSERT_TRUE(BLOCKED(w)) TH_LOG("the thread never blocked");	\
} while (0)

#define JOIN(w)		ASSERT_EQ(0, pthread_join((w)->pt, NULL))

/* ==== events [notes 3] ==== */

TEST(event_create_type_and_initial_state)
{
	struct nt_event_basic_information i;
	uint32_t len;
	uint64_t h;
	int32_t prev;

	ASSERT_EQ(0, nt_become());
	len = 0;
	memset(&i, 0xcc, sizeof(i));
	ASSERT_ST(0, NT(NtCreateEvent, A(&h), EVENT_ALL_ACCESS, 0, MANUAL, 0));
	ASSERT_ST(0, NT(NtQueryEvent, h, 0, A(&i), sizeof(i), A(&len)));
	ASSERT_EQ(8, len);
	ASSERT_EQ(NT_NOTIFICATION_EVENT, i.event_type);
	ASSERT_EQ(0, i.event_state);
	ASSERT_ST(0, NT(NtCreateEvent, A(&h), EVENT_ALL_ACCESS, 0, AUTO, 1));
	ASSERT_ST(0, NT(NtQueryEvent, h, 0, A(&i), sizeof(i), A(&len)));
	ASSERT_EQ(NT_SYNCHRONIZATION_EVENT, i.event_type);
	ASSERT_EQ(1, i.event_state);
	/* InitialState is a BOOLEAN kept verbatim, not normalized */
	ASSERT_ST(0, NT(NtCreateEvent, A(&h), EVENT_ALL_ACCESS, 0, MANUAL, 2));
	ASSERT_EQ(2, event_state(h));
	ASSERT_ST(0, wait1(h, 0));		/* any non-zero state is signaled */
	prev = 0;
	ASSERT_ST(0, NT(NtResetEvent, h, A(&prev)));
	ASSERT_EQ(2, prev);
	ASSERT_ST(0, NT(NtCreateEvent, A(&h), EVENT_ALL_ACCESS, 0, AUTO, 0x12345678));
	ASSERT_EQ(0x78, event_state(h));
	ASSERT_ST(0, NT(NtSetEvent, h, A(&prev)));
	ASSERT_EQ(0x78, prev);
	ASSERT_TYPE(h, "Event");
}

TEST(event_create_bad_arguments)
{
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	h = 0xdeadbeef;
	ASSERT_ST(STATUS_INVALID_PARAMETER, NT(NtCreateEvent, A(&h), EVENT_ALL_ACCESS, 0, 2, 0));
	ASSERT_ST(STATUS_INVALID_PARAMETER, NT(NtCreateEvent, A(&h), EVENT_ALL_ACCESS, 0, -1, 0));
	/* the out-handle is probed before the type is checked */
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtCreateEvent, 0, EVENT_ALL_ACCESS, 0, 2, 0));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtCreateEvent, 0, EVENT_ALL_ACCESS, 0, AUTO, 0));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtCreateEvent, BAD_ADDR, EVENT_ALL_ACCESS, 0, 0, 0));
}

TEST(event_previous_states)
{
	int32_t prev;
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = event_new(AUTO, 0));
	prev = 0x55;
	ASSERT_ST(0, NT(NtSetEvent, h, A(&prev)));
	ASSERT_EQ(0, prev);
	ASSERT_ST(0, NT(NtSetEvent, h, A(&prev)));
	ASSERT_EQ(1, prev);
	ASSERT_ST(0, NT(NtResetEvent, h, A(&prev)));
	ASSERT_EQ(1, prev);
	ASSERT_ST(0, NT(NtResetEvent, h, A(&prev)));
	ASSERT_EQ(0, prev);
	/* pulse of an unsignaled event without waiters: prev 0, stays 0 */
	prev = 0x55;
	ASSERT_ST(0, NT(NtPulseEvent, h, A(&prev)));
	ASSERT_EQ(0, prev);
	ASSERT_EQ(0, event_state(h));
	/* set, then pulse: prev 1, reset afterwards */
	ASSERT_ST(0, NT(NtSetEvent, h, 0));
	ASSERT_ST(0, NT(NtPulseEvent, h, A(&prev)));
	ASSERT_EQ(1, prev);
	ASSERT_EQ(0, event_state(h));
	ASSERT_ST(STATUS_TIMEOUT, wait1(h, 0));
	/* NtClearEvent: a reset without an output */
	ASSERT_ST(0, NT(NtSetEvent, h, 0));
	ASSERT_ST(0, NT(NtClearEvent, h));
	ASSERT_EQ(0, event_state(h));
	/* the same on a manual-reset event */
	ASSERT_NE(0, h = event_new(MANUAL, 1));
	ASSERT_ST(0, NT(NtPulseEvent, h, A(&prev)));
	ASSERT_EQ(1, prev);
	ASSERT_EQ(0, event_state(h));
	ASSERT_ST(0, NT(NtSetEvent, h, A(&prev)));
	ASSERT_EQ(0, prev);
	ASSERT_ST(0, NT(NtResetEvent, h, 0));
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtSetEvent, 0, 0));
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtClearEvent, h + 4));
}

/* PreviousState is probed before the handle is used: nothing happens. */
TEST(event_bad_previous_state_pointer)
{
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = event_new(MANUAL, 0));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtSetEvent, h, 1));
	ASSERT_EQ(0, event_state(h));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtSetEvent, h, BAD_ADDR));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtSetEvent, h, KERNEL_ADDR));
	ASSERT_EQ(0, event_state(h));
	ASSERT_ST(0, NT(NtSetEvent, h, 0));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtResetEvent, h, BAD_ADDR));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtPulseEvent, h, BAD_ADDR));
	ASSERT_EQ(1, event_state(h));
	/* before the handle */
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtSetEvent, 0, BAD_ADDR));
}

TEST(auto_reset_event_wakes_exactly_one_waiter)
{
	struct waiter a, b;
	int32_t prev;
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = event_new(AUTO, 0));
	waiter_init(&a, h, 800);
	waiter_init(&b, h, 800);
	START_BLOCKED(&a);
	START_BLOCKED(&b);
	prev = 0x55;
	ASSERT_ST(0, NT(NtSetEvent, h, A(&prev)));
	ASSERT_EQ(0, prev);
	JOIN(&a);
	JOIN(&b);
	/* the first to wait gets it; the other times out */
	ASSERT_ST(STATUS_WAIT_0, a.status);
	ASSERT_ST(STATUS_TIMEOUT, b.status);
	ASSERT_LE(790, b.ms);
	ASSERT_EQ(0, event_state(h));
	/* without waiters it stays set until a wait consumes it */
	ASSERT_ST(0, NT(NtSetEvent, h, 0));
	ASSERT_EQ(1, event_state(h));
	ASSERT_ST(STATUS_WAIT_0, wait1(h, 0));
	ASSERT_EQ(0, event_state(h));
	ASSERT_ST(STATUS_TIMEOUT, wait1(h, 0));
}

TEST(manual_reset_event_wakes_all_waiters)
{
	struct waiter w[3];
	unsigned int i;
	int32_t prev;
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = event_new(MANUAL, 0));
	for (i = 0; i < 3; i++) {
		waiter_init(&w[i], h, FOREVER);
		START_BLOCKED(&w[i]);
	}
	ASSERT_ST(0, NT(NtSetEvent, h, A(&prev)));
	ASSERT_EQ(0, prev);
	for (i = 0; i < 3; i++) {
		JOIN(&w[i]);
		ASSERT_ST(STATUS_WAIT_0, w[i].status);
	}
	ASSERT_EQ(1, event_state(h));
	ASSERT_ST(STATUS_WAIT_0, wait1(h, 0));
	ASSERT_EQ(1, event_state(h));
}

TEST(pulse_event_with_waiters)
{
	struct waiter a, b;
	int32_t prev;
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	/* manual: every current waiter is released, the event ends reset */
	ASSERT_NE(0, h = event_new(MANUAL, 0));
	waiter_init(&a, h, FOREVER);
	waiter_init(&b, h, FOREVER);
	START_BLOCKED(&a);
	START_BLOCKED(&b);
	prev = 0x55;
	ASSERT_ST(0, NT(NtPulseEvent, h, A(&prev)));
	ASSERT_EQ(0, prev);
	JOIN(&a);
	JOIN(&b);
	ASSERT_ST(STATUS_WAIT_0, a.status);
	ASSERT_ST(STATUS_WAIT_0, b.status);
	ASSERT_EQ(0, event_state(h));
	/* auto: exactly one */
	ASSERT_NE(0, h = event_new(AUTO, 0));
	waiter_init(&a, h, 600);
	waiter_init(&b, h, 600);
	START_BLOCKED(&a);
	START_BLOCKED(&b);
	ASSERT_ST(0, NT(NtPulseEvent, h, A(&prev)));
	ASSERT_EQ(0, prev);
	JOIN(&a);
	JOIN(&b);
	ASSERT_ST(STATUS_WAIT_0, a.status);
	ASSERT_ST(STATUS_TIMEOUT, b.status);
	ASSERT_EQ(0, event_state(h));
}

TEST(event_access_rights)
{
	uint64_t h, q, m, z, s;
	int32_t prev;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = event_new(MANUAL, 0));
	ASSERT_NE(0, q = dup_access(h, EVENT_QUERY_STATE));
	ASSERT_NE(0, m = dup_access(h, EVENT_MODIFY_STATE));
	prev = 0x55;
	ASSERT_ST(STATUS_ACCESS_DENIED, NT(NtSetEvent, q, A(&prev)));
	ASSERT_EQ(0x55, prev);
	ASSERT_ST(STATUS_ACCESS_DENIED, NT(NtResetEvent, q, 0));
	ASSERT_ST(STATUS_ACCESS_DENIED, NT(NtClearEvent, q));
	ASSERT_ST(STATUS_ACCESS_DENIED, NT(NtPulseEvent, q, 0));
	ASSERT_EQ(0, event_state(q));
	ASSERT_EQ(NO_STATE, event_state(m));
	ASSERT_ST(0, NT(NtSetEvent, m, 0));
	ASSERT_EQ(1, event_state(h));
	/* waits need SYNCHRONIZE */
	ASSERT_ST(STATUS_ACCESS_DENIED, wait1(m, 0));
	ASSERT_ST(STATUS_ACCESS_DENIED, wait1(q, 0));
	/* an event created with no access at all [notes 3] */
	ASSERT_ST(0, NT(NtCreateEvent, A(&z), 0, 0, MANUAL, 0));
	ASSERT_ST(STATUS_ACCESS_DENIED, NT(NtSetEvent, z, 0));
	ASSERT_ST(STATUS_ACCESS_DENIED, NT(NtResetEvent, z, 0));
	ASSERT_ST(STATUS_ACCESS_DENIED, NT(NtClearEvent, z));
	ASSERT_ST(STATUS_ACCESS_DENIED, NT(NtPulseEvent, z, 0));
	ASSERT_EQ(NO_STATE, event_state(z));
	/* generic rights: READ = READ_CONTROL|QUERY, EXECUTE = READ_CONTROL|SYNCHRONIZE */
	ASSERT_NE(0, q = dup_access(h, NT_GENERIC_READ));
	ASSERT_EQ(1, event_state(q));
	ASSERT_ST(STATUS_ACCESS_DENIED, NT(NtSetEvent, q, 0));
	ASSERT_ST(STATUS_ACCESS_DENIED, wait1(q, 0));
	ASSERT_NE(0, q = dup_access(h, NT_GENERIC_EXECUTE));
	ASSERT_ST(0, wait1(q, 0));
	ASSERT_NE(0, q = dup_access(h, NT_GENERIC_WRITE));
	ASSERT_ST(0, NT(NtResetEvent, q, 0));
	/* another type's handle: OBJECT_TYPE_MISMATCH, even when access would fail too */
	ASSERT_NE(0, s = sem_new(0, 1));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, NT(NtSetEvent, s, 0));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, NT(NtPulseEvent, s, 0));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, NT(NtReleaseSemaphore, z, 30, 0));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, NT(NtSetEvent, NT_CURRENT_THREAD, 0));
}

TEST(event_open_by_name)
{
	struct nt_object_attributes oa;
	uint64_t h, o, s;
	int32_t prev;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, NT(NtCreateEvent, A(&h), EVENT_ALL_ACCESS, A(nt_oa(&oa, 0, ST("ev"), 0)),
			AUTO, 0));
	o = 0xdeadbeef;
	ASSERT_ST(0, NT(NtOpenEvent, A(&o), EVENT_MODIFY_STATE, A(&oa)));
	ASSERT_NE(0, o);
	ASSERT_NE(h, o);
	ASSERT_ST(0, NT(NtSetEvent, o, A(&prev)));
	ASSERT_EQ(0, prev);
	ASSERT_EQ(1, event_state(h));
	ASSERT_ST(STATUS_ACCESS_DENIED, wait1(o, 0));
	ASSERT_ST(0, wait1(h, 0));
	/* opening with no access is denied [notes 9] */
	ASSERT_ST(STATUS_ACCESS_DENIED, NT(NtOpenEvent, A(&o), 0, A(&oa)));
	ASSERT_ST(STATUS_OBJECT_NAME_NOT_FOUND,
		  NT(NtOpenEvent, A(&o), EVENT_ALL_ACCESS, A(nt_oa(&oa, 0, ST("nope"), 0))));
	/* the other types' opens do not open an event */
	nt_oa(&oa, 0, ST("ev"), 0);
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, NT(NtOpenSemaphore, A(&s), NT_SYNCHRONIZE, A(&oa)));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, NT(NtOpenMutant, A(&s), NT_SYNCHRONIZE, A(&oa)));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, NT(NtOpenTimer, A(&s), NT_SYNCHRONIZE, A(&oa)));
	/* and a second create of the name collides (OBJ_OPENIF opens it) */
	ASSERT_ST(STATUS_OBJECT_NAME_COLLISION,
		  NT(NtCreateEvent, A(&s), EVENT_ALL_ACCESS, A(&oa), AUTO, 0));
	nt_oa(&oa, 0, ST("ev"), OBJ_OPENIF);
	ASSERT_ST(STATUS_OBJECT_NAME_EXISTS,
		  NT(NtCreateEvent, A(&s), EVENT_ALL_ACCESS, A(&oa), MANUAL, 1));
	ASSERT_EQ(0, event_state(s));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH,
		  NT(NtCreateSemaphore, A(&s), SEMAPHORE_ALL_ACCESS, A(&oa), 0, 1));
}

/* ==== mutants [notes 4] ==== */

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
	/* the two padding bytes are not written [notes 2] */
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
 * Closing the last handle of a waited-on mutant does not wake its waiters
 * [notes 4]: the wait holds the object.
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
	/* GENERIC_READ|GENERIC_WRITE carry no SYNCHRONIZE, GENERIC_EXECUTE does [notes 9] */
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

/* ==== semaphores [notes 5] ==== */

TEST(semaphore_create_checks)
{
	struct nt_semaphore_basic_information i;
	uint32_t len;
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	h = 0xdeadbeef;
	ASSERT_ST(STATUS_INVALID_PARAMETER,
		  NT(NtCreateSemaphore, A(&h), SEMAPHORE_ALL_ACCESS, 0, 0, 0));
	ASSERT_ST(STATUS_INVALID_PARAMETER,
		  NT(NtCreateSemaphore, A(&h), SEMAPHORE_ALL_ACCESS, 0, 0, -1));
	ASSERT_ST(STATUS_INVALID_PARAMETER,
		  NT(NtCreateSemaphore, A(&h), SEMAPHORE_ALL_ACCESS, 0, -1, 1));
	ASSERT_ST(STATUS_INVALID_PARAMETER,
		  NT(NtCreateSemaphore, A(&h), SEMAPHORE_ALL_ACCESS, 0, 2, 1));
	ASSERT_ST(STATUS_INVALID_PARAMETER,
		  NT(NtCreateSemaphore, A(&h), SEMAPHORE_ALL_ACCESS, 0, INT_MIN, INT_MIN));
	/* the out-handle first */
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtCreateSemaphore, 0, SEMAPHORE_ALL_ACCESS, 0, 2, 1));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtCreateSemaphore, 0, SEMAPHORE_ALL_ACCESS, 0, 0, 1));
	ASSERT_ST(0, NT(NtCreateSemaphore, A(&h), SEMAPHORE_ALL_ACCESS, 0, 2, 3));
	len = 0;
	memset(&i, 0xcc, sizeof(i));
	ASSERT_ST(0, NT(NtQuerySemaphore, h, 0, A(&i), sizeof(i), A(&len)));
	ASSERT_EQ(8, len);
	ASSERT_EQ(2, i.current_count);
	ASSERT_EQ(3, i.maximum_count);
	ASSERT_TYPE(h, "Semaphore");
	ASSERT_ST(0, NT(NtCreateSemaphore, A(&h), SEMAPHORE_ALL_ACCESS, 0, 0, 1));
	ASSERT_EQ(0, sem_count(h));
	ASSERT_ST(0, NT(NtCreateSemaphore, A(&h), SEMAPHORE_ALL_ACCESS, 0, INT_MAX, INT_MAX));
	ASSERT_EQ(INT_MAX, sem_count(h));
}

TEST(semaphore_release)
{
	int32_t prev;
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = sem_new(0, 2));
	prev = 0x55;
	ASSERT_ST(0, NT(NtReleaseSemaphore, h, 1, A(&prev)));
	ASSERT_EQ(0, prev);
	ASSERT_ST(0, NT(NtReleaseSemaphore, h, 1, A(&prev)));
	ASSERT_EQ(1, prev);
	/* over the maximum: nothing changes, PreviousCount untouched */
	prev = 0x55;
	ASSERT_ST(STATUS_SEMAPHORE_LIMIT_EXCEEDED, NT(NtReleaseSemaphore, h, 1, A(&prev)));
	ASSERT_EQ(0x55, prev);
	ASSERT_EQ(2, sem_count(h));
	/* each wait takes one unit */
	ASSERT_ST(STATUS_WAIT_0, wait1(h, 0));
	ASSERT_EQ(1, sem_count(h));
	ASSERT_ST(STATUS_SEMAPHORE_LIMIT_EXCEEDED, NT(NtReleaseSemaphore, h, 2, A(&prev)));
	ASSERT_EQ(0x55, prev);
	ASSERT_EQ(1, sem_count(h));
	ASSERT_ST(STATUS_WAIT_0, wait1(h, 0));
	ASSERT_ST(STATUS_TIMEOUT, wait1(h, 0));
	ASSERT_ST(0, NT(NtReleaseSemaphore, h, 2, A(&prev)));
	ASSERT_EQ(0, prev);
	ASSERT_EQ(2, sem_count(h));
	/* a count <= 0 is INVALID_PARAMETER, checked before the handle */
	prev = 0x55;
	ASSERT_ST(STATUS_INVALID_PARAMETER, NT(NtReleaseSemaphore, h, 0, A(&prev)));
	ASSERT_ST(STATUS_INVALID_PARAMETER, NT(NtReleaseSemaphore, h, -1, A(&prev)));
	ASSERT_ST(STATUS_INVALID_PARAMETER, NT(NtReleaseSemaphore, h, INT_MIN, 0));
	ASSERT_ST(STATUS_INVALID_PARAMETER, NT(NtReleaseSemaphore, 0, 0, 0));
	ASSERT_EQ(0x55, prev);
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtReleaseSemaphore, 0, 1, 0));
	/* overflow of count + release is over the limit too */
	ASSERT_NE(0, h = sem_new(1, INT_MAX));
	ASSERT_ST(STATUS_SEMAPHORE_LIMIT_EXCEEDED, NT(NtReleaseSemaphore, h, INT_MAX, A(&prev)));
	ASSERT_EQ(1, sem_count(h));
	ASSERT_ST(0, NT(NtReleaseSemaphore, h, INT_MAX - 1, A(&prev)));
	ASSERT_EQ(1, prev);
	ASSERT_EQ(INT_MAX, sem_count(h));
}

/* PreviousCount is probed first: before the count, the handle and the release. */
TEST(semaphore_bad_previous_count_pointer)
{
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = sem_new(0, 2));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtReleaseSemaphore, h, 1, BAD_ADDR));
	ASSERT_EQ(0, sem_count(h));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtReleaseSemaphore, h, 1, KERNEL_ADDR));
	ASSERT_EQ(0, sem_count(h));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtReleaseSemaphore, h, 0, BAD_ADDR));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtReleaseSemaphore, 0, 1, BAD_ADDR));
}

TEST(semaphore_release_wakes_that_many_waiters)
{
	struct waiter w[3];
	unsigned int i, got = 0, timedout = 0;
	int32_t prev;
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = sem_new(0, 5));
	for (i = 0; i < 3; i++) {
		waiter_init(&w[i], h, 800);
		START_BLOCKED(&w[i]);
	}
	ASSERT_ST(0, NT(NtReleaseSemaphore, h, 2, A(&prev)));
	ASSERT_EQ(0, prev);
	for (i = 0; i < 3; i++) {
		JOIN(&w[i]);
		got += w[i].status == STATUS_WAIT_0;
		timedout += w[i].status == STATUS_TIMEOUT;
	}
	ASSERT_EQ(2, got);
	ASSERT_EQ(1, timedout);
	/* first come, first served */
	ASSERT_ST(STATUS_TIMEOUT, w[2].status);
	ASSERT_EQ(0, sem_count(h));
}

TEST(semaphore_access_rights)
{
	uint64_t h, q, m;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = sem_new(0, 2));
	ASSERT_NE(0, q = dup_access(h, SEMAPHORE_QUERY_STATE | NT_SYNCHRONIZE));
	ASSERT_NE(0, m = dup_access(h, SEMAPHORE_MODIFY_STATE));
	ASSERT_ST(STATUS_ACCESS_DENIED, NT(NtReleaseSemaphore, q, 1, 0));
	ASSERT_ST(0, NT(NtReleaseSemaphore, m, 1, 0));
	ASSERT_EQ(NO_STATE, sem_count(m));
	ASSERT_EQ(1, sem_count(q));
	ASSERT_ST(STATUS_ACCESS_DENIED, wait1(m, 0));
	ASSERT_ST(STATUS_WAIT_0, wait1(q, 0));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, NT(NtReleaseSemaphore, event_new(AUTO, 0), 1, 0));
}

/* ==== timers [notes 6] ==== */

TEST(timer_create_checks)
{
	int64_t rem;
	uint64_t h;
	int state;

	ASSERT_EQ(0, nt_become());
	h = 0xdeadbeef;
	/* the type is checked first, and the handle is left alone */
	ASSERT_ST(STATUS_INVALID_PARAMETER_4, NT(NtCreateTimer, A(&h), TIMER_ALL_ACCESS, 0, 2));
	ASSERT_ST(STATUS_INVALID_PARAMETER_4, NT(NtCreateTimer, A(&h), TIMER_ALL_ACCESS, 0, ~0u));
	ASSERT_EQ(0xdeadbeef, h);
	ASSERT_ST(STATUS_INVALID_PARAMETER_4, NT(NtCreateTimer, 0, TIMER_ALL_ACCESS, 0, 2));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtCreateTimer, 0, TIMER_ALL_ACCESS, 0, 0));
	ASSERT_ST(0, NT(NtCreateTimer, A(&h), TIMER_ALL_ACCESS, 0, NT_NOTIFICATION_TIMER));
	ASSERT_TYPE(h, "Timer");
	/* never set: not signaled, RemainingTime negative [notes 2] */
	ASSERT_ST(0, timer_query(h, &rem, &state));
	ASSERT_GT(0, rem);
	ASSERT_EQ(0, state);
	ASSERT_ST(STATUS_TIMEOUT, wait1(h, 0));
}

TEST(timer_set_checks)
{
	uint64_t h, e, q;
	uint8_t prev;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = timer_new(NT_NOTIFICATION_TIMER));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtSetTimer, h, 0, 0, 0, 0, 0, 0));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtSetTimer, h, BAD_ADDR, 0, 0, 0, 0, 0));
	ASSERT_ST(STATUS_INVALID_PARAMETER_6, NT(NtSetTimer, h, REL(10), 0, 0, 0, -1, 0));
	/* DueTime, then Period, then the handle */
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtSetTimer, h, 0, 0, 0, 0, -1, 0));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtSetTimer, 0, 0, 0, 0, 0, 0, 0));
	ASSERT_ST(STATUS_INVALID_PARAMETER_6, NT(NtSetTimer, 0, REL(10), 0, 0, 0, -1, 0));
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtSetTimer, 0, REL(10), 0, 0, 0, 0, 0));
	ASSERT_NE(0, e = event_new(AUTO, 0));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, NT(NtSetTimer, e, REL(10), 0, 0, 0, 0, 0));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, NT(NtCancelTimer, e, 0));
	ASSERT_NE(0, q = dup_access(h, TIMER_QUERY_STATE | NT_SYNCHRONIZE));
	ASSERT_ST(STATUS_ACCESS_DENIED, NT(NtSetTimer, q, REL(10), 0, 0, 0, 0, 0));
	ASSERT_ST(STATUS_ACCESS_DENIED, NT(NtCancelTimer, q, 0));
	/*
	 * ntpersona's choice: there are no user APCs yet, so a set with an APC
	 * routine is refused rather than run without it [notes 6].
	 */
	prev = 0x55;
	ASSERT_ST(STATUS_NOT_SUPPORTED, NT(NtSetTimer, h, REL(10), 0x1000, 0, 0, 0, A(&prev)));
	ASSERT_EQ(0x55, prev);
	/* ResumeTimer from user mode: plain success */
	ASSERT_ST(0, NT(NtSetTimer, h, REL(10), 0, 0, 1, 0, A(&prev)));
	ASSERT_EQ(0, prev);
	ASSERT_ST(STATUS_WAIT_0, wait1(h, SLOW_MS));
}

TEST(timer_relative_due_time)
{
	int64_t rem, t0, ms;
	uint8_t prev;
	uint64_t h;
	int state;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = timer_new(NT_NOTIFICATION_TIMER));
	t0 = now_ms();
	prev = 0x55;
	ASSERT_ST(0, set_timer(h, -2000000, 0, &prev));		/* 200 ms */
	ASSERT_EQ(0, prev);
	ASSERT_ST(0, timer_query(h, &rem, &state));
	ASSERT_LT(0, rem);
	ASSERT_GE(2000000, rem);
	ASSERT_EQ(0, state);
	ASSERT_ST(STATUS_TIMEOUT, wait1(h, 0));
	ASSERT_ST(STATUS_WAIT_0, NT(NtWaitForSingleObject, h, 0, 0));
	ms = now_ms() - t0;
	ASSERT_LE(199, ms);
	ASSERT_GT(SLOW_MS, ms);
	/* a notification timer stays signaled; RemainingTime is now negative */
	ASSERT_ST(0, timer_query(h, &rem, &state));
	ASSERT_GT(0, rem);
	ASSERT_EQ(1, state);
	ASSERT_ST(STATUS_WAIT_0, wait1(h, 0));
	ASSERT_ST(STATUS_WAIT_0, wait1(h, 0));
	/* setting it again resets it; PreviousState tells it was signaled */
	ASSERT_ST(0, set_timer(h, -1000000000, 0, &prev));
	ASSERT_EQ(1, prev);
	ASSERT_ST(0, timer_query(h, &rem, &state));
	ASSERT_EQ(0, state);
	ASSERT_ST(STATUS_TIMEOUT, wait1(h, 0));
	/* due time 0: at once */
	ASSERT_ST(0, set_timer(h, 0, 0, &prev));
	ASSERT_EQ(0, prev);
	ASSERT_ST(STATUS_WAIT_0, wait1(h, SLOW_MS));
	ASSERT_ST(0, set_timer(h, 0, 0, &prev));
	ASSERT_EQ(1, prev);
}

TEST(timer_absolute_due_time)
{
	int64_t t0, ms, rem;
	uint64_t h;
	int state;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = timer_new(NT_NOTIFICATION_TIMER));
	t0 = now_ms();
	ASSERT_ST(0, set_timer(h, nt_now() + 2000000, 0, NULL));	/* in 200 ms */
	ASSERT_ST(0, timer_query(h, &rem, &state));
	ASSERT_LT(0, rem);
	ASSERT_GE(2000000, rem);
	ASSERT_ST(STATUS_WAIT_0, wait1(h, SLOW_MS));
	ms = now_ms() - t0;
	ASSERT_LE(195, ms);
	ASSERT_GT(SLOW_MS, ms);
	/* in the past: at once */
	ASSERT_ST(0, set_timer(h, nt_now() - 10000000, 0, NULL));
	t0 = now_ms();
	ASSERT_ST(STATUS_WAIT_0, wait1(h, SLOW_MS));
	ASSERT_GT(1000, now_ms() - t0);
	ASSERT_ST(0, set_timer(h, 1, 0, NULL));			/* 1601 */
	ASSERT_ST(STATUS_WAIT_0, wait1(h, SLOW_MS));
	ASSERT_ST(0, timer_query(h, &rem, &state));
	ASSERT_GT(0, rem);
	ASSERT_EQ(1, state);
}

TEST(periodic_timer_fires_repeatedly)
{
	int64_t t0, ms, rem;
	uint64_t h;
	uint8_t cur;
	int i, state;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = timer_new(NT_SYNCHRONIZATION_TIMER));
	t0 = now_ms();
	ASSERT_ST(0, set_timer(h, -500000, 50, NULL));		/* 50 ms, then every 50 ms */
	for (i = 0; i < 4; i++)
		ASSERT_ST(STATUS_WAIT_0, wait1(h, SLOW_MS), " (expiry %d)", i);
	ms = now_ms() - t0;
	ASSERT_LE(195, ms);
	/*
	 * Still pending, the due time moved on with each expiry: the next one
	 * is at most a period ahead (a stale due time would be 150 ms behind).
	 */
	ASSERT_ST(0, timer_query(h, &rem, &state));
	ASSERT_LT(-500000, rem);
	ASSERT_GE(500000, rem);
	/* cancel: no more expiries */
	ASSERT_ST(0, NT(NtCancelTimer, h, A(&cur)));
	/* an expiry may have come between the last wait and the cancel: take it */
	ASSERT_EQ(cur ? STATUS_WAIT_0 : STATUS_TIMEOUT, wait1(h, 0));
	ASSERT_ST(STATUS_TIMEOUT, wait1(h, 300));
}

TEST(synchronization_timer_is_consumed_by_a_wait)
{
	struct waiter a, b;
	int64_t rem;
	uint64_t h;
	int state;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = timer_new(NT_SYNCHRONIZATION_TIMER));
	ASSERT_ST(0, set_timer(h, -100000, 0, NULL));
	ASSERT_ST(STATUS_WAIT_0, wait1(h, SLOW_MS));
	ASSERT_ST(0, timer_query(h, &rem, &state));
	ASSERT_EQ(0, state);
	ASSERT_ST(STATUS_TIMEOUT, wait1(h, 0));
	/* one waiter of two gets the expiry */
	waiter_init(&a, h, 800);
	waiter_init(&b, h, 800);
	START_BLOCKED(&a);
	START_BLOCKED(&b);
	ASSERT_ST(0, set_timer(h, 0, 0, NULL));
	JOIN(&a);
	JOIN(&b);
	ASSERT_ST(STATUS_WAIT_0, a.status);
	ASSERT_ST(STATUS_TIMEOUT, b.status);
	/* a notification timer releases both and stays signaled */
	ASSERT_NE(0, h = timer_new(NT_NOTIFICATION_TIMER));
	waiter_init(&a, h, FOREVER);
	waiter_init(&b, h, FOREVER);
	START_BLOCKED(&a);
	START_BLOCKED(&b);
	ASSERT_ST(0, set_timer(h, 0, 0, NULL));
	JOIN(&a);
	JOIN(&b);
	ASSERT_ST(STATUS_WAIT_0, a.status);
	ASSERT_ST(STATUS_WAIT_0, b.status);
	ASSERT_ST(STATUS_WAIT_0, wait1(h, 0));
}

TEST(cancel_timer_keeps_the_signal_state)
{
	uint8_t cur;
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	ASSERT_NE(0, h = timer_new(NT_NOTIFICATION_TIMER));
	/* never set: success, not signaled */
	cur = 0x55;
	ASSERT_ST(0, NT(NtCancelTimer, h, A(&cur)));
	ASSERT_EQ(0, cur);
	/* fired, then cancelled: still signaled */
	ASSERT_ST(0, set_timer(h, -100000, 0, NULL));
	ASSERT_ST(STATUS_WAIT_0, wait1(h, SLOW_MS));
	ASSERT_ST(0, NT(NtCancelTimer, h, A(&cur)));
	ASSERT_EQ(1, cur);
	ASSERT_ST(STATUS_WAIT_0, wait1(h, 0));
	/* pending, then cancelled: never fires */
	ASSERT_ST(0, set_timer(h, -1000000, 0, &cur));
	ASSERT_EQ(1, cur);
	ASSERT_ST(0, NT(NtCancelTimer, h, A(&cur)));
	ASSERT_EQ(0, cur);
	ASSERT_ST(STATUS_TIMEOUT, wait1(h, 300));
	ASSERT_ST(0, NT(NtCancelTimer, h, 0));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtCancelTimer, h, BAD_ADDR));
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtCancelTimer, 0, 0));
}

TEST(open_timer_by_name)
{
	struct nt_object_attributes oa;
	uint64_t h, o;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, NT(NtCreateTimer, A(&h), TIMER_ALL_ACCESS, A(nt_oa(&oa, 0, ST("tmr"), 0)),
			NT_NOTIFICATION_TIMER));
	ASSERT_ST(0, NT(NtOpenTimer, A(&o), TIMER_MODIFY_STATE, A(&oa)));
	ASSERT_ST(0, set_timer(o, 0, 0, NULL));
	ASSERT_ST(STATUS_WAIT_0, wait1(h, SLOW_MS));
	ASSERT_ST(STATUS_ACCESS_DENIED, wait1(o, 0));
	ASSERT_ST(STATUS_ACCESS_DENIED, NT(NtOpenTimer, A(&o), 0, A(&oa)));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, NT(NtOpenEvent, A(&o), NT_SYNCHRONIZE, A(&oa)));
}

/* ==== NtQueryXxx classes and lengths [notes 2] ==== */

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

/* ==== waits [notes 7] ==== */

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
	 * (not in its valid access mask) [notes 7].
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
	/* the pseudo-handles are not accepted here [notes 7] */
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

/* ==== alerts [notes 8] ==== */

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

/* ==== NtSignalAndWaitForSingleObject [notes 7] ==== */

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
