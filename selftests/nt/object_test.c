// SPDX-License-Identifier: GPL-2.0
/*
 * The object manager's services against Windows NT semantics: NtClose,
 * NtDuplicateObject, NtQueryObject, NtCreate/Open/QueryDirectoryObject,
 * NtCreate/Open/QuerySymbolicLinkObject and NtMakeTemporaryObject.
 *
 * What is asserted is what Windows does, as recorded with its sources in
 * the project's notes on object-manager semantics (om-semantics.md): Wine's
 * ntdll om.c tests, which encode results on real Windows, and the Windows
 * Research Kernel and ReactOS sources.  Section numbers of those notes are
 * cited as "[notes 4]".  The one rule that is ntpersona's own, not
 * Windows', is said so where it is tested (object ownership by Linux uid).
 *
 * Every test runs in a child of its own that becomes an NT process; its
 * handles, and so its temporary objects, die with it.  Names carry the
 * prefix \BaseNamedObjects\ot-<test> so that tests never meet.  The tests
 * run as root in the guest; those that need root say so and are skipped
 * otherwise.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "ntassert.h"
#include "ntcall.h"

#define BNO		"\\BaseNamedObjects"
#define OT(name)	BNO "\\ot-" name

#define KERNEL_ADDR	0xffffffff81000000ULL	/* the kernel's text */
#define BAD_ADDR	0xdeadbee0ULL		/* unmapped user address */
#define NOBODY		65534

#define DIR_ALL		DIRECTORY_ALL_ACCESS			/* 0xf000f */
#define LINK_ALL	SYMBOLIC_LINK_ALL_ACCESS		/* 0xf0001 */
#define ENTRY		((uint32_t)sizeof(struct nt_object_directory_information))

/* The full name (ObjectNameInformation) and the type name of a handle. */
#define ASSERT_NAME(h, want) do {				\
	char n_[512];						\
	ASSERT_ST(0, nt_name_of(h, n_, sizeof(n_)));		\
	ASSERT_STREQ(want, n_);					\
} while (0)
#define ASSERT_TYPE(h, want) do {				\
	char t_[64];						\
	ASSERT_ST(0, nt_type_of(h, t_, sizeof(t_)));		\
	ASSERT_STREQ(want, t_);					\
} while (0)

static struct nt_object_attributes *oa_new(uint64_t root, const char *name, uint32_t attr)
{
	return nt_oa(calloc(1, sizeof(struct nt_object_attributes)), root, name, attr);
}

static uint32_t mkdir_at(uint64_t *h, uint64_t root, const char *name, uint32_t attr,
			 uint32_t access)
{
	*h = 0xdeadbeef;
	return NT(NtCreateDirectoryObject, A(h), access, A(oa_new(root, name, attr)));
}

static uint32_t opendir_at(uint64_t *h, uint64_t root, const char *name, uint32_t attr,
			   uint32_t access)
{
	*h = 0xdeadbeef;
	return NT(NtOpenDirectoryObject, A(h), access, A(oa_new(root, name, attr)));
}

static uint32_t mklink_at(uint64_t *h, uint64_t root, const char *name, const char *target,
			  uint32_t attr, uint32_t access)
{
	*h = 0xdeadbeef;
	return NT(NtCreateSymbolicLinkObject, A(h), access, A(oa_new(root, name, attr)),
		  A(nt_us(target)));
}

static uint32_t openlink_at(uint64_t *h, uint64_t root, const char *name, uint32_t attr,
			    uint32_t access)
{
	*h = 0xdeadbeef;
	return NT(NtOpenSymbolicLinkObject, A(h), access, A(oa_new(root, name, attr)));
}

#define mkdir_(h, name)		mkdir_at(h, 0, name, 0, DIR_ALL)
#define opendir_(h, name)	opendir_at(h, 0, name, 0, DIRECTORY_QUERY)
#define mklink_(h, name, target) mklink_at(h, 0, name, target, 0, LINK_ALL)
#define openlink_(h, name)	openlink_at(h, 0, name, 0, SYMBOLIC_LINK_QUERY)

