// SPDX-License-Identifier: GPL-2.0
/*
 * NtQueryInformationFile and NtSetInformationFile class by class,
 * NtQueryAttributesFile, NtQueryFullAttributesFile, NtFlushBuffersFile and
 * NtDeleteFile, FILE_DELETE_ON_CLOSE, delete dispositions, renames and links,
 * against Windows' behaviour (the statuses of bad lengths, classes,
 * pointers, handles and missing access; a delete that waits for the last
 * handle; a rename that does not replace unless asked).  Every access uses
 * the caller's Linux credentials (a test runs as nobody).
 *
 * Each test runs in a child of its own that becomes an NT process; files
 * live under /tmp/fi-<test>.
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "ntassert.h"
#include "ntcall.h"

#define GENERIC_READ		0x80000000u
#define GENERIC_WRITE		0x40000000u
#define GENERIC_ALL		0x10000000u
#define DELETE			0x00010000
#define SYNCHRONIZE		0x00100000
#define FILE_READ_DATA		0x0001
#define FILE_WRITE_DATA		0x0002
#define FILE_READ_ATTRIBUTES	0x0080
#define FILE_WRITE_ATTRIBUTES	0x0100
#define FILE_SHARE_ALL		7
#define FILE_OPEN		1
#define FILE_CREATE		2
#define FILE_OVERWRITE_IF	5
#define FILE_DIRECTORY_FILE	0x01
#define FILE_WRITE_THROUGH	0x02
#define FILE_SYNC_NONALERT	0x20
#define FILE_NON_DIRECTORY_FILE	0x40
#define FILE_DELETE_ON_CLOSE	0x1000
#define NOBODY			65534

struct iosb {
	uint64_t status, info;
};

static uint32_t create(uint64_t *h, const char *name, uint32_t access, uint32_t disposition,
		       uint32_t options)
{
	struct nt_object_attributes oa;
	struct iosb io;

	return NT(NtCreateFile, A(h), access, A(nt_oa(&oa, 0, name, 0)), A(&io), 0, 0,
		  FILE_SHARE_ALL, disposition, options, 0, 0);
}

static uint32_t query(uint64_t h, void *buf, uint32_t len, uint32_t class)
{
	struct iosb io;

	return NT(NtQueryInformationFile, h, A(&io), A(buf), len, class);
}

static uint32_t set(uint64_t h, const void *buf, uint32_t len, uint32_t class)
{
	struct iosb io;

	return NT(NtSetInformationFile, h, A(&io), A(buf), len, class);
}

static uint32_t write_(uint64_t h, const char *s)
{
	struct iosb io;

	return nt_call(NTSVC_NtWriteFile, (const uint64_t[NT_MAX_ARGS]){ h, 0, 0, 0, A(&io),
		       A(s), strlen(s), 0, 0 });
}

static void make_file(const char *path, const char *data, mode_t mode)
{
	int fd;

	unlink(path);
	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, mode);
	if (fd >= 0) {
		if (write(fd, data, strlen(data)) < 0)
			perror("write");
		close(fd);
	}
	chmod(path, mode);
}

static uint16_t u16_at(const uint8_t *buf, size_t at)
{
	uint16_t v;

	memcpy(&v, buf + at, sizeof(v));
	return v;
}

static int exists(const char *path)
{
	struct stat st;

	return !lstat(path, &st);
}

/* a FILE_RENAME_INFORMATION with an ASCII name */
struct rename_buf {
	union {
		struct nt_file_rename_information r;
		uint8_t bytes[512];
	};
};

static uint32_t rename_len(struct rename_buf *b, uint32_t flags, const char *name)
{
	size_t at = offsetof(struct nt_file_rename_information, file_name);
	size_t i, n = strlen(name);
	uint16_t c;

	memset(b, 0, sizeof(*b));
	b->r.flags = flags;
	b->r.file_name_length = n * 2;
	for (i = 0; i < n; i++) {
		c = (uint8_t)name[i];
		memcpy(b->bytes + at + 2 * i, &c, sizeof(c));
	}
	return at + n * 2;
}

