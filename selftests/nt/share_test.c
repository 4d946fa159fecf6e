// SPDX-License-Identifier: GPL-2.0
/*
 * Share modes between NT opens of one file, as Windows' IoCheckShareAccess
 * decides them: an open is refused with STATUS_SHARING_VIOLATION if it
 * asks for data access (read, write, delete) that an open does not share,
 * or does not share an access that an open has; an open with no data
 * access (attributes only) is neither checked nor counted; the last close
 * of an open ends its share; a refused overwrite leaves the file alone.
 *
 * Each test runs in a child of its own that becomes an NT process; files
 * live under /tmp/sh-<test>.
 */
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "ntassert.h"
#include "ntcall.h"

#define GENERIC_READ		0x80000000u
#define GENERIC_WRITE		0x40000000u
#define FILE_READ_DATA		0x0001
#define FILE_WRITE_DATA		0x0002
#define FILE_APPEND_DATA	0x0004
#define FILE_EXECUTE		0x0020
#define FILE_READ_ATTRIBUTES	0x0080
#define DELETE			0x00010000
#define SYNCHRONIZE		0x00100000
#define SHARE_R			1
#define SHARE_W			2
#define SHARE_D			4
#define FILE_OPEN		1
#define FILE_OVERWRITE		4
#define FILE_SUPERSEDE		0
#define FILE_SYNC_NONALERT	0x20

struct iosb {
	uint64_t status, info;
};

static uint32_t open_(uint64_t *h, const char *name, uint32_t access, uint32_t share,
		      uint32_t disposition)
{
	struct nt_object_attributes oa;
	struct iosb io;

	*h = 0;
	return NT(NtCreateFile, A(h), access | SYNCHRONIZE, A(nt_oa(&oa, 0, name, 0)), A(&io), 0,
		  0, share, disposition, FILE_SYNC_NONALERT, 0, 0);
}

static void make_file(const char *path)
{
	int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0666);

	if (fd >= 0) {
		if (write(fd, "content", 7) != 7)
			close(fd);
		close(fd);
	}
}

#define F	"\\??\\Z:\\tmp\\sh-file"

TEST(readers_and_writers)
{
	uint64_t a, b, c;

	make_file("/tmp/sh-file");
	ASSERT_EQ(0, nt_become());
	/* readers that share reading */
	ASSERT_ST(0, open_(&a, F, FILE_READ_DATA, SHARE_R, FILE_OPEN));
	ASSERT_ST(0, open_(&b, F, GENERIC_READ, SHARE_R, FILE_OPEN));
	/* a writer: neither shares writing */
	EXPECT_ST(STATUS_SHARING_VIOLATION, open_(&c, F, FILE_WRITE_DATA, SHARE_R | SHARE_W,
						  FILE_OPEN));
	EXPECT_EQ(0, c);
	EXPECT_ST(STATUS_SHARING_VIOLATION, open_(&c, F, FILE_APPEND_DATA, SHARE_R | SHARE_W,
						  FILE_OPEN));
	/* a reader that does not share reading, while others read */
	EXPECT_ST(STATUS_SHARING_VIOLATION, open_(&c, F, FILE_READ_DATA, 0, FILE_OPEN));
	/* attributes only: no data access, no conflict */
	ASSERT_ST(0, open_(&c, F, FILE_READ_ATTRIBUTES, 0, FILE_OPEN));
	ASSERT_ST(0, NT(NtClose, c));
	ASSERT_ST(0, NT(NtClose, a));
	EXPECT_ST(STATUS_SHARING_VIOLATION, open_(&c, F, FILE_WRITE_DATA, SHARE_R | SHARE_W,
						  FILE_OPEN));
	ASSERT_ST(0, NT(NtClose, b));
	/* all closed: anything goes */
	ASSERT_ST(0, open_(&a, F, GENERIC_READ | GENERIC_WRITE, 0, FILE_OPEN));
	EXPECT_ST(STATUS_SHARING_VIOLATION, open_(&b, F, FILE_READ_DATA, SHARE_R | SHARE_W | SHARE_D,
						  FILE_OPEN));
	EXPECT_ST(STATUS_SHARING_VIOLATION, open_(&b, F, FILE_EXECUTE, SHARE_R | SHARE_W | SHARE_D,
						  FILE_OPEN));
	ASSERT_ST(0, NT(NtClose, a));
	ASSERT_ST(0, open_(&a, F, FILE_READ_DATA | FILE_WRITE_DATA, SHARE_R | SHARE_W, FILE_OPEN));
	ASSERT_ST(0, open_(&b, F, FILE_READ_DATA | FILE_WRITE_DATA, SHARE_R | SHARE_W, FILE_OPEN));
	ASSERT_ST(0, NT(NtClose, a));
	ASSERT_ST(0, NT(NtClose, b));
	unlink("/tmp/sh-file");
}

TEST(delete_and_duplicates)
{
	uint64_t a, b, dup;

	make_file("/tmp/sh-file");
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, open_(&a, F, FILE_READ_DATA, SHARE_R | SHARE_W, FILE_OPEN));
	EXPECT_ST(STATUS_SHARING_VIOLATION, open_(&b, F, DELETE, SHARE_R | SHARE_W | SHARE_D,
						  FILE_OPEN));
	/* a duplicated handle is the same open: it keeps the share until it closes too */
	ASSERT_ST(0, NT(NtDuplicateObject, NT_CURRENT_PROCESS, a, NT_CURRENT_PROCESS, A(&dup), 0,
			0, 2 /* DUPLICATE_SAME_ACCESS */));
	ASSERT_ST(0, NT(NtClose, a));
	EXPECT_ST(STATUS_SHARING_VIOLATION, open_(&b, F, DELETE, SHARE_R | SHARE_W | SHARE_D,
						  FILE_OPEN));
	ASSERT_ST(0, NT(NtClose, dup));
	ASSERT_ST(0, open_(&a, F, FILE_READ_DATA, SHARE_R | SHARE_W | SHARE_D, FILE_OPEN));
	ASSERT_ST(0, open_(&b, F, DELETE, SHARE_R | SHARE_W | SHARE_D, FILE_OPEN));
	ASSERT_ST(0, NT(NtClose, a));
	ASSERT_ST(0, NT(NtClose, b));
	unlink("/tmp/sh-file");
}

TEST(refused_overwrite_keeps_the_file)
{
	struct stat st;
	uint64_t a, b;

	make_file("/tmp/sh-file");
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, open_(&a, F, FILE_READ_DATA, SHARE_R, FILE_OPEN));
	EXPECT_ST(STATUS_SHARING_VIOLATION, open_(&b, F, GENERIC_WRITE, SHARE_R | SHARE_W,
						  FILE_OVERWRITE));
	EXPECT_ST(STATUS_SHARING_VIOLATION, open_(&b, F, GENERIC_WRITE, SHARE_R | SHARE_W,
						  FILE_SUPERSEDE));
	ASSERT_EQ(0, stat("/tmp/sh-file", &st));
	EXPECT_EQ(7, st.st_size);
	ASSERT_ST(0, NT(NtClose, a));
	/* share modes outside FILE_SHARE_VALID_FLAGS */
	EXPECT_ST(STATUS_INVALID_PARAMETER, open_(&b, F, FILE_READ_DATA, 8, FILE_OPEN));
	unlink("/tmp/sh-file");
}

TEST_HARNESS_MAIN
