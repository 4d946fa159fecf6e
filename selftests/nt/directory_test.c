// SPDX-License-Identifier: GPL-2.0
/*
 * The namespace and its directories against Windows NT semantics
 * (syscalls/directory.c): the built-in namespace, names, paths and
 * collisions, NtCreateDirectoryObject(Ex), NtOpenDirectoryObject,
 * NtQueryDirectoryObject.
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

/* ---- the built-in namespace ---- */

TEST(builtin_directories_open_as_directories)
{
	static const char *const dirs[] = {
		"\\", BNO, "\\??", "\\Device", "\\Sessions",
	};
	unsigned int i;
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	for (i = 0; i < ARRAY_SIZE(dirs); i++) {
		ASSERT_ST(0, opendir_(&h, dirs[i]), " (%s)", dirs[i]);
		ASSERT_NAME(h, dirs[i]);
		ASSERT_TYPE(h, "Directory");
		ASSERT_ST(0, NT(NtClose, h));
	}
}

TEST(dosdevices_is_a_symlink_to_global_dosdevices)
{
	struct nt_unicode_string us;
	uint16_t buf[64];
	uint32_t ret = 0;
	uint64_t l, d;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, openlink_(&l, "\\DosDevices"));
	ASSERT_TYPE(l, "SymbolicLink");
	ASSERT_NAME(l, "\\DosDevices");
	us.length = 0;
	us.maximum_length = sizeof(buf);
	us.buffer = A(buf);
	ASSERT_ST(0, NT(NtQuerySymbolicLinkObject, l, A(&us), A(&ret)));
	ASSERT_TRUE(nt_wcs_eq(buf, us.length, "\\??"));
	ASSERT_EQ(8, ret);
	/* NtOpenDirectoryObject follows a link at the end of the path */
	ASSERT_ST(0, opendir_(&d, "\\DosDevices"));
	ASSERT_NAME(d, "\\??");
	ASSERT_TYPE(d, "Directory");
	/* and NtOpenSymbolicLinkObject does not open a directory */
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, openlink_(&l, "\\??"));
	ASSERT_EQ(0, l);
}

/* ---- create, open, collisions ---- */

TEST(create_open_and_collide)
{
	uint64_t h1, h2, h3, l1, l2;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_(&h1, OT("collide")));
	ASSERT_NE(0, h1);
	ASSERT_NAME(h1, OT("collide"));
	ASSERT_ST(0, opendir_(&h2, OT("collide")));
	ASSERT_NE(h1, h2);
	ASSERT_EQ(2, handle_count(h1));

	/* same type, no OBJ_OPENIF: a collision, and no handle */
	ASSERT_ST(STATUS_OBJECT_NAME_COLLISION, mkdir_(&h3, OT("collide")));
	ASSERT_EQ(0, h3);
	/* OBJ_OPENIF opens it: STATUS_OBJECT_NAME_EXISTS, a success status */
	ASSERT_ST(STATUS_OBJECT_NAME_EXISTS, mkdir_at(&h3, 0, OT("collide"), OBJ_OPENIF, DIR_ALL));
	ASSERT_NE(0, h3);
	ASSERT_NE(0xdeadbeef, h3);
	ASSERT_EQ(3, handle_count(h1));
	ASSERT_NAME(h3, OT("collide"));

	/* symbolic links: a collision, but OBJ_OPENIF gives plain success (Win10 1511+) */
	ASSERT_ST(0, mklink_(&l1, OT("collide") "\\link", BNO));
	ASSERT_ST(STATUS_OBJECT_NAME_COLLISION, mklink_(&l2, OT("collide") "\\link", BNO));
	ASSERT_EQ(0, l2);
	ASSERT_ST(0, mklink_at(&l2, 0, OT("collide") "\\link", BNO, OBJ_OPENIF, LINK_ALL));
	ASSERT_NE(0, l2);
	ASSERT_TYPE(l2, "SymbolicLink");
	ASSERT_EQ(2, handle_count(l1));
}

/*
 * Another object's name: creating a symbolic link over a directory is a
 * type mismatch, with or without OBJ_OPENIF (Wine's om.c on "\").
 * Creating a directory at a symbolic link's name does not stop at the link:
 * Windows' ObpLookupObjectName calls the link's parse routine even for an
 * insert, and ObpParseSymbolicLink reparses to the target when the link is
 * not of the type wanted (WRK oblink.c).  So the target collides,
 * opens with OBJ_OPENIF, or is created.
 */
