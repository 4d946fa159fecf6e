// SPDX-License-Identifier: GPL-2.0
/*
 * NtQueryDirectoryFile and NtQueryDirectoryFileEx against Windows
 * semantics: every directory class and its layout, "." and ".." first
 * (none at a drive's root), masks with '*', '?' and the DOS wildcards
 * matched without regard to case, the scan going on from one query to
 * the next, ReturnSingleEntry and RestartScan, STATUS_NO_SUCH_FILE for a
 * mask that matches nothing and STATUS_NO_MORE_FILES at the end, a first
 * entry cut with STATUS_BUFFER_OVERFLOW, and the bad inputs.
 *
 * Each test runs in a child of its own that becomes an NT process; the
 * directory is /tmp/dl-<test>.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "ntassert.h"
#include "ntcall.h"

#define FILE_LIST_DIRECTORY	0x0001
#define FILE_READ_ATTRIBUTES	0x0080
#define SYNCHRONIZE		0x00100000
#define FILE_DIRECTORY_FILE	0x01
#define FILE_SYNC_NONALERT	0x20
#define FILE_SHARE_ALL		7

#define FileDirectoryInformation	1
#define FileFullDirectoryInformation	2
#define FileBothDirectoryInformation	3
#define FileBasicInformation		4
#define FileNamesInformation		12
#define FileIdBothDirectoryInformation	37
#define FileIdFullDirectoryInformation	38

#define ATTR_READONLY		0x01
#define ATTR_HIDDEN		0x02
#define ATTR_DIRECTORY		0x10
#define ATTR_ARCHIVE		0x20

#define SL_RESTART_SCAN		1
#define SL_RETURN_SINGLE_ENTRY	2
#define SL_INDEX_SPECIFIED	4

struct iosb {
	uint64_t status, info;
};

struct dir_info {			/* FILE_DIRECTORY_INFORMATION's head */
	uint32_t next, index;
	int64_t times[4], eof, alloc;
	uint32_t attributes, name_length;
};

static uint32_t u32_at(const void *buf, unsigned int off)
{
	uint32_t v;

	memcpy(&v, (const uint8_t *)buf + off, sizeof(v));
	return v;
}

static int64_t eof_of(const void *buf)
{
	int64_t v;

	memcpy(&v, (const uint8_t *)buf + 0x28, sizeof(v));
	return v;
}

static const char *files[] = { "a.txt", "b.TXT", "noext", ".hidden" };

/* /tmp/dl-NAME with the files above (a.txt holds 5 bytes) and a directory sub */
static void make_dir(const char *dir)
{
	char path[256];
	unsigned int i;
	int fd;

	snprintf(path, sizeof(path), "rm -rf %s", dir);
	if (system(path))
		return;
	mkdir(dir, 0755);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		fd = open(path, O_CREAT | O_WRONLY, 0644);
		if (fd >= 0) {
			if (!i && write(fd, "hello", 5) != 5)
				perror("write");
			close(fd);
		}
	}
	snprintf(path, sizeof(path), "%s/sub", dir);
	mkdir(path, 0755);
}

static uint32_t open_dir(uint64_t *h, const char *nt_name, uint32_t access)
{
	struct nt_object_attributes oa;
	struct iosb io;

	return NT(NtOpenFile, A(h), access | SYNCHRONIZE, A(nt_oa(&oa, 0, nt_name, 0)), A(&io),
		  FILE_SHARE_ALL, FILE_DIRECTORY_FILE | FILE_SYNC_NONALERT);
}

/* a UNICODE_STRING of @s (ASCII) in @buf */
static struct nt_unicode_string *ustr(struct nt_unicode_string *u, uint16_t *buf, const char *s)
{
	unsigned int i;

	for (i = 0; s[i]; i++)
		buf[i] = (unsigned char)s[i];
	u->length = u->maximum_length = i * 2;
	u->buffer = A(buf);
	return u;
}

