// SPDX-License-Identifier: GPL-2.0
/*
 * Section objects against Windows semantics (ZwCreateSection,
 * ZwMapViewOfSection and ZwUnmapViewOfSection as documented, the statuses
 * Windows' own memory manager returns): page-file and file-backed
 * sections, views on 64 KiB, shared pages between views and between
 * processes, copy-on-write views, protections bounded by the section's,
 * access masks, views as MEM_MAPPED regions, SEC_RESERVE, NtExtendSection,
 * and the bad inputs.
 *
 * Each test runs in a child of its own that becomes an NT process.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "ntassert.h"
#include "ntcall.h"

#define CURRENT			((uint64_t)-1)
#define MEM_COMMIT		0x1000
#define MEM_RESERVE		0x2000
#define MEM_RELEASE		0x8000
#define MEM_MAPPED		0x40000
#define MEM_IMAGE		0x1000000
#define MEM_TOP_DOWN		0x100000
#define PAGE_NOACCESS		0x01
#define PAGE_READONLY		0x02
#define PAGE_READWRITE		0x04
#define PAGE_WRITECOPY		0x08
#define PAGE_EXECUTE_READ	0x20
#define PAGE_GUARD		0x100
#define VIEW_SHARE		1
#define VIEW_UNMAP		2
#define GENERIC_READ		0x80000000u
#define GENERIC_WRITE		0x40000000u
#define GENERIC_EXECUTE		0x20000000u
#define PAGE_EXECUTE		0x10
#define HELLO_EXE		"\\??\\Z:\\usr\\lib\\ntpersona\\pe\\hello.exe"
#define EVENT_ALL_ACCESS	0x001f0003
#define FILE_SHARE_READ		1
#define FILE_SHARE_WRITE	2
#define FILE_OVERWRITE_IF	5
#define FILE_OPEN		1
#define FILE_SYNC_NONALERT	0x20
#define KiB			1024UL
#define KERNEL_ADDR		0xffffffff81000000ULL

struct mbi {
	uint64_t base, alloc_base;
	uint32_t alloc_protect;
	uint16_t partition_id, pad;
	uint64_t size;
	uint32_t state, protect, type, pad2;
};

struct sbi {
	uint64_t base;
	uint32_t attributes, pad;
	int64_t size;
};

struct iosb {
	uint64_t status, info;
};

static uint32_t create(uint64_t *h, uint32_t access, const char *name, int64_t size,
		       uint32_t prot, uint32_t attrs, uint64_t file)
{
	struct nt_object_attributes oa;

	return NT(NtCreateSection, A(h), access, name ? A(nt_oa(&oa, 0, name, 0)) : 0,
		  size >= 0 ? A(&size) : 0, prot, attrs, file);
}

static uint32_t map(uint64_t h, uint64_t *base, uint64_t offset, uint64_t *size, uint32_t prot)
{
	return NT(NtMapViewOfSection, h, CURRENT, A(base), 0, 0, A(&offset), A(size), VIEW_UNMAP,
		  0, prot);
}

static uint32_t unmap(uint64_t base)
{
	return NT(NtUnmapViewOfSection, CURRENT, base);
}

static uint32_t query(uint64_t addr, struct mbi *m)
{
	memset(m, 0xcc, sizeof(*m));
	return NT(NtQueryVirtualMemory, CURRENT, addr, 0, A(m), sizeof(*m), 0);
}

static uint32_t squery(uint64_t h, struct sbi *b)
{
	uint64_t len = 0;
	uint32_t st;

	memset(b, 0xcc, sizeof(*b));
	st = NT(NtQuerySection, h, 0, A(b), sizeof(*b), A(&len));
	return !st && len != sizeof(*b) ? 0xbad : st;
}

static uint32_t protect(uint64_t addr, uint64_t size, uint32_t prot, uint32_t *old)
{
	return NT(NtProtectVirtualMemory, CURRENT, A(&addr), A(&size), prot, A(old));
}

/* A file of @len bytes of 'f' under /tmp, opened by NtCreateFile with @access. */
static uint32_t nt_file(uint64_t *h, const char *name, uint32_t access, size_t len)
{
	char path[64], ntname[80], buf[256];
	struct nt_object_attributes oa;
	struct iosb io;
	int fd;

	snprintf(path, sizeof(path), "/tmp/%s", name);
	fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
	if (fd < 0)
		return 0xbad;
	memset(buf, 'f', sizeof(buf));
	while (len) {
		size_t n = len < sizeof(buf) ? len : sizeof(buf);

		if (write(fd, buf, n) != (ssize_t)n)
			return 0xbad;
		len -= n;
	}
	close(fd);
	snprintf(ntname, sizeof(ntname), "\\??\\Z:\\tmp\\%s", name);
	return NT(NtOpenFile, A(h), access, A(nt_oa(&oa, 0, ntname, 0)), A(&io),
		  FILE_SHARE_READ | FILE_SHARE_WRITE, FILE_SYNC_NONALERT);
}