TEST(create_over_another_types_name)
{
	uint64_t d, sub, h, l, l2;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_(&d, OT("mismatch")));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, mklink_(&l, OT("mismatch"), BNO));
	ASSERT_EQ(0, l);
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH,
		  mklink_at(&l, 0, OT("mismatch"), BNO, OBJ_OPENIF, LINK_ALL));
	ASSERT_EQ(0, l);
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, mklink_(&l, "\\", BNO));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, mklink_at(&l, 0, "\\", BNO, OBJ_OPENIF, LINK_ALL));
	/* "\" as a directory: the root itself */
	ASSERT_ST(STATUS_OBJECT_NAME_COLLISION, mkdir_(&h, "\\"));
	ASSERT_ST(STATUS_OBJECT_NAME_EXISTS, mkdir_at(&h, 0, "\\", OBJ_OPENIF, DIR_ALL));
	ASSERT_NAME(h, "\\");

	/* a directory over a link to a directory: the directory is what exists */
	ASSERT_ST(0, mkdir_(&sub, OT("mismatch") "\\sub"));
	ASSERT_ST(0, mklink_(&l, OT("mismatch") "\\todir", OT("mismatch") "\\sub"));
	ASSERT_ST(STATUS_OBJECT_NAME_COLLISION, mkdir_(&h, OT("mismatch") "\\todir"));
	ASSERT_EQ(0, h);
	ASSERT_ST(STATUS_OBJECT_NAME_EXISTS,
		  mkdir_at(&h, 0, OT("mismatch") "\\todir", OBJ_OPENIF, DIR_ALL));
	ASSERT_NAME(h, OT("mismatch") "\\sub");
	ASSERT_EQ(2, handle_count(sub));

	/* a directory over a dangling link: made where the link points */
	ASSERT_ST(0, mklink_(&l2, OT("mismatch") "\\dangling", OT("mismatch") "\\made"));
	ASSERT_ST(0, mkdir_(&h, OT("mismatch") "\\dangling"));
	ASSERT_NAME(h, OT("mismatch") "\\made");
	ASSERT_ST(0, opendir_(&h, OT("mismatch") "\\made"));
	ASSERT_ST(0, openlink_(&h, OT("mismatch") "\\dangling"));
}

/* Directory and SymbolicLink are case-insensitive types. */
TEST(lookup_ignores_case_without_obj_case_insensitive)
{
	uint64_t d, h, l;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_(&d, OT("Case-Dir")));
	ASSERT_ST(0, opendir_at(&h, 0, "\\basenamedobjects\\OT-CASE-DIR", 0, DIRECTORY_QUERY));
	ASSERT_NAME(h, OT("Case-Dir"));
	ASSERT_ST(STATUS_OBJECT_NAME_COLLISION, mkdir_(&h, "\\BASENAMEDOBJECTS\\ot-case-dir"));
	ASSERT_ST(0, mklink_(&l, OT("Case-Link"), BNO));
	ASSERT_ST(0, openlink_(&h, "\\BaseNamedObjects\\OT-case-LINK"));
	ASSERT_NAME(h, OT("Case-Link"));
	ASSERT_ST(STATUS_OBJECT_NAME_COLLISION, mklink_(&h, OT("CASE-LINK"), BNO));
}

TEST(root_directory_relative_create_and_open)
{
	uint64_t d, c, c2, g, l, h;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_(&d, OT("rel")));
	ASSERT_ST(0, mkdir_at(&c, d, "child", 0, DIR_ALL));
	ASSERT_NAME(c, OT("rel") "\\child");
	ASSERT_ST(0, opendir_at(&c2, d, "child", 0, DIRECTORY_QUERY));
	ASSERT_EQ(2, handle_count(c));
	ASSERT_ST(0, opendir_(&c2, OT("rel") "\\child"));
	ASSERT_ST(0, mkdir_at(&g, c, "grand", 0, DIR_ALL));
	ASSERT_ST(0, opendir_at(&h, d, "child\\grand", 0, DIRECTORY_QUERY));
	ASSERT_NAME(h, OT("rel") "\\child\\grand");
	ASSERT_ST(0, mklink_at(&l, d, "link", BNO, 0, LINK_ALL));
	ASSERT_NAME(l, OT("rel") "\\link");
	ASSERT_ST(0, openlink_at(&h, d, "link", 0, SYMBOLIC_LINK_QUERY));
	ASSERT_ST(STATUS_OBJECT_NAME_NOT_FOUND, opendir_at(&h, d, "missing", 0, DIRECTORY_QUERY));
	ASSERT_ST(STATUS_OBJECT_PATH_NOT_FOUND,
		  opendir_at(&h, d, "missing\\x", 0, DIRECTORY_QUERY));
}

/* An empty name with a RootDirectory names the RootDirectory's object. */
TEST(empty_name_with_root_opens_the_root_object)
{
	uint64_t d, l, h;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_(&d, OT("empty")));
	ASSERT_ST(0, opendir_at(&h, d, "", 0, DIRECTORY_QUERY));
	ASSERT_NE(d, h);
	ASSERT_NAME(h, OT("empty"));
	ASSERT_EQ(2, handle_count(d));
	ASSERT_EQ(DIRECTORY_QUERY, granted(h));

	ASSERT_ST(0, mklink_(&l, OT("empty-link"), BNO));
	ASSERT_ST(0, openlink_at(&h, l, "", 0, SYMBOLIC_LINK_QUERY));
	ASSERT_NAME(h, OT("empty-link"));
	ASSERT_EQ(2, handle_count(l));
	/* a directory is not a link */
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, openlink_at(&h, d, "", 0, SYMBOLIC_LINK_QUERY));
	ASSERT_EQ(0, h);
}