static uint32_t query(uint64_t h, void *buf, uint32_t len, uint32_t class, int single,
		      const char *mask, int restart, struct iosb *io)
{
	struct nt_unicode_string u;
	uint16_t chars[64];

	memset(io, 0xcc, sizeof(*io));
	return NT(NtQueryDirectoryFile, h, 0, 0, 0, A(io), A(buf), len, class, single,
		  mask ? A(ustr(&u, chars, mask)) : 0, restart);
}

/* the names of the entries at @buf (@len bytes, class @class) as "a,b,c," in @out */
static int names(const void *buf, uint64_t len, uint32_t class, char *out, size_t outlen)
{
	unsigned int off = 0, name_off, len_off, i, n = 0;
	const uint8_t *p = buf;
	uint32_t next, nlen;

	name_off = class == FileNamesInformation ? 0x0c : class == FileDirectoryInformation ? 0x40 :
		   class == FileFullDirectoryInformation ? 0x44 :
		   class == FileBothDirectoryInformation ? 0x5e :
		   class == FileIdBothDirectoryInformation ? 0x68 : 0x50;
	len_off = class == FileNamesInformation ? 8 : 0x3c;
	out[0] = 0;
	for (;;) {
		if (off % 8 || off + name_off > len)
			return -1;
		memcpy(&next, p + off, 4);
		memcpy(&nlen, p + off + len_off, 4);
		for (i = 0; i < nlen / 2 && strlen(out) + 2 < outlen; i++) {
			size_t l = strlen(out);

			out[l] = p[off + name_off + 2 * i];
			out[l + 1] = 0;
		}
		strncat(out, ",", outlen - strlen(out) - 1);
		n++;
		if (!next)
			return n;
		off += next;
	}
}

/* the entry of @name among the BothDirectory entries at @buf */
static const struct dir_info *find(const void *buf, const char *name)
{
	const uint8_t *p = buf;
	unsigned int off = 0, i;
	const struct dir_info *d;

	for (;;) {
		d = (const void *)(p + off);
		if (d->name_length == 2 * strlen(name)) {
			for (i = 0; i < d->name_length / 2; i++)
				if (p[off + 0x5e + 2 * i] != (uint8_t)name[i])
					break;
			if (i == d->name_length / 2)
				return d;
		}
		if (!d->next)
			return NULL;
		off += d->next;
	}
}