TEST(pagefile_section_views_share_pages)
{
	uint64_t h, a = 0, b = 0, sa = 0, sb = 0;
	struct mbi m;
	struct sbi i;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, create(&h, SECTION_ALL_ACCESS, NULL, 100000, PAGE_READWRITE, SEC_COMMIT, 0));
	ASSERT_ST(0, squery(h, &i));
	EXPECT_EQ(0, i.base);
	EXPECT_EQ(SEC_COMMIT, i.attributes);
	EXPECT_EQ(102400, i.size);	/* whole pages */
	ASSERT_ST(0, map(h, &a, 0, &sa, PAGE_READWRITE));
	EXPECT_EQ(0, a % (64 * KiB));
	EXPECT_EQ(102400, sa);
	ASSERT_ST(0, map(h, &b, 64 * KiB, &sb, PAGE_READONLY));
	EXPECT_EQ(102400 - 64 * KiB, sb);
	strcpy((char *)(uintptr_t)(a + 64 * KiB), "shared");
	EXPECT_STREQ("shared", (char *)(uintptr_t)b);
	EXPECT_TRUE(nt_write_faults(b));
	/* views are MEM_MAPPED regions */
	ASSERT_ST(0, query(a + 5000, &m));
	EXPECT_EQ(a + 4096, m.base);
	EXPECT_EQ(a, m.alloc_base);
	EXPECT_EQ(PAGE_READWRITE, m.alloc_protect);
	EXPECT_EQ(102400 - 4096, m.size);
	EXPECT_EQ(MEM_COMMIT, m.state);
	EXPECT_EQ(PAGE_READWRITE, m.protect);
	EXPECT_EQ(MEM_MAPPED, m.type);
	ASSERT_ST(0, query(b, &m));
	EXPECT_EQ(PAGE_READONLY, m.protect);
	EXPECT_EQ(MEM_MAPPED, m.type);
	/* the pages outlive the handle */
	ASSERT_ST(0, NT(NtClose, h));
	EXPECT_STREQ("shared", (char *)(uintptr_t)b);
	/* any address inside a view unmaps it whole */
	ASSERT_ST(0, unmap(b + 12345));
	ASSERT_ST(0, query(b, &m));
	EXPECT_EQ(0x10000, m.state);	/* MEM_FREE */
	EXPECT_ST(STATUS_NOT_MAPPED_VIEW, unmap(b));
	ASSERT_ST(0, NT(NtUnmapViewOfSectionEx, CURRENT, a, 0));
}

