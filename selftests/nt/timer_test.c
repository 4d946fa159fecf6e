// SPDX-License-Identifier: GPL-2.0
/*
 * Timers against Windows NT semantics: NtCreateTimer, NtOpenTimer,
 * NtSetTimer, NtCancelTimer, NtQueryTimer.
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

/* ==== timers ==== */

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
	/* never set: not signaled, RemainingTime negative */
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
	 * routine is refused rather than run without it.
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

TEST_HARNESS_MAIN