TEST(lists_everything_with_attributes)
{
	static uint64_t buf[4096];
	const struct dir_info *d;
	struct iosb io;
	char list[512];
	uint64_t h;

	make_dir("/tmp/dl-all");
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, open_dir(&h, "\\??\\Z:\\tmp\\dl-all", FILE_LIST_DIRECTORY));
	ASSERT_ST(0, query(h, buf, sizeof(buf), FileBothDirectoryInformation, 0, NULL, 0, &io));
	EXPECT_EQ(0, io.status);
	ASSERT_EQ(7, names(buf, io.info, FileBothDirectoryInformation, list, sizeof(list)));
	/* "." and ".." first, as Windows lists them */
	EXPECT_EQ(0, strncmp(list, ".,..,", 5)) TH_LOG("%s", list);
	EXPECT_NE(NULL, strstr(list, ",a.txt,"));
	EXPECT_NE(NULL, strstr(list, ",b.TXT,"));
	EXPECT_NE(NULL, strstr(list, ",noext,"));
	EXPECT_NE(NULL, strstr(list, ",.hidden,"));
	EXPECT_NE(NULL, strstr(list, ",sub,"));
	d = find(buf, "a.txt");
	ASSERT_NE(NULL, d);
	EXPECT_EQ(5, d->eof);
	EXPECT_EQ(ATTR_ARCHIVE, d->attributes);
	EXPECT_EQ(0, d->index);
	EXPECT_LT(116444736000000000LL, d->times[2]);	/* written after 1970 */
	d = find(buf, "sub");
	ASSERT_NE(NULL, d);
	EXPECT_EQ(ATTR_DIRECTORY, d->attributes);
	EXPECT_EQ(0, d->eof);
	d = find(buf, ".hidden");
	ASSERT_NE(NULL, d);
	EXPECT_EQ(ATTR_ARCHIVE | ATTR_HIDDEN, d->attributes);
	d = find(buf, "..");
	ASSERT_NE(NULL, d);
	EXPECT_EQ(ATTR_DIRECTORY, d->attributes);
	/* the scan is over: the next query says so, a restart begins again */
	EXPECT_ST(STATUS_NO_MORE_FILES, query(h, buf, sizeof(buf), FileBothDirectoryInformation,
					      0, NULL, 0, &io));
	EXPECT_EQ(STATUS_NO_MORE_FILES, io.status);
	EXPECT_EQ(0, io.info);
	ASSERT_ST(0, query(h, buf, sizeof(buf), FileNamesInformation, 0, NULL, 1, &io));
	EXPECT_EQ(7, names(buf, io.info, FileNamesInformation, list, sizeof(list)));
	ASSERT_ST(0, NT(NtClose, h));
	/* a drive's root lists no "." or ".." */
	ASSERT_ST(0, open_dir(&h, "\\??\\Z:\\", FILE_LIST_DIRECTORY));
	ASSERT_ST(0, query(h, buf, sizeof(buf), FileNamesInformation, 0, NULL, 0, &io));
	ASSERT_LT(0, names(buf, io.info, FileNamesInformation, list, sizeof(list)));
	EXPECT_EQ(NULL, strstr(list, ".,")) TH_LOG("%s", list);
	EXPECT_NE(NULL, strstr(list, "tmp,"));
	ASSERT_ST(0, NT(NtClose, h));
}

TEST(masks)
{
	static const struct {
		const char *mask, *want;
	} cases[] = {
		{ "*.txt", "a.txt,b.TXT," },
		{ "*.TXT", "a.txt,b.TXT," },
		{ "?.txt", "a.txt,b.TXT," },
		{ "A.TXT", "a.txt," },
		{ "noext", "noext," },
		{ "n*t", "noext," },
		{ "*x*", "a.txt,b.TXT,noext," },
		{ "<.txt", "a.txt,b.TXT," },		/* DOS_STAR */
		{ "a.t>>", "a.txt," },			/* DOS_QM: one character each */
		{ "noext>>", "noext," },		/* DOS_QM: none at the end */
		{ "noext\"", "noext," },		/* DOS_DOT: none at the end */
		{ "a\"txt", "a.txt," },			/* DOS_DOT: the dot */
		{ "su?", "sub," },
		{ ".*", ".,..,.hidden," },
	};
	static uint64_t buf[2048];
	char list[256], sorted[256];
	unsigned int i, n;
	struct iosb io;
	uint64_t h;

	make_dir("/tmp/dl-masks");
	ASSERT_EQ(0, nt_become());
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ASSERT_ST(0, open_dir(&h, "\\??\\Z:\\tmp\\dl-masks", FILE_LIST_DIRECTORY));
		ASSERT_ST(0, query(h, buf, sizeof(buf), FileNamesInformation, 0, cases[i].mask, 1,
				   &io), "%s", cases[i].mask);
		n = names(buf, io.info, FileNamesInformation, list, sizeof(list));
		/* in the order of cases[].want: the file system's order is its own */
		sorted[0] = 0;
		if (strstr(list, ".,") == list)
			strcat(sorted, ".,");
		if (strstr(list, "..,"))
			strcat(sorted, "..,");
		if (strstr(list, ".hidden,"))
			strcat(sorted, ".hidden,");
		if (strstr(list, "a.txt,"))
			strcat(sorted, "a.txt,");
		if (strstr(list, "b.TXT,"))
			strcat(sorted, "b.TXT,");
		if (strstr(list, "noext,"))
			strcat(sorted, "noext,");
		if (strstr(list, "sub,"))
			strcat(sorted, "sub,");
		EXPECT_STREQ(cases[i].want, sorted) TH_LOG("mask %s: %s", cases[i].mask, list);
		EXPECT_EQ(strlen(sorted), strlen(list)) TH_LOG("mask %s: %s", cases[i].mask, list);
		(void)n;
		ASSERT_ST(0, NT(NtClose, h));
	}
	/* a mask that matches nothing: no such file, then no more files */
	ASSERT_ST(0, open_dir(&h, "\\??\\Z:\\tmp\\dl-masks", FILE_LIST_DIRECTORY));
	EXPECT_ST(STATUS_NO_SUCH_FILE, query(h, buf, sizeof(buf), FileNamesInformation, 0,
					     "*.none", 0, &io));
	EXPECT_EQ(0xccccccccccccccccULL, io.status);	/* an error: no IO_STATUS_BLOCK */
	EXPECT_ST(STATUS_NO_MORE_FILES, query(h, buf, sizeof(buf), FileNamesInformation, 0, NULL,
					      0, &io));
	/* the mask stays that of the first query, a restart with none keeps it */
	EXPECT_ST(STATUS_NO_SUCH_FILE, query(h, buf, sizeof(buf), FileNamesInformation, 0, NULL,
					     1, &io));
	ASSERT_ST(0, query(h, buf, sizeof(buf), FileNamesInformation, 0, "b*", 1, &io));
	EXPECT_EQ(1, names(buf, io.info, FileNamesInformation, list, sizeof(list)));
	EXPECT_STREQ("b.TXT,", list);
	ASSERT_ST(0, NT(NtClose, h));
}

