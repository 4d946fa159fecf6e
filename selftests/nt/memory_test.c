// SPDX-License-Identifier: GPL-2.0
/*
 * NtAllocateVirtualMemory, NtFreeVirtualMemory, NtProtectVirtualMemory and
 * NtQueryVirtualMemory against Windows semantics (documented behaviour of
 * VirtualAlloc/VirtualFree/VirtualProtect/VirtualQuery and the statuses
 * Wine's ntdll virtual.c tests record for Windows): reservations on 64 KiB,
 * pages committed or reserved, contents kept across protection changes,
 * zeros after a decommit, whole-region release, MEMORY_BASIC_INFORMATION.
 *
 * Each test runs in a child of its own that becomes an NT process.  Access
 * checks (a write to a read-only page) run in a forked grandchild, which
 * shares the NT allocations (they are shared mappings: documented).
 */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "ntassert.h"
#include "ntcall.h"

#define CURRENT		((uint64_t)-1)
#define MEM_COMMIT	0x1000
#define MEM_RESERVE	0x2000
#define MEM_DECOMMIT	0x4000
#define MEM_RELEASE	0x8000
#define MEM_FREE	0x10000
#define MEM_PRIVATE	0x20000
#define MEM_TOP_DOWN	0x100000
#define PAGE_NOACCESS	0x01
#define PAGE_READONLY	0x02
#define PAGE_READWRITE	0x04
#define PAGE_WRITECOPY	0x08
#define PAGE_EXECUTE_READ 0x20
#define PAGE_GUARD	0x100
#define MiB		(1UL << 20)
#define KiB		1024UL
#define KERNEL_ADDR	0xffffffff81000000ULL

struct mbi {
	uint64_t base, alloc_base;
	uint32_t alloc_protect;
	uint16_t partition_id, pad;
	uint64_t size;
	uint32_t state, protect, type, pad2;
};

static uint32_t alloc(uint64_t *base, uint64_t size, uint32_t type, uint32_t prot)
{
	uint64_t s = size;

	return NT(NtAllocateVirtualMemory, CURRENT, A(base), 0, A(&s), type, prot);
}

static uint32_t release(uint64_t base)
{
	uint64_t size = 0;

	return NT(NtFreeVirtualMemory, CURRENT, A(&base), A(&size), MEM_RELEASE);
}

static uint32_t protect(uint64_t addr, uint64_t size, uint32_t prot, uint32_t *old)
{
	return NT(NtProtectVirtualMemory, CURRENT, A(&addr), A(&size), prot, A(old));
}

static uint32_t query(uint64_t addr, struct mbi *m)
{
	uint64_t len = 0;
	uint32_t st;

	memset(m, 0xcc, sizeof(*m));
	st = NT(NtQueryVirtualMemory, CURRENT, addr, 0, A(m), sizeof(*m), A(&len));
	if (!st && len != sizeof(*m))
		return 0xbad;
	return st;
}

static int read_faults(uint64_t addr)
{
	int status;
	pid_t pid = fork();

	if (!pid) {
		(void)*(volatile char *)(uintptr_t)addr;
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
}

TEST(reserve_gives_an_aligned_region_of_reserved_pages)
{
	uint64_t base = 0;
	struct mbi m;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, alloc(&base, MiB, MEM_RESERVE, PAGE_READWRITE));
	ASSERT_NE(0, base);
	ASSERT_EQ(0, base % (64 * KiB));
	ASSERT_ST(0, query(base + 5000, &m));
	EXPECT_EQ(base + 4096, m.base);
	EXPECT_EQ(base, m.alloc_base);
	EXPECT_EQ(PAGE_READWRITE, m.alloc_protect);
	EXPECT_EQ(MiB - 4096, m.size);
	EXPECT_EQ(MEM_RESERVE, m.state);
	EXPECT_EQ(0, m.protect);
	EXPECT_EQ(MEM_PRIVATE, m.type);
	EXPECT_TRUE(read_faults(base));
	ASSERT_ST(0, release(base));
	ASSERT_ST(0, query(base, &m));
	EXPECT_EQ(MEM_FREE, m.state);
	EXPECT_EQ(PAGE_NOACCESS, m.protect);
	EXPECT_EQ(0, m.alloc_base);
	EXPECT_EQ(0, m.type);
}