TEST(protections_are_bounded_by_the_section)
{
	uint64_t h, a = 0, c = 0, sa = 0, sc = 0;
	uint32_t old;
	struct mbi m;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, create(&h, SECTION_ALL_ACCESS, NULL, 64 * KiB, PAGE_READONLY, 0, 0));
	EXPECT_ST(STATUS_SECTION_PROTECTION, map(h, &a, 0, &sa, PAGE_READWRITE));
	ASSERT_ST(0, map(h, &a, 0, &sa, PAGE_READONLY));
	EXPECT_TRUE(nt_write_faults(a));
	EXPECT_ST(STATUS_SECTION_PROTECTION, protect(a, 4096, PAGE_READWRITE, &old));
	/* a copy-on-write view writes its own copies */
	ASSERT_ST(0, map(h, &c, 0, &sc, PAGE_WRITECOPY));
	ASSERT_ST(0, query(c, &m));
	EXPECT_EQ(PAGE_WRITECOPY, m.protect);
	EXPECT_EQ(MEM_MAPPED, m.type);
	*(char *)(uintptr_t)c = 'x';
	EXPECT_EQ('x', *(char *)(uintptr_t)c);
	EXPECT_EQ(0, *(char *)(uintptr_t)a);
	/* a writable section's view can be narrowed, and widened back */
	ASSERT_ST(0, NT(NtClose, h));
	ASSERT_ST(0, unmap(a));
	ASSERT_ST(0, create(&h, SECTION_ALL_ACCESS, NULL, 64 * KiB, PAGE_READWRITE, 0, 0));
	a = sa = 0;
	ASSERT_ST(0, map(h, &a, 0, &sa, PAGE_READWRITE));
	*(char *)(uintptr_t)a = 'k';
	ASSERT_ST(0, protect(a, 4096, PAGE_READONLY, &old));
	EXPECT_EQ(PAGE_READWRITE, old);
	EXPECT_TRUE(nt_write_faults(a));
	ASSERT_ST(0, protect(a, 4096, PAGE_READWRITE, &old));
	EXPECT_EQ('k', *(char *)(uintptr_t)a);
	EXPECT_ST(STATUS_INVALID_PAGE_PROTECTION, protect(a, 4096, PAGE_READWRITE | PAGE_GUARD,
							  &old));
	/* a view is no allocation */
	sa = 0;
	EXPECT_ST(STATUS_UNABLE_TO_DELETE_SECTION,
		  NT(NtFreeVirtualMemory, CURRENT, A(&a), A(&sa), MEM_RELEASE));
	ASSERT_ST(0, unmap(a));
	ASSERT_ST(0, unmap(c));
	ASSERT_ST(0, NT(NtClose, h));
}

TEST(access_masks_are_checked)
{
	uint64_t h, r, a = 0, sa = 0, big = 1 << 20;
	struct sbi i;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, create(&h, SECTION_ALL_ACCESS, NULL, 64 * KiB, PAGE_READWRITE, 0, 0));
	ASSERT_ST(0, NT(NtDuplicateObject, CURRENT, h, CURRENT, A(&r), SECTION_MAP_READ, 0, 0));
	EXPECT_ST(STATUS_ACCESS_DENIED, map(r, &a, 0, &sa, PAGE_READWRITE));
	EXPECT_ST(STATUS_ACCESS_DENIED, squery(r, &i));
	EXPECT_ST(STATUS_ACCESS_DENIED, NT(NtExtendSection, r, A(&big)));
	ASSERT_ST(0, map(r, &a, 0, &sa, PAGE_READONLY));
	ASSERT_ST(0, unmap(a));
	/* page-file sections do not grow */
	EXPECT_ST(STATUS_SECTION_NOT_EXTENDED, NT(NtExtendSection, h, A(&big)));
	ASSERT_ST(0, NT(NtClose, r));
	ASSERT_ST(0, NT(NtClose, h));
}