/* No ObjectName but a RootDirectory: invalid for create and open. */
TEST(null_name_with_root_is_name_invalid)
{
	static const uint64_t roots[2] = { 0, 0xdeadbeef };
	unsigned int i;
	uint64_t d, h;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_(&d, OT("nullname")));
	for (i = 0; i < 2; i++) {
		uint64_t root = roots[i] ? roots[i] : d;

		ASSERT_ST(STATUS_OBJECT_NAME_INVALID, mkdir_at(&h, root, NULL, 0, DIR_ALL));
		ASSERT_EQ(0, h);
		ASSERT_ST(STATUS_OBJECT_NAME_INVALID, opendir_at(&h, root, NULL, 0, DIR_ALL));
		ASSERT_EQ(0, h);
		ASSERT_ST(STATUS_OBJECT_NAME_INVALID,
			  NT(NtCreateSymbolicLinkObject, A(&h), LINK_ALL,
			     A(oa_new(root, NULL, 0)), A(nt_us(BNO))));
		ASSERT_ST(STATUS_OBJECT_NAME_INVALID, openlink_at(&h, root, NULL, 0, LINK_ALL));
	}
}

/* Unnamed objects: no attributes, no name or an empty name. */
TEST(unnamed_create)
{
	struct nt_unicode_string *empty = nt_us("");
	struct nt_object_attributes oa;
	uint64_t h, h2, c;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, NT(NtCreateDirectoryObject, A(&h), DIR_ALL, 0));
	ASSERT_NE(0, h);
	ASSERT_NAME(h, "");
	ASSERT_ST(0, mkdir_at(&h, 0, NULL, 0, DIR_ALL));
	ASSERT_ST(STATUS_OBJECT_PATH_SYNTAX_BAD, opendir_at(&h2, 0, NULL, 0, DIR_ALL));
	ASSERT_ST(0, mkdir_at(&h, 0, "", 0, DIR_ALL));
	ASSERT_ST(STATUS_OBJECT_PATH_SYNTAX_BAD, opendir_at(&h2, 0, "", 0, DIR_ALL));
	/* an empty name with a RootDirectory, even a bad one, creates unnamed */
	nt_oa(&oa, 0xdeadbeef, NULL, 0);
	oa.object_name = A(empty);
	ASSERT_ST(0, NT(NtCreateDirectoryObject, A(&h), DIR_ALL, A(&oa)));
	ASSERT_ST(0, NT(NtCreateSymbolicLinkObject, A(&h2), LINK_ALL, A(&oa), A(nt_us(BNO))));
	ASSERT_NAME(h2, "");
	ASSERT_ST(0, mklink_at(&h2, 0, NULL, BNO, 0, LINK_ALL));
	ASSERT_ST(STATUS_OBJECT_PATH_SYNTAX_BAD, openlink_at(&h2, 0, "", 0, LINK_ALL));
	/* an unnamed directory holds names like any other */
	ASSERT_ST(0, mkdir_at(&c, h, "child", 0, DIR_ALL));
	ASSERT_ST(0, opendir_at(&h2, h, "child", 0, DIRECTORY_QUERY));
}

/* ---- path syntax ---- */

static void check_path(struct __test_metadata *_metadata, uint64_t root, const char *name,
		       uint32_t create, uint32_t open)
{
	uint64_t h;

	EXPECT_ST(create, mkdir_at(&h, root, name, 0, DIR_ALL), " (%s)", name);
	EXPECT_EQ(0, h);
	EXPECT_ST(open, opendir_at(&h, root, name, 0, DIR_ALL), " (%s)", name);
	EXPECT_EQ(0, h);
	EXPECT_ST(create, mklink_at(&h, root, name, BNO, 0, LINK_ALL), " (%s)", name);
	EXPECT_EQ(0, h);
	EXPECT_ST(open, openlink_at(&h, root, name, 0, LINK_ALL), " (%s)", name);
	EXPECT_EQ(0, h);
}