TEST(commit_part_of_a_reservation)
{
	uint64_t base = 0, c;
	struct mbi m;
	char *p;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, alloc(&base, MiB, MEM_RESERVE, PAGE_NOACCESS));
	/* commit 128 KiB from base + 64 KiB + 100: whole pages around it */
	c = base + 64 * KiB + 100;
	ASSERT_ST(0, NT(NtAllocateVirtualMemory, CURRENT, A(&c), 0, A(&(uint64_t){ 128 * KiB }),
			MEM_COMMIT, PAGE_READWRITE));
	EXPECT_EQ(base + 64 * KiB, c);
	p = (char *)(uintptr_t)c;
	EXPECT_EQ(0, p[0]);
	memset(p, 0x5a, 128 * KiB);
	ASSERT_ST(0, query(base, &m));
	EXPECT_EQ(MEM_RESERVE, m.state);
	EXPECT_EQ(64 * KiB, m.size);
	ASSERT_ST(0, query(c, &m));
	EXPECT_EQ(MEM_COMMIT, m.state);
	EXPECT_EQ(PAGE_READWRITE, m.protect);
	EXPECT_EQ(PAGE_NOACCESS, m.alloc_protect);
	EXPECT_EQ(base, m.alloc_base);
	/* 128 KiB + 100 bytes end inside one more page */
	EXPECT_EQ(128 * KiB + 4096, m.size);
	ASSERT_ST(0, query(c + 128 * KiB + 4096, &m));
	EXPECT_EQ(MEM_RESERVE, m.state);
	EXPECT_EQ(MiB - 64 * KiB - 128 * KiB - 4096, m.size);
	/* committing committed pages again keeps their contents */
	ASSERT_ST(0, alloc(&c, 4096, MEM_COMMIT, PAGE_READWRITE));
	EXPECT_EQ(0x5a, p[100]);
	ASSERT_ST(0, release(base));
}

TEST(commit_without_reserve_reserves_too)
{
	uint64_t base = 0;
	struct mbi m;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, alloc(&base, 10000, MEM_COMMIT, PAGE_READWRITE));
	ASSERT_EQ(0, base % (64 * KiB));
	memset((void *)(uintptr_t)base, 1, 10000);
	ASSERT_ST(0, query(base, &m));
	EXPECT_EQ(MEM_COMMIT, m.state);
	EXPECT_EQ(12288, m.size);
	EXPECT_EQ(base, m.alloc_base);
	ASSERT_ST(0, release(base));
}

TEST(one_mib_protection_changes_keep_contents)
{
	uint64_t base = 0, addr, size;
	uint32_t old = 0;
	unsigned int i;
	struct mbi m;
	uint8_t *p;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, alloc(&base, MiB, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE));
	p = (uint8_t *)(uintptr_t)base;
	for (i = 0; i < MiB; i++)
		p[i] = i * 7;
	ASSERT_ST(0, protect(base, MiB, PAGE_READONLY, &old));
	EXPECT_EQ(PAGE_READWRITE, old);
	EXPECT_TRUE(nt_write_faults(base + 12345));
	EXPECT_FALSE(read_faults(base + 12345));
	for (i = 0; i < MiB; i += 4093)
		ASSERT_EQ((uint8_t)(i * 7), p[i]);
	ASSERT_ST(0, query(base, &m));
	EXPECT_EQ(PAGE_READONLY, m.protect);
	EXPECT_EQ(MiB, m.size);

	/* a middle part: the rounded range comes back, old = its first page's */
	addr = base + 4096 * 3 + 10;
	size = 4096 * 2;
	ASSERT_ST(0, NT(NtProtectVirtualMemory, CURRENT, A(&addr), A(&size), PAGE_NOACCESS,
			A(&old)));
	EXPECT_EQ(base + 4096 * 3, addr);
	EXPECT_EQ(4096 * 3, size);
	EXPECT_EQ(PAGE_READONLY, old);
	EXPECT_TRUE(read_faults(base + 4096 * 4));
	ASSERT_ST(0, query(base, &m));
	EXPECT_EQ(4096 * 3, m.size);
	EXPECT_EQ(PAGE_READONLY, m.protect);
	ASSERT_ST(0, query(base + 4096 * 3, &m));
	EXPECT_EQ(4096 * 3, m.size);
	EXPECT_EQ(PAGE_NOACCESS, m.protect);
	EXPECT_EQ(MEM_COMMIT, m.state);
	ASSERT_ST(0, query(base + 4096 * 6, &m));
	EXPECT_EQ(MiB - 4096 * 6, m.size);

	ASSERT_ST(0, protect(base, MiB, PAGE_EXECUTE_READ, &old));
	EXPECT_EQ(PAGE_READONLY, old);
	ASSERT_ST(0, protect(base, MiB, PAGE_READWRITE, &old));
	EXPECT_EQ(PAGE_EXECUTE_READ, old);
	for (i = 0; i < MiB; i += 4093)
		ASSERT_EQ((uint8_t)(i * 7), p[i]);
	p[5] = 0;
	ASSERT_ST(0, release(base));
}