TEST(sec_reserve_views_start_reserved)
{
	uint64_t h, a = 0, sa = 0, p, ps = 4096;
	struct mbi m;
	struct sbi i;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, create(&h, SECTION_ALL_ACCESS, NULL, 128 * KiB, PAGE_READWRITE, SEC_RESERVE,
			    0));
	ASSERT_ST(0, squery(h, &i));
	EXPECT_EQ(SEC_RESERVE, i.attributes);
	ASSERT_ST(0, map(h, &a, 0, &sa, PAGE_READWRITE));
	ASSERT_ST(0, query(a, &m));
	EXPECT_EQ(MEM_RESERVE, m.state);
	EXPECT_EQ(MEM_MAPPED, m.type);
	EXPECT_EQ(128 * KiB, m.size);
	p = a + 8192;
	ASSERT_ST(0, NT(NtAllocateVirtualMemory, CURRENT, A(&p), 0, A(&ps), MEM_COMMIT,
			PAGE_READWRITE));
	*(char *)(uintptr_t)p = 1;
	ASSERT_ST(0, query(p, &m));
	EXPECT_EQ(MEM_COMMIT, m.state);
	EXPECT_EQ(4096, m.size);
	EXPECT_EQ(a, m.alloc_base);
	ASSERT_ST(0, unmap(a));
	ASSERT_ST(0, NT(NtClose, h));
}

TEST(file_backed_sections_map_the_file)
{
	uint64_t f, fr, h, a = 0, sa = 0, big;
	struct stat st;
	char c = 0;
	struct sbi i;
	int fd;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, nt_file(&f, "ntsec-rw", GENERIC_READ | GENERIC_WRITE, 5000));
	ASSERT_ST(0, create(&h, SECTION_ALL_ACCESS, NULL, -1, PAGE_READWRITE, SEC_COMMIT, f));
	ASSERT_ST(0, squery(h, &i));
	EXPECT_EQ(SEC_COMMIT | SEC_FILE, i.attributes);
	EXPECT_EQ(5000, i.size);	/* the file's size */
	ASSERT_ST(0, map(h, &a, 0, &sa, PAGE_READWRITE));
	EXPECT_EQ(8192, sa);
	EXPECT_EQ('f', *(char *)(uintptr_t)(a + 4999));
	*(char *)(uintptr_t)(a + 100) = 'w';	/* reaches the file */
	fd = open("/tmp/ntsec-rw", O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(1, pread(fd, &c, 1, 100));
	EXPECT_EQ('w', c);
	/* NtExtendSection grows the file */
	big = 3 * 64 * KiB;
	ASSERT_ST(0, NT(NtExtendSection, h, A(&big)));
	EXPECT_EQ(3 * 64 * KiB, big);
	ASSERT_EQ(0, fstat(fd, &st));
	EXPECT_EQ(3 * 64 * KiB, st.st_size);
	big = 10;	/* smaller: nothing changes */
	ASSERT_ST(0, NT(NtExtendSection, h, A(&big)));
	EXPECT_EQ(3 * 64 * KiB, big);
	ASSERT_ST(0, unmap(a));
	ASSERT_ST(0, NT(NtClose, h));
	/* a larger section grows a file that may be written */
	ASSERT_ST(0, create(&h, SECTION_ALL_ACCESS, NULL, 4 * 64 * KiB, PAGE_READWRITE, 0, f));
	ASSERT_EQ(0, fstat(fd, &st));
	EXPECT_EQ(4 * 64 * KiB, st.st_size);
	ASSERT_ST(0, NT(NtClose, h));
	/* read-only: no write protection, no growing */
	ASSERT_ST(0, nt_file(&fr, "ntsec-ro", GENERIC_READ, 5000));
	EXPECT_ST(STATUS_ACCESS_DENIED, create(&h, SECTION_ALL_ACCESS, NULL, -1, PAGE_READWRITE,
					       0, fr));
	EXPECT_ST(STATUS_SECTION_TOO_BIG, create(&h, SECTION_ALL_ACCESS, NULL, 8192,
						 PAGE_READONLY, 0, fr));
	ASSERT_ST(0, create(&h, SECTION_ALL_ACCESS, NULL, -1, PAGE_READONLY, 0, fr));
	a = sa = 0;
	EXPECT_ST(STATUS_SECTION_PROTECTION, map(h, &a, 0, &sa, PAGE_READWRITE));
	ASSERT_ST(0, map(h, &a, 0, &sa, PAGE_WRITECOPY));
	*(char *)(uintptr_t)a = 'p';	/* private */
	ASSERT_ST(0, unmap(a));
	EXPECT_ST(STATUS_SECTION_NOT_EXTENDED, NT(NtExtendSection, h, A(&big)));
	ASSERT_ST(0, NT(NtClose, h));
	close(fd);
	fd = open("/tmp/ntsec-ro", O_RDONLY);
	ASSERT_EQ(1, pread(fd, &c, 1, 0));
	EXPECT_EQ('f', c);
	close(fd);
	ASSERT_ST(0, NT(NtClose, fr));
	ASSERT_ST(0, NT(NtClose, f));
	unlink("/tmp/ntsec-rw");
	unlink("/tmp/ntsec-ro");
}

