// SPDX-License-Identifier: GPL-2.0
/*
 * The object services against Windows NT semantics (syscalls/object.c):
 * NtClose, NtDuplicateObject, NtQueryObject, NtMakeTemporaryObject; handles,
 * lifetimes and access.
 *
 * What is asserted is what Windows does, as Wine's ntdll om.c tests (which
 * encode results on real Windows), the Windows Research Kernel and the
 * ReactOS sources show it.  The one rule that is ntpersona's own, not
 * Windows', is said so where it is tested (object ownership by Linux uid).
 *
 * Every test runs in a child of its own that becomes an NT process; its
 * handles, and so its temporary objects, die with it.  Names carry the
 * prefix \\BaseNamedObjects\\ot-<test> so that tests never meet.  The tests
 * run as root in the guest; those that need root say so and are skipped
 * otherwise.
 */
#include "objtest.h"

/* ---- handles ---- */

TEST(handle_values_are_nonzero_multiples_of_4)
{
	uint64_t h[64];
	unsigned int i, j;

	ASSERT_EQ(0, nt_become());
	for (i = 0; i < 64; i++) {
		ASSERT_ST(0, NT(NtCreateDirectoryObject, A(&h[i]), DIR_ALL, 0));
		ASSERT_NE(0, h[i]);
		ASSERT_EQ(0, h[i] % 4);
		for (j = 0; j < i; j++)
			ASSERT_NE(h[j], h[i]);
	}
}

TEST(close_twice_and_pseudo_handles_are_invalid_handle)
{
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_(&h, OT("close")));
	ASSERT_ST(0, NT(NtClose, h));
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtClose, h));
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtClose, 0));
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtClose, NT_CURRENT_PROCESS));
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtClose, NT_CURRENT_THREAD));
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtClose, 0x12344));
	/* the pseudo-handles still work */
	ASSERT_TYPE(NT_CURRENT_PROCESS, "Process");
	ASSERT_TYPE(NT_CURRENT_THREAD, "Thread");
}

/* The two low bits of a handle are tags the kernel ignores. */
TEST(handle_tag_bits_are_ignored)
{
	uint64_t h, d;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_at(&h, 0, OT("tags"), 0, DIRECTORY_QUERY | DIRECTORY_TRAVERSE));
	ASSERT_EQ(0, h & 3);
	ASSERT_EQ(DIRECTORY_QUERY | DIRECTORY_TRAVERSE, granted(h | 1));
	ASSERT_EQ(DIRECTORY_QUERY | DIRECTORY_TRAVERSE, granted(h | 2));
	ASSERT_EQ(DIRECTORY_QUERY | DIRECTORY_TRAVERSE, granted(h | 3));
	ASSERT_NAME(h | 3, OT("tags"));
	ASSERT_ST(0, dup_handle(h | 1, &d, 0, 0, DUPLICATE_SAME_ACCESS));
	ASSERT_EQ(0, d & 3);
	ASSERT_EQ(2, handle_count(h | 2));
	ASSERT_ST(0, NT(NtClose, h | 2));
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtClose, h));
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtClose, h | 1));
	ASSERT_EQ(1, handle_count(d));
}

/* Windows 7 and later write NULL to *Handle on failure. */
TEST(failed_create_or_open_writes_zero_handle)
{
	struct nt_unicode_string bad = { .length = 4, .maximum_length = 0 };
	uint64_t d, h;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_(&d, OT("zero")));
	ASSERT_ST(STATUS_OBJECT_NAME_COLLISION, mkdir_(&h, OT("zero")));
	ASSERT_EQ(0, h);
	ASSERT_ST(STATUS_OBJECT_NAME_NOT_FOUND, opendir_(&h, OT("zero-missing")));
	ASSERT_EQ(0, h);
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, openlink_(&h, OT("zero")));
	ASSERT_EQ(0, h);
	h = 0xdeadbeef;
	ASSERT_ST(STATUS_INVALID_PARAMETER, NT(NtCreateSymbolicLinkObject, A(&h), LINK_ALL,
					       A(oa_new(0, OT("zero-link"), 0)), A(&bad)));
	ASSERT_EQ(0, h);
}

/* ---- lifetime ---- */

