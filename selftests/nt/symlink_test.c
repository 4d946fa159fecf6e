// SPDX-License-Identifier: GPL-2.0
/*
 * Symbolic links against Windows NT semantics (syscalls/symlink.c):
 * NtCreateSymbolicLinkObject, NtOpenSymbolicLinkObject,
 * NtQuerySymbolicLinkObject, and links met by lookups.
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

/* ---- symbolic links ---- */

TEST(symlinks_are_followed_in_the_middle_of_a_path)
{
	uint64_t d, t, l, l2, c, h;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_(&d, OT("follow")));
	ASSERT_ST(0, mkdir_(&t, OT("follow") "\\target"));
	ASSERT_ST(0, mklink_(&l, OT("follow") "\\link", OT("follow") "\\target"));
	ASSERT_ST(0, mkdir_(&c, OT("follow") "\\link\\child"));
	ASSERT_NAME(c, OT("follow") "\\target\\child");
	ASSERT_ST(0, opendir_(&h, OT("follow") "\\link\\child"));
	ASSERT_ST(0, opendir_at(&h, d, "link\\child", 0, DIRECTORY_QUERY));
	ASSERT_EQ(3, handle_count(c));
	/* a chain of links */
	ASSERT_ST(0, mklink_(&l2, OT("follow") "\\link2", OT("follow") "\\link"));
	ASSERT_ST(0, opendir_(&h, OT("follow") "\\link2\\child"));
	ASSERT_NAME(h, OT("follow") "\\target\\child");
	/* a target ending in "\" joins the rest with one */
	ASSERT_ST(0, mklink_(&l2, OT("follow") "\\slash", OT("follow") "\\target\\"));
	ASSERT_ST(0, opendir_(&h, OT("follow") "\\slash\\child"));
	ASSERT_NAME(h, OT("follow") "\\target\\child");
	/* an empty target, as \??\GLOBALROOT's: the rest is the path */
	ASSERT_ST(0, mklink_(&l2, OT("follow") "\\globalroot", ""));
	ASSERT_ST(0, opendir_(&h, OT("follow") "\\globalroot" BNO));
	ASSERT_NAME(h, BNO);
	ASSERT_ST(0, opendir_(&h, OT("follow") "\\globalroot\\DosDevices"));
	ASSERT_NAME(h, "\\??");
	/* through the built-in \DosDevices */
	ASSERT_ST(0, mkdir_(&h, "\\DosDevices\\ot-follow"));
	ASSERT_NAME(h, "\\??\\ot-follow");
	/* a link is no RootDirectory for a relative name */
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, opendir_at(&h, l, "child", 0, DIRECTORY_QUERY));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, mkdir_at(&h, l, "child2", 0, DIR_ALL));
	/*
	 * A relative target is parsed again from the RootDirectory the lookup
	 * was given, and from "\" finds nothing (WRK ObpLookupObjectName).
	 */
	ASSERT_ST(0, mklink_(&l2, OT("follow") "\\relative", "target"));
	ASSERT_ST(STATUS_OBJECT_NAME_NOT_FOUND, opendir_(&h, OT("follow") "\\relative"));
	ASSERT_ST(STATUS_OBJECT_NAME_NOT_FOUND, opendir_(&h, OT("follow") "\\relative\\child"));
	ASSERT_ST(0, opendir_at(&h, d, "relative\\child", 0, DIRECTORY_QUERY));
	ASSERT_NAME(h, OT("follow") "\\target\\child");
	ASSERT_ST(0, opendir_at(&h, d, "relative", 0, DIRECTORY_QUERY));
	ASSERT_NAME(h, OT("follow") "\\target");
}

