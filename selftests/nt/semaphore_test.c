// SPDX-License-Identifier: GPL-2.0
/*
 * Semaphores against Windows NT semantics: NtCreateSemaphore,
 * NtOpenSemaphore, NtReleaseSemaphore, NtQuerySemaphore.
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

/* ==== semaphores ==== */

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

TEST_HARNESS_MAIN
