// SPDX-License-Identifier: GPL-2.0
/*
 * Stress of the wait engine (run on 2 CPUs): wait-all atomicity under
 * concurrent releases, and processes killed in the middle of waits.
 * Afterwards every object must be gone (live_objects) and the guest's
 * kernel log clean (scripts/vm checks that).
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "ntcall.h"

#define CONSUMERS	4
#define ROUNDS		10000

static uint64_t sem_a, sem_b, mutex;
static volatile long inside, counted, failures;
static int rounds;	/* ROUNDS, scaled for the kernel */

/* Each round takes one unit of A, one of B and the mutant, all at once. */
static void *consumer(void *arg)
{
	uint64_t handles[3] = { sem_a, sem_b, mutex };
	int64_t timeout = -100000000LL;	/* 10 s */
	uint32_t status;
	int i;

	for (i = 0; i < rounds; i++) {
		status = NT(NtWaitForMultipleObjects, 3, A(handles), NT_WAIT_ALL, 0, A(&timeout));
		if (status != STATUS_WAIT_0) {
			__atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED);
			break;
		}
		/* the mutant makes this a critical section: no atomics needed */
		if (inside++)
			__atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED);
		counted++;
		inside--;
		if (NT(NtReleaseMutant, mutex, 0))
			__atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

/* Releases A and B in uneven batches while the consumers wait. */
static void *producer(void *arg)
{
	unsigned int seed = 7;
	long a = 0, b = 0, total = (long)CONSUMERS * rounds, n;

	while (a < total || b < total) {
		n = 1 + rand_r(&seed) % 8;
		if (rand_r(&seed) & 1) {
			n = n < total - a ? n : total - a;
			if (n && !NT(NtReleaseSemaphore, sem_a, n, 0))
				a += n;
		} else {
			n = n < total - b ? n : total - b;
			if (n && !NT(NtReleaseSemaphore, sem_b, n, 0))
				b += n;
		}
	}
	return NULL;
}

/* a fixture only for the timeouts: the debug kernel is ten times slower */
FIXTURE(stress) {
	int unused;
};

FIXTURE_SETUP(stress)
{
}

FIXTURE_TEARDOWN(stress)
{
}

TEST_F_TIMEOUT(stress, wait_all_is_atomic_under_concurrent_releases, 900)
{
	struct nt_semaphore_basic_information info;
	pthread_t c[CONSUMERS], p;
	int i;

	rounds = nt_scaled(ROUNDS);
	ASSERT_EQ(0, nt_become());
	ASSERT_EQ(0, NT(NtCreateSemaphore, A(&sem_a), SEMAPHORE_ALL_ACCESS, 0, 0, 1 << 30));
	ASSERT_EQ(0, NT(NtCreateSemaphore, A(&sem_b), SEMAPHORE_ALL_ACCESS, 0, 0, 1 << 30));
	ASSERT_EQ(0, NT(NtCreateMutant, A(&mutex), MUTANT_ALL_ACCESS, 0, 0));
	for (i = 0; i < CONSUMERS; i++)
		ASSERT_EQ(0, pthread_create(&c[i], NULL, consumer, NULL));
	ASSERT_EQ(0, pthread_create(&p, NULL, producer, NULL));
	for (i = 0; i < CONSUMERS; i++)
		pthread_join(c[i], NULL);
	pthread_join(p, NULL);
	EXPECT_EQ(0, failures);
	EXPECT_EQ((long)CONSUMERS * rounds, counted);
	ASSERT_EQ(0, NT(NtQuerySemaphore, sem_a, 0, A(&info), sizeof(info), 0));
	EXPECT_EQ(0, info.current_count);
	ASSERT_EQ(0, NT(NtQuerySemaphore, sem_b, 0, A(&info), sizeof(info), 0));
	EXPECT_EQ(0, info.current_count);
}

static void *wait_forever(void *arg)
{
	NT(NtWaitForSingleObject, (uint64_t)(uintptr_t)arg, 0, 0);
	return NULL;
}

/* A child NT process: two threads wait on a shared event, one on its own objects. */
static void waiting_child(int ready)
{
	struct nt_object_attributes oa;
	uint64_t shared, own[2];
	pthread_t t;

	if (NT(NtOpenEvent, A(&shared), EVENT_ALL_ACCESS,
	       A(nt_oa(&oa, 0, "\\BaseNamedObjects\\stress-never", 0))) ||
	    NT(NtCreateEvent, A(&own[0]), EVENT_ALL_ACCESS, 0, NT_SYNCHRONIZATION_EVENT, 0) ||
	    NT(NtCreateMutant, A(&own[1]), MUTANT_ALL_ACCESS, 0, 1))
		_exit(1);
	pthread_create(&t, NULL, wait_forever, (void *)(uintptr_t)shared);
	write(ready, "r", 1);
	NT(NtWaitForMultipleObjects, 2, A(own), NT_WAIT_ALL, 0, 0);
	_exit(2);
}

TEST_F_TIMEOUT(stress, thousand_processes_killed_mid_wait, 900)
{
	struct nt_object_attributes oa;
	uint64_t shared;
	int ready[2], i, st, batch;
	pid_t pids[50];
	long before;
	char c;

	ASSERT_EQ(0, nt_become());
	ASSERT_EQ(0, NT(NtCreateEvent, A(&shared), EVENT_ALL_ACCESS,
			A(nt_oa(&oa, 0, "\\BaseNamedObjects\\stress-never", 0)),
			NT_NOTIFICATION_EVENT, 0));
	before = nt_live_objects();
	ASSERT_LT(0, before);
	ASSERT_EQ(0, pipe(ready));
	for (batch = 0; batch < (nt_scaled(1000) + 49) / 50; batch++) {
		for (i = 0; i < 50; i++) {
			pids[i] = fork();
			ASSERT_LE(0, pids[i]);
			if (!pids[i])
				waiting_child(ready[1]);
		}
		for (i = 0; i < 50; i++)
			ASSERT_EQ(1, read(ready[0], &c, 1));
		for (i = 0; i < 50; i++)
			kill(pids[i], SIGKILL);
		for (i = 0; i < 50; i++) {
			ASSERT_EQ(pids[i], waitpid(pids[i], &st, 0));
			EXPECT_TRUE(WIFSIGNALED(st));
		}
	}
	/* the event still works and nobody is left waiting on it */
	EXPECT_EQ(0, NT(NtSetEvent, shared, 0));
	EXPECT_EQ(before, nt_wait_live_objects(before));
}

TEST_HARNESS_MAIN