TEST(query_classes)
{
	const char *name = "\\??\\Z:\\tmp\\fi-query";
	struct nt_file_basic_information bi;
	struct nt_file_standard_information si;
	struct nt_file_network_open_information ni;
	struct nt_file_attribute_tag_information ti;
	struct nt_file_id_information id;
	union {
		struct nt_file_all_information all;
		uint8_t bytes[512];
	} a;
	union {
		struct nt_file_name_information n;
		uint8_t bytes[256];
	} nm;
	struct iosb io;
	struct stat st;
	uint64_t h, v64;
	uint32_t v32;
	int64_t pos;

	make_file("/tmp/fi-query", "0123456789", 0644);
	ASSERT_EQ(0, stat("/tmp/fi-query", &st));
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, create(&h, name, GENERIC_READ | SYNCHRONIZE, FILE_OPEN,
			    FILE_SYNC_NONALERT | FILE_WRITE_THROUGH));

	ASSERT_ST(0, query(h, &bi, sizeof(bi), NT_FILE_BASIC_INFORMATION));
	EXPECT_EQ(NT_FILE_ATTRIBUTE_ARCHIVE, bi.file_attributes);
	EXPECT_EQ(116444736000000000LL + st.st_mtim.tv_sec * 10000000LL +
		  st.st_mtim.tv_nsec / 100, bi.last_write_time);
	ASSERT_ST(0, query(h, &si, sizeof(si), NT_FILE_STANDARD_INFORMATION));
	EXPECT_EQ(10, si.end_of_file);
	EXPECT_EQ(1, si.number_of_links);
	EXPECT_EQ(0, si.delete_pending);
	EXPECT_EQ(0, si.directory);
	ASSERT_ST(0, query(h, &v64, sizeof(v64), NT_FILE_INTERNAL_INFORMATION));
	EXPECT_EQ(st.st_ino, v64);
	v32 = 0xdead;
	ASSERT_ST(0, query(h, &v32, sizeof(v32), NT_FILE_EA_INFORMATION));
	EXPECT_EQ(0, v32);
	ASSERT_ST(0, query(h, &v32, sizeof(v32), NT_FILE_ACCESS_INFORMATION));
	/* FILE_GENERIC_READ, and FILE_WRITE_ATTRIBUTES for the file's owner */
	EXPECT_EQ(0x00120089 | SYNCHRONIZE | FILE_WRITE_ATTRIBUTES, v32);
	ASSERT_ST(0, query(h, &pos, sizeof(pos), NT_FILE_POSITION_INFORMATION));
	EXPECT_EQ(0, pos);
	ASSERT_ST(0, query(h, &v32, sizeof(v32), NT_FILE_MODE_INFORMATION));
	EXPECT_EQ(FILE_SYNC_NONALERT | FILE_WRITE_THROUGH, v32);
	v32 = 0xdead;
	ASSERT_ST(0, query(h, &v32, sizeof(v32), NT_FILE_ALIGNMENT_INFORMATION));
	EXPECT_EQ(0, v32);
	ASSERT_ST(0, query(h, &ni, sizeof(ni), NT_FILE_NETWORK_OPEN_INFORMATION));
	EXPECT_EQ(10, ni.end_of_file);
	EXPECT_EQ(bi.last_write_time, ni.last_write_time);
	EXPECT_EQ(NT_FILE_ATTRIBUTE_ARCHIVE, ni.file_attributes);
	ASSERT_ST(0, query(h, &ti, sizeof(ti), NT_FILE_ATTRIBUTE_TAG_INFORMATION));
	EXPECT_EQ(NT_FILE_ATTRIBUTE_ARCHIVE, ti.file_attributes);
	EXPECT_EQ(0, ti.reparse_tag);
	ASSERT_ST(0, query(h, &id, sizeof(id), NT_FILE_ID_INFORMATION));
	memcpy(&v64, id.file_id, 8);
	EXPECT_EQ(st.st_ino, v64);

	/* the name on the volume: no drive, backslashes, no NUL */
	memset(&nm, 0xcc, sizeof(nm));
	ASSERT_ST(0, NT(NtQueryInformationFile, h, A(&io), A(&nm), sizeof(nm),
			NT_FILE_NAME_INFORMATION));
	EXPECT_EQ(26, nm.n.file_name_length);
	EXPECT_TRUE(nt_wcs_eq(nm.n.file_name, nm.n.file_name_length, "\\tmp\\fi-query"));
	EXPECT_EQ(4 + 26, io.info);
	EXPECT_EQ(0xcccc, u16_at(nm.bytes, 4 + 26));
	/* too short: as much as fits, the whole length, BUFFER_OVERFLOW */
	memset(&nm, 0xcc, sizeof(nm));
	EXPECT_ST(STATUS_BUFFER_OVERFLOW, NT(NtQueryInformationFile, h, A(&io), A(&nm), 8,
					     NT_FILE_NAME_INFORMATION));
	EXPECT_EQ(STATUS_BUFFER_OVERFLOW, io.status);
	EXPECT_EQ(8, io.info);
	EXPECT_EQ(26, nm.n.file_name_length);
	EXPECT_EQ('\\', nm.n.file_name[0]);
	EXPECT_EQ('t', nm.n.file_name[1]);
	EXPECT_EQ(0xcccc, u16_at(nm.bytes, 8));
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH, query(h, &nm, 7, NT_FILE_NAME_INFORMATION));

	/* all of it */
	memset(&a, 0xcc, sizeof(a));
	ASSERT_ST(0, NT(NtQueryInformationFile, h, A(&io), A(&a), sizeof(a),
			NT_FILE_ALL_INFORMATION));
	EXPECT_EQ(100 + 26, io.info);
	EXPECT_EQ(bi.last_write_time, a.all.basic.last_write_time);
	EXPECT_EQ(10, a.all.standard.end_of_file);
	EXPECT_EQ(st.st_ino, a.all.index_number);
	EXPECT_EQ(0, a.all.ea_size);
	EXPECT_EQ(0x00120089 | SYNCHRONIZE | FILE_WRITE_ATTRIBUTES, a.all.access_flags);
	EXPECT_EQ(FILE_SYNC_NONALERT | FILE_WRITE_THROUGH, a.all.mode);
	EXPECT_EQ(0, a.all.alignment_requirement);
	EXPECT_TRUE(nt_wcs_eq(a.all.name.file_name, a.all.name.file_name_length,
			      "\\tmp\\fi-query"));
	memset(&a, 0xcc, sizeof(a));
	EXPECT_ST(STATUS_BUFFER_OVERFLOW, NT(NtQueryInformationFile, h, A(&io), A(&a),
					     sizeof(a.all), NT_FILE_ALL_INFORMATION));
	EXPECT_EQ(sizeof(a.all), io.info);
	EXPECT_EQ(26, a.all.name.file_name_length);
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH, query(h, &a, sizeof(a.all) - 1,
						     NT_FILE_ALL_INFORMATION));
	ASSERT_ST(0, NT(NtClose, h));

	/* a directory */
	ASSERT_ST(0, create(&h, "\\??\\Z:\\tmp", FILE_READ_ATTRIBUTES, FILE_OPEN,
			    FILE_DIRECTORY_FILE));
	ASSERT_ST(0, query(h, &bi, sizeof(bi), NT_FILE_BASIC_INFORMATION));
	EXPECT_EQ(NT_FILE_ATTRIBUTE_DIRECTORY, bi.file_attributes);
	ASSERT_ST(0, query(h, &si, sizeof(si), NT_FILE_STANDARD_INFORMATION));
	EXPECT_EQ(1, si.directory);
	ASSERT_ST(0, NT(NtClose, h));
	unlink("/tmp/fi-query");
}

