/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the synchronization tests share (event_test, mutant_test,
 * semaphore_test, timer_test, sync_test): objects made and read with one
 * call, waits with a timeout in milliseconds, and waiter threads that are
 * known to be blocked in an NT wait when /proc/self/task/<tid>/syscall
 * shows the service's number.
 */
#ifndef SYNCTEST_H
#define SYNCTEST_H

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

static inline int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* System time: 100 ns units since 1601-01-01 UTC. */
static inline int64_t nt_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec * 10000000LL + ts.tv_nsec / 100 + 116444736000000000LL;
}

static inline pid_t tid_of_self(void)
{
	return syscall(SYS_gettid);
}

/* ---- objects ---- */

static inline uint64_t event_new(uint32_t type, uint32_t initial)
{
	uint64_t h = 0;

	return NT(NtCreateEvent, A(&h), EVENT_ALL_ACCESS, 0, type, initial) ? 0 : h;
}

#define AUTO	NT_SYNCHRONIZATION_EVENT
#define MANUAL	NT_NOTIFICATION_EVENT

static inline uint64_t mutant_new(int owned)
{
	uint64_t h = 0;

	return NT(NtCreateMutant, A(&h), MUTANT_ALL_ACCESS, 0, owned) ? 0 : h;
}

static inline uint64_t sem_new(int32_t initial, int32_t max)
{
	uint64_t h = 0;

	return NT(NtCreateSemaphore, A(&h), SEMAPHORE_ALL_ACCESS, 0, initial, max) ? 0 : h;
}

static inline uint64_t timer_new(uint32_t type)
{
	uint64_t h = 0;

	return NT(NtCreateTimer, A(&h), TIMER_ALL_ACCESS, 0, type) ? 0 : h;
}

static inline uint64_t dup_access(uint64_t h, uint32_t access)
{
	uint64_t d = 0;

	return NT(NtDuplicateObject, NT_CURRENT_PROCESS, h, NT_CURRENT_PROCESS, A(&d), access, 0,
		  0) ? 0 : d;
}

static inline uint64_t dup_same(uint64_t h)
{
	uint64_t d = 0;

	return NT(NtDuplicateObject, NT_CURRENT_PROCESS, h, NT_CURRENT_PROCESS, A(&d), 0, 0,
		  DUPLICATE_SAME_ACCESS) ? 0 : d;
}

/* Signal states, or a value no object has when the query fails. */
#define NO_STATE	(-12345)

static inline int32_t event_state(uint64_t h)
{
	struct nt_event_basic_information i;

	if (NT(NtQueryEvent, h, 0, A(&i), sizeof(i), 0))
		return NO_STATE;
	return i.event_state;
}

static inline int32_t sem_count(uint64_t h)
{
	struct nt_semaphore_basic_information i;

	if (NT(NtQuerySemaphore, h, 0, A(&i), sizeof(i), 0))
		return NO_STATE;
	return i.current_count;
}

/* CurrentCount, OwnedByCaller and AbandonedState in one number: 100 * count + 10 * o + a */
static inline int32_t mutant_state(uint64_t h)
{
	struct nt_mutant_basic_information i;

	if (NT(NtQueryMutant, h, 0, A(&i), sizeof(i), 0))
		return NO_STATE;
	return 100 * i.current_count + 10 * i.owned_by_caller + i.abandoned_state;
}

static inline uint32_t timer_query(uint64_t h, int64_t *remaining, int *state)
{
	struct nt_timer_basic_information i;
	uint32_t st;

	memset(&i, 0xcc, sizeof(i));
	st = NT(NtQueryTimer, h, 0, A(&i), sizeof(i), 0);
	*remaining = i.remaining_time;
	*state = i.timer_state;
	return st;
}

static inline uint32_t set_timer(uint64_t h, int64_t due, int32_t period, uint8_t *prev)
{
	return NT(NtSetTimer, h, A(&due), 0, 0, 0, (uint32_t)period, A(prev));
}

static inline uint32_t wait1(uint64_t h, int64_t ms)
{
	return NT(NtWaitForSingleObject, h, 0, REL(ms));
}

static inline uint32_t waitn(uint32_t n, const uint64_t *h, uint32_t type, int64_t ms)
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
static inline int in_service(pid_t pid, pid_t tid, uint32_t nr)
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
static inline int blocked_in(pid_t pid, pid_t tid, uint32_t nr)
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

static inline void *waiter_run(void *arg)
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
static inline void waiter_init(struct waiter *w, uint64_t h, int64_t ms)
{
	memset(w, 0, sizeof(*w));
	w->nr = NTSVC_NtWaitForSingleObject;
	w->h[0] = h;
	w->timeout = ms == FOREVER ? FOREVER : -10000LL * ms;
}

static inline int waiter_start(struct waiter *w)
{
	if (pthread_create(&w->pt, NULL, waiter_run, w))
		return 0;
	while (!__atomic_load_n(&w->ready, __ATOMIC_ACQUIRE))
		usleep(1000);
	return 1;
}

static inline int waiter_done(struct waiter *w)
{
	return __atomic_load_n(&w->done, __ATOMIC_ACQUIRE);
}

/* Start @w and see it block in its wait. */
#define START_BLOCKED(w) do {						\
	ASSERT_TRUE(waiter_start(w));					\
	ASSERT_TRUE(BLOCKED(w)) TH_LOG("the thread never blocked");	\
} while (0)

#define JOIN(w)		ASSERT_EQ(0, pthread_join((w)->pt, NULL))

#endif /* SYNCTEST_H */
