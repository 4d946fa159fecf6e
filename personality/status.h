/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NTSTATUS in the kernel, and what a service returns to the dispatcher.
 *
 * ntstatus_t is a restricted type: sparse refuses to mix it with integers,
 * so an errno, a length or a Linux system-call number cannot be returned
 * as an NTSTATUS by mistake, and ordering comparisons (status < 0) are
 * refused too (ntos_nt_success() reads the severity).  The STATUS_ values
 * of uapi/ntstatus.h are of this type here.
 *
 * A service returns ntos_ret_t to the dispatcher: an NTSTATUS
 * (ntos_ret()), a restart after a Linux signal (ntos_ret_restart()) or a
 * Linux system call to run in the NT call's place (ntos_linux_call()).
 * Only those three make one, so neither marker can reach user space as a
 * status, nor a status be taken for a marker.  The encoding is the one the
 * dispatcher stores in rax: an NTSTATUS zero-extended, -ERESTARTNOINTR,
 * and NTOS_LINUX_CALL_BASE - nr; making and reading one costs nothing.
 */
#ifndef _NTOS_STATUS_H
#define _NTOS_STATUS_H

#include <linux/errno.h>
#include <linux/types.h>

typedef u32 __bitwise ntstatus_t;

#define NTOS_STATUS_VALUE(v)	((__force ntstatus_t)(v))
#include "../uapi/ntstatus.h"

/*
 * Kernel-internal statuses (customer bit set, so never a Windows value),
 * never returned to user space: the fast path of a wait or a lookup cannot
 * answer and the caller takes the slow one (NTOS_STATUS_AGAIN), or an
 * object went away between the two (NTOS_STATUS_STALE).
 */
#define NTOS_STATUS_AGAIN	NTOS_STATUS_VALUE(0xe0de0001)
#define NTOS_STATUS_STALE	NTOS_STATUS_VALUE(0xe0de0002)

static inline bool ntos_nt_success(ntstatus_t status)
{
	return (__force s32)status >= 0;
}

/* STATUS_WAIT_0 + i, STATUS_ABANDONED_WAIT_0 + i */
static inline ntstatus_t ntos_status_plus(ntstatus_t base, unsigned int i)
{
	return (__force ntstatus_t)((__force u32)base + i);
}

static inline u32 ntos_status_raw(ntstatus_t status)
{
	return (__force u32)status;
}

/* The one errno -> NTSTATUS table: what a Linux error means to an NT caller. */
ntstatus_t ntos_errno_status(int err);

typedef long __bitwise ntos_ret_t;

/* a Linux system call to run in the NT call's place: see ntos_linux_call() */
#define NTOS_LINUX_CALL_BASE	(-(1L << 32))

static inline ntos_ret_t ntos_ret(ntstatus_t status)
{
	return (__force ntos_ret_t)(long)(__force u32)status;
}

/* The result of a service that returns a ULONG, not an NTSTATUS */
static inline ntos_ret_t ntos_ret_value(u32 v)
{
	return (__force ntos_ret_t)(long)v;
}

/* A Linux signal interrupted the call: its handler runs, then the call again. */
static inline ntos_ret_t ntos_ret_restart(void)
{
	return (__force ntos_ret_t)(long)-ERESTARTNOINTR;
}

static inline bool ntos_ret_is(ntos_ret_t ret, ntstatus_t status)
{
	return ret == ntos_ret(status);
}

/* ntos_errno_status(), except that an interrupted call is restarted */
static inline ntos_ret_t ntos_errno_ret(int err)
{
	if (err == -EINTR || err == -ERESTARTSYS || err == -ERESTARTNOINTR ||
	    err == -ERESTARTNOHAND)
		return ntos_ret_restart();
	return ntos_ret(ntos_errno_status(err));
}

#endif /* _NTOS_STATUS_H */