/* SEC_IMAGE: a PE laid out as a MEM_IMAGE view; anything else is no image */
TEST(image_sections_map_the_pe)
{
	uint64_t f, h, a = 0, b = 0, sa = 0, sb = 0, big = 1 << 20;
	struct nt_object_attributes oa;
	struct iosb io;
	struct mbi m;
	struct sbi i;

	ASSERT_EQ(0, nt_become());
	if (NT(NtOpenFile, A(&f), GENERIC_READ | GENERIC_EXECUTE, A(nt_oa(&oa, 0, HELLO_EXE, 0)),
	       A(&io), FILE_SHARE_READ, FILE_SYNC_NONALERT))
		SKIP(return, "no hello.exe in this guest");
	ASSERT_ST(0, create(&h, SECTION_ALL_ACCESS, NULL, -1, PAGE_EXECUTE, SEC_IMAGE, f));
	ASSERT_ST(0, squery(h, &i));
	EXPECT_EQ(SEC_IMAGE | SEC_FILE, i.attributes);
	EXPECT_LT(0, i.size);
	EXPECT_ST(STATUS_NOT_IMPLEMENTED, NT(NtQuerySection, h, 1, A(&i), sizeof(i), 0));
	EXPECT_ST(STATUS_SECTION_NOT_EXTENDED, NT(NtExtendSection, h, A(&big)));
	ASSERT_ST(0, squery(h, &i));
	ASSERT_TRUE(NT_SUCCESS(map(h, &a, 0, &sa, PAGE_EXECUTE_READ)));
	EXPECT_EQ(0, memcmp((char *)(uintptr_t)a, "MZ", 2));
	EXPECT_EQ((uint64_t)((i.size + 4095) & ~4095), sa);
	ASSERT_ST(0, query(a, &m));
	EXPECT_EQ(MEM_IMAGE, m.type);
	EXPECT_EQ(a, m.alloc_base);
	/* a second view moves (it is relocatable) or conflicts */
	b = 0;
	sb = 0;
	if (NT_SUCCESS(map(h, &b, 0, &sb, PAGE_EXECUTE_READ))) {
		EXPECT_NE(a, b);
		ASSERT_ST(0, unmap(b));
	}
	/* NtFreeVirtualMemory cannot release it; NtUnmapViewOfSection does, from inside */
	sb = 0;
	EXPECT_ST(STATUS_UNABLE_TO_DELETE_SECTION,
		  NT(NtFreeVirtualMemory, CURRENT, A(&a), A(&sb), MEM_RELEASE));
	ASSERT_ST(0, unmap(a + 4096));
	ASSERT_ST(0, query(a, &m));
	EXPECT_EQ(0x10000, m.state);
	ASSERT_ST(0, NT(NtClose, h));
	ASSERT_ST(0, NT(NtClose, f));
	/* a file that is no PE */
	ASSERT_ST(0, nt_file(&f, "ntsec-notpe", GENERIC_READ | GENERIC_EXECUTE, 5000));
	EXPECT_ST(STATUS_INVALID_IMAGE_FORMAT, create(&h, SECTION_ALL_ACCESS, NULL, -1,
						      PAGE_EXECUTE, SEC_IMAGE, f));
	ASSERT_ST(0, NT(NtClose, f));
	unlink("/tmp/ntsec-notpe");
}