TEST(query_by_name)
{
	struct nt_object_attributes oa;
	struct nt_file_basic_information bi;
	struct nt_file_network_open_information ni;

	make_file("/tmp/fi-byname", "abc", 0444);
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, NT(NtQueryAttributesFile, A(nt_oa(&oa, 0, "\\??\\Z:\\tmp\\fi-byname", 0)),
			A(&bi)));
	EXPECT_EQ(NT_FILE_ATTRIBUTE_ARCHIVE | NT_FILE_ATTRIBUTE_READONLY, bi.file_attributes);
	ASSERT_ST(0, NT(NtQueryFullAttributesFile,
			A(nt_oa(&oa, 0, "\\??\\Z:\\tmp\\fi-byname", 0)), A(&ni)));
	EXPECT_EQ(3, ni.end_of_file);
	EXPECT_EQ(NT_FILE_ATTRIBUTE_ARCHIVE | NT_FILE_ATTRIBUTE_READONLY, ni.file_attributes);
	EXPECT_EQ(bi.last_write_time, ni.last_write_time);
	ASSERT_ST(0, NT(NtQueryAttributesFile, A(nt_oa(&oa, 0, "\\??\\Z:\\tmp", 0)), A(&bi)));
	EXPECT_EQ(NT_FILE_ATTRIBUTE_DIRECTORY, bi.file_attributes);
	EXPECT_ST(STATUS_OBJECT_NAME_NOT_FOUND,
		  NT(NtQueryAttributesFile, A(nt_oa(&oa, 0, "\\??\\Z:\\tmp\\fi-none", 0)),
		     A(&bi)));
	EXPECT_ST(STATUS_OBJECT_PATH_NOT_FOUND,
		  NT(NtQueryFullAttributesFile,
		     A(nt_oa(&oa, 0, "\\??\\Z:\\tmp\\fi-nodir\\x", 0)), A(&ni)));
	EXPECT_ST(STATUS_ACCESS_VIOLATION,
		  NT(NtQueryAttributesFile, A(nt_oa(&oa, 0, "\\??\\Z:\\tmp\\fi-byname", 0)),
		     0xdeadbee0));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtQueryFullAttributesFile, 0xdeadbee0, A(&ni)));
	unlink("/tmp/fi-byname");
}

TEST(bad_inputs)
{
	struct nt_file_standard_information si;
	struct nt_file_basic_information bi = {};
	struct iosb io;
	int64_t eof = 0;
	uint64_t h, ev;
	uint8_t del = 1;

	make_file("/tmp/fi-bad", "x", 0644);
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, create(&h, "\\??\\Z:\\tmp\\fi-bad", FILE_READ_DATA, FILE_OPEN, 0));
	/* unknown classes, classes of the other service */
	EXPECT_ST(STATUS_INVALID_INFO_CLASS, query(h, &si, sizeof(si), 99));
	EXPECT_ST(STATUS_INVALID_INFO_CLASS, query(h, &si, sizeof(si), 0));
	EXPECT_ST(STATUS_INVALID_INFO_CLASS, query(h, &si, sizeof(si),
						   NT_FILE_END_OF_FILE_INFORMATION));
	EXPECT_ST(STATUS_INVALID_INFO_CLASS, set(h, &eof, sizeof(eof), 1000));
	EXPECT_ST(STATUS_INVALID_INFO_CLASS, set(h, &eof, sizeof(eof),
						 NT_FILE_STANDARD_INFORMATION));
	/* short lengths */
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH, query(h, &si, sizeof(si) - 1,
						     NT_FILE_STANDARD_INFORMATION));
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH, set(h, &eof, 7, NT_FILE_POSITION_INFORMATION));
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH, set(h, &bi, sizeof(bi) - 1,
						   NT_FILE_BASIC_INFORMATION));
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH, set(h, &del, 0, NT_FILE_DISPOSITION_INFORMATION));
	/* bad pointers */
	EXPECT_ST(STATUS_ACCESS_VIOLATION, query(h, (void *)0xdeadbee0, sizeof(si),
						 NT_FILE_STANDARD_INFORMATION));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, set(h, (void *)0xdeadbee0, 8,
					       NT_FILE_POSITION_INFORMATION));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtQueryInformationFile, h, 0xdeadbee0, A(&si),
					      sizeof(si), NT_FILE_STANDARD_INFORMATION));
	/*
	 * missing access: data, delete; reading the attributes comes with
	 * every open, writing them with every open by the file's owner
	 * (ntpersona's rules: whom Linux lets stat, chmod and utimes the file,
	 * as Wine's kernelbase needs them; an owner that is not us below)
	 */
	EXPECT_ST(0, query(h, &bi, sizeof(bi), NT_FILE_BASIC_INFORMATION));
	EXPECT_ST(0, set(h, &bi, sizeof(bi), NT_FILE_BASIC_INFORMATION));
	EXPECT_ST(STATUS_ACCESS_DENIED, set(h, &eof, sizeof(eof),
					    NT_FILE_END_OF_FILE_INFORMATION));
	EXPECT_ST(STATUS_ACCESS_DENIED, set(h, &eof, sizeof(eof),
					    NT_FILE_ALLOCATION_INFORMATION));
	EXPECT_ST(STATUS_ACCESS_DENIED, set(h, &del, 1, NT_FILE_DISPOSITION_INFORMATION));
	EXPECT_ST(STATUS_ACCESS_DENIED, NT(NtFlushBuffersFile, h, A(&io)));
	/* a negative position */
	eof = -1;
	EXPECT_ST(STATUS_INVALID_PARAMETER, set(h, &eof, sizeof(eof),
						NT_FILE_POSITION_INFORMATION));
	/* bad handles */
	EXPECT_ST(STATUS_INVALID_HANDLE, query(0x1230, &si, sizeof(si),
					       NT_FILE_STANDARD_INFORMATION));
	EXPECT_ST(STATUS_INVALID_HANDLE, set(0x1230, &eof, sizeof(eof),
					     NT_FILE_POSITION_INFORMATION));
	EXPECT_ST(STATUS_INVALID_HANDLE, NT(NtFlushBuffersFile, 0x1230, A(&io)));
	ASSERT_ST(0, NT(NtCreateEvent, A(&ev), 0x1f0003, 0, 0, 0));
	EXPECT_ST(STATUS_OBJECT_TYPE_MISMATCH, set(ev, &del, 1, NT_FILE_DISPOSITION_INFORMATION));
	ASSERT_ST(0, NT(NtClose, h));
	EXPECT_TRUE(exists("/tmp/fi-bad"));
	unlink("/tmp/fi-bad");
}

