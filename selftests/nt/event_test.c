// SPDX-License-Identifier: GPL-2.0
/*
 * Events against Windows NT semantics: NtCreateEvent, NtOpenEvent,
 * NtSetEvent, NtResetEvent, NtClearEvent, NtPulseEvent, NtQueryEvent.
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

/* ==== events ==== */

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
	/* an event created with no access at all */
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
	/* opening with no access is denied */
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

TEST_HARNESS_MAIN
