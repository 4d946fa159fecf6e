// SPDX-License-Identifier: GPL-2.0
/*
 * NtCreateFile, NtOpenFile, NtReadFile/NtWriteFile with ByteOffset and
 * NtQueryInformationFile against Windows semantics (the documented
 * dispositions and their IO_STATUS_BLOCK.Information, directories made by
 * FILE_DIRECTORY_FILE with FILE_CREATE or FILE_OPEN_IF, the statuses of a
 * missing file, a missing directory, a directory where a file is asked
 * for and the reverse), with ntpersona's naming rule: drive Z: is "/".
 * Every access uses the caller's Linux credentials (a test runs as nobody).
 *
 * Each test runs in a child of its own that becomes an NT process; files
 * live under /tmp/ft-<test>.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "ntassert.h"
#include "ntcall.h"

#define GENERIC_READ		0x80000000u
#define GENERIC_WRITE		0x40000000u
#define FILE_READ_DATA		0x0001
#define FILE_READ_ATTRIBUTES	0x0080
#define SYNCHRONIZE		0x00100000
#define MAXIMUM_ALLOWED		0x02000000
#define FILE_SHARE_READ		1
#define FILE_SUPERSEDE		0
#define FILE_OPEN		1
#define FILE_CREATE		2
#define FILE_OPEN_IF		3
#define FILE_OVERWRITE		4
#define FILE_OVERWRITE_IF	5
#define FILE_SUPERSEDED		0
#define FILE_OPENED		1
#define FILE_CREATED		2
#define FILE_OVERWRITTEN	3
#define FILE_DIRECTORY_FILE	0x01
#define FILE_SYNC_NONALERT	0x20
#define FILE_NON_DIRECTORY_FILE	0x40
#define FILE_DELETE_ON_CLOSE	0x1000
#define FileBasicInformation	4
#define FileStandardInformation	5
#define FilePositionInformation	14
#define NOBODY			65534

struct iosb {
	uint64_t status, info;
};

struct std_info {
	int64_t allocation, eof;
	uint32_t links;
	uint8_t delete_pending, directory, pad[2];
};

static uint32_t create(uint64_t *h, const char *name, uint32_t access, uint32_t disposition,
		       uint32_t options, struct iosb *io)
{
	struct nt_object_attributes oa;

	memset(io, 0xcc, sizeof(*io));
	return NT(NtCreateFile, A(h), access, A(nt_oa(&oa, 0, name, 0)), A(io), 0, 0,
		  FILE_SHARE_READ, disposition, options, 0, 0);
}

static uint32_t open_(uint64_t *h, const char *name, uint32_t access, uint32_t options)
{
	struct nt_object_attributes oa;
	struct iosb io;

	return NT(NtOpenFile, A(h), access, A(nt_oa(&oa, 0, name, 0)), A(&io), FILE_SHARE_READ,
		  options);
}

static uint32_t rw(int write, uint64_t h, void *buf, uint32_t len, int64_t *offset,
		   struct iosb *io)
{
	memset(io, 0xcc, sizeof(*io));
	return nt_call(write ? NTSVC_NtWriteFile : NTSVC_NtReadFile,
		       (const uint64_t[NT_MAX_ARGS]){ h, 0, 0, 0, A(io), A(buf), len, A(offset), 0 });
}

static uint32_t query(uint64_t h, void *buf, uint32_t len, uint32_t class)
{
	struct iosb io;

	return NT(NtQueryInformationFile, h, A(&io), A(buf), len, class);
}

TEST(create_write_read_query)
{
	const char *name = "\\??\\Z:\\tmp\\ft-create";
	struct std_info si;
	struct iosb io;
	int64_t pos, off;
	uint64_t h, h2;
	char buf[32];

	unlink("/tmp/ft-create");
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, create(&h, name, GENERIC_READ | GENERIC_WRITE | SYNCHRONIZE, FILE_CREATE,
			    FILE_SYNC_NONALERT | FILE_NON_DIRECTORY_FILE, &io));
	EXPECT_EQ(0, io.status);
	EXPECT_EQ(FILE_CREATED, io.info);
	ASSERT_ST(0, rw(1, h, "hello world", 11, NULL, &io));
	EXPECT_EQ(11, io.info);
	ASSERT_ST(0, query(h, &si, sizeof(si), FileStandardInformation));
	EXPECT_EQ(11, si.eof);
	EXPECT_EQ(1, si.links);
	EXPECT_EQ(0, si.directory);
	ASSERT_ST(0, query(h, &pos, sizeof(pos), FilePositionInformation));
	EXPECT_EQ(11, pos);
	/* at an offset: the position follows the bytes moved */
	off = 6;
	ASSERT_ST(0, rw(0, h, buf, 5, &off, &io));
	EXPECT_EQ(5, io.info);
	EXPECT_EQ(0, memcmp(buf, "world", 5));
	off = 11;
	EXPECT_ST(STATUS_END_OF_FILE, rw(0, h, buf, 5, &off, &io));
	off = 0;
	ASSERT_ST(0, rw(0, h, buf, 5, &off, &io));
	EXPECT_EQ(0, memcmp(buf, "hello", 5));
	ASSERT_ST(0, rw(0, h, buf, 1, NULL, &io));	/* from the position: after "hello" */
	EXPECT_EQ(' ', buf[0]);
	off = -1;					/* FILE_WRITE_TO_END_OF_FILE */
	ASSERT_ST(0, rw(1, h, "!", 1, &off, &io));
	off = -3;
	EXPECT_ST(STATUS_INVALID_PARAMETER, rw(0, h, buf, 1, &off, &io));
	ASSERT_ST(0, NT(NtClose, h));

	/* dispositions */
	EXPECT_ST(STATUS_OBJECT_NAME_COLLISION, create(&h2, name, GENERIC_READ, FILE_CREATE, 0,
						       &io));
	EXPECT_EQ(0, h2);
	ASSERT_ST(0, create(&h2, name, GENERIC_READ, FILE_OPEN_IF, 0, &io));
	EXPECT_EQ(FILE_OPENED, io.info);
	ASSERT_ST(0, query(h2, &si, sizeof(si), FileStandardInformation));
	EXPECT_EQ(12, si.eof);
	ASSERT_ST(0, NT(NtClose, h2));
	ASSERT_ST(0, create(&h2, name, GENERIC_WRITE, FILE_OVERWRITE_IF, 0, &io));
	EXPECT_EQ(FILE_OVERWRITTEN, io.info);
	ASSERT_ST(0, NT(NtClose, h2));
	ASSERT_ST(0, create(&h2, name, GENERIC_WRITE, FILE_SUPERSEDE, 0, &io));
	EXPECT_EQ(FILE_SUPERSEDED, io.info);
	ASSERT_ST(0, NT(NtClose, h2));
	unlink("/tmp/ft-create");
	EXPECT_ST(STATUS_OBJECT_NAME_NOT_FOUND, create(&h2, name, GENERIC_WRITE, FILE_OVERWRITE, 0,
						       &io));
	ASSERT_ST(0, create(&h2, name, GENERIC_WRITE, FILE_OVERWRITE_IF, 0, &io));
	EXPECT_EQ(FILE_CREATED, io.info);
	ASSERT_ST(0, NT(NtClose, h2));
	unlink("/tmp/ft-create");
}