TEST(set_position_size_times_attributes)
{
	struct nt_file_basic_information bi;
	struct nt_file_standard_information si;
	struct iosb io;
	struct stat st;
	int64_t v;
	uint64_t h;

	unlink("/tmp/fi-set");
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, create(&h, "\\??\\Z:\\tmp\\fi-set", GENERIC_READ | GENERIC_WRITE,
			    FILE_CREATE, 0));
	ASSERT_ST(0, write_(h, "hello world"));
	v = 3;
	ASSERT_ST(0, set(h, &v, sizeof(v), NT_FILE_POSITION_INFORMATION));
	v = 0;
	ASSERT_ST(0, query(h, &v, sizeof(v), NT_FILE_POSITION_INFORMATION));
	EXPECT_EQ(3, v);
	/* end of file: cut and extend */
	v = 5;
	ASSERT_ST(0, set(h, &v, sizeof(v), NT_FILE_END_OF_FILE_INFORMATION));
	ASSERT_EQ(0, stat("/tmp/fi-set", &st));
	EXPECT_EQ(5, st.st_size);
	v = 4096;
	ASSERT_ST(0, set(h, &v, sizeof(v), NT_FILE_END_OF_FILE_INFORMATION));
	ASSERT_ST(0, query(h, &si, sizeof(si), NT_FILE_STANDARD_INFORMATION));
	EXPECT_EQ(4096, si.end_of_file);
	v = -5;
	EXPECT_ST(STATUS_INVALID_PARAMETER, set(h, &v, sizeof(v),
						NT_FILE_END_OF_FILE_INFORMATION));
	/* allocation: more is fine and changes nothing, less cuts the file */
	v = 1 << 20;
	ASSERT_ST(0, set(h, &v, sizeof(v), NT_FILE_ALLOCATION_INFORMATION));
	ASSERT_EQ(0, stat("/tmp/fi-set", &st));
	EXPECT_EQ(4096, st.st_size);
	v = 2;
	ASSERT_ST(0, set(h, &v, sizeof(v), NT_FILE_ALLOCATION_INFORMATION));
	ASSERT_EQ(0, stat("/tmp/fi-set", &st));
	EXPECT_EQ(2, st.st_size);

	/* times: 0 and -1 leave one alone */
	memset(&bi, 0, sizeof(bi));
	bi.last_write_time = 116444736000000000LL + 1000000000LL * 10000000LL + 1234500;
	bi.last_access_time = -1;
	ASSERT_ST(0, set(h, &bi, sizeof(bi), NT_FILE_BASIC_INFORMATION));
	ASSERT_EQ(0, stat("/tmp/fi-set", &st));
	EXPECT_EQ(1000000000, st.st_mtim.tv_sec);
	EXPECT_EQ(123450000, st.st_mtim.tv_nsec);
	ASSERT_ST(0, query(h, &bi, sizeof(bi), NT_FILE_BASIC_INFORMATION));
	EXPECT_EQ(116444736000000000LL + 1000000000LL * 10000000LL + 1234500,
		  bi.last_write_time);
	/* READONLY takes the write bits, NORMAL gives the owner's back */
	memset(&bi, 0, sizeof(bi));
	bi.file_attributes = NT_FILE_ATTRIBUTE_READONLY;
	ASSERT_ST(0, set(h, &bi, sizeof(bi), NT_FILE_BASIC_INFORMATION));
	ASSERT_EQ(0, stat("/tmp/fi-set", &st));
	EXPECT_EQ(0, st.st_mode & 0222);
	ASSERT_ST(0, query(h, &bi, sizeof(bi), NT_FILE_BASIC_INFORMATION));
	EXPECT_EQ(NT_FILE_ATTRIBUTE_ARCHIVE | NT_FILE_ATTRIBUTE_READONLY, bi.file_attributes);
	memset(&bi, 0, sizeof(bi));
	bi.file_attributes = NT_FILE_ATTRIBUTE_NORMAL;
	ASSERT_ST(0, set(h, &bi, sizeof(bi), NT_FILE_BASIC_INFORMATION));
	ASSERT_EQ(0, stat("/tmp/fi-set", &st));
	EXPECT_EQ(0200, st.st_mode & 0222);
	ASSERT_ST(0, NT(NtFlushBuffersFile, h, A(&io)));
	ASSERT_ST(0, NT(NtClose, h));
	unlink("/tmp/fi-set");
}