/* Links that lead round in circles end as STATUS_OBJECT_NAME_NOT_FOUND. */
TEST(symlink_loop_is_name_not_found)
{
	uint64_t d, a, b, s, h;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mkdir_(&d, OT("loop")));
	ASSERT_ST(0, mklink_(&a, OT("loop") "\\a", OT("loop") "\\b"));
	ASSERT_ST(0, mklink_(&b, OT("loop") "\\b", OT("loop") "\\a"));
	ASSERT_ST(0, mklink_(&s, OT("loop") "\\self", OT("loop") "\\self"));
	ASSERT_ST(STATUS_OBJECT_NAME_NOT_FOUND, opendir_(&h, OT("loop") "\\a"));
	ASSERT_EQ(0, h);
	ASSERT_ST(STATUS_OBJECT_NAME_NOT_FOUND, opendir_(&h, OT("loop") "\\a\\x"));
	ASSERT_ST(STATUS_OBJECT_NAME_NOT_FOUND, opendir_(&h, OT("loop") "\\self"));
	ASSERT_ST(STATUS_OBJECT_NAME_NOT_FOUND, mkdir_(&h, OT("loop") "\\a\\x"));
	ASSERT_EQ(0, h);
	ASSERT_ST(STATUS_OBJECT_NAME_NOT_FOUND, mkdir_(&h, OT("loop") "\\a"));
	ASSERT_ST(STATUS_OBJECT_NAME_NOT_FOUND, mkdir_(&h, OT("loop") "\\self\\x"));
	ASSERT_ST(STATUS_OBJECT_NAME_NOT_FOUND, mklink_(&h, OT("loop") "\\a\\x", BNO));
	/* the links themselves open */
	ASSERT_ST(0, openlink_(&h, OT("loop") "\\a"));
	ASSERT_ST(0, openlink_(&h, OT("loop") "\\self"));
	ASSERT_EQ(1, handle_count(d));
}

TEST(query_symlink_target_buffer_sizes)
{
	static const char target[] = BNO "\\ot-qlink-target";
	const uint32_t len = (sizeof(target) - 1) * 2;
	struct nt_unicode_string us;
	uint16_t buf[128];
	uint32_t ret;
	uint64_t l, d;

	ASSERT_EQ(0, nt_become());
	ASSERT_ST(0, mklink_(&l, OT("qlink"), target));

	memset(buf, 0xaa, sizeof(buf));
	us.length = 0x4444;
	us.maximum_length = sizeof(buf);
	us.buffer = A(buf);
	ret = 0xdeadbeef;
	ASSERT_ST(0, NT(NtQuerySymbolicLinkObject, l, A(&us), A(&ret)));
	ASSERT_EQ(len, us.length);
	ASSERT_EQ(len + 2, ret);
	ASSERT_TRUE(nt_wcs_eq(buf, us.length, target));
	ASSERT_EQ(0, buf[len / 2]);

	/* exactly enough, with the NUL */
	memset(buf, 0xaa, sizeof(buf));
	us.length = 0x4444;
	us.maximum_length = len + 2;
	ret = 0xdeadbeef;
	ASSERT_ST(0, NT(NtQuerySymbolicLinkObject, l, A(&us), A(&ret)));
	ASSERT_EQ(len, us.length);
	ASSERT_EQ(len + 2, ret);
	ASSERT_TRUE(nt_wcs_eq(buf, us.length, target));
	ASSERT_EQ(0, buf[len / 2]);
	ASSERT_EQ(0xaaaa, buf[len / 2 + 1]);

	/* no room for the NUL, or none at all: Length is left alone */
	us.length = 0x4444;
	us.maximum_length = len;
	ret = 0xdeadbeef;
	ASSERT_ST(STATUS_BUFFER_TOO_SMALL, NT(NtQuerySymbolicLinkObject, l, A(&us), A(&ret)));
	ASSERT_EQ(len + 2, ret);
	ASSERT_EQ(0x4444, us.length);
	us.maximum_length = 0;
	ret = 0xdeadbeef;
	ASSERT_ST(STATUS_BUFFER_TOO_SMALL, NT(NtQuerySymbolicLinkObject, l, A(&us), A(&ret)));
	ASSERT_EQ(len + 2, ret);
	ASSERT_EQ(0x4444, us.length);

	/* no ReturnedLength is fine */
	us.maximum_length = sizeof(buf);
	ASSERT_ST(0, NT(NtQuerySymbolicLinkObject, l, A(&us), 0));
	ASSERT_EQ(len, us.length);

	/* bad pointers, bad handles */
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtQuerySymbolicLinkObject, l, 0, A(&ret)));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtQuerySymbolicLinkObject, l, KERNEL_ADDR, A(&ret)));
	us.buffer = BAD_ADDR;
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtQuerySymbolicLinkObject, l, A(&us), A(&ret)));
	us.buffer = KERNEL_ADDR;
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtQuerySymbolicLinkObject, l, A(&us), A(&ret)));
	us.buffer = A(buf);
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtQuerySymbolicLinkObject, 0, A(&us), A(&ret)));
	ASSERT_ST(STATUS_INVALID_HANDLE, NT(NtQuerySymbolicLinkObject, 0x12344, A(&us), A(&ret)));
	ASSERT_ST(0, opendir_(&d, BNO));
	ASSERT_ST(STATUS_OBJECT_TYPE_MISMATCH, NT(NtQuerySymbolicLinkObject, d, A(&us), A(&ret)));
}

