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
#define NTOS_ABI_VERSION	1

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

#endif /* _UAPI_NTPERSONA_H */