TEST(disposition_deletes_at_last_close)
{
	const char *name = "\\??\\Z:\\tmp\\fi-disp";
	struct nt_file_standard_information si;
	struct nt_file_basic_information bi;
	struct nt_object_attributes oa;
	struct stat st;
	uint64_t h, h2, h3;
	uint32_t flags;
	uint8_t del;

	make_file("/tmp/fi-disp", "x", 0644);
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, create(&h, name, DELETE | FILE_READ_ATTRIBUTES, FILE_OPEN, 0));
	del = 1;
	ASSERT_ST(0, set(h, &del, 1, NT_FILE_DISPOSITION_INFORMATION));
	ASSERT_ST(0, query(h, &si, sizeof(si), NT_FILE_STANDARD_INFORMATION));
	EXPECT_EQ(1, si.delete_pending);
	/* a duplicate keeps it: the last handle of the File object deletes */
	ASSERT_ST(0, NT(NtDuplicateObject, NT_CURRENT_PROCESS, h, NT_CURRENT_PROCESS, A(&h2), 0, 0,
			DUPLICATE_SAME_ACCESS));
	ASSERT_ST(0, NT(NtClose, h));
	EXPECT_TRUE(exists("/tmp/fi-disp"));
	ASSERT_ST(0, NT(NtClose, h2));
	EXPECT_FALSE(exists("/tmp/fi-disp"));

	/* the mark is the file's: every File object sees it, opens fail, the last one deletes */
	make_file("/tmp/fi-disp", "x", 0644);
	ASSERT_ST(0, create(&h, name, DELETE | FILE_READ_ATTRIBUTES, FILE_OPEN, 0));
	ASSERT_ST(0, create(&h2, name, FILE_READ_ATTRIBUTES, FILE_OPEN, 0));
	del = 1;
	ASSERT_ST(0, set(h, &del, 1, NT_FILE_DISPOSITION_INFORMATION));
	ASSERT_ST(0, query(h2, &si, sizeof(si), NT_FILE_STANDARD_INFORMATION));
	EXPECT_EQ(1, si.delete_pending);
	EXPECT_ST(STATUS_DELETE_PENDING, create(&h3, name, FILE_READ_ATTRIBUTES, FILE_OPEN, 0));
	/* an overwrite is refused before it cuts the file */
	EXPECT_ST(STATUS_DELETE_PENDING, create(&h3, name, GENERIC_WRITE, FILE_OVERWRITE_IF, 0));
	ASSERT_EQ(0, stat("/tmp/fi-disp", &st));
	EXPECT_EQ(1, st.st_size);
	EXPECT_ST(STATUS_DELETE_PENDING, NT(NtQueryAttributesFile, A(nt_oa(&oa, 0, name, 0)),
					    A(&bi)));
	ASSERT_ST(0, NT(NtClose, h));
	EXPECT_TRUE(exists("/tmp/fi-disp"));
	ASSERT_ST(0, NT(NtClose, h2));
	EXPECT_FALSE(exists("/tmp/fi-disp"));
	/* cleared through another File object: the file stays */
	make_file("/tmp/fi-disp", "x", 0644);
	ASSERT_ST(0, create(&h, name, DELETE, FILE_OPEN, 0));
	ASSERT_ST(0, create(&h2, name, DELETE | FILE_READ_ATTRIBUTES, FILE_OPEN, 0));
	del = 1;
	ASSERT_ST(0, set(h, &del, 1, NT_FILE_DISPOSITION_INFORMATION));
	del = 0;
	ASSERT_ST(0, set(h2, &del, 1, NT_FILE_DISPOSITION_INFORMATION));
	ASSERT_ST(0, NT(NtClose, h));
	ASSERT_ST(0, query(h2, &si, sizeof(si), NT_FILE_STANDARD_INFORMATION));
	EXPECT_EQ(0, si.delete_pending);
	ASSERT_ST(0, NT(NtClose, h2));
	EXPECT_TRUE(exists("/tmp/fi-disp"));

	/* set, then cleared: the file stays */
	make_file("/tmp/fi-disp", "x", 0644);
	ASSERT_ST(0, create(&h, name, DELETE, FILE_OPEN, 0));
	del = 1;
	ASSERT_ST(0, set(h, &del, 1, NT_FILE_DISPOSITION_INFORMATION));
	del = 0;
	ASSERT_ST(0, set(h, &del, 1, NT_FILE_DISPOSITION_INFORMATION));
	ASSERT_ST(0, NT(NtClose, h));
	EXPECT_TRUE(exists("/tmp/fi-disp"));

	/* a read-only file is not deleted, unless the Ex flags say so */
	chmod("/tmp/fi-disp", 0444);
	ASSERT_ST(0, create(&h, name, DELETE, FILE_OPEN, 0));
	del = 1;
	EXPECT_ST(STATUS_CANNOT_DELETE, set(h, &del, 1, NT_FILE_DISPOSITION_INFORMATION));
	flags = NT_FILE_DISPOSITION_DELETE;
	EXPECT_ST(STATUS_CANNOT_DELETE, set(h, &flags, 4, NT_FILE_DISPOSITION_INFORMATION_EX));
	flags = NT_FILE_DISPOSITION_DELETE | NT_FILE_DISPOSITION_IGNORE_READONLY_ATTRIBUTE;
	ASSERT_ST(0, set(h, &flags, 4, NT_FILE_DISPOSITION_INFORMATION_EX));
	EXPECT_TRUE(exists("/tmp/fi-disp"));
	ASSERT_ST(0, NT(NtClose, h));
	EXPECT_FALSE(exists("/tmp/fi-disp"));

	/* POSIX semantics: the name goes now, the handle still works */
	make_file("/tmp/fi-disp", "x", 0644);
	ASSERT_ST(0, create(&h, name, DELETE | FILE_READ_ATTRIBUTES, FILE_OPEN, 0));
	flags = NT_FILE_DISPOSITION_DELETE | NT_FILE_DISPOSITION_POSIX_SEMANTICS;
	ASSERT_ST(0, set(h, &flags, 4, NT_FILE_DISPOSITION_INFORMATION_EX));
	EXPECT_FALSE(exists("/tmp/fi-disp"));
	ASSERT_ST(0, query(h, &si, sizeof(si), NT_FILE_STANDARD_INFORMATION));
	EXPECT_EQ(1, si.delete_pending);
	EXPECT_EQ(0, si.number_of_links);
	flags = 0x100;
	EXPECT_ST(STATUS_INVALID_PARAMETER, set(h, &flags, 4,
						NT_FILE_DISPOSITION_INFORMATION_EX));
	ASSERT_ST(0, NT(NtClose, h));
}