static uint32_t dup_handle(uint64_t src, uint64_t *out, uint32_t access, uint32_t attrs,
			   uint32_t options)
{
	if (out)
		*out = 0xdeadbeef;
	return NT(NtDuplicateObject, NT_CURRENT_PROCESS, src, NT_CURRENT_PROCESS, A(out), access,
		  attrs, options);
}

static uint32_t basic_info(uint64_t h, struct nt_object_basic_information *bi)
{
	uint32_t len = 0;

	memset(bi, 0xcc, sizeof(*bi));
	return NT(NtQueryObject, h, OBJECT_BASIC_INFORMATION, A(bi), sizeof(*bi), A(&len));
}

static uint32_t handle_count(uint64_t h)
{
	struct nt_object_basic_information bi;

	return basic_info(h, &bi) ? 0xffffffff : bi.handle_count;
}

static uint32_t granted(uint64_t h)
{
	struct nt_object_basic_information bi;

	return basic_info(h, &bi) ? 0xffffffff : bi.granted_access;
}

static uint32_t qdir(uint64_t h, void *buf, uint32_t len, int single, int restart,
		     uint32_t *ctx, uint32_t *ret)
{
	return NT(NtQueryDirectoryObject, h, A(buf), len, single, restart, A(ctx), A(ret));
}

/*
 * Run @fn in a fork child whose uids are all @uid, and return the NTSTATUS
 * it reports (0xffffffff if it could not).  The child of an NT process is
 * an NT process with no handles.
 */
static uint32_t as_user(uid_t uid, uint32_t (*fn)(void *), void *arg)
{
	uint32_t st = 0xffffffff;
	int p[2], wst;
	pid_t pid;

	if (pipe(p))
		return st;
	pid = fork();
	if (!pid) {
		close(p[0]);
		if (setresgid(uid, uid, uid) || setresuid(uid, uid, uid))
			_exit(2);
		st = fn(arg);
		if (write(p[1], &st, sizeof(st)) != sizeof(st))
			_exit(3);
		_exit(0);
	}
	close(p[1]);
	if (pid < 0 || read(p[0], &st, sizeof(st)) != sizeof(st))
		st = 0xffffffff;
	close(p[0]);
	if (pid > 0)
		waitpid(pid, &wst, 0);
	return st;
}

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
	/* NtOpenDirectoryObject follows a link at the end of the path [notes 4] */
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
	/* OBJ_OPENIF opens it: STATUS_OBJECT_NAME_EXISTS, a success status [notes 2] */
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
 * type mismatch, with or without OBJ_OPENIF ([notes 2], om.c on "\").
 * Creating a directory at a symbolic link's name does not stop at the link:
 * Windows' ObpLookupObjectName calls the link's parse routine even for an
 * insert, and ObpParseSymbolicLink reparses to the target when the link is
 * not of the type wanted [notes 4, WRK oblink.c].  So the target collides,
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

/* Directory and SymbolicLink are case-insensitive types [notes 3]. */
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

/* An empty name with a RootDirectory names the RootDirectory's object [notes 1]. */
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

/* No ObjectName but a RootDirectory: invalid for create and open [notes 1]. */
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

/* Unnamed objects: no attributes, no name or an empty name [notes 1]. */
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

/* ---- path syntax [notes 1] ---- */

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

/* ---- malformed names and attributes [notes 1] ---- */

static struct nt_object_attributes *oa_us(uint64_t root, struct nt_unicode_string *us,
					  uint32_t attr)
{
	struct nt_object_attributes *oa = oa_new(root, NULL, attr);

	oa->object_name = A(us);
	return oa;
}

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

/* Windows 7 and later write NULL to *Handle on failure [notes 1]. */
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
	/* NtMakeTemporaryObject needs DELETE [notes 8] */
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

/* ---- symbolic links [notes 4] ---- */

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

/* Links that lead round in circles end as STATUS_OBJECT_NAME_NOT_FOUND [notes 4]. */
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

/* The target is checked, before the name, as NtCreateSymbolicLinkObject does [notes 4]. */
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

/* ---- NtQueryDirectoryObject [notes 5] ---- */

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

/* ---- NtQueryObject [notes 6] ---- */

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

/* ---- NtDuplicateObject [notes 7] ---- */

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