TEST(bad_inputs)
{
	uint64_t h, e, a, sa, f;
	int64_t size = 64 * KiB;
	struct nt_object_attributes oa;
	struct sbi i;

	ASSERT_EQ(0, nt_become());
	EXPECT_ST(STATUS_INVALID_PARAMETER_4, create(&h, SECTION_ALL_ACCESS, NULL, -1,
						     PAGE_READWRITE, 0, 0));
	EXPECT_ST(STATUS_INVALID_PARAMETER_4, create(&h, SECTION_ALL_ACCESS, NULL, 0,
						     PAGE_READWRITE, 0, 0));
	EXPECT_ST(STATUS_INVALID_PARAMETER_6, create(&h, SECTION_ALL_ACCESS, NULL, size,
						     PAGE_READWRITE, SEC_COMMIT | SEC_RESERVE, 0));
	EXPECT_ST(STATUS_INVALID_PARAMETER_6, create(&h, SECTION_ALL_ACCESS, NULL, size,
						     PAGE_READWRITE, SEC_COMMIT | SEC_NOCACHE, 0));
	EXPECT_ST(STATUS_INVALID_FILE_FOR_SECTION, create(&h, SECTION_ALL_ACCESS, NULL, size,
							  PAGE_READONLY, SEC_IMAGE, 0));
	EXPECT_ST(STATUS_INVALID_PAGE_PROTECTION, create(&h, SECTION_ALL_ACCESS, NULL, size,
							 PAGE_NOACCESS, 0, 0));
	EXPECT_ST(STATUS_INVALID_PAGE_PROTECTION, create(&h, SECTION_ALL_ACCESS, NULL, size,
							 PAGE_READWRITE | PAGE_GUARD, 0, 0));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtCreateSection, 8, SECTION_ALL_ACCESS, 0, A(&size),
					      PAGE_READWRITE, 0, 0));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtCreateSection, A(&h), SECTION_ALL_ACCESS, 0, 8,
					      PAGE_READWRITE, 0, 0));
	EXPECT_ST(STATUS_INVALID_HANDLE, create(&h, SECTION_ALL_ACCESS, NULL, size,
						PAGE_READWRITE, 0, 0x1234));
	ASSERT_ST(0, NT(NtCreateEvent, A(&e), EVENT_ALL_ACCESS, 0, 0, 0));
	EXPECT_ST(STATUS_OBJECT_TYPE_MISMATCH, create(&h, SECTION_ALL_ACCESS, NULL, size,
						      PAGE_READWRITE, 0, e));
	/* a directory is no file for a section */
	ASSERT_ST(0, NT(NtOpenFile, A(&f), GENERIC_READ, A(nt_oa(&oa, 0, "\\??\\Z:\\tmp", 0)),
			A(&i), FILE_SHARE_READ | FILE_SHARE_WRITE, 0));
	EXPECT_ST(STATUS_INVALID_FILE_FOR_SECTION, create(&h, SECTION_ALL_ACCESS, NULL, -1,
							  PAGE_READONLY, 0, f));
	ASSERT_ST(0, NT(NtClose, f));

	ASSERT_ST(0, create(&h, SECTION_ALL_ACCESS, NULL, 2 * size, PAGE_READWRITE, 0, 0));
	a = sa = 0;
	EXPECT_ST(STATUS_INVALID_HANDLE, map(0x1234, &a, 0, &sa, PAGE_READWRITE));
	EXPECT_ST(STATUS_OBJECT_TYPE_MISMATCH, map(e, &a, 0, &sa, PAGE_READWRITE));
	EXPECT_ST(STATUS_INVALID_PAGE_PROTECTION, map(h, &a, 0, &sa, 0x3));
	EXPECT_ST(STATUS_MAPPED_ALIGNMENT, map(h, &a, 4096, &sa, PAGE_READWRITE));
	a = 0x7f0000001000;
	EXPECT_ST(STATUS_MAPPED_ALIGNMENT, map(h, &a, 0, &sa, PAGE_READWRITE));
	a = KERNEL_ADDR & ~0xffffULL;
	EXPECT_ST(STATUS_INVALID_PARAMETER_3, map(h, &a, 0, &sa, PAGE_READWRITE));
	a = 0;
	EXPECT_ST(STATUS_INVALID_VIEW_SIZE, map(h, &a, 2 * size, &sa, PAGE_READWRITE));
	sa = 2 * size + 1;
	EXPECT_ST(STATUS_INVALID_VIEW_SIZE, map(h, &a, 0, &sa, PAGE_READWRITE));
	sa = size + 4096;
	EXPECT_ST(STATUS_INVALID_VIEW_SIZE, map(h, &a, size, &sa, PAGE_READWRITE));
	sa = 0;
	EXPECT_ST(STATUS_INVALID_PARAMETER_8, NT(NtMapViewOfSection, h, CURRENT, A(&a), 0, 0, 0,
						 A(&sa), 0, 0, PAGE_READWRITE));
	EXPECT_ST(STATUS_INVALID_PARAMETER_9, NT(NtMapViewOfSection, h, CURRENT, A(&a), 0, 0, 0,
						 A(&sa), VIEW_SHARE, MEM_COMMIT, PAGE_READWRITE));
	EXPECT_ST(STATUS_INVALID_PARAMETER_4, NT(NtMapViewOfSection, h, CURRENT, A(&a), 22, 0, 0,
						 A(&sa), VIEW_SHARE, 0, PAGE_READWRITE));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtMapViewOfSection, h, CURRENT, 8, 0, 0, 0, A(&sa),
					      VIEW_SHARE, 0, PAGE_READWRITE));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtMapViewOfSection, h, CURRENT, A(&a), 0, 0, 8,
					      A(&sa), VIEW_SHARE, 0, PAGE_READWRITE));
	/* a taken place; MEM_TOP_DOWN and ViewShare are accepted */
	ASSERT_ST(0, NT(NtMapViewOfSection, h, CURRENT, A(&a), 0, 0, 0, A(&sa), VIEW_SHARE,
			MEM_TOP_DOWN, PAGE_READWRITE));
	sa = 0;
	EXPECT_ST(STATUS_CONFLICTING_ADDRESSES, map(h, &a, 0, &sa, PAGE_READWRITE));
	EXPECT_ST(STATUS_NOT_MAPPED_VIEW, unmap(0));
	EXPECT_ST(STATUS_NOT_MAPPED_VIEW, unmap(KERNEL_ADDR));
	EXPECT_ST(STATUS_NOT_MAPPED_VIEW, unmap((uint64_t)(uintptr_t)&h));
	EXPECT_ST(STATUS_INVALID_PARAMETER, NT(NtUnmapViewOfSectionEx, CURRENT, a, 0x100));
	EXPECT_ST(STATUS_INVALID_HANDLE, NT(NtUnmapViewOfSection, 0x1234, a));
	ASSERT_ST(0, unmap(a));

	EXPECT_ST(STATUS_SECTION_NOT_IMAGE, NT(NtQuerySection, h, 1, A(&i), sizeof(i), 0));
	EXPECT_ST(STATUS_INVALID_INFO_CLASS, NT(NtQuerySection, h, 7, A(&i), sizeof(i), 0));
	EXPECT_ST(STATUS_INFO_LENGTH_MISMATCH, NT(NtQuerySection, h, 0, A(&i), sizeof(i) - 1, 0));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtQuerySection, h, 0, 8, sizeof(i), 0));
	EXPECT_ST(STATUS_INVALID_HANDLE, NT(NtQuerySection, 0x1234, 0, A(&i), sizeof(i), 0));
	EXPECT_ST(STATUS_OBJECT_TYPE_MISMATCH, NT(NtQuerySection, e, 0, A(&i), sizeof(i), 0));
	EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtExtendSection, h, 8));
	EXPECT_ST(STATUS_INVALID_HANDLE, NT(NtExtendSection, 0x1234, A(&size)));
	EXPECT_ST(STATUS_OBJECT_NAME_NOT_FOUND,
		  NT(NtOpenSection, A(&a), SECTION_ALL_ACCESS,
		     A(nt_oa(&oa, 0, "\\BaseNamedObjects\\ntsec-none", 0))));
	ASSERT_ST(0, NT(NtClose, h));
	ASSERT_ST(0, NT(NtClose, e));
}