TEST(temporary_directory_goes_with_last_handle)
{
	uint64_t h, h2, h3, c;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_(&h, OT("temp")));
	ASSERT_ST(0, dup_handle(h, &h2, 0, 0, DUPLICATE_SAME_ACCESS));
	ASSERT_ST(0, NT(NtClose, h));
	/* the duplicate keeps the name */
	ASSERT_ST(0, opendir_(&h3, OT("temp")));
	ASSERT_ST(0, NT(NtClose, h3));
	ASSERT_ST(0, NT(NtClose, h2));
	ASSERT_ST(STATUS_OBJECT_NAME_NOT_FOUND, opendir_(&h3, OT("temp")));
	/* and a name can be made again */
	ASSERT_ST(0, mkdir_(&h, OT("temp")));

	/* a child's handle keeps its directory's object, not the directory's name */
	ASSERT_ST(0, mkdir_(&c, OT("temp") "\\child"));
	ASSERT_ST(0, NT(NtClose, h));
	ASSERT_ST(STATUS_OBJECT_NAME_NOT_FOUND, opendir_(&h3, OT("temp")));
	ASSERT_ST(STATUS_OBJECT_PATH_NOT_FOUND, opendir_(&h3, OT("temp") "\\child"));
	ASSERT_ST(0, opendir_at(&h3, c, "", 0, DIRECTORY_QUERY));
}

TEST(permanent_directory_survives_until_made_temporary)
{
	struct nt_object_basic_information bi;
	uint64_t h, q, del;

	ASSERT_EQ(0, nt_become());
	if (geteuid())
		SKIP(return, "OBJ_PERMANENT needs root (SeCreatePermanentPrivilege)");
	ASSERT_ST(0, mkdir_at(&h, 0, OT("perm"), OBJ_PERMANENT, DIR_ALL));
	ASSERT_ST(0, basic_info(h, &bi));
	ASSERT_EQ(OBJ_PERMANENT, bi.attributes);
	ASSERT_ST(0, NT(NtClose, h));

	/* no handle, still there */
	ASSERT_ST(0, opendir_(&q, OT("perm")));
	ASSERT_EQ(1, handle_count(q));
	ASSERT_ST(0, basic_info(q, &bi));
	ASSERT_EQ(OBJ_PERMANENT, bi.attributes);
	/* NtMakeTemporaryObject needs DELETE */
	ASSERT_ST(STATUS_ACCESS_DENIED, NT(NtMakeTemporaryObject, q));
	ASSERT_ST(0, basic_info(q, &bi));
	ASSERT_EQ(OBJ_PERMANENT, bi.attributes);
	ASSERT_ST(0, opendir_at(&del, 0, OT("perm"), 0, NT_DELETE));
	ASSERT_ST(0, NT(NtMakeTemporaryObject, del));
	ASSERT_ST(0, basic_info(q, &bi));
	ASSERT_EQ(0, bi.attributes);
	/* again: still a success, and still needs DELETE */
	ASSERT_ST(0, NT(NtMakeTemporaryObject, del));
	ASSERT_ST(STATUS_ACCESS_DENIED, NT(NtMakeTemporaryObject, q));

	/* now the name goes with the last handle */
	ASSERT_ST(0, NT(NtClose, del));
	ASSERT_ST(0, opendir_(&h, OT("perm")));
	ASSERT_ST(0, NT(NtClose, h));
	ASSERT_ST(0, NT(NtClose, q));
	ASSERT_ST(STATUS_OBJECT_NAME_NOT_FOUND, opendir_(&h, OT("perm")));
}

static uint32_t try_permanent(void *arg)
{
	uint64_t h = 0xdeadbeef;
	uint32_t st = mkdir_at(&h, 0, OT("perm-nobody"), OBJ_PERMANENT, DIR_ALL);

	return st == STATUS_PRIVILEGE_NOT_HELD && h ? 0xbadbad : st;
}

TEST(permanent_without_privilege_is_privilege_not_held)
{
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	if (geteuid())
		SKIP(return, "needs root to become another user");
	ASSERT_ST(STATUS_PRIVILEGE_NOT_HELD, as_user(NOBODY, try_permanent, NULL));
	ASSERT_ST(STATUS_OBJECT_NAME_NOT_FOUND, opendir_(&h, OT("perm-nobody")));
}

/* ---- access ---- */

TEST(zero_access_opens_are_denied_creates_are_not)
{
	uint64_t d, l, h;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_at(&d, 0, OT("zero-access"), 0, 0));
	ASSERT_EQ(0, granted(d));
	ASSERT_ST(STATUS_ACCESS_DENIED, opendir_at(&h, 0, OT("zero-access"), 0, 0));
	ASSERT_EQ(0, h);
	ASSERT_ST(STATUS_ACCESS_DENIED, mkdir_at(&h, 0, OT("zero-access"), OBJ_OPENIF, 0));
	ASSERT_EQ(0, h);
	ASSERT_ST(0, mklink_at(&l, 0, OT("zero-access-link"), BNO, 0, 0));
	ASSERT_EQ(0, granted(l));
	ASSERT_ST(STATUS_ACCESS_DENIED, openlink_at(&h, 0, OT("zero-access-link"), 0, 0));
	ASSERT_ST(STATUS_ACCESS_DENIED,
		  mklink_at(&h, 0, OT("zero-access-link"), BNO, OBJ_OPENIF, 0));
	/* a duplicate may have no access */
	ASSERT_ST(0, dup_handle(d, &h, 0, 0, 0));
	ASSERT_EQ(0, granted(h));
	ASSERT_EQ(2, handle_count(d));
}