TEST(disposition_of_directories)
{
	uint64_t h;
	uint8_t del = 1;

	system("rm -rf /tmp/fi-dir");
	ASSERT_EQ(0, mkdir("/tmp/fi-dir", 0755));
	make_file("/tmp/fi-dir/f", "x", 0644);
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, create(&h, "\\??\\Z:\\tmp\\fi-dir", DELETE, FILE_OPEN,
			    FILE_DIRECTORY_FILE));
	EXPECT_ST(STATUS_DIRECTORY_NOT_EMPTY, set(h, &del, 1, NT_FILE_DISPOSITION_INFORMATION));
	ASSERT_EQ(0, unlink("/tmp/fi-dir/f"));
	ASSERT_ST(0, set(h, &del, 1, NT_FILE_DISPOSITION_INFORMATION));
	EXPECT_TRUE(exists("/tmp/fi-dir"));
	ASSERT_ST(0, NT(NtClose, h));
	EXPECT_FALSE(exists("/tmp/fi-dir"));
}

TEST(delete_on_close)
{
	const char *name = "\\??\\Z:\\tmp\\fi-doc";
	struct nt_file_standard_information si;
	uint32_t flags;
	uint64_t h, h2;
	uint8_t del;

	unlink("/tmp/fi-doc");
	/* the exit of a process closes its handle: the file goes too */
	{
		int status;
		pid_t pid = fork();

		if (!pid) {
			uint64_t h2;

			if (nt_become())
				_exit(2);
			_exit(create(&h2, name, GENERIC_ALL, FILE_CREATE, FILE_DELETE_ON_CLOSE) ?
			      1 : 0);
		}
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		ASSERT_EQ(0, status);
	}
	{
		int i;

		for (i = 0; i < 500 && exists("/tmp/fi-doc"); i++)
			usleep(10000);
	}
	EXPECT_FALSE(exists("/tmp/fi-doc"));
	ASSERT_EQ(0, nt_become());
	/* without DELETE access asked for: refused */
	EXPECT_ST(STATUS_INVALID_PARAMETER, create(&h, name, GENERIC_WRITE, FILE_CREATE,
						   FILE_DELETE_ON_CLOSE));
	EXPECT_FALSE(exists("/tmp/fi-doc"));
	ASSERT_ST(0, create(&h, name, GENERIC_WRITE | DELETE, FILE_CREATE,
			    FILE_DELETE_ON_CLOSE | FILE_NON_DIRECTORY_FILE));
	ASSERT_ST(0, write_(h, "temporary"));
	EXPECT_TRUE(exists("/tmp/fi-doc"));
	/* the flag is not the disposition's mark: clearing that leaves it */
	del = 0;
	ASSERT_ST(0, set(h, &del, 1, NT_FILE_DISPOSITION_INFORMATION));
	ASSERT_ST(0, query(h, &si, sizeof(si), NT_FILE_STANDARD_INFORMATION));
	EXPECT_EQ(0, si.delete_pending);
	/* nor is the file marked yet: it opens; its close marks it for the others */
	ASSERT_ST(0, create(&h2, name, FILE_READ_ATTRIBUTES, FILE_OPEN, 0));
	ASSERT_ST(0, NT(NtClose, h));
	EXPECT_TRUE(exists("/tmp/fi-doc"));
	ASSERT_ST(0, query(h2, &si, sizeof(si), NT_FILE_STANDARD_INFORMATION));
	EXPECT_EQ(1, si.delete_pending);
	ASSERT_ST(0, NT(NtClose, h2));
	EXPECT_FALSE(exists("/tmp/fi-doc"));
	/* DispositionEx's ON_CLOSE clears the flag */
	ASSERT_ST(0, create(&h, name, GENERIC_READ | DELETE, FILE_CREATE, FILE_DELETE_ON_CLOSE));
	flags = NT_FILE_DISPOSITION_ON_CLOSE;
	ASSERT_ST(0, set(h, &flags, 4, NT_FILE_DISPOSITION_INFORMATION_EX));
	ASSERT_ST(0, query(h, &si, sizeof(si), NT_FILE_STANDARD_INFORMATION));
	EXPECT_EQ(0, si.delete_pending);
	ASSERT_ST(0, NT(NtClose, h));
	EXPECT_TRUE(exists("/tmp/fi-doc"));
	/* and sets it again */
	ASSERT_ST(0, create(&h, name, GENERIC_READ | DELETE, FILE_OPEN, 0));
	flags = NT_FILE_DISPOSITION_ON_CLOSE | NT_FILE_DISPOSITION_DELETE;
	ASSERT_ST(0, set(h, &flags, 4, NT_FILE_DISPOSITION_INFORMATION_EX));
	ASSERT_ST(0, NT(NtClose, h));
	EXPECT_FALSE(exists("/tmp/fi-doc"));
	/* a read-only file cannot be opened so */
	make_file("/tmp/fi-doc", "x", 0444);
	EXPECT_ST(STATUS_CANNOT_DELETE, create(&h, name, DELETE, FILE_OPEN,
					       FILE_DELETE_ON_CLOSE));
	EXPECT_TRUE(exists("/tmp/fi-doc"));
	unlink("/tmp/fi-doc");
}