TEST(path_syntax)
{
	uint64_t bno;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, opendir_(&bno, BNO));
	check_path(_metadata, 0, "BaseNamedObjects", STATUS_OBJECT_PATH_SYNTAX_BAD,
		   STATUS_OBJECT_PATH_SYNTAX_BAD);
	check_path(_metadata, bno, "\\ot-syntax", STATUS_OBJECT_PATH_SYNTAX_BAD,
		   STATUS_OBJECT_PATH_SYNTAX_BAD);
	check_path(_metadata, bno, "\\", STATUS_OBJECT_PATH_SYNTAX_BAD,
		   STATUS_OBJECT_PATH_SYNTAX_BAD);
	check_path(_metadata, 0, BNO "\\", STATUS_OBJECT_NAME_INVALID, STATUS_OBJECT_NAME_INVALID);
	check_path(_metadata, 0, "\\\\BaseNamedObjects", STATUS_OBJECT_NAME_INVALID,
		   STATUS_OBJECT_NAME_INVALID);
	check_path(_metadata, 0, BNO "\\\\ot-syntax", STATUS_OBJECT_NAME_INVALID,
		   STATUS_OBJECT_NAME_INVALID);
	check_path(_metadata, 0, OT("syntax") "\\", STATUS_OBJECT_PATH_NOT_FOUND,
		   STATUS_OBJECT_PATH_NOT_FOUND);
	check_path(_metadata, 0, OT("syntax") "\\x", STATUS_OBJECT_PATH_NOT_FOUND,
		   STATUS_OBJECT_PATH_NOT_FOUND);
	check_path(_metadata, bno, "ot-syntax\\", STATUS_OBJECT_PATH_NOT_FOUND,
		   STATUS_OBJECT_PATH_NOT_FOUND);
	check_path(_metadata, bno, "ot-syntax\\x", STATUS_OBJECT_PATH_NOT_FOUND,
		   STATUS_OBJECT_PATH_NOT_FOUND);
	check_path(_metadata, 0, "\\Missing-ot-syntax\\x", STATUS_OBJECT_PATH_NOT_FOUND,
		   STATUS_OBJECT_PATH_NOT_FOUND);
	/* the last component missing: only an open fails */
	{
		uint64_t h;

		ASSERT_ST(STATUS_OBJECT_NAME_NOT_FOUND, opendir_(&h, OT("syntax")));
		ASSERT_ST(STATUS_OBJECT_NAME_NOT_FOUND, openlink_(&h, OT("syntax")));
		ASSERT_ST(STATUS_OBJECT_NAME_NOT_FOUND,
			  opendir_at(&h, bno, "ot-syntax", 0, DIRECTORY_QUERY));
	}
}

/* ---- malformed names and attributes ---- */

/* Create and open of both types with these attributes give these statuses. */
static void check_oa(struct __test_metadata *_metadata, struct nt_object_attributes *oa,
		     uint32_t create, uint32_t open, const char *what)
{
	uint64_t h;

	h = 0xdeadbeef;
	EXPECT_ST(create, NT(NtCreateDirectoryObject, A(&h), DIR_ALL, A(oa)), " (%s)", what);
	if (NT_SUCCESS(create))
		NT(NtClose, h);
	else
		EXPECT_EQ(0, h);
	h = 0xdeadbeef;
	EXPECT_ST(open, NT(NtOpenDirectoryObject, A(&h), DIR_ALL, A(oa)), " (%s)", what);
	if (NT_SUCCESS(open))
		NT(NtClose, h);
	else
		EXPECT_EQ(0, h);
	h = 0xdeadbeef;
	EXPECT_ST(create, NT(NtCreateSymbolicLinkObject, A(&h), LINK_ALL, A(oa), A(nt_us(BNO))),
		  " (%s)", what);
	if (NT_SUCCESS(create))
		NT(NtClose, h);
	else
		EXPECT_EQ(0, h);
	h = 0xdeadbeef;
	EXPECT_ST(open, NT(NtOpenSymbolicLinkObject, A(&h), LINK_ALL, A(oa)), " (%s)", what);
	if (NT_SUCCESS(open))
		NT(NtClose, h);
	else
		EXPECT_EQ(0, h);
}

TEST(name_length_rules)
{
	struct nt_unicode_string us;
	uint64_t bno, h;
	uint16_t *w;
	unsigned int i;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, opendir_(&bno, BNO));
	w = calloc(65536 / 2 + 16, 2);
	ASSERT_NE(NULL, w);
	for (i = 0; i < 65536 / 2 + 16; i++)
		w[i] = 'a';
	memcpy(w, u"ot-long-", 16);
	us.buffer = A(w);
	us.maximum_length = 0xfffe;

	/* odd: invalid, before the RootDirectory is looked at */
	us.length = 67;
	check_oa(_metadata, oa_us(0xdeadbeef, &us, 0), STATUS_OBJECT_NAME_INVALID,
		 STATUS_OBJECT_NAME_INVALID, "length 67, bad root");
	us.length = 17;
	check_oa(_metadata, oa_us(bno, &us, 0), STATUS_OBJECT_NAME_INVALID,
		 STATUS_OBJECT_NAME_INVALID, "length 17");
	/* no room for a NUL */
	us.length = 0xfffe;
	check_oa(_metadata, oa_us(bno, &us, 0), STATUS_OBJECT_NAME_INVALID,
		 STATUS_OBJECT_NAME_INVALID, "length 0xfffe");
	/* the longest name */
	us.length = 0xfffc;
	ASSERT_ST(0, NT(NtCreateDirectoryObject, A(&h), DIR_ALL, A(oa_us(bno, &us, 0))));
	ASSERT_ST(0, NT(NtOpenDirectoryObject, A(&h), DIRECTORY_QUERY, A(oa_us(bno, &us, 0))));
	ASSERT_EQ(2, handle_count(h));

	/* MaximumLength is not looked at */
	us.length = 16;
	us.maximum_length = 0;
	ASSERT_ST(0, NT(NtCreateDirectoryObject, A(&h), DIR_ALL, A(oa_us(bno, &us, 0))));
	ASSERT_NAME(h, OT("long-"));
	us.maximum_length = 2;
	ASSERT_ST(0, NT(NtOpenDirectoryObject, A(&h), DIRECTORY_QUERY, A(oa_us(bno, &us, 0))));
	ASSERT_EQ(2, handle_count(h));
}