TEST(query_directory_needs_directory_query)
{
	uint8_t buf[256];
	uint32_t ctx = 0, ret = 0xdeadbeef;
	uint64_t d, q;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_at(&d, 0, OT("qaccess"), 0, DIRECTORY_TRAVERSE | NT_DELETE));
	ASSERT_ST(STATUS_ACCESS_DENIED, qdir(d, buf, sizeof(buf), 0, 1, &ctx, &ret));
	ASSERT_EQ(0xdeadbeef, ret);
	ASSERT_ST(0, opendir_(&q, OT("qaccess")));
	ASSERT_ST(STATUS_NO_MORE_ENTRIES, qdir(q, buf, sizeof(buf), 0, 1, &ctx, &ret));
	ASSERT_EQ(ENTRY, ret);
}

TEST(query_symlink_needs_symbolic_link_query)
{
	struct nt_unicode_string us;
	uint16_t buf[64];
	uint32_t ret = 0xdeadbeef;
	uint64_t l, q;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mklink_at(&l, 0, OT("laccess"), BNO, 0, NT_DELETE | NT_READ_CONTROL));
	us.length = 0;
	us.maximum_length = sizeof(buf);
	us.buffer = A(buf);
	ASSERT_ST(STATUS_ACCESS_DENIED, NT(NtQuerySymbolicLinkObject, l, A(&us), A(&ret)));
	ASSERT_EQ(0xdeadbeef, ret);
	ASSERT_EQ(0, us.length);
	ASSERT_ST(0, openlink_(&q, OT("laccess")));
	ASSERT_ST(0, NT(NtQuerySymbolicLinkObject, q, A(&us), A(&ret)));
	ASSERT_TRUE(nt_wcs_eq(buf, us.length, BNO));
}

/* GENERIC_* map through the type's mapping; bits the type lacks are dropped. */
TEST(generic_access_is_mapped)
{
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_at(&h, 0, OT("generic"), 0, NT_GENERIC_READ));
	ASSERT_EQ(0x20003, granted(h));
	ASSERT_ST(0, opendir_at(&h, 0, OT("generic"), 0, NT_GENERIC_WRITE));
	ASSERT_EQ(0x2000c, granted(h));
	ASSERT_ST(0, opendir_at(&h, 0, OT("generic"), 0, NT_GENERIC_EXECUTE));
	ASSERT_EQ(0x20003, granted(h));
	ASSERT_ST(0, opendir_at(&h, 0, OT("generic"), 0, NT_GENERIC_ALL));
	ASSERT_EQ(0xf000f, granted(h));
	ASSERT_ST(0, opendir_at(&h, 0, OT("generic"), 0, NT_GENERIC_READ | NT_DELETE));
	ASSERT_EQ(0x30003, granted(h));
	ASSERT_ST(0, opendir_at(&h, 0, OT("generic"), 0, DIRECTORY_QUERY | 0x100));
	ASSERT_EQ(DIRECTORY_QUERY, granted(h));

	ASSERT_ST(0, mklink_at(&h, 0, OT("generic-link"), BNO, 0, NT_GENERIC_READ));
	ASSERT_EQ(0x20001, granted(h));
	ASSERT_ST(0, openlink_at(&h, 0, OT("generic-link"), 0, NT_GENERIC_WRITE));
	ASSERT_EQ(0x20000, granted(h));
	ASSERT_ST(0, openlink_at(&h, 0, OT("generic-link"), 0, NT_GENERIC_EXECUTE));
	ASSERT_EQ(0x20001, granted(h));
	ASSERT_ST(0, openlink_at(&h, 0, OT("generic-link"), 0, NT_GENERIC_ALL));
	ASSERT_EQ(0xf0001, granted(h));
}

/*
 * ntpersona's rule, not Windows': with no security descriptors yet, an
 * object made by an NT process belongs to the Linux user that made it
 * (fsuid).  Another user may neither open it nor look inside it (as with a
 * Windows object whose default DACL grants only its creator); root may.
 * The built-in directories are everybody's.
 */
static uint32_t nobody_opens_roots(void *arg)
{
	uint64_t h;
	uint32_t st;

	st = opendir_(&h, OT("owner-root"));
	if (st != STATUS_ACCESS_DENIED || h)
		return st ? st : 0xbad1;
	st = openlink_(&h, OT("owner-root-link"));
	if (st != STATUS_ACCESS_DENIED)
		return st ? st : 0xbad2;
	/* nor create inside it */
	st = mkdir_(&h, OT("owner-root") "\\mine");
	if (st != STATUS_ACCESS_DENIED)
		return st ? st : 0xbad3;
	/* but \BaseNamedObjects is everybody's */
	st = mkdir_(&h, OT("owner-nobody-own"));
	return st;
}