TEST(single_entries_and_short_buffers)
{
	static uint64_t buf[512];
	char list[256], all[512] = "";
	struct iosb io;
	unsigned int i;
	uint64_t h;
	int fd;

	make_dir("/tmp/dl-single");
	fd = open("/tmp/dl-single/a-rather-long-file-name.txt", O_CREAT | O_WRONLY, 0644);
	ASSERT_LE(0, fd);
	close(fd);
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, open_dir(&h, "\\??\\Z:\\tmp\\dl-single", FILE_LIST_DIRECTORY));
	for (i = 0; i < 8; i++) {
		ASSERT_ST(0, query(h, buf, sizeof(buf), FileDirectoryInformation, 1, NULL, 0, &io));
		ASSERT_EQ(1, names(buf, io.info, FileDirectoryInformation, list, sizeof(list)));
		EXPECT_EQ(NULL, strstr(all, list)) TH_LOG("%s twice", list);
		strcat(all, list);
	}
	EXPECT_ST(STATUS_NO_MORE_FILES, query(h, buf, sizeof(buf), FileDirectoryInformation, 1,
					      NULL, 0, &io));
	/* shorter than the class's struct: refused */
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH, query(h, buf, 0x67, FileBothDirectoryInformation,
						     0, NULL, 1, &io));
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH, query(h, buf, 0x47, FileDirectoryInformation, 0,
						     NULL, 1, &io));
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH, query(h, buf, 0xf, FileNamesInformation, 0, NULL,
						     1, &io));
	/* room for the struct, not for the name: the entry cut, and gone */
	memset(buf, 0xee, sizeof(buf));
	EXPECT_ST(STATUS_BUFFER_OVERFLOW, query(h, buf, 0x68, FileBothDirectoryInformation, 0,
						"a-rather*", 1, &io));
	EXPECT_EQ(STATUS_BUFFER_OVERFLOW, io.status);
	EXPECT_EQ(0x68, io.info);
	EXPECT_EQ(2 * strlen("a-rather-long-file-name.txt"), u32_at(buf, 0x3c));
	EXPECT_EQ('a', ((uint8_t *)buf)[0x5e]);
	EXPECT_EQ(0xee, ((uint8_t *)buf)[0x68]);		/* nothing past the buffer */
	EXPECT_ST(STATUS_NO_MORE_FILES, query(h, buf, sizeof(buf), FileBothDirectoryInformation,
					      0, NULL, 0, &io));
	/* two entries' room for one and a half: the second waits for the next query */
	ASSERT_ST(0, query(h, buf, 0x48 + 0x48, FileDirectoryInformation, 0, "*.txt", 1, &io));
	EXPECT_EQ(1, names(buf, io.info, FileDirectoryInformation, list, sizeof(list)));
	ASSERT_ST(0, query(h, buf, 0x48 + 0x48, FileDirectoryInformation, 0, NULL, 0, &io));
	ASSERT_ST(0, query(h, buf, sizeof(buf), FileDirectoryInformation, 0, NULL, 0, &io));
	EXPECT_ST(STATUS_NO_MORE_FILES, query(h, buf, sizeof(buf), FileDirectoryInformation, 0,
					      NULL, 0, &io));
	ASSERT_ST(0, NT(NtClose, h));
}