/*
 * Two NT processes map one named section and see each other's writes;
 * killing one leaves the other's view whole, and everything is freed at
 * the end.
 */
TEST(two_processes_share_a_named_section)
{
	int ab[2], ba[2], ap[2], pb2[2], status;
	pid_t pa, pb;
	long before;
	char c;

	before = nt_live_objects();
	ASSERT_EQ(0, pipe(ab));
	ASSERT_EQ(0, pipe(ba));
	ASSERT_EQ(0, pipe(ap));
	ASSERT_EQ(0, pipe(pb2));
	pa = fork();
	if (!pa) {
		uint64_t h, v = 0, s = 0;

		if (nt_become() ||
		    create(&h, SECTION_ALL_ACCESS, "\\BaseNamedObjects\\ntsec-share", 64 * KiB,
			   PAGE_READWRITE, 0, 0) || map(h, &v, 0, &s, PAGE_READWRITE))
			_exit(1);
		*(char *)(uintptr_t)v = 'A';
		if (write(ab[1], "x", 1) != 1 || read(ba[0], &c, 1) != 1)
			_exit(2);
		if (((char *)(uintptr_t)v)[1] != 'B')
			_exit(3);
		if (write(ap[1], "y", 1) != 1)
			_exit(4);
		pause();	/* killed */
		_exit(5);
	}
	pb = fork();
	if (!pb) {
		struct nt_object_attributes oa;
		uint64_t h, v = 0, s = 0;

		if (read(ab[0], &c, 1) != 1 || nt_become() ||
		    NT(NtOpenSection, A(&h), SECTION_MAP_READ | SECTION_MAP_WRITE,
		       A(nt_oa(&oa, 0, "\\BaseNamedObjects\\ntsec-share", 0))) ||
		    map(h, &v, 0, &s, PAGE_READWRITE))
			_exit(1);
		if (*(char *)(uintptr_t)v != 'A')
			_exit(2);
		((char *)(uintptr_t)v)[1] = 'B';
		if (write(ba[1], "x", 1) != 1 || read(pb2[0], &c, 1) != 1)
			_exit(3);
		/* the creator is gone: the view still holds the pages */
		if (memcmp((char *)(uintptr_t)v, "AB", 2))
			_exit(4);
		((char *)(uintptr_t)v)[2] = 'C';
		_exit(unmap(v) || NT(NtClose, h) ? 5 : 0);
	}
	ASSERT_EQ(1, read(ap[0], &c, 1));	/* A saw B's write */
	EXPECT_EQ('y', c);
	kill(pa, SIGKILL);
	ASSERT_EQ(pa, waitpid(pa, &status, 0));
	EXPECT_TRUE(WIFSIGNALED(status));
	ASSERT_EQ(1, write(pb2[1], "x", 1));
	ASSERT_EQ(pb, waitpid(pb, &status, 0));
	EXPECT_EQ(0, status);
	EXPECT_EQ(before, nt_wait_live_objects(before));
}

TEST_HARNESS_MAIN