/* FILE_DIRECTORY_FILE with FILE_CREATE or FILE_OPEN_IF makes a directory (CreateDirectoryW) */
TEST(create_directory)
{
	const char *name = "\\??\\Z:\\tmp\\ft-dir";
	struct std_info si;
	struct stat st;
	struct iosb io;
	uint64_t h;

	rmdir("/tmp/ft-dir");
	unlink("/tmp/ft-notdir");
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, create(&h, name, GENERIC_READ | SYNCHRONIZE, FILE_CREATE,
			    FILE_DIRECTORY_FILE | FILE_SYNC_NONALERT, &io));
	EXPECT_EQ(FILE_CREATED, io.info);
	ASSERT_ST(0, query(h, &si, sizeof(si), FileStandardInformation));
	EXPECT_EQ(1, si.directory);
	ASSERT_ST(0, NT(NtClose, h));
	ASSERT_EQ(0, stat("/tmp/ft-dir", &st));
	EXPECT_TRUE(S_ISDIR(st.st_mode));
	EXPECT_ST(STATUS_OBJECT_NAME_COLLISION, create(&h, name, GENERIC_READ, FILE_CREATE,
						       FILE_DIRECTORY_FILE, &io));
	ASSERT_ST(0, create(&h, name, GENERIC_READ, FILE_OPEN_IF, FILE_DIRECTORY_FILE, &io));
	EXPECT_EQ(FILE_OPENED, io.info);
	ASSERT_ST(0, NT(NtClose, h));
	/* MAXIMUM_ALLOWED: a directory is read, not written */
	ASSERT_EQ(0, rmdir("/tmp/ft-dir"));
	ASSERT_ST(0, create(&h, name, MAXIMUM_ALLOWED, FILE_OPEN_IF, FILE_DIRECTORY_FILE, &io));
	EXPECT_EQ(FILE_CREATED, io.info);
	ASSERT_ST(0, NT(NtClose, h));
	/* never overwritten; a file there is no directory; a missing parent */
	EXPECT_ST(STATUS_INVALID_PARAMETER, create(&h, name, GENERIC_READ, FILE_OVERWRITE_IF,
						   FILE_DIRECTORY_FILE, &io));
	EXPECT_ST(STATUS_INVALID_PARAMETER, create(&h, name, GENERIC_READ, FILE_SUPERSEDE,
						   FILE_DIRECTORY_FILE, &io));
	ASSERT_ST(0, create(&h, "\\??\\Z:\\tmp\\ft-notdir", GENERIC_WRITE, FILE_CREATE, 0, &io));
	ASSERT_ST(0, NT(NtClose, h));
	EXPECT_ST(STATUS_NOT_A_DIRECTORY, create(&h, "\\??\\Z:\\tmp\\ft-notdir", GENERIC_READ,
						 FILE_OPEN_IF, FILE_DIRECTORY_FILE, &io));
	EXPECT_ST(STATUS_OBJECT_PATH_NOT_FOUND, create(&h, "\\??\\Z:\\tmp\\ft-nodir\\x",
						       GENERIC_READ, FILE_CREATE,
						       FILE_DIRECTORY_FILE, &io));
	rmdir("/tmp/ft-dir");
	unlink("/tmp/ft-notdir");
}