TEST(objects_belong_to_their_creators_uid)
{
	uint64_t d, l, h;
	char byte = 0;
	int go[2], ready[2], wst;
	pid_t pid;

	ASSERT_EQ(0, nt_become());
	if (geteuid())
		SKIP(return, "needs root to become another user");
	ASSERT_ST(0, mkdir_(&d, OT("owner-root")));
	ASSERT_ST(0, mklink_(&l, OT("owner-root-link"), BNO));
	ASSERT_ST(0, as_user(NOBODY, nobody_opens_roots, NULL));

	/* the reverse: root opens what nobody made, while it lives */
	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(ready));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		uint32_t st;

		if (setresgid(NOBODY, NOBODY, NOBODY) || setresuid(NOBODY, NOBODY, NOBODY))
			_exit(2);
		st = mkdir_(&h, OT("owner-nobody"));
		if (write(ready[1], &st, sizeof(st)) != sizeof(st))
			_exit(3);
		if (read(go[0], &byte, 1) != 1)
			_exit(4);
		_exit(0);
	}
	{
		uint32_t st = 0xffffffff;

		ASSERT_EQ(sizeof(st), read(ready[0], &st, sizeof(st)));
		ASSERT_ST(0, st);
	}
	EXPECT_ST(0, opendir_(&h, OT("owner-nobody")));
	EXPECT_ST(0, mkdir_(&h, OT("owner-nobody") "\\roots"));
	ASSERT_EQ(1, write(go[1], &byte, 1));
	ASSERT_EQ(pid, waitpid(pid, &wst, 0));
	ASSERT_TRUE(WIFEXITED(wst) && !WEXITSTATUS(wst));
}

/* ---- NtQueryObject ---- */

TEST(query_object_basic_information)
{
	struct nt_object_basic_information bi;
	uint32_t len;
	uint64_t h, d;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_(&h, OT("basic")));
	memset(&bi, 0xcc, sizeof(bi));
	len = 0;
	ASSERT_ST(0, NT(NtQueryObject, h, OBJECT_BASIC_INFORMATION, A(&bi), sizeof(bi), A(&len)));
	ASSERT_EQ(0x38, len);
	ASSERT_EQ(0x38, sizeof(bi));
	ASSERT_EQ(0, bi.attributes);
	ASSERT_EQ(DIR_ALL, bi.granted_access);
	ASSERT_EQ(1, bi.handle_count);
	ASSERT_ST(0, dup_handle(h, &d, DIRECTORY_QUERY, OBJ_INHERIT, 0));
	ASSERT_EQ(2, handle_count(h));
	ASSERT_ST(0, basic_info(d, &bi));
	ASSERT_EQ(2, bi.handle_count);
	ASSERT_EQ(DIRECTORY_QUERY, bi.granted_access);
	ASSERT_EQ(OBJ_INHERIT, bi.attributes);
	ASSERT_ST(0, NT(NtClose, d));
	ASSERT_EQ(1, handle_count(h));
	/* exactly 0x38 bytes */
	ASSERT_ST(STATUS_INFO_LENGTH_MISMATCH,
		  NT(NtQueryObject, h, OBJECT_BASIC_INFORMATION, A(&bi), 0x37, A(&len)));
	ASSERT_ST(STATUS_INFO_LENGTH_MISMATCH,
		  NT(NtQueryObject, h, OBJECT_BASIC_INFORMATION, A(&bi), 0x39, A(&len)));
	ASSERT_ST(STATUS_INFO_LENGTH_MISMATCH,
		  NT(NtQueryObject, h, OBJECT_BASIC_INFORMATION, 0, 0, 0));
	ASSERT_ST(0, NT(NtQueryObject, h, OBJECT_BASIC_INFORMATION, A(&bi), sizeof(bi), 0));
}

