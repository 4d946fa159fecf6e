/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the object manager's tests share (object_test, directory_test,
 * symlink_test): names under \\BaseNamedObjects\\ot-<test>, object
 * attributes and the services called with them in one line each.
 */
#ifndef OBJTEST_H
#define OBJTEST_H

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

static inline struct nt_object_attributes *oa_new(uint64_t root, const char *name, uint32_t attr)
{
	return nt_oa(calloc(1, sizeof(struct nt_object_attributes)), root, name, attr);
}

static inline uint32_t mkdir_at(uint64_t *h, uint64_t root, const char *name, uint32_t attr,
			 uint32_t access)
{
	*h = 0xdeadbeef;
	return NT(NtCreateDirectoryObject, A(h), access, A(oa_new(root, name, attr)));
}

static inline uint32_t opendir_at(uint64_t *h, uint64_t root, const char *name, uint32_t attr,
			   uint32_t access)
{
	*h = 0xdeadbeef;
	return NT(NtOpenDirectoryObject, A(h), access, A(oa_new(root, name, attr)));
}

static inline uint32_t mklink_at(uint64_t *h, uint64_t root, const char *name, const char *target,
			  uint32_t attr, uint32_t access)
{
	*h = 0xdeadbeef;
	return NT(NtCreateSymbolicLinkObject, A(h), access, A(oa_new(root, name, attr)),
		  A(nt_us(target)));
}

static inline uint32_t openlink_at(uint64_t *h, uint64_t root, const char *name, uint32_t attr,
			    uint32_t access)
{
	*h = 0xdeadbeef;
	return NT(NtOpenSymbolicLinkObject, A(h), access, A(oa_new(root, name, attr)));
}

#define mkdir_(h, name)		mkdir_at(h, 0, name, 0, DIR_ALL)
#define opendir_(h, name)	opendir_at(h, 0, name, 0, DIRECTORY_QUERY)
#define mklink_(h, name, target) mklink_at(h, 0, name, target, 0, LINK_ALL)
#define openlink_(h, name)	openlink_at(h, 0, name, 0, SYMBOLIC_LINK_QUERY)

static inline uint32_t dup_handle(uint64_t src, uint64_t *out, uint32_t access, uint32_t attrs,
			   uint32_t options)
{
	if (out)
		*out = 0xdeadbeef;
	return NT(NtDuplicateObject, NT_CURRENT_PROCESS, src, NT_CURRENT_PROCESS, A(out), access,
		  attrs, options);
}

static inline uint32_t basic_info(uint64_t h, struct nt_object_basic_information *bi)
{
	uint32_t len = 0;

	memset(bi, 0xcc, sizeof(*bi));
	return NT(NtQueryObject, h, OBJECT_BASIC_INFORMATION, A(bi), sizeof(*bi), A(&len));
}

static inline uint32_t handle_count(uint64_t h)
{
	struct nt_object_basic_information bi;

	return basic_info(h, &bi) ? 0xffffffff : bi.handle_count;
}

static inline uint32_t granted(uint64_t h)
{
	struct nt_object_basic_information bi;

	return basic_info(h, &bi) ? 0xffffffff : bi.granted_access;
}

static inline uint32_t qdir(uint64_t h, void *buf, uint32_t len, int single, int restart,
		     uint32_t *ctx, uint32_t *ret)
{
	return NT(NtQueryDirectoryObject, h, A(buf), len, single, restart, A(ctx), A(ret));
}

/*
 * Run @fn in a fork child whose uids are all @uid, and return the NTSTATUS
 * it reports (0xffffffff if it could not).  The child of an NT process is
 * an NT process with no handles.
 */
static inline uint32_t as_user(uid_t uid, uint32_t (*fn)(void *), void *arg)
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

/* OBJECT_ATTRIBUTES with the UNICODE_STRING @us as it is */
static inline struct nt_object_attributes *oa_us(uint64_t root, struct nt_unicode_string *us,
						 uint32_t attr)
{
	struct nt_object_attributes *oa = oa_new(root, NULL, attr);

	oa->object_name = A(us);
	return oa;
}

#endif /* OBJTEST_H */