/* FileAttributes: FILE_ATTRIBUTE_READONLY makes a new or overwritten file read-only */
TEST(create_read_only)
{
	const char *name = "\\??\\Z:\\tmp\\ft-ro";
	struct nt_object_attributes oa;
	struct iosb io;
	struct stat st;
	uint64_t h;

	unlink("/tmp/ft-ro");
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, NT(NtCreateFile, A(&h), GENERIC_WRITE, A(nt_oa(&oa, 0, name, 0)),
			A(&io), 0, 1 /* FILE_ATTRIBUTE_READONLY */, 0, FILE_CREATE, 0, 0, 0));
	EXPECT_EQ(FILE_CREATED, io.info);
	/* the open's own access stays */
	EXPECT_ST(0, rw(1, h, "x", 1, NULL, &io));
	ASSERT_ST(0, NT(NtClose, h));
	ASSERT_EQ(0, stat("/tmp/ft-ro", &st));
	EXPECT_EQ(0, st.st_mode & 0222);
	/* an open leaves the attributes as they are */
	ASSERT_EQ(0, chmod("/tmp/ft-ro", 0644));
	ASSERT_ST(0, NT(NtCreateFile, A(&h), GENERIC_READ, A(nt_oa(&oa, 0, name, 0)),
			A(&io), 0, 1, 0, FILE_OPEN_IF, 0, 0, 0));
	EXPECT_EQ(FILE_OPENED, io.info);
	ASSERT_ST(0, NT(NtClose, h));
	ASSERT_EQ(0, stat("/tmp/ft-ro", &st));
	EXPECT_EQ(0644, st.st_mode & 0777);
	/* writing over it takes them */
	ASSERT_ST(0, NT(NtCreateFile, A(&h), GENERIC_WRITE, A(nt_oa(&oa, 0, name, 0)),
			A(&io), 0, 1, 0, FILE_OVERWRITE_IF, 0, 0, 0));
	EXPECT_EQ(FILE_OVERWRITTEN, io.info);
	ASSERT_ST(0, NT(NtClose, h));
	ASSERT_EQ(0, stat("/tmp/ft-ro", &st));
	EXPECT_EQ(0444, st.st_mode & 0777);
	unlink("/tmp/ft-ro");
}