TEST(query_object_name_information)
{
	static const char name[] = OT("qname");
	const uint32_t nlen = (sizeof(name) - 1) * 2, need = 16 + nlen + 2;
	uint64_t buf[128];
	struct nt_unicode_string *us = (void *)buf;
	uint32_t len;
	uint64_t h, u, l;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_(&h, name));
	memset(buf, 0xcc, sizeof(buf));
	len = 0;
	ASSERT_ST(0, NT(NtQueryObject, h, OBJECT_NAME_INFORMATION, A(buf), sizeof(buf), A(&len)));
	ASSERT_EQ(need, len);
	ASSERT_EQ(nlen, us->length);
	ASSERT_EQ(nlen + 2, us->maximum_length);
	ASSERT_EQ(A(buf) + 16, us->buffer);
	ASSERT_TRUE(nt_wcs_eq((uint16_t *)&buf[2], nlen, name));
	ASSERT_EQ(0, ((uint16_t *)&buf[2])[nlen / 2]);
	/* exactly enough */
	memset(buf, 0xcc, sizeof(buf));
	ASSERT_ST(0, NT(NtQueryObject, h, OBJECT_NAME_INFORMATION, A(buf), need, A(&len)));
	ASSERT_EQ(need, len);
	/* too small: the size needed */
	len = 0;
	ASSERT_ST(STATUS_INFO_LENGTH_MISMATCH,
		  NT(NtQueryObject, h, OBJECT_NAME_INFORMATION, 0, 0, A(&len)));
	ASSERT_EQ(need, len);
	len = 0;
	ASSERT_ST(STATUS_INFO_LENGTH_MISMATCH,
		  NT(NtQueryObject, h, OBJECT_NAME_INFORMATION, A(buf), 16, A(&len)));
	ASSERT_EQ(need, len);
	len = 0;
	ASSERT_ST(STATUS_INFO_LENGTH_MISMATCH,
		  NT(NtQueryObject, h, OBJECT_NAME_INFORMATION, A(buf), need - 2, A(&len)));
	ASSERT_EQ(need, len);
	ASSERT_ST(STATUS_INFO_LENGTH_MISMATCH,
		  NT(NtQueryObject, h, OBJECT_NAME_INFORMATION, A(buf), need - 1, A(&len)));

	/* no name: just the header, empty */
	ASSERT_ST(0, NT(NtCreateDirectoryObject, A(&u), DIR_ALL, 0));
	memset(buf, 0xcc, sizeof(buf));
	len = 0;
	ASSERT_ST(0, NT(NtQueryObject, u, OBJECT_NAME_INFORMATION, A(buf), sizeof(buf), A(&len)));
	ASSERT_EQ(16, len);
	ASSERT_EQ(0, us->length);
	ASSERT_EQ(0, us->maximum_length);
	ASSERT_EQ(0, us->buffer);
	len = 0;
	ASSERT_ST(STATUS_INFO_LENGTH_MISMATCH,
		  NT(NtQueryObject, u, OBJECT_NAME_INFORMATION, A(buf), 8, A(&len)));
	ASSERT_EQ(16, len);
	/* nor has a process */
	ASSERT_ST(0, NT(NtQueryObject, NT_CURRENT_PROCESS, OBJECT_NAME_INFORMATION, A(buf),
			sizeof(buf), A(&len)));
	ASSERT_EQ(16, len);
	ASSERT_EQ(0, us->length);

	ASSERT_ST(0, mklink_(&l, OT("qname-link"), BNO));
	ASSERT_NAME(l, OT("qname-link"));
}

static void check_type(struct __test_metadata *_metadata, uint64_t h, const char *name,
		       const struct nt_generic_mapping *map, uint32_t valid)
{
	const uint32_t chars = strlen(name) * 2;
	const uint32_t need = sizeof(struct nt_object_type_information) + ((chars + 2 + 3) & ~3);
	uint64_t buf[64];
	struct nt_object_type_information *ti = (void *)buf;
	uint32_t len;

	memset(buf, 0xcc, sizeof(buf));
	len = 0;
	ASSERT_ST(0, NT(NtQueryObject, h, OBJECT_TYPE_INFORMATION, A(buf), sizeof(buf), A(&len)));
	ASSERT_EQ(need, len);
	ASSERT_EQ(chars, ti->type_name.length);
	ASSERT_EQ(chars + 2, ti->type_name.maximum_length);
	ASSERT_EQ(A(buf) + 0x68, ti->type_name.buffer);
	ASSERT_TRUE(nt_wcs_eq((uint16_t *)(ti + 1), chars, name));
	ASSERT_EQ(0, ((uint16_t *)(ti + 1))[chars / 2]);
	ASSERT_EQ(map->generic_read, ti->generic_mapping.generic_read);
	ASSERT_EQ(map->generic_write, ti->generic_mapping.generic_write);
	ASSERT_EQ(map->generic_execute, ti->generic_mapping.generic_execute);
	ASSERT_EQ(map->generic_all, ti->generic_mapping.generic_all);
	ASSERT_EQ(valid, ti->valid_access_mask);
	/* too small: the size needed */
	len = 0;
	ASSERT_ST(STATUS_INFO_LENGTH_MISMATCH,
		  NT(NtQueryObject, h, OBJECT_TYPE_INFORMATION, 0, 0, A(&len)));
	ASSERT_EQ(need, len);
	len = 0;
	ASSERT_ST(STATUS_INFO_LENGTH_MISMATCH,
		  NT(NtQueryObject, h, OBJECT_TYPE_INFORMATION, A(buf), 0x68, A(&len)));
	ASSERT_EQ(need, len);
}