TEST(classes_and_ids)
{
	static const uint32_t classes[] = {
		FileDirectoryInformation, FileFullDirectoryInformation,
		FileBothDirectoryInformation, FileNamesInformation,
		FileIdBothDirectoryInformation, FileIdFullDirectoryInformation,
	};
	static uint64_t buf[1024];
	char list[256];
	struct stat st;
	struct iosb io;
	unsigned int i;
	uint64_t h, id;

	make_dir("/tmp/dl-classes");
	ASSERT_EQ(0, stat("/tmp/dl-classes/a.txt", &st));
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, open_dir(&h, "\\??\\Z:\\tmp\\dl-classes", FILE_LIST_DIRECTORY));
	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		ASSERT_ST(0, query(h, buf, sizeof(buf), classes[i], 0, "a.txt", 1, &io));
		ASSERT_EQ(1, names(buf, io.info, classes[i], list, sizeof(list))) TH_LOG("%u", i);
		EXPECT_STREQ("a.txt,", list);
		if (classes[i] != FileNamesInformation)
			EXPECT_EQ(5, eof_of(buf));
	}
	ASSERT_ST(0, query(h, buf, sizeof(buf), FileIdBothDirectoryInformation, 0, "a.txt", 1,
			   &io));
	memcpy(&id, (uint8_t *)buf + 0x60, 8);
	EXPECT_EQ(st.st_ino, id);
	ASSERT_ST(0, query(h, buf, sizeof(buf), FileIdFullDirectoryInformation, 0, "a.txt", 1,
			   &io));
	memcpy(&id, (uint8_t *)buf + 0x48, 8);
	EXPECT_EQ(st.st_ino, id);
	/* a class that is not a directory class */
	EXPECT_ST(STATUS_INVALID_INFO_CLASS, query(h, buf, sizeof(buf), FileBasicInformation, 0,
						   NULL, 1, &io));
	EXPECT_ST(STATUS_INVALID_INFO_CLASS, query(h, buf, sizeof(buf), 0, 0, NULL, 1, &io));
	EXPECT_ST(STATUS_INVALID_INFO_CLASS, query(h, buf, sizeof(buf), 1000, 0, NULL, 1, &io));
	ASSERT_ST(0, NT(NtClose, h));
}