TEST(names_and_lookup_failures)
{
	struct iosb io;
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, open_(&h, "\\??\\Z:\\proc\\self\\status", FILE_READ_DATA, 0));
	ASSERT_ST(0, NT(NtClose, h));
	ASSERT_ST(0, open_(&h, "\\DosDevices\\z:\\proc\\self\\status", FILE_READ_DATA, 0));
	ASSERT_ST(0, NT(NtClose, h));
	EXPECT_ST(STATUS_OBJECT_NAME_NOT_FOUND, open_(&h, "\\??\\Z:\\tmp\\ft-none", FILE_READ_DATA,
						      0));
	EXPECT_EQ(0, h);
	EXPECT_ST(STATUS_OBJECT_PATH_NOT_FOUND, open_(&h, "\\??\\Z:\\tmp\\ft-nodir\\x",
						      FILE_READ_DATA, 0));
	EXPECT_ST(STATUS_OBJECT_PATH_NOT_FOUND, open_(&h, "\\??\\C:\\windows", FILE_READ_DATA, 0));
	EXPECT_ST(STATUS_OBJECT_NAME_INVALID, open_(&h, "\\??\\Z:\\tmp\\..\\etc\\passwd",
						    FILE_READ_DATA, 0));
	EXPECT_ST(STATUS_OBJECT_NAME_INVALID, open_(&h, "\\??\\Z:\\tmp\\.\\x", FILE_READ_DATA, 0));
	EXPECT_ST(STATUS_OBJECT_NAME_INVALID, open_(&h, "\\??\\Z:\\tmp\\\\x", FILE_READ_DATA, 0));
	EXPECT_ST(STATUS_OBJECT_NAME_INVALID, open_(&h, "\\??\\Z:\\tmp/x", FILE_READ_DATA, 0));
	/* directories */
	EXPECT_ST(STATUS_FILE_IS_A_DIRECTORY, open_(&h, "\\??\\Z:\\tmp", FILE_READ_DATA,
						    FILE_NON_DIRECTORY_FILE));
	EXPECT_ST(STATUS_NOT_A_DIRECTORY, open_(&h, "\\??\\Z:\\proc\\self\\status",
						FILE_READ_DATA, FILE_DIRECTORY_FILE));
	ASSERT_ST(0, open_(&h, "\\??\\Z:\\tmp\\", FILE_READ_ATTRIBUTES, FILE_DIRECTORY_FILE));
	ASSERT_ST(0, NT(NtClose, h));
	/* options Windows refuses or we do not do */
	EXPECT_ST(STATUS_INVALID_PARAMETER, open_(&h, "\\??\\Z:\\tmp", FILE_READ_DATA,
						  FILE_DIRECTORY_FILE | FILE_NON_DIRECTORY_FILE));
	EXPECT_ST(STATUS_INVALID_PARAMETER, create(&h, "\\??\\Z:\\tmp\\ft-x", GENERIC_READ, 6, 0,
						   &io));
	/* delete on close without DELETE access asked for */
	EXPECT_ST(STATUS_INVALID_PARAMETER, create(&h, "\\??\\Z:\\tmp\\ft-x", GENERIC_READ,
						   FILE_OPEN_IF, FILE_DELETE_ON_CLOSE, &io));
}