TEST(query_object_type_information)
{
	static const struct nt_generic_mapping dir_map = {
		0x20003, 0x2000c, 0x20003, 0xf000f,
	}, link_map = {
		0x20001, 0x20000, 0x20001, 0xf0001,
	};
	uint64_t d, l;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_(&d, OT("qtype")));
	check_type(_metadata, d, "Directory", &dir_map, 0xf000f);
	ASSERT_ST(0, mklink_at(&l, 0, OT("qtype-link"), BNO, 0, 0));
	check_type(_metadata, l, "SymbolicLink", &link_map, 0xf0001);
}

TEST(query_object_bad_arguments)
{
	struct nt_object_basic_information bi;
	uint32_t len = 0xdeadbeef;
	uint64_t buf[64], h;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_(&h, OT("qobad")));
	ASSERT_ST(STATUS_INVALID_INFO_CLASS,
		  NT(NtQueryObject, h, 99, A(buf), sizeof(buf), A(&len)));
	ASSERT_ST(STATUS_INVALID_INFO_CLASS,
		  NT(NtQueryObject, h, 0x80000000, A(buf), sizeof(buf), A(&len)));
	/* the handle first, whatever the class or length */
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtQueryObject, 0, 99, A(buf), sizeof(buf), A(&len)));
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtQueryObject, 0x12344, OBJECT_BASIC_INFORMATION,
					    A(&bi), 3, A(&len)));
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtQueryObject, h + 4, OBJECT_NAME_INFORMATION, A(buf),
					    sizeof(buf), A(&len)));
	/* bad buffers */
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtQueryObject, h, OBJECT_BASIC_INFORMATION, BAD_ADDR,
					      sizeof(bi), A(&len)));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtQueryObject, h, OBJECT_BASIC_INFORMATION,
					      KERNEL_ADDR, sizeof(bi), A(&len)));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtQueryObject, h, OBJECT_NAME_INFORMATION, BAD_ADDR,
					      4096, A(&len)));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtQueryObject, h, OBJECT_TYPE_INFORMATION,
					      KERNEL_ADDR, 4096, A(&len)));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtQueryObject, h, OBJECT_BASIC_INFORMATION, A(&bi),
					      sizeof(bi), KERNEL_ADDR));
}

/* ---- NtDuplicateObject ---- */

TEST(duplicate_access)
{
	uint64_t h, d;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_at(&h, 0, OT("dup"), 0, DIRECTORY_QUERY | DIRECTORY_TRAVERSE));
	ASSERT_ST(0, dup_handle(h, &d, NT_GENERIC_ALL, 0, DUPLICATE_SAME_ACCESS));
	ASSERT_NE(h, d);
	ASSERT_EQ(DIRECTORY_QUERY | DIRECTORY_TRAVERSE, granted(d));
	ASSERT_NAME(d, OT("dup"));
	ASSERT_ST(0, dup_handle(h, &d, NT_GENERIC_READ, 0, 0));
	ASSERT_EQ(0x20003, granted(d));
	ASSERT_ST(0, dup_handle(h, &d, DIRECTORY_QUERY, 0, 0));
	ASSERT_EQ(DIRECTORY_QUERY, granted(d));
	ASSERT_ST(0, dup_handle(h, &d, NT_GENERIC_EXECUTE | 0x100, 0, 0));
	ASSERT_EQ(0x20003, granted(d));
	ASSERT_EQ(5, handle_count(h));
	/* everything, including ACCESS_SYSTEM_SECURITY: denied, no handle */
	ASSERT_ST(STATUS_ACCESS_DENIED, dup_handle(h, &d, ~0u, 0, 0));
	ASSERT_EQ(0, d);
	ASSERT_EQ(5, handle_count(h));
}

TEST(duplicate_close_source)
{
	uint64_t h, d, d2;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_(&h, OT("dupclose")));
	ASSERT_ST(0, dup_handle(h, &d, 0, 0, DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE));
	ASSERT_NE(0, d);
	ASSERT_EQ(DIR_ALL, granted(d));
	ASSERT_EQ(1, handle_count(d));
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtClose, h));
	ASSERT_NAME(d, OT("dupclose"));
	/* with no target process, the source is just closed */
	ASSERT_ST(0, dup_handle(d, &d2, 0, 0, DUPLICATE_SAME_ACCESS));
	ASSERT_ST(0, NT(NtDuplicateObject, NT_CURRENT_PROCESS, d2, 0, 0, 0, 0,
			DUPLICATE_CLOSE_SOURCE));
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtClose, d2));
	ASSERT_EQ(1, handle_count(d));
	/* without DUPLICATE_CLOSE_SOURCE a target process is needed */
	ASSERT_ST(STATUS_INVALID_PARAMETER, NT(NtDuplicateObject, NT_CURRENT_PROCESS, d, 0, 0, 0,
					       0, DUPLICATE_SAME_ACCESS));
	ASSERT_EQ(1, handle_count(d));
}