TEST(decommit_then_commit_gives_zeros)
{
	uint64_t base = 0, addr, size;
	uint32_t old;
	struct mbi m;
	char *p;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, alloc(&base, 256 * KiB, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE));
	p = (char *)(uintptr_t)base;
	memset(p, 0x77, 256 * KiB);
	addr = base + 64 * KiB;
	size = 64 * KiB;
	ASSERT_ST(0, NT(NtFreeVirtualMemory, CURRENT, A(&addr), A(&size), MEM_DECOMMIT));
	EXPECT_EQ(base + 64 * KiB, addr);
	EXPECT_EQ(64 * KiB, size);
	ASSERT_ST(0, query(addr, &m));
	EXPECT_EQ(MEM_RESERVE, m.state);
	EXPECT_EQ(64 * KiB, m.size);
	EXPECT_TRUE(read_faults(addr));
	/* protection needs committed pages */
	EXPECT_ST(STATUS_NOT_COMMITTED, protect(addr, 4096, PAGE_READONLY, &old));
	EXPECT_ST(STATUS_NOT_COMMITTED, protect(base, 128 * KiB, PAGE_READONLY, &old));
	ASSERT_ST(0, alloc(&addr, 64 * KiB, MEM_COMMIT, PAGE_READWRITE));
	EXPECT_EQ(0, p[64 * KiB]);
	EXPECT_EQ(0, p[128 * KiB - 1]);
	EXPECT_EQ(0x77, p[64 * KiB - 1]);
	EXPECT_EQ(0x77, p[128 * KiB]);
	ASSERT_ST(0, release(base));
}

TEST(reserve_at_an_address)
{
	uint64_t base = 0, want, again, size;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, alloc(&base, MiB, MEM_RESERVE, PAGE_READWRITE));
	ASSERT_ST(0, release(base));
	/* the base is rounded down to 64 KiB, the end up to a page */
	want = base + 0x1234;
	size = 64 * KiB - 0x1234 - 100;
	ASSERT_ST(0, NT(NtAllocateVirtualMemory, CURRENT, A(&want), 0, A(&size), MEM_RESERVE,
			PAGE_READWRITE));
	EXPECT_EQ(base, want);
	EXPECT_EQ(64 * KiB, size);
	/* taken now */
	again = base;
	EXPECT_ST(STATUS_CONFLICTING_ADDRESSES, alloc(&again, 64 * KiB, MEM_RESERVE,
						       PAGE_READWRITE));
	/* committing where nothing is reserved */
	again = base + 2 * MiB;
	EXPECT_ST(STATUS_CONFLICTING_ADDRESSES, NT(NtAllocateVirtualMemory, CURRENT, A(&again), 0,
						   A(&(uint64_t){ 4096 }), MEM_COMMIT,
						   PAGE_READWRITE));
	/* committing past the end of the reservation */
	again = base + 60 * KiB;
	EXPECT_ST(STATUS_CONFLICTING_ADDRESSES, NT(NtAllocateVirtualMemory, CURRENT, A(&again), 0,
						   A(&(uint64_t){ 8192 }), MEM_COMMIT,
						   PAGE_READWRITE));
	again = 0;
	ASSERT_ST(0, alloc(&again, 4096, MEM_COMMIT | MEM_TOP_DOWN, PAGE_READWRITE));
	ASSERT_ST(0, release(base));
	ASSERT_ST(0, release(again));
}

TEST(release_rules)
{
	uint64_t base = 0, addr, size;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, alloc(&base, 128 * KiB, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE));
	addr = base + 4096;
	size = 0;
	EXPECT_ST(STATUS_FREE_VM_NOT_AT_BASE, NT(NtFreeVirtualMemory, CURRENT, A(&addr), A(&size),
						 MEM_RELEASE));
	addr = base;
	size = 128 * KiB;
	ASSERT_ST(0, NT(NtFreeVirtualMemory, CURRENT, A(&addr), A(&size), MEM_RELEASE));
	EXPECT_EQ(base, addr);
	EXPECT_EQ(128 * KiB, size);
	EXPECT_ST(STATUS_MEMORY_NOT_ALLOCATED, release(base));
	EXPECT_TRUE(read_faults(base));
}

