/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * ntpersona user-space ABI: the ioctls of /dev/ntpersona.
 *
 * Every struct here has a fixed layout with explicit padding, so that the
 * same header serves the module, static test programs and the PE shim.
 * NTOS_ABI_VERSION changes whenever an ioctl's number or struct changes.
 */
#ifndef _UAPI_NTPERSONA_H
#define _UAPI_NTPERSONA_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define NTOS_DEVICE_PATH	"/dev/ntpersona"
#define NTOS_ABI_VERSION	2

#define NTOS_IOC_MAGIC		'N'

/**
 * struct ntos_version - answer of NTOS_IOC_VERSION
 * @abi: NTOS_ABI_VERSION of the running module
 * @nt_build: Windows build whose service numbers the module serves
 * @nr_services: number of entries in the service table
 * @reserved: zero
 */
struct ntos_version {
	__u32 abi;
	__u32 nt_build;
	__u32 nr_services;
	__u32 reserved;
};

#define NTOS_IOC_VERSION	_IOR(NTOS_IOC_MAGIC, 0x00, struct ntos_version)

#define NTOS_MAX_LINUX_REGIONS	4

/**
 * struct ntos_become_nt - argument of NTOS_IOC_BECOME_NT
 * @nr_regions: how many of @regions are used
 * @flags: zero
 * @regions: address ranges [start, end) whose system calls stay Linux calls
 *	(the vDSO is always one); a call returning anywhere else is an NT call
 *
 * Makes the calling process an NT process: every thread of it, present and
 * future, has its system calls served as NT services.  Fails with EPERM
 * for a process under seccomp, EEXIST if it already is one.
 */
struct ntos_become_nt {
	__u32 nr_regions;
	__u32 flags;
	struct {
		__u64 start;
		__u64 end;
	} regions[NTOS_MAX_LINUX_REGIONS];
};

#define NTOS_IOC_BECOME_NT	_IOW(NTOS_IOC_MAGIC, 0x01, struct ntos_become_nt)

#endif /* _UAPI_NTPERSONA_H */