TEST(duplicate_bad_arguments)
{
	uint64_t h, d;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_(&h, OT("dupbad")));
	ASSERT_ST(STATUS_INVALID_HANDLE, dup_handle(0xdead, &d, 0, 0, DUPLICATE_SAME_ACCESS));
	ASSERT_EQ(0, d);
	ASSERT_ST(STATUS_INVALID_HANDLE, dup_handle(0, &d, 0, 0, DUPLICATE_SAME_ACCESS));
	ASSERT_EQ(0, d);
	/* no TargetHandle: made but not returned */
	ASSERT_ST(0, dup_handle(h, NULL, 0, 0, DUPLICATE_SAME_ACCESS));
	ASSERT_EQ(2, handle_count(h));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtDuplicateObject, NT_CURRENT_PROCESS, h,
					      NT_CURRENT_PROCESS, BAD_ADDR, 0, 0,
					      DUPLICATE_SAME_ACCESS));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtDuplicateObject, NT_CURRENT_PROCESS, h,
					      NT_CURRENT_PROCESS, KERNEL_ADDR, 0, 0,
					      DUPLICATE_SAME_ACCESS));
	ASSERT_EQ(2, handle_count(h));
	/* process handles that are not */
	d = 0xdeadbeef;
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtDuplicateObject, 0x12344, h, NT_CURRENT_PROCESS,
					    A(&d), 0, 0, DUPLICATE_SAME_ACCESS));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, NT(NtDuplicateObject, h, h, NT_CURRENT_PROCESS,
						  A(&d), 0, 0, DUPLICATE_SAME_ACCESS));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, NT(NtDuplicateObject, NT_CURRENT_PROCESS, h, h,
						  A(&d), 0, 0, DUPLICATE_SAME_ACCESS));
	ASSERT_EQ(2, handle_count(h));
}

/* Duplicating a pseudo-handle gives a real handle to the process or thread. */
TEST(duplicate_pseudo_handles)
{
	uint64_t p, t, p2;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, dup_handle(NT_CURRENT_PROCESS, &p, 0, 0, DUPLICATE_SAME_ACCESS));
	ASSERT_NE(0, p);
	ASSERT_EQ(0, p & 3);
	ASSERT_TYPE(p, "Process");
	ASSERT_EQ(0x1fffff, granted(p));
	ASSERT_ST(0, dup_handle(NT_CURRENT_THREAD, &t, 0, 0, DUPLICATE_SAME_ACCESS));
	ASSERT_TYPE(t, "Thread");
	/* the duplicate serves as a process handle itself */
	ASSERT_ST(0, NT(NtDuplicateObject, p, p, p, A(&p2), 0, 0, DUPLICATE_SAME_ACCESS));
	ASSERT_TYPE(p2, "Process");
	ASSERT_ST(0, NT(NtClose, p2));
	ASSERT_ST(0, NT(NtClose, t));
	ASSERT_ST(0, NT(NtClose, p));
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtClose, p));
}

/* ---- many handles ---- */

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

#define MILLION	1000000

/* a fixture only for the timeouts: the debug kernel is ten times slower */
FIXTURE(slow) {
	int unused;
};

FIXTURE_SETUP(slow)
{
}

FIXTURE_TEARDOWN(slow)
{
}

TEST_F_TIMEOUT(slow, a_million_handles, 900)
{
	uint32_t i, bad = 0, n = nt_scaled(MILLION);
	uint64_t *h, *s, src;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_at(&src, 0, OT("million"), 0, DIRECTORY_QUERY));
	h = malloc(n * sizeof(*h));
	s = malloc(n * sizeof(*s));
	ASSERT_NE(NULL, h);
	ASSERT_NE(NULL, s);
	for (i = 0; i < n; i++) {
		uint32_t st = NT(NtDuplicateObject, NT_CURRENT_PROCESS, src, NT_CURRENT_PROCESS,
				 A(&h[i]), 0, 0, DUPLICATE_SAME_ACCESS);

		ASSERT_ST(0, st, " (duplicate %u)", i);
		if (!h[i] || (h[i] & 3))
			bad++;
	}
	ASSERT_EQ(0, bad);
	memcpy(s, h, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_u64);
	for (i = 1; i < n; i++)
		if (s[i] == s[i - 1] || s[i] == src)
			bad++;
	ASSERT_EQ(0, bad);
	/* the last one works like the first */
	ASSERT_EQ(n + 1, handle_count(h[n - 1]));
	ASSERT_NAME(h[n - 1], OT("million"));
	ASSERT_EQ(DIRECTORY_QUERY, granted(h[n - 1]));
	for (i = 0; i < n; i++)
		if (NT(NtClose, h[i]))
			bad++;
	ASSERT_EQ(0, bad);
	ASSERT_EQ(1, handle_count(src));
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtClose, h[n - 1]));
	free(s);
	free(h);
}