TEST(misaligned_name_is_datatype_misalignment)
{
	static uint16_t chars[32] = u"\\BaseNamedObjects\\ot-misaligned";
	struct nt_unicode_string us;
	uint64_t h;

	ASSERT_EQ(0, nt_become());
	us.buffer = A(chars) + 1;
	us.maximum_length = 40;
	/* the buffer is probed before Length is checked: odd or not */
	us.length = 3;
	check_oa(_metadata, oa_us(0, &us, 0), STATUS_DATATYPE_MISALIGNMENT,
		 STATUS_DATATYPE_MISALIGNMENT, "length 3");
	us.length = 8;
	check_oa(_metadata, oa_us(0, &us, 0), STATUS_DATATYPE_MISALIGNMENT,
		 STATUS_DATATYPE_MISALIGNMENT, "length 8");
	check_oa(_metadata, oa_us(0xdeadbeef, &us, 0), STATUS_DATATYPE_MISALIGNMENT,
		 STATUS_DATATYPE_MISALIGNMENT, "length 8, bad root");
	/* an empty name is never probed */
	us.length = 0;
	ASSERT_ST(0, NT(NtCreateDirectoryObject, A(&h), DIR_ALL, A(oa_us(0, &us, 0))));
}

TEST(bad_pointers_are_access_violation)
{
	static const uint64_t bad[] = { 0, 1, BAD_ADDR, KERNEL_ADDR };
	struct nt_object_attributes *good = oa_new(0, OT("badptr"), OBJ_OPENIF);
	struct nt_unicode_string us;
	unsigned int i;
	uint64_t h, d;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_(&d, OT("badptr")));
	ASSERT_ST(0, mklink_(&h, OT("badptr") "\\link", BNO));
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		uint64_t p = bad[i];
		struct nt_object_attributes *lk = oa_new(0, OT("badptr") "\\link", 0);

		/* where the handle goes: checked first, even with no attributes */
		EXPECT_ST(STATUS_ACCESS_VIOLATION,
			  NT(NtCreateDirectoryObject, p, DIR_ALL, A(good)));
		EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtCreateDirectoryObject, p, DIR_ALL, 0));
		EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtOpenDirectoryObject, p, DIR_ALL, A(good)));
		EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtOpenDirectoryObject, p, DIR_ALL, 0));
		EXPECT_ST(STATUS_ACCESS_VIOLATION,
			  NT(NtCreateSymbolicLinkObject, p, LINK_ALL, A(lk), A(nt_us(BNO))));
		EXPECT_ST(STATUS_ACCESS_VIOLATION,
			  NT(NtOpenSymbolicLinkObject, p, LINK_ALL, A(lk)));
		EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtOpenSymbolicLinkObject, p, LINK_ALL, 0));

		if (!p)
			continue;	/* a NULL OBJECT_ATTRIBUTES is no pointer error */
		/* the OBJECT_ATTRIBUTES */
		h = 0xdeadbeef;
		EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtCreateDirectoryObject, A(&h), DIR_ALL, p));
		EXPECT_EQ(0, h);
		EXPECT_ST(STATUS_ACCESS_VIOLATION, NT(NtOpenDirectoryObject, A(&h), DIR_ALL, p));
		EXPECT_ST(STATUS_ACCESS_VIOLATION,
			  NT(NtCreateSymbolicLinkObject, A(&h), LINK_ALL, p, A(nt_us(BNO))));
		EXPECT_ST(STATUS_ACCESS_VIOLATION,
			  NT(NtOpenSymbolicLinkObject, A(&h), LINK_ALL, p));

		/* its ObjectName */
		lk = oa_new(0, NULL, 0);
		lk->object_name = p;
		check_oa(_metadata, lk, STATUS_ACCESS_VIOLATION, STATUS_ACCESS_VIOLATION,
			 "bad ObjectName");

		/* the characters, even with an odd Length or a bad RootDirectory */
		if (p == 1)
			continue;	/* misaligned */
		us.buffer = p;
		us.length = 2;
		us.maximum_length = 2;
		check_oa(_metadata, oa_us(0, &us, 0), STATUS_ACCESS_VIOLATION,
			 STATUS_ACCESS_VIOLATION, "bad Buffer");
		check_oa(_metadata, oa_us(0xdeadbeef, &us, 0), STATUS_ACCESS_VIOLATION,
			 STATUS_ACCESS_VIOLATION, "bad Buffer, bad root");
		if (p == KERNEL_ADDR) {
			us.length = 3;
			check_oa(_metadata, oa_us(0, &us, 0), STATUS_ACCESS_VIOLATION,
				 STATUS_ACCESS_VIOLATION, "kernel Buffer, odd length");
		}
	}
	/* nothing was made by any of it */
	ASSERT_EQ(1, handle_count(d));
}