/* Names are looked up in the object namespace, up to the drive's device. */
TEST(names_through_the_namespace)
{
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	/* the drive link's target, the device itself */
	ASSERT_ST(0, open_(&h, "\\Device\\LinuxRoot\\proc\\self\\status", FILE_READ_DATA, 0));
	ASSERT_ST(0, NT(NtClose, h));
	/* namespace components ignore case, the file system's do not */
	ASSERT_ST(0, open_(&h, "\\dosdevices\\z:\\proc\\self\\status", FILE_READ_DATA, 0));
	ASSERT_ST(0, NT(NtClose, h));
	EXPECT_ST(STATUS_OBJECT_PATH_NOT_FOUND, open_(&h, "\\??\\Z:\\PROC\\self\\status",
						      FILE_READ_DATA, 0));
	/* '|' is not a backslash (a case folding with | 0x20 once took it for one) */
	EXPECT_ST(STATUS_OBJECT_PATH_SYNTAX_BAD, open_(&h, "|??|Z:\\proc\\self\\status",
						       FILE_READ_DATA, 0));
	EXPECT_EQ(0, h);
	EXPECT_ST(STATUS_OBJECT_PATH_NOT_FOUND, open_(&h, "\\??|Z:\\proc\\self\\status",
						      FILE_READ_DATA, 0));
	EXPECT_ST(STATUS_OBJECT_NAME_NOT_FOUND, open_(&h, "\\??\\Z:|proc|self|status",
						      FILE_READ_DATA, 0));
	/* a directory is no device: there is no file there */
	EXPECT_ST(STATUS_OBJECT_TYPE_MISMATCH, open_(&h, "\\??", FILE_READ_DATA, 0));
}

TEST(bad_pointers_and_handles)
{
	struct nt_object_attributes oa;
	struct std_info si;
	struct iosb io;
	uint64_t h, ev;

	ASSERT_EQ(0, nt_become());
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtOpenFile, A(&h), FILE_READ_DATA, 0xdeadbee0,
					      A(&io), 0, 0));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtOpenFile, 0xdeadbee0, FILE_READ_DATA,
					      A(nt_oa(&oa, 0, "\\??\\Z:\\tmp", 0)), A(&io), 0, 0));
	ASSERT_ST(0, open_(&h, "\\??\\Z:\\proc\\self\\status", FILE_READ_DATA, 0));
	EXPECT_ST(STATUS_INVALID_INFO_CLASS, query(h, &si, sizeof(si), 99));
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH, query(h, &si, sizeof(si) - 1,
						     FileStandardInformation));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, query(h, (void *)0xdeadbee0, sizeof(si),
						 FileStandardInformation));
	/*
	 * FileBasicInformation needs FILE_READ_ATTRIBUTES, which ntpersona
	 * grants with every open (as NTFS through the parent; Wine's
	 * kernelbase relies on it)
	 */
	EXPECT_ST(0, query(h, &si, 40, FileBasicInformation));
	/* a read-only handle does not write */
	EXPECT_ST(STATUS_ACCESS_DENIED, rw(1, h, "x", 1, NULL, &io));
	EXPECT_ST(STATUS_INVALID_HANDLE, query(0x1230, &si, sizeof(si), FileStandardInformation));
	ASSERT_ST(0, NT(NtCreateEvent, A(&ev), 0x1f0003, 0, 0, 0));
	EXPECT_ST(STATUS_OBJECT_TYPE_MISMATCH, query(ev, &si, sizeof(si),
						     FileStandardInformation));
	ASSERT_ST(0, NT(NtClose, h));
}