TEST(bad_arguments)
{
	uint64_t base = 0, size = 4096, event;
	struct mbi m;

	ASSERT_EQ(0, nt_become());
	EXPECT_ST(STATUS_INVALID_PARAMETER_4, alloc(&base, 0, MEM_COMMIT, PAGE_READWRITE));
	EXPECT_ST(STATUS_INVALID_PARAMETER_5, alloc(&base, 4096, 0, PAGE_READWRITE));
	EXPECT_ST(STATUS_INVALID_PARAMETER_5, alloc(&base, 4096, MEM_COMMIT | 0x40, PAGE_READWRITE));
	EXPECT_ST(STATUS_INVALID_PAGE_PROTECTION, alloc(&base, 4096, MEM_COMMIT, 0));
	EXPECT_ST(STATUS_INVALID_PAGE_PROTECTION, alloc(&base, 4096, MEM_COMMIT,
							PAGE_READWRITE | PAGE_READONLY));
	EXPECT_ST(STATUS_INVALID_PAGE_PROTECTION, alloc(&base, 4096, MEM_COMMIT, PAGE_WRITECOPY));
	EXPECT_ST(STATUS_INVALID_PAGE_PROTECTION, alloc(&base, 4096, MEM_COMMIT,
							PAGE_READWRITE | PAGE_GUARD));
	EXPECT_ST(STATUS_INVALID_PARAMETER_3, NT(NtAllocateVirtualMemory, CURRENT, A(&base), 22,
						 A(&size), MEM_COMMIT, PAGE_READWRITE));
	EXPECT_EQ(0, base);
	/* bad pointers */
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtAllocateVirtualMemory, CURRENT, 0xdeadbee0, 0,
					      A(&size), MEM_COMMIT, PAGE_READWRITE));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtAllocateVirtualMemory, CURRENT, A(&base), 0,
					      KERNEL_ADDR, MEM_COMMIT, PAGE_READWRITE));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtQueryVirtualMemory, CURRENT, A(&m), 0,
					      KERNEL_ADDR, sizeof(m), 0));
	/* handles */
	EXPECT_ST(STATUS_INVALID_HANDLE, NT(NtAllocateVirtualMemory, 0x1230, A(&base), 0,
					    A(&size), MEM_COMMIT, PAGE_READWRITE));
	ASSERT_ST(0, NT(NtCreateEvent, A(&event), 0x1f0003, 0, 0, 0));
	EXPECT_ST(STATUS_OBJECT_TYPE_MISMATCH, NT(NtAllocateVirtualMemory, event, A(&base), 0,
						  A(&size), MEM_COMMIT, PAGE_READWRITE));
	/* free */
	EXPECT_ST(STATUS_INVALID_PARAMETER_4, NT(NtFreeVirtualMemory, CURRENT, A(&base),
						 A(&size), MEM_DECOMMIT | MEM_RELEASE));
	/* query */
	base = (uint64_t)(uintptr_t)&m;
	EXPECT_ST(STATUS_INVALID_INFO_CLASS, NT(NtQueryVirtualMemory, CURRENT, base, 99, A(&m),
						sizeof(m), 0));
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH, NT(NtQueryVirtualMemory, CURRENT, base, 0, A(&m),
						  sizeof(m) - 1, 0));
	EXPECT_ST(STATUS_INVALID_PARAMETER, NT(NtQueryVirtualMemory, CURRENT, KERNEL_ADDR, 0,
					       A(&m), sizeof(m), 0));
	/* the stack (a Linux mapping here) reads as committed private memory */
	ASSERT_ST(0, query((uint64_t)(uintptr_t)&m, &m));
	EXPECT_EQ(MEM_COMMIT, m.state);
	EXPECT_EQ(PAGE_READWRITE, m.protect);
}

TEST(exit_frees_everything)
{
	long before;
	pid_t pid;
	int status;

	before = nt_live_objects();
	pid = fork();
	if (!pid) {
		uint64_t base;
		int i;

		if (nt_become())
			_exit(1);
		for (i = 0; i < nt_scaled(200); i++) {
			base = 0;
			if (alloc(&base, 64 * KiB, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE))
				_exit(2);
			*(char *)(uintptr_t)base = 1;
		}
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_EQ(0, status);
	EXPECT_EQ(before, nt_wait_live_objects(before));
}

TEST_HARNESS_MAIN
