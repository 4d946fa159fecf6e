// SPDX-License-Identifier: GPL-2.0
/*
 * NtLockFile and NtUnlockFile against Windows semantics: exclusive locks
 * are their owner's (the File object and the key), shared locks keep every
 * writer out, a held range fails at once or is waited for, an unlock names
 * a lock exactly, a File object's locks go with its last handle, and the
 * ranges that wrap or start below zero are refused.  One test waits for a
 * lock held by another NT process.
 *
 * Each test runs in a child of its own that becomes an NT process; the
 * file is /tmp/fl-file.
 */
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "ntassert.h"
#include "ntcall.h"

#define GENERIC_READ		0x80000000u
#define GENERIC_WRITE		0x40000000u
#define FILE_READ_ATTRIBUTES	0x0080
#define SYNCHRONIZE		0x00100000
#define SHARE_ALL		7
#define FILE_OPEN		1
#define FILE_SYNC_NONALERT	0x20

struct iosb {
	uint64_t status, info;
};

#define F	"\\??\\Z:\\tmp\\fl-file"

static void make_file(void)
{
	int fd = open("/tmp/fl-file", O_CREAT | O_TRUNC | O_WRONLY, 0666);

	if (fd >= 0) {
		if (write(fd, "0123456789abcdefghij", 20) != 20)
			close(fd);
		close(fd);
	}
}

static uint32_t open_(uint64_t *h, uint32_t access)
{
	struct nt_object_attributes oa;
	struct iosb io;

	return NT(NtCreateFile, A(h), access | SYNCHRONIZE, A(nt_oa(&oa, 0, F, 0)), A(&io), 0, 0,
		  SHARE_ALL, FILE_OPEN, FILE_SYNC_NONALERT, 0, 0);
}

static uint32_t lock(uint64_t h, int64_t off, int64_t len, uint32_t key, int fail_now, int excl)
{
	struct iosb io;

	return NT(NtLockFile, h, 0, 0, 0, A(&io), A(&off), A(&len), key, fail_now, excl);
}

static uint32_t unlock(uint64_t h, int64_t off, int64_t len, uint32_t key)
{
	struct iosb io;

	return NT(NtUnlockFile, h, A(&io), A(&off), A(&len), key);
}

static uint32_t rw(uint64_t h, int write, int64_t off, uint32_t len, uint32_t *key)
{
	char buf[32] = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
	struct iosb io;

	return nt_call(write ? NTSVC_NtWriteFile : NTSVC_NtReadFile,
		       (const uint64_t[NT_MAX_ARGS]){ h, 0, 0, 0, A(&io), A(buf), len, A(&off),
						      A(key) });
}

TEST(exclusive_locks_are_their_owners)
{
	uint32_t key7 = 7, key0 = 0;
	uint64_t a, b;

	make_file();
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, open_(&a, GENERIC_READ | GENERIC_WRITE));
	ASSERT_ST(0, open_(&b, GENERIC_READ | GENERIC_WRITE));
	ASSERT_ST(0, lock(a, 0, 10, 0, 1, 1));
	/* the owner reads and writes it, another open neither, outside it both */
	EXPECT_ST(0, rw(a, 0, 0, 5, NULL));
	EXPECT_ST(0, rw(a, 1, 2, 3, NULL));
	EXPECT_ST(STATUS_FILE_LOCK_CONFLICT, rw(b, 0, 0, 5, NULL));
	EXPECT_ST(STATUS_FILE_LOCK_CONFLICT, rw(b, 0, 9, 5, NULL));
	EXPECT_ST(STATUS_FILE_LOCK_CONFLICT, rw(b, 1, 5, 10, NULL));
	EXPECT_ST(0, rw(b, 0, 10, 5, NULL));
	EXPECT_ST(0, rw(b, 1, 15, 5, NULL));
	/* a lock of another key is another owner's */
	EXPECT_ST(STATUS_FILE_LOCK_CONFLICT, rw(a, 0, 0, 5, &key7));
	EXPECT_ST(0, rw(a, 0, 0, 5, &key0));
	/* overlapping locks: none beside an exclusive one, the owner's own neither */
	EXPECT_ST(STATUS_LOCK_NOT_GRANTED, lock(b, 5, 10, 0, 1, 0));
	EXPECT_ST(STATUS_LOCK_NOT_GRANTED, lock(a, 9, 1, 0, 1, 1));
	EXPECT_ST(STATUS_LOCK_NOT_GRANTED, lock(a, 9, 1, 7, 1, 0));	/* another key's */
	EXPECT_ST(0, lock(b, 10, 10, 0, 1, 1));		/* next to it */
	/* an unlock names a lock exactly, by its owner */
	EXPECT_ST(STATUS_RANGE_NOT_LOCKED, unlock(a, 0, 5, 0));
	EXPECT_ST(STATUS_RANGE_NOT_LOCKED, unlock(a, 0, 10, 7));
	EXPECT_ST(STATUS_RANGE_NOT_LOCKED, unlock(b, 0, 10, 0));
	EXPECT_ST(0, unlock(a, 0, 10, 0));
	EXPECT_ST(STATUS_RANGE_NOT_LOCKED, unlock(a, 0, 10, 0));
	EXPECT_ST(0, rw(b, 0, 0, 5, NULL));
	/* a lock held with key 7 */
	ASSERT_ST(0, lock(a, 0, 4, 7, 1, 1));
	EXPECT_ST(0, rw(a, 0, 0, 4, &key7));
	EXPECT_ST(STATUS_FILE_LOCK_CONFLICT, rw(a, 0, 0, 4, NULL));
	/* the locks of a File object go with its last handle */
	ASSERT_ST(0, NT(NtClose, b));
	ASSERT_ST(0, open_(&b, GENERIC_READ | GENERIC_WRITE));
	EXPECT_ST(0, rw(b, 1, 12, 4, NULL));
	ASSERT_ST(0, NT(NtClose, a));
	EXPECT_ST(0, rw(b, 0, 0, 4, NULL));
	ASSERT_ST(0, NT(NtClose, b));
}