TEST(bad_object_attributes_are_invalid_parameter)
{
	static const uint32_t bad_attrs[] = {
		0x1, 0x4, 0x8, 0x2000, 0x10000, 0x80000000,
	};
	struct nt_object_attributes *oa;
	unsigned int i;
	uint64_t h, d;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_(&d, OT("badoa")));
	for (i = 0; i <= 2 * sizeof(*oa); i++) {
		if (i == sizeof(*oa))
			continue;
		oa = oa_new(0, OT("badoa"), OBJ_OPENIF);
		oa->length = i;
		check_oa(_metadata, oa, STATUS_INVALID_PARAMETER, STATUS_INVALID_PARAMETER,
			 "OA.Length");
	}
	for (i = 0; i < ARRAY_SIZE(bad_attrs); i++)
		check_oa(_metadata, oa_new(0, OT("badoa"), OBJ_OPENIF | bad_attrs[i]),
			 STATUS_INVALID_PARAMETER, STATUS_INVALID_PARAMETER, "Attributes");
	/* opening needs a name */
	h = 0xdeadbeef;
	ASSERT_ST(STATUS_INVALID_PARAMETER, NT(NtOpenDirectoryObject, A(&h), DIR_ALL, 0));
	ASSERT_EQ(0, h);
	h = 0xdeadbeef;
	ASSERT_ST(STATUS_INVALID_PARAMETER, NT(NtOpenSymbolicLinkObject, A(&h), LINK_ALL, 0));
	ASSERT_EQ(0, h);
	ASSERT_EQ(1, handle_count(d));
}

TEST(invalid_root_directory_is_invalid_handle)
{
	static const uint64_t roots[] = { 0x12344, 0xdeadbeef, 0x100000000ULL + 4 };
	unsigned int i;
	uint64_t d;

	ASSERT_EQ(0, nt_become());
	for (i = 0; i < ARRAY_SIZE(roots); i++)
		check_oa(_metadata, oa_new(roots[i], "x", 0), STATUS_INVALID_HANDLE,
			 STATUS_INVALID_HANDLE, "root");
	ASSERT_ST(0, mkdir_(&d, OT("badroot")));
	ASSERT_ST(0, NT(NtClose, d));
	check_oa(_metadata, oa_new(d, "x", 0), STATUS_INVALID_HANDLE, STATUS_INVALID_HANDLE,
		 "closed root");
}

/* ---- NtQueryDirectoryObject ---- */

static const struct {
	const char *name, *type;
} three[3] = {
	{ "a-dir", "Directory" }, { "b-dir", "Directory" }, { "c-link", "SymbolicLink" },
};

/* Bytes one entry takes: the struct, then name and type name, each with a NUL. */
static uint32_t cost(int i)
{
	return ENTRY + (strlen(three[i].name) + 1 + strlen(three[i].type) + 1) * 2;
}

/* A directory @name holding the three children (handles kept in @h). */
static void make_three(struct __test_metadata *_metadata, const char *name, uint64_t *h)
{
	char path[128];

	ASSERT_ST(0, mkdir_(&h[0], name));
	snprintf(path, sizeof(path), "%s\\%s", name, three[0].name);
	ASSERT_ST(0, mkdir_(&h[1], path));
	snprintf(path, sizeof(path), "%s\\%s", name, three[1].name);
	ASSERT_ST(0, mkdir_(&h[2], path));
	snprintf(path, sizeof(path), "%s\\%s", name, three[2].name);
	ASSERT_ST(0, mklink_(&h[3], path, BNO));
}

/*
 * Which child @e describes, after checking its strings as Windows lays them
 * out: NUL-terminated, MaximumLength = Length + 2, in the caller's buffer
 * after the entries (@first) and within the bytes reported (@end).  -1 if none.
 */
static int check_entry(struct __test_metadata *_metadata,
		       const struct nt_object_directory_information *e, const void *first,
		       const void *end)
{
	const uint16_t *n = (const uint16_t *)(uintptr_t)e->name.buffer;
	const uint16_t *t = (const uint16_t *)(uintptr_t)e->type_name.buffer;
	int i;

	EXPECT_EQ(e->name.length + 2, e->name.maximum_length);
	EXPECT_EQ(e->type_name.length + 2, e->type_name.maximum_length);
	if ((const void *)n < first ||
	    (const char *)n + e->name.maximum_length > (const char *)end ||
	    (const void *)t < first ||
	    (const char *)t + e->type_name.maximum_length > (const char *)end) {
		TH_LOG("strings %p %p outside %p..%p", n, t, first, end);
		return -1;
	}
	EXPECT_EQ(0, n[e->name.length / 2]);
	EXPECT_EQ(0, t[e->type_name.length / 2]);
	for (i = 0; i < 3; i++) {
		if (nt_wcs_eq(n, e->name.length, three[i].name)) {
			EXPECT_TRUE(nt_wcs_eq(t, e->type_name.length, three[i].type));
			return i;
		}
	}
	return -1;
}

static int zeroed(const void *p, size_t n)
{
	const uint8_t *b = p;

	while (n--)
		if (*b++)
			return 0;
	return 1;
}