/* The target is checked, before the name, as NtCreateSymbolicLinkObject does. */
TEST(create_symlink_validates_target)
{
	static uint16_t chars[8] = u"\\abc";
	struct nt_unicode_string t, odd_name;
	struct nt_object_attributes *oa = oa_new(0, OT("target"), 0);
	uint64_t h, q;

	ASSERT_EQ(0, nt_become());
	h = 0xdeadbeef;
	ASSERT_ST(STATUS_ACCESS_VIOLATION,
		  NT(NtCreateSymbolicLinkObject, A(&h), LINK_ALL, A(oa), 0));
	ASSERT_EQ(0, h);
	ASSERT_ST(STATUS_ACCESS_VIOLATION,
		  NT(NtCreateSymbolicLinkObject, A(&h), LINK_ALL, A(oa), KERNEL_ADDR));
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtCreateSymbolicLinkObject, A(&h), LINK_ALL, 0, 0));
	/* no OBJECT_ATTRIBUTES at all: an access violation for this service */
	ASSERT_ST(STATUS_ACCESS_VIOLATION,
		  NT(NtCreateSymbolicLinkObject, A(&h), LINK_ALL, 0, A(nt_us(BNO))));

	memset(&t, 0, sizeof(t));
	ASSERT_ST(STATUS_INVALID_PARAMETER, NT(NtCreateSymbolicLinkObject, A(&h), LINK_ALL, A(oa),
					       A(&t)));
	ASSERT_EQ(0, h);
	t.buffer = A(chars);
	t.length = 4;
	t.maximum_length = 0;
	ASSERT_ST(STATUS_INVALID_PARAMETER, NT(NtCreateSymbolicLinkObject, A(&h), LINK_ALL, A(oa),
					       A(&t)));
	t.length = 3;
	t.maximum_length = 8;
	ASSERT_ST(STATUS_INVALID_PARAMETER, NT(NtCreateSymbolicLinkObject, A(&h), LINK_ALL, A(oa),
					       A(&t)));
	t.length = 8;
	t.maximum_length = 6;
	ASSERT_ST(STATUS_INVALID_PARAMETER, NT(NtCreateSymbolicLinkObject, A(&h), LINK_ALL, A(oa),
					       A(&t)));
	t.length = 4;
	t.maximum_length = 8;
	t.buffer = BAD_ADDR;
	ASSERT_ST(STATUS_ACCESS_VIOLATION, NT(NtCreateSymbolicLinkObject, A(&h), LINK_ALL, A(oa),
					      A(&t)));
	/* the target before the name: an odd name and a bad root do not matter yet */
	t.buffer = A(chars);
	t.maximum_length = 0;
	odd_name = *nt_us(OT("target"));
	odd_name.length = 67;
	ASSERT_ST(STATUS_INVALID_PARAMETER, NT(NtCreateSymbolicLinkObject, A(&h), LINK_ALL,
					       A(oa_us(0xdeadbeef, &odd_name, 0)), A(&t)));
	t.maximum_length = 8;
	ASSERT_ST(STATUS_OBJECT_NAME_INVALID, NT(NtCreateSymbolicLinkObject, A(&h), LINK_ALL,
						 A(oa_us(0xdeadbeef, &odd_name, 0)), A(&t)));
	/* nothing was made */
	ASSERT_ST(STATUS_OBJECT_NAME_NOT_FOUND, openlink_(&q, OT("target")));

	/* a target need not name anything, nor start with "\" */
	ASSERT_ST(0, mklink_(&h, OT("target"), "anywhere"));
	ASSERT_ST(0, mklink_(&h, OT("target2"), "->Somewhere"));
	/* an empty one, with room */
	t.length = 0;
	t.maximum_length = 2;
	ASSERT_ST(0, NT(NtCreateSymbolicLinkObject, A(&h), LINK_ALL,
			A(oa_new(0, OT("target3"), 0)), A(&t)));
}

TEST_HARNESS_MAIN