TEST(rename_with_and_without_replace)
{
	union {
		struct nt_file_name_information n;
		uint8_t bytes[256];
	} nm;
	struct rename_buf b;
	uint32_t len;
	uint64_t h;
	char buf[8] = "";
	int fd;

	make_file("/tmp/fi-ren-a", "aaa", 0644);
	make_file("/tmp/fi-ren-b", "bbb", 0644);
	unlink("/tmp/fi-ren-c");
	unlink("/tmp/fi-ren-d");
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, create(&h, "\\??\\Z:\\tmp\\fi-ren-a", DELETE | FILE_READ_ATTRIBUTES,
			    FILE_OPEN, 0));
	/* onto an existing name without replacing: a collision */
	len = rename_len(&b, 0, "\\??\\Z:\\tmp\\fi-ren-b");
	EXPECT_ST(STATUS_OBJECT_NAME_COLLISION, set(h, &b, len, NT_FILE_RENAME_INFORMATION));
	EXPECT_TRUE(exists("/tmp/fi-ren-a"));
	/* to a new name */
	len = rename_len(&b, 0, "\\??\\Z:\\tmp\\fi-ren-c");
	ASSERT_ST(0, set(h, &b, len, NT_FILE_RENAME_INFORMATION));
	EXPECT_FALSE(exists("/tmp/fi-ren-a"));
	EXPECT_TRUE(exists("/tmp/fi-ren-c"));
	/* the handle follows the file */
	ASSERT_ST(0, query(h, &nm, sizeof(nm), NT_FILE_NAME_INFORMATION));
	EXPECT_TRUE(nt_wcs_eq(nm.n.file_name, nm.n.file_name_length, "\\tmp\\fi-ren-c"));
	/* replacing, with the Ex flags */
	len = rename_len(&b, NT_FILE_RENAME_REPLACE_IF_EXISTS, "\\??\\Z:\\tmp\\fi-ren-b");
	ASSERT_ST(0, set(h, &b, len, NT_FILE_RENAME_INFORMATION_EX));
	EXPECT_FALSE(exists("/tmp/fi-ren-c"));
	fd = open("/tmp/fi-ren-b", O_RDONLY);
	ASSERT_LE(0, fd);
	EXPECT_EQ(3, read(fd, buf, sizeof(buf)));
	EXPECT_EQ(0, memcmp(buf, "aaa", 3));
	close(fd);
	/* a bare name stays in the directory */
	len = rename_len(&b, 0, "fi-ren-d");
	ASSERT_ST(0, set(h, &b, len, NT_FILE_RENAME_INFORMATION));
	EXPECT_TRUE(exists("/tmp/fi-ren-d"));
	EXPECT_FALSE(exists("/tmp/fi-ren-b"));
	/* bad names and lengths */
	len = rename_len(&b, 0, "\\??\\Z:\\tmp\\fi-nodir\\x");
	EXPECT_ST(STATUS_OBJECT_PATH_NOT_FOUND, set(h, &b, len, NT_FILE_RENAME_INFORMATION));
	len = rename_len(&b, 0, "\\??\\Z:\\tmp\\..\\x");
	EXPECT_ST(STATUS_OBJECT_NAME_INVALID, set(h, &b, len, NT_FILE_RENAME_INFORMATION));
	len = rename_len(&b, 0, "\\??\\Z:\\tmp\\fi-ren-e");
	EXPECT_ST(STATUS_INVALID_PARAMETER, set(h, &b, len - 2, NT_FILE_RENAME_INFORMATION));
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH, set(h, &b, 23, NT_FILE_RENAME_INFORMATION));
	ASSERT_ST(0, NT(NtClose, h));
	/* renaming needs DELETE access */
	ASSERT_ST(0, create(&h, "\\??\\Z:\\tmp\\fi-ren-d", FILE_READ_ATTRIBUTES, FILE_OPEN, 0));
	len = rename_len(&b, 0, "\\??\\Z:\\tmp\\fi-ren-e");
	EXPECT_ST(STATUS_ACCESS_DENIED, set(h, &b, len, NT_FILE_RENAME_INFORMATION));
	ASSERT_ST(0, NT(NtClose, h));
	EXPECT_TRUE(exists("/tmp/fi-ren-d"));
	unlink("/tmp/fi-ren-d");
}