TEST(shared_locks_keep_writers_out)
{
	uint64_t a, b;

	make_file();
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, open_(&a, GENERIC_READ | GENERIC_WRITE));
	ASSERT_ST(0, open_(&b, GENERIC_READ | GENERIC_WRITE));
	/* a shared lock may lie on its owner's exclusive one, another's not */
	ASSERT_ST(0, lock(a, 30, 10, 0, 1, 1));
	EXPECT_ST(STATUS_LOCK_NOT_GRANTED, lock(b, 30, 10, 0, 1, 0));
	ASSERT_ST(0, lock(a, 30, 10, 0, 1, 0));
	ASSERT_ST(0, unlock(a, 30, 10, 0));		/* the exclusive one goes first */
	ASSERT_ST(0, lock(b, 30, 10, 0, 1, 0));
	ASSERT_ST(0, unlock(b, 30, 10, 0));
	ASSERT_ST(0, unlock(a, 30, 10, 0));
	EXPECT_ST(STATUS_RANGE_NOT_LOCKED, unlock(a, 30, 10, 0));
	ASSERT_ST(0, lock(a, 0, 10, 0, 1, 0));
	ASSERT_ST(0, lock(b, 5, 10, 0, 1, 0));		/* shared ones overlap */
	ASSERT_ST(0, lock(a, 0, 10, 0, 1, 0));		/* even the same twice */
	EXPECT_ST(0, rw(a, 0, 0, 10, NULL));
	EXPECT_ST(0, rw(b, 0, 0, 10, NULL));
	EXPECT_ST(STATUS_FILE_LOCK_CONFLICT, rw(a, 1, 0, 1, NULL));	/* its owner too */
	EXPECT_ST(STATUS_FILE_LOCK_CONFLICT, rw(b, 1, 12, 1, NULL));
	EXPECT_ST(STATUS_LOCK_NOT_GRANTED, lock(b, 0, 1, 0, 1, 1));
	EXPECT_ST(STATUS_LOCK_NOT_GRANTED, lock(a, 0, 1, 0, 1, 1));
	ASSERT_ST(0, unlock(a, 0, 10, 0));
	ASSERT_ST(0, unlock(a, 0, 10, 0));
	EXPECT_ST(0, rw(a, 1, 0, 5, NULL));
	ASSERT_ST(0, NT(NtClose, a));
	ASSERT_ST(0, NT(NtClose, b));
}