TEST(query_directory_one_entry_at_a_time)
{
	uint64_t buf[128];
	struct nt_object_directory_information *info = (void *)buf;
	uint32_t ctx, ret;
	int i, k, order[3], seen = 0;
	uint64_t h[4];

	ASSERT_EQ(0, nt_become());
	make_three(_metadata, OT("qsingle"), h);
	ctx = 0xdeadbeef;		/* RestartScan ignores it */
	for (i = 0; i < 3; i++) {
		memset(buf, 0xcc, sizeof(buf));
		ret = 0xdeadbeef;
		ASSERT_ST(0, qdir(h[0], buf, sizeof(buf), 1, !i, &ctx, &ret));
		ASSERT_EQ(i + 1, ctx);
		k = check_entry(_metadata, &info[0], &info[2], (char *)buf + ret);
		ASSERT_LE(0, k);
		ASSERT_FALSE(seen & (1 << k));
		seen |= 1 << k;
		order[i] = k;
		ASSERT_EQ(ENTRY + cost(k), ret);
		ASSERT_TRUE(zeroed(&info[1], ENTRY));
	}
	/* past the end: nothing, Context unchanged, one zeroed entry's size */
	memset(buf, 0xcc, sizeof(buf));
	ret = 0xdeadbeef;
	ASSERT_ST(STATUS_NO_MORE_ENTRIES, qdir(h[0], buf, sizeof(buf), 1, 0, &ctx, &ret));
	ASSERT_EQ(3, ctx);
	ASSERT_EQ(ENTRY, ret);
	ASSERT_TRUE(zeroed(&info[0], ENTRY));
	ASSERT_ST(STATUS_NO_MORE_ENTRIES, qdir(h[0], buf, sizeof(buf), 0, 0, &ctx, &ret));
	ASSERT_ST(STATUS_NO_MORE_ENTRIES, qdir(h[0], buf, 0, 1, 0, &ctx, &ret));
	ASSERT_EQ(ENTRY, ret);
	ASSERT_EQ(3, ctx);
	/* Context is an index: 1 gives the second entry again */
	ctx = 1;
	ASSERT_ST(0, qdir(h[0], buf, sizeof(buf), 1, 0, &ctx, &ret));
	ASSERT_EQ(2, ctx);
	ASSERT_EQ(order[1], check_entry(_metadata, &info[0], &info[2], (char *)buf + ret));
}

TEST(query_directory_all_at_once)
{
	uint64_t buf[256];
	struct nt_object_directory_information *info = (void *)buf;
	uint32_t ctx = 0, ret = 0;
	int i, k, seen = 0;
	uint64_t h[4];

	ASSERT_EQ(0, nt_become());
	make_three(_metadata, OT("qall"), h);
	memset(buf, 0xcc, sizeof(buf));
	ASSERT_ST(0, qdir(h[0], buf, sizeof(buf), 0, 1, &ctx, &ret));
	ASSERT_EQ(3, ctx);
	ASSERT_EQ(ENTRY + cost(0) + cost(1) + cost(2), ret);
	for (i = 0; i < 3; i++) {
		k = check_entry(_metadata, &info[i], &info[4], (char *)buf + ret);
		ASSERT_LE(0, k);
		ASSERT_FALSE(seen & (1 << k));
		seen |= 1 << k;
	}
	ASSERT_TRUE(zeroed(&info[3], ENTRY));
	/* again from where it ended: nothing more */
	ASSERT_ST(STATUS_NO_MORE_ENTRIES, qdir(h[0], buf, sizeof(buf), 0, 0, &ctx, &ret));
	ASSERT_EQ(ENTRY, ret);
	ASSERT_EQ(3, ctx);
	/* RestartScan starts over whatever Context says */
	ctx = 99;
	ASSERT_ST(0, qdir(h[0], buf, sizeof(buf), 0, 1, &ctx, &ret));
	ASSERT_EQ(3, ctx);
	ASSERT_EQ(ENTRY + cost(0) + cost(1) + cost(2), ret);
	ctx = 99;
	ASSERT_ST(STATUS_NO_MORE_ENTRIES, qdir(h[0], buf, sizeof(buf), 0, 0, &ctx, &ret));
	ASSERT_EQ(99, ctx);
	/* no ReturnLength is fine */
	ASSERT_ST(0, qdir(h[0], buf, sizeof(buf), 0, 1, &ctx, NULL));
}