TEST(hard_links)
{
	struct nt_file_standard_information si;
	struct rename_buf b;
	struct stat st1, st2;
	uint32_t len;
	uint64_t h;

	make_file("/tmp/fi-link-a", "aaa", 0644);
	make_file("/tmp/fi-link-c", "ccc", 0644);
	unlink("/tmp/fi-link-b");
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, create(&h, "\\??\\Z:\\tmp\\fi-link-a", FILE_READ_ATTRIBUTES, FILE_OPEN, 0));
	len = rename_len(&b, 0, "\\??\\Z:\\tmp\\fi-link-b");
	ASSERT_ST(0, set(h, &b, len, NT_FILE_LINK_INFORMATION));
	ASSERT_EQ(0, stat("/tmp/fi-link-a", &st1));
	ASSERT_EQ(0, stat("/tmp/fi-link-b", &st2));
	EXPECT_EQ(st1.st_ino, st2.st_ino);
	ASSERT_ST(0, query(h, &si, sizeof(si), NT_FILE_STANDARD_INFORMATION));
	EXPECT_EQ(2, si.number_of_links);
	/* onto another file: only when replacing */
	len = rename_len(&b, 0, "fi-link-c");
	EXPECT_ST(STATUS_OBJECT_NAME_COLLISION, set(h, &b, len, NT_FILE_LINK_INFORMATION));
	len = rename_len(&b, 1, "fi-link-c");
	ASSERT_ST(0, set(h, &b, len, NT_FILE_LINK_INFORMATION));
	ASSERT_EQ(0, stat("/tmp/fi-link-c", &st2));
	EXPECT_EQ(st1.st_ino, st2.st_ino);
	ASSERT_ST(0, NT(NtClose, h));
	/* a directory has no second name */
	ASSERT_ST(0, create(&h, "\\??\\Z:\\tmp", FILE_READ_ATTRIBUTES, FILE_OPEN,
			    FILE_DIRECTORY_FILE));
	len = rename_len(&b, 0, "\\??\\Z:\\tmp\\fi-link-d");
	EXPECT_ST(STATUS_FILE_IS_A_DIRECTORY, set(h, &b, len, NT_FILE_LINK_INFORMATION));
	ASSERT_ST(0, NT(NtClose, h));
	unlink("/tmp/fi-link-a");
	unlink("/tmp/fi-link-b");
	unlink("/tmp/fi-link-c");
}

TEST(delete_by_name)
{
	struct nt_object_attributes oa;

	make_file("/tmp/fi-del", "x", 0644);
	system("rm -rf /tmp/fi-deldir");
	ASSERT_EQ(0, mkdir("/tmp/fi-deldir", 0755));
	make_file("/tmp/fi-deldir/f", "x", 0644);
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, NT(NtDeleteFile, A(nt_oa(&oa, 0, "\\??\\Z:\\tmp\\fi-del", 0))));
	EXPECT_FALSE(exists("/tmp/fi-del"));
	EXPECT_ST(STATUS_OBJECT_NAME_NOT_FOUND,
		  NT(NtDeleteFile, A(nt_oa(&oa, 0, "\\??\\Z:\\tmp\\fi-del", 0))));
	EXPECT_ST(STATUS_DIRECTORY_NOT_EMPTY,
		  NT(NtDeleteFile, A(nt_oa(&oa, 0, "\\??\\Z:\\tmp\\fi-deldir", 0))));
	ASSERT_EQ(0, unlink("/tmp/fi-deldir/f"));
	ASSERT_ST(0, NT(NtDeleteFile, A(nt_oa(&oa, 0, "\\??\\Z:\\tmp\\fi-deldir", 0))));
	EXPECT_FALSE(exists("/tmp/fi-deldir"));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtDeleteFile, 0xdeadbee0));
}

/* Linux's permissions decide, with the caller's credentials. */
TEST(as_nobody)
{
	struct nt_object_attributes oa;
	struct nt_file_basic_information bi;
	uint64_t h;
	int64_t v;
	uint8_t del = 1;

	system("rm -rf /tmp/fi-root");
	ASSERT_EQ(0, mkdir("/tmp/fi-root", 0755));
	make_file("/tmp/fi-root/f", "x", 0666);
	make_file("/tmp/fi-root/ro", "x", 0644);
	if (getuid() != 0)
		SKIP(return, "needs root, to become nobody");
	ASSERT_EQ(0, setresuid(NOBODY, NOBODY, NOBODY));
	ASSERT_EQ(0, nt_become());
	/* the directory is root's: no deleting in it */
	ASSERT_ST(0, create(&h, "\\??\\Z:\\tmp\\fi-root\\f", DELETE | GENERIC_WRITE, FILE_OPEN, 0));
	EXPECT_ST(STATUS_ACCESS_DENIED, set(h, &del, 1, NT_FILE_DISPOSITION_INFORMATION));
	/* a file one may write may be cut, but its times are its owner's */
	v = 0;
	EXPECT_ST(0, set(h, &v, sizeof(v), NT_FILE_END_OF_FILE_INFORMATION));
	memset(&bi, 0, sizeof(bi));
	bi.last_write_time = 116444736000000000LL;
	EXPECT_ST(STATUS_ACCESS_DENIED, set(h, &bi, sizeof(bi), NT_FILE_BASIC_INFORMATION));
	ASSERT_ST(0, NT(NtClose, h));
	EXPECT_TRUE(exists("/tmp/fi-root/f"));
	EXPECT_ST(STATUS_ACCESS_DENIED, create(&h, "\\??\\Z:\\tmp\\fi-root\\f", DELETE, FILE_OPEN,
					       FILE_DELETE_ON_CLOSE));
	EXPECT_ST(STATUS_ACCESS_DENIED,
		  NT(NtDeleteFile, A(nt_oa(&oa, 0, "\\??\\Z:\\tmp\\fi-root\\f", 0))));
	EXPECT_TRUE(exists("/tmp/fi-root/f"));
	/* a file nobody may not write: no cutting it through a handle that may not either */
	ASSERT_ST(0, create(&h, "\\??\\Z:\\tmp\\fi-root\\ro", FILE_READ_DATA, FILE_OPEN, 0));
	EXPECT_ST(STATUS_ACCESS_DENIED, set(h, &v, sizeof(v), NT_FILE_END_OF_FILE_INFORMATION));
	ASSERT_ST(0, NT(NtClose, h));
}

TEST_HARNESS_MAIN