TEST(caller_credentials_decide)
{
	struct iosb io;
	uint64_t h;
	int fd;

	fd = open("/tmp/ft-secret", O_CREAT | O_WRONLY | O_TRUNC, 0600);
	ASSERT_LE(0, fd);
	close(fd);
	ASSERT_EQ(0, chown("/tmp/ft-secret", 0, 0));
	fd = open("/tmp/ft-public", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	ASSERT_EQ(6, write(fd, "public", 6));
	close(fd);
	ASSERT_EQ(0, chown("/tmp/ft-public", 0, 0));
	if (getuid() != 0)
		SKIP(return, "needs root, to become nobody");
	ASSERT_EQ(0, setresuid(NOBODY, NOBODY, NOBODY));
	ASSERT_EQ(0, nt_become());
	EXPECT_ST(STATUS_ACCESS_DENIED, open_(&h, "\\??\\Z:\\tmp\\ft-secret", FILE_READ_DATA, 0));
	EXPECT_ST(STATUS_ACCESS_DENIED, create(&h, "\\??\\Z:\\root\\ft-new", GENERIC_WRITE,
					       FILE_CREATE, 0, &io));
	EXPECT_ST(STATUS_ACCESS_DENIED, create(&h, "\\??\\Z:\\root\\ft-newdir", GENERIC_READ,
					       FILE_CREATE, FILE_DIRECTORY_FILE, &io));
	/* attributes only: a path, no data access */
	ASSERT_ST(0, open_(&h, "\\??\\Z:\\tmp\\ft-secret", FILE_READ_ATTRIBUTES, 0));
	ASSERT_ST(0, NT(NtClose, h));
	/* MAXIMUM_ALLOWED on a file nobody may only read: a handle that reads */
	ASSERT_ST(0, open_(&h, "\\??\\Z:\\tmp\\ft-public", MAXIMUM_ALLOWED, 0));
	{
		char buf[8] = "";

		EXPECT_ST(0, rw(0, h, buf, 6, NULL, &io));
		EXPECT_EQ(0, memcmp(buf, "public", 6));
		EXPECT_ST(STATUS_ACCESS_DENIED, rw(1, h, "x", 1, NULL, &io));
	}
	ASSERT_ST(0, NT(NtClose, h));
	EXPECT_ST(STATUS_ACCESS_DENIED, open_(&h, "\\??\\Z:\\tmp\\ft-secret", MAXIMUM_ALLOWED,
					      0));
}

TEST(handles_die_with_the_process)
{
	long before = nt_live_objects();
	int status;
	pid_t pid;

	pid = fork();
	if (!pid) {
		uint64_t h;
		int i;

		if (nt_become())
			_exit(1);
		for (i = 0; i < 100; i++)
			if (open_(&h, "\\??\\Z:\\proc\\self\\status", FILE_READ_DATA, 0))
				_exit(2);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_EQ(0, status);
	EXPECT_EQ(before, nt_wait_live_objects(before));
}

/* The end of a pipe whose writers are gone is STATUS_PIPE_BROKEN, as Windows says it. */
TEST(pipe_end_is_broken_pipe)
{
	char name[64], buf[8];
	struct iosb io;
	int fds[2];
	uint64_t h;

	ASSERT_EQ(0, pipe(fds));
	ASSERT_EQ(1, write(fds[1], "p", 1));
	ASSERT_EQ(0, nt_become());
	snprintf(name, sizeof(name), "\\??\\Z:\\proc\\self\\fd\\%d", fds[0]);
	ASSERT_ST(0, open_(&h, name, FILE_READ_DATA, 0));
	close(fds[1]);
	ASSERT_ST(0, rw(0, h, buf, sizeof(buf), NULL, &io));
	EXPECT_EQ(1, io.info);
	EXPECT_ST(STATUS_PIPE_BROKEN, rw(0, h, buf, sizeof(buf), NULL, &io));
	ASSERT_ST(0, NT(NtClose, h));
	close(fds[0]);
}

/* Offsets past 4 GiB: a sparse file written and read at 5 GiB, its size 64-bit. */
TEST(offsets_past_4gib)
{
	const char *name = "\\??\\Z:\\tmp\\ft-big";
	int64_t off = 0x140000000LL;
	struct std_info si;
	struct iosb io;
	char buf[8];
	uint64_t h;

	unlink("/tmp/ft-big");
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, create(&h, name, GENERIC_READ | GENERIC_WRITE | SYNCHRONIZE, FILE_CREATE,
			    FILE_SYNC_NONALERT, &io));
	ASSERT_ST(0, rw(1, h, "far", 3, &off, &io));
	EXPECT_EQ(3, io.info);
	ASSERT_ST(0, query(h, &si, sizeof(si), FileStandardInformation));
	EXPECT_EQ(0x140000003LL, si.eof);
	ASSERT_ST(0, rw(0, h, buf, 3, &off, &io));
	EXPECT_EQ(0, memcmp(buf, "far", 3));
	off = 0x13fffffffLL;		/* a hole reads as zeros */
	ASSERT_ST(0, rw(0, h, buf, 2, &off, &io));
	EXPECT_EQ(0, buf[0]);
	EXPECT_EQ('f', buf[1]);
	ASSERT_ST(0, NT(NtClose, h));
	unlink("/tmp/ft-big");
}

/*
 * OBJ_CASE_INSENSITIVE: names in another letter case find what is there
 * (every component), a create finds the existing file instead of making a
 * second one, and without the attribute names stay exact.
 */
TEST(case_insensitive_names)
{
	struct nt_object_attributes oa;
	struct iosb io;
	struct stat st;
	uint64_t h;

	if (system("rm -rf /tmp/ft-Case && mkdir -p /tmp/ft-Case/Sub && "
		   "echo x > /tmp/ft-Case/Sub/File.txt"))
		SKIP(return, "cannot make the files");
	ASSERT_EQ(0, nt_become());
	EXPECT_ST(STATUS_OBJECT_PATH_NOT_FOUND,
		  NT(NtOpenFile, A(&h), FILE_READ_DATA | SYNCHRONIZE,
		     A(nt_oa(&oa, 0, "\\??\\Z:\\tmp\\FT-CASE\\sub\\FILE.TXT", 0)), A(&io),
		     FILE_SHARE_READ, FILE_SYNC_NONALERT));
	ASSERT_ST(0, NT(NtOpenFile, A(&h), FILE_READ_DATA | SYNCHRONIZE,
			A(nt_oa(&oa, 0, "\\??\\Z:\\tmp\\FT-CASE\\sub\\FILE.TXT",
				OBJ_CASE_INSENSITIVE)), A(&io), FILE_SHARE_READ, FILE_SYNC_NONALERT));
	ASSERT_ST(0, NT(NtClose, h));
	/* FILE_OPEN_IF opens the file there is, FILE_CREATE collides with it */
	ASSERT_ST(0, NT(NtCreateFile, A(&h), GENERIC_READ | SYNCHRONIZE,
			A(nt_oa(&oa, 0, "\\??\\Z:\\tmp\\ft-case\\SUB\\file.TXT",
				OBJ_CASE_INSENSITIVE)), A(&io), 0, 0, FILE_SHARE_READ, FILE_OPEN_IF,
			FILE_SYNC_NONALERT, 0, 0));
	EXPECT_EQ(FILE_OPENED, io.info);
	ASSERT_ST(0, NT(NtClose, h));
	EXPECT_NE(0, stat("/tmp/ft-Case/Sub/file.TXT", &st));
	EXPECT_ST(STATUS_OBJECT_NAME_COLLISION,
		  NT(NtCreateFile, A(&h), GENERIC_READ | SYNCHRONIZE,
		     A(nt_oa(&oa, 0, "\\??\\Z:\\tmp\\FT-case\\sub\\FILE.txt",
			     OBJ_CASE_INSENSITIVE)), A(&io), 0, 0, FILE_SHARE_READ, FILE_CREATE,
		     FILE_SYNC_NONALERT, 0, 0));
	/* a new name goes into the directory that is there */
	ASSERT_ST(0, NT(NtCreateFile, A(&h), GENERIC_WRITE | SYNCHRONIZE,
			A(nt_oa(&oa, 0, "\\??\\Z:\\tmp\\FT-CASE\\SUB\\New.txt",
				OBJ_CASE_INSENSITIVE)), A(&io), 0, 0, FILE_SHARE_READ, FILE_CREATE,
			FILE_SYNC_NONALERT, 0, 0));
	EXPECT_EQ(FILE_CREATED, io.info);
	ASSERT_ST(0, NT(NtClose, h));
	EXPECT_EQ(0, stat("/tmp/ft-Case/Sub/New.txt", &st));
	/* and by name: attributes */
	EXPECT_ST(0, NT(NtQueryAttributesFile,
			A(nt_oa(&oa, 0, "\\??\\Z:\\tmp\\FT-CASE\\SUB\\NEW.TXT",
				OBJ_CASE_INSENSITIVE)), A(&(uint64_t[5]){ 0 })));
	EXPECT_ST(STATUS_OBJECT_NAME_NOT_FOUND,
		  NT(NtQueryAttributesFile,
		     A(nt_oa(&oa, 0, "\\??\\Z:\\tmp\\FT-CASE\\SUB\\none.txt",
			     OBJ_CASE_INSENSITIVE)), A(&(uint64_t[5]){ 0 })));
	if (system("rm -rf /tmp/ft-Case"))
		TH_LOG("cleanup failed");
}

TEST_HARNESS_MAIN