/* ---- nothing leaks from a killed process ---- */

/* The live object count once it has stopped moving (teardowns run async). */
static long settled_live_objects(void)
{
	long prev = nt_live_objects(), n;
	int i, same = 0;

	for (i = 0; i < 500 && same < 10; i++) {
		usleep(10000);
		n = nt_live_objects();
		same = n == prev ? same + 1 : 0;
		prev = n;
	}
	return prev;
}

static void leak_child(int fd)
{
	char name[64];
	uint64_t h, d;
	int i;

	for (i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), OT("leak-%d"), i);
		if (mkdir_(&d, name))
			_exit(10);
		snprintf(name, sizeof(name), OT("leak-%d") "\\link", i);
		if (mklink_(&h, name, BNO))
			_exit(11);
		if (NT(NtCreateDirectoryObject, A(&h), DIR_ALL, 0))
			_exit(12);
		if (mkdir_at(&h, h, "unnamed-child", 0, DIR_ALL))
			_exit(13);
		if (mklink_at(&h, 0, NULL, BNO, 0, LINK_ALL))
			_exit(14);
	}
	for (i = 0; i < 1000; i++)
		if (dup_handle(d, &h, 0, 0, DUPLICATE_SAME_ACCESS))
			_exit(15);
	if (dup_handle(NT_CURRENT_THREAD, &h, 0, 0, DUPLICATE_SAME_ACCESS))
		_exit(16);
	if (write(fd, "", 1) != 1)
		_exit(17);
	for (;;)
		pause();
}

/*
 * The test process becomes NT first (as every test does), so the baseline
 * counts its own process object; the child is an NT process by
 * inheritance and owns everything it makes.
 */
TEST_F_TIMEOUT(slow, nothing_leaks_when_a_process_is_killed, 900)
{
	long before, during;
	int p[2], wst;
	char byte;
	pid_t pid;

	ASSERT_LE(0, nt_live_objects()) TH_LOG("no /sys/kernel/debug/ntpersona/live_objects");
	ASSERT_EQ(0, nt_become());
	before = settled_live_objects();
	ASSERT_EQ(0, pipe(p));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		close(p[0]);
		leak_child(p[1]);
	}
	close(p[1]);
	ASSERT_EQ(1, read(p[0], &byte, 1)) TH_LOG("the child failed");
	during = nt_live_objects();
	/* its process and thread, 100 x (dir, link, unnamed dir, its child, unnamed link) */
	ASSERT_LE(before + 2 + 500, during);
	ASSERT_EQ(0, kill(pid, SIGKILL));
	ASSERT_EQ(pid, waitpid(pid, &wst, 0));
	ASSERT_TRUE(WIFSIGNALED(wst));
	ASSERT_EQ(before, nt_wait_live_objects(before));
}

/*
 * Found by the fuzzer (as root): the built-in directories must outlive any
 * NtMakeTemporaryObject, or closing the handle would delete them.
 */
TEST(builtin_directories_cannot_be_made_temporary)
{
	static const char *const names[] = {
		"\\BaseNamedObjects", "\\??", "\\Device", "\\Sessions", "\\",
	};
	struct nt_object_attributes oa;
	unsigned int i;
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		ASSERT_EQ(0, NT(NtOpenDirectoryObject, A(&h), DIRECTORY_ALL_ACCESS,
				A(nt_oa(&oa, 0, names[i], 0))));
		EXPECT_EQ(STATUS_ACCESS_DENIED, NT(NtMakeTemporaryObject, h));
		EXPECT_EQ(0, NT(NtClose, h));
		EXPECT_EQ(0, NT(NtOpenDirectoryObject, A(&h), DIRECTORY_QUERY,
				A(nt_oa(&oa, 0, names[i], 0))));
		EXPECT_EQ(0, NT(NtClose, h));
	}
	ASSERT_EQ(0, NT(NtOpenSymbolicLinkObject, A(&h), SYMBOLIC_LINK_ALL_ACCESS,
			A(nt_oa(&oa, 0, "\\DosDevices", 0))));
	EXPECT_EQ(STATUS_ACCESS_DENIED, NT(NtMakeTemporaryObject, h));
	EXPECT_EQ(0, NT(NtClose, h));
}

TEST_HARNESS_MAIN