TEST(bad_input)
{
	static uint64_t buf[256];
	struct nt_object_attributes oa;
	struct nt_unicode_string u;
	struct iosb io;
	uint64_t h, file, ev;

	make_dir("/tmp/dl-bad");
	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, open_dir(&h, "\\??\\Z:\\tmp\\dl-bad", FILE_LIST_DIRECTORY));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, query(h, (void *)8, sizeof(buf),
						 FileNamesInformation, 0, NULL, 1, &io));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, query(h, (void *)-4096L, 4096, FileNamesInformation, 0,
						 NULL, 1, &io));
	EXPECT_ST(STATUS_ACCESS_VIOLATION,
		  NT(NtQueryDirectoryFile, h, 0, 0, 0, 8, A(buf), sizeof(buf),
		     FileNamesInformation, 0, 0, 1));
	u.length = u.maximum_length = 8;
	u.buffer = 8;
	EXPECT_ST(STATUS_ACCESS_VIOLATION,
		  NT(NtQueryDirectoryFile, h, 0, 0, 0, A(&io), A(buf), sizeof(buf),
		     FileNamesInformation, 0, A(&u), 1));
	EXPECT_ST(STATUS_ACCESS_VIOLATION,
		  NT(NtQueryDirectoryFile, h, 0, 0, 0, A(&io), A(buf), sizeof(buf),
		     FileNamesInformation, 0, 8, 1));
	EXPECT_ST(STATUS_INVALID_HANDLE, query(0x1234, buf, sizeof(buf), FileNamesInformation, 0,
					       NULL, 1, &io));
	/* an APC routine: synchronous only */
	EXPECT_ST(STATUS_NOT_SUPPORTED,
		  NT(NtQueryDirectoryFile, h, 0, 0x1000, 0, A(&io), A(buf), sizeof(buf),
		     FileNamesInformation, 0, 0, 1));
	/* NtQueryDirectoryFileEx: the flags; an index is not kept */
	ASSERT_ST(0, NT(NtQueryDirectoryFileEx, h, 0, 0, 0, A(&io), A(buf), sizeof(buf),
			FileNamesInformation, SL_RESTART_SCAN | SL_RETURN_SINGLE_ENTRY, 0));
	EXPECT_EQ(0, u32_at(buf, 0));	/* one entry: no next */
	EXPECT_ST(STATUS_NOT_SUPPORTED,
		  NT(NtQueryDirectoryFileEx, h, 0, 0, 0, A(&io), A(buf), sizeof(buf),
		     FileNamesInformation, SL_INDEX_SPECIFIED, 0));
	/* an event is signaled when the query is done */
	ASSERT_ST(0, NT(NtCreateEvent, A(&ev), 0x1f0003, 0, 0, 0));
	ASSERT_ST(0, NT(NtQueryDirectoryFile, h, ev, 0, 0, A(&io), A(buf), sizeof(buf),
			FileNamesInformation, 0, 0, 1));
	EXPECT_ST(0, NT(NtWaitForSingleObject, ev, 0, A(&(int64_t){ 0 })));
	EXPECT_ST(STATUS_OBJECT_TYPE_MISMATCH,
		  NT(NtQueryDirectoryFile, h, h, 0, 0, A(&io), A(buf), sizeof(buf),
		     FileNamesInformation, 0, 0, 1));
	ASSERT_ST(0, NT(NtClose, ev));
	ASSERT_ST(0, NT(NtClose, h));
	/* a handle without FILE_LIST_DIRECTORY, a file that is no directory */
	ASSERT_ST(0, open_dir(&h, "\\??\\Z:\\tmp\\dl-bad", FILE_READ_ATTRIBUTES));
	EXPECT_ST(STATUS_ACCESS_DENIED, query(h, buf, sizeof(buf), FileNamesInformation, 0, NULL,
					      1, &io));
	ASSERT_ST(0, NT(NtClose, h));
	ASSERT_ST(0, NT(NtOpenFile, A(&file), FILE_LIST_DIRECTORY | SYNCHRONIZE,
			A(nt_oa(&oa, 0, "\\??\\Z:\\tmp\\dl-bad\\a.txt", 0)), A(&io),
			FILE_SHARE_ALL, FILE_SYNC_NONALERT));
	EXPECT_ST(STATUS_INVALID_PARAMETER, query(file, buf, sizeof(buf), FileNamesInformation,
						  0, NULL, 1, &io));
	ASSERT_ST(0, NT(NtClose, file));
}

TEST_HARNESS_MAIN