TEST(bad_ranges_and_handles)
{
	int64_t off = 0, len = 1;
	struct iosb io;
	uint64_t a, attrs;

	make_file();
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, open_(&a, GENERIC_READ));
	/* length 0: granted, and in nobody's way */
	ASSERT_ST(0, lock(a, 3, 0, 0, 1, 1));
	ASSERT_ST(0, lock(a, 3, 1, 0, 1, 1));
	ASSERT_ST(0, unlock(a, 3, 0, 0));
	ASSERT_ST(0, unlock(a, 3, 1, 0));
	/* offsets are unsigned: up to the last byte of 2^64, not past it */
	ASSERT_ST(0, lock(a, 0x1000000000000000LL, (int64_t)0xf000000000000000ULL, 0, 1, 1));
	EXPECT_ST(STATUS_LOCK_NOT_GRANTED, lock(a, -1, 1, 0, 1, 1));
	ASSERT_ST(0, unlock(a, 0x1000000000000000LL, (int64_t)0xf000000000000000ULL, 0));
	ASSERT_ST(0, lock(a, -1, 1, 0, 1, 1));
	ASSERT_ST(0, unlock(a, -1, 1, 0));
	EXPECT_ST(STATUS_INVALID_LOCK_RANGE, lock(a, 0x1000000000000000LL,
						  (int64_t)0xf000000000000001ULL, 0, 1, 1));
	EXPECT_ST(STATUS_INVALID_LOCK_RANGE, lock(a, -1, 2, 0, 1, 1));
	EXPECT_ST(STATUS_ACCESS_VIOLATION,
		  NT(NtLockFile, a, 0, 0, 0, A(&io), 8, A(&len), 0, 1, 1));
	EXPECT_ST(STATUS_ACCESS_VIOLATION,
		  NT(NtLockFile, a, 0, 0, 0, A(&io), A(&off), 8, 0, 1, 1));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtUnlockFile, a, A(&io), 8, A(&len), 0));
	EXPECT_ST(STATUS_ACCESS_VIOLATION,
		  NT(NtLockFile, a, 0, 0, 0, 8, A(&off), A(&len), 0, 1, 1));
	/* no IO_STATUS_BLOCK at all, as Wine's LockFileEx and UnlockFile call them */
	EXPECT_ST(0, NT(NtLockFile, a, 0, 0, 0, 0, A(&off), A(&len), 0, 1, 1));
	EXPECT_ST(0, NT(NtUnlockFile, a, 0, A(&off), A(&len), 0));
	EXPECT_ST(STATUS_INVALID_HANDLE, lock(0x1230, 0, 1, 0, 1, 1));
	EXPECT_ST(STATUS_NOT_SUPPORTED,
		  NT(NtLockFile, a, 0, 0x1000, 0, A(&io), A(&off), A(&len), 0, 1, 1));
	/* a handle that may neither read nor write locks nothing */
	ASSERT_ST(0, open_(&attrs, FILE_READ_ATTRIBUTES));
	EXPECT_ST(STATUS_ACCESS_DENIED, lock(attrs, 0, 1, 0, 1, 1));
	EXPECT_ST(STATUS_ACCESS_DENIED, unlock(attrs, 0, 1, 0));
	/* a bad Key pointer */
	EXPECT_ST(STATUS_ACCESS_VIOLATION, rw(a, 0, 0, 1, (uint32_t *)8));
	ASSERT_ST(0, NT(NtClose, attrs));
	ASSERT_ST(0, NT(NtClose, a));
}

/* Another NT process holds the range: a waiting lock is granted when it lets go. */
TEST(waits_for_another_process)
{
	int go[2], done[2], status;
	struct timespec t0, t1;
	uint64_t a;
	pid_t pid;
	char c;

	make_file();
	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(done));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {		/* the holder */
		if (nt_become() || open_(&a, GENERIC_READ) || lock(a, 0, 10, 0, 1, 1))
			_exit(1);
		if (write(go[1], "g", 1) != 1)
			_exit(1);
		usleep(300000);
		_exit(unlock(a, 0, 10, 0) ? 2 : 0);
	}
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, open_(&a, GENERIC_READ));
	ASSERT_EQ(1, read(go[0], &c, 1));
	EXPECT_ST(STATUS_LOCK_NOT_GRANTED, lock(a, 5, 1, 0, 1, 0));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	EXPECT_ST(0, lock(a, 5, 1, 0, 0, 0));		/* waits */
	clock_gettime(CLOCK_MONOTONIC, &t1);
	EXPECT_LT(100, (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
	ASSERT_ST(0, NT(NtClose, a));
}

TEST_HARNESS_MAIN