TEST(query_directory_small_buffers)
{
	uint64_t buf[128];
	struct nt_object_directory_information *info = (void *)buf;
	uint32_t ctx, ret, need0, need1;
	int k0, k1;
	uint64_t h[4], e;

	ASSERT_EQ(0, nt_become());
	make_three(_metadata, OT("qsmall"), h);
	ASSERT_ST(0, qdir(h[0], buf, sizeof(buf), 1, 1, &ctx, &ret));
	k0 = check_entry(_metadata, &info[0], &info[2], (char *)buf + ret);
	ASSERT_LE(0, k0);
	need0 = ENTRY + cost(k0);
	ASSERT_ST(0, qdir(h[0], buf, sizeof(buf), 1, 0, &ctx, &ret));
	k1 = check_entry(_metadata, &info[0], &info[2], (char *)buf + ret);
	ASSERT_LE(0, k1);
	need1 = ENTRY + cost(k1);

	/* one entry that does not fit: the exact size it needs */
	ctx = 0;
	ret = 0xdeadbeef;
	ASSERT_ST(STATUS_BUFFER_TOO_SMALL, qdir(h[0], buf, need0 - 1, 1, 0, &ctx, &ret));
	ASSERT_EQ(need0, ret);
	ASSERT_EQ(0, ctx);
	ret = 0xdeadbeef;
	ASSERT_ST(STATUS_BUFFER_TOO_SMALL, qdir(h[0], buf, 0, 1, 0, &ctx, &ret));
	ASSERT_EQ(need0, ret);
	ASSERT_EQ(0, ctx);
	ctx = 1;
	ASSERT_ST(STATUS_BUFFER_TOO_SMALL, qdir(h[0], buf, need1 - 1, 1, 0, &ctx, &ret));
	ASSERT_EQ(need1, ret);
	ASSERT_EQ(1, ctx);

	/* as many as fit: more to come, Context at the next one */
	memset(buf, 0xcc, sizeof(buf));
	ctx = 0;
	ret = 0xdeadbeef;
	ASSERT_ST(STATUS_MORE_ENTRIES, qdir(h[0], buf, need0, 0, 0, &ctx, &ret));
	ASSERT_EQ(1, ctx);
	ASSERT_EQ(need0, ret);
	ASSERT_EQ(k0, check_entry(_metadata, &info[0], &info[2], (char *)buf + ret));
	ASSERT_TRUE(zeroed(&info[1], ENTRY));
	ctx = 0;
	ASSERT_ST(STATUS_MORE_ENTRIES, qdir(h[0], buf, need0 + cost(k1) - 1, 0, 0, &ctx, &ret));
	ASSERT_EQ(1, ctx);
	ASSERT_EQ(need0, ret);
	ASSERT_ST(0, qdir(h[0], buf, sizeof(buf), 0, 0, &ctx, &ret));
	ASSERT_EQ(3, ctx);
	ASSERT_EQ(ENTRY + cost(0) + cost(1) + cost(2) - cost(k0), ret);

	/* none fits: still "more", one (zeroed) entry's size, Context unmoved */
	memset(buf, 0xcc, sizeof(buf));
	ctx = 0;
	ret = 0xdeadbeef;
	ASSERT_ST(STATUS_MORE_ENTRIES, qdir(h[0], buf, 0, 0, 0, &ctx, &ret));
	ASSERT_EQ(0, ctx);
	ASSERT_EQ(ENTRY, ret);
	ASSERT_EQ(0xcccccccccccccccc, buf[0]);
	ret = 0xdeadbeef;
	ASSERT_ST(STATUS_MORE_ENTRIES, qdir(h[0], buf, ENTRY, 0, 0, &ctx, &ret));
	ASSERT_EQ(0, ctx);
	ASSERT_EQ(ENTRY, ret);
	ASSERT_TRUE(zeroed(&info[0], ENTRY));

	/* an empty directory */
	ASSERT_ST(0, NT(NtCreateDirectoryObject, A(&e), DIR_ALL, 0));
	ret = 0xdeadbeef;
	ASSERT_ST(STATUS_NO_MORE_ENTRIES, qdir(e, buf, 0, 0, 1, &ctx, &ret));
	ASSERT_EQ(ENTRY, ret);
}

TEST(query_directory_bad_arguments)
{
	uint64_t buf[64];
	uint32_t ctx = 0, ret;
	uint64_t h[4];

	ASSERT_EQ(0, nt_become());
	make_three(_metadata, OT("qbad"), h);
	ret = 0xdeadbeef;
	ASSERT_ST(STATUS_ACCESS_VIOLATION, qdir(h[0], buf, sizeof(buf), 0, 0, NULL, &ret));
	ASSERT_EQ(0xdeadbeef, ret);
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtQueryDirectoryObject, h[0], A(buf), sizeof(buf),
					      0, 0, BAD_ADDR, A(&ret)));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtQueryDirectoryObject, h[0], A(buf), sizeof(buf),
					      0, 0, KERNEL_ADDR, A(&ret)));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtQueryDirectoryObject, h[0], A(buf), sizeof(buf),
					      0, 1, KERNEL_ADDR, A(&ret)));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtQueryDirectoryObject, h[0], BAD_ADDR, 4096, 0, 1,
					      A(&ctx), A(&ret)));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtQueryDirectoryObject, h[0], KERNEL_ADDR, 4096, 0, 1,
					      A(&ctx), A(&ret)));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtQueryDirectoryObject, h[0], A(buf), sizeof(buf),
					      0, 1, A(&ctx), KERNEL_ADDR));
	/* handles: checked before anything is written */
	ret = 0xdeadbeef;
	ctx = 7;
	ASSERT_ST(STATUS_INVALID_HANDLE, qdir(0, buf, sizeof(buf), 0, 1, &ctx, &ret));
	ASSERT_ST(STATUS_INVALID_HANDLE, qdir(0x12344, buf, sizeof(buf), 0, 1, &ctx, &ret));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, qdir(h[3], buf, sizeof(buf), 0, 1, &ctx, &ret));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH,
		  qdir(NT_CURRENT_PROCESS, buf, sizeof(buf), 0, 1, &ctx, &ret));
	ASSERT_EQ(0xdeadbeef, ret);
	ASSERT_EQ(7, ctx);
}

TEST_HARNESS_MAIN
