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
#define NTOS_ABI_VERSION	4

/* Windows 10 22H2: the service numbers served, the build the PEB reports */
#define NTOS_NT_BUILD		19045

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

/**
 * struct ntos_exec_pe - argument of NTOS_IOC_EXEC_PE
 * @fd: the PE image, open for reading
 * @flags: zero
 * @argv: user pointer to the NULL-terminated argument vector (argv[0] is
 *	the program as invoked)
 * @envp: user pointer to the NULL-terminated environment
 * @linux_start: start of the caller's Linux region (its own code)
 * @linux_end: end of it
 * @entry: out: where the NT process starts (the image's entry point)
 * @stack: out: its initial stack pointer (16-byte aligned, then a return
 *	address slot: as after a call)
 * @teb: out: the initial thread's TEB, for the GS base
 * @image_base: out: where the image was mapped
 * @peb: out: the PEB (the entry point gets it in rcx, as on Windows)
 * @entry_args: out: rdx, r8 and r9 at @entry (zero unless @entry is
 *	ntdll.dll's: then the image's entry point, ntdll's base and the
 *	system directory as a NUL-terminated UTF-16 DOS path)
 *
 * Maps the PE32+ image into the calling process, builds its PEB, TEB,
 * process parameters (command line with Windows quoting, environment,
 * current directory, std handles on fds 0/1/2) and makes it an NT process
 * whose Linux region is [@linux_start, @linux_end).  The caller then sets
 * its GS base to @teb and jumps to @entry on @stack.  ENOEXEC: not a valid
 * PE32+ x64 image (the reason is in the kernel log).
 */
struct ntos_exec_pe {
	__s32 fd;
	__u32 flags;
	__u64 argv;
	__u64 envp;
	__u64 linux_start;
	__u64 linux_end;
	__u64 entry;
	__u64 stack;
	__u64 teb;
	__u64 image_base;
	__u64 peb;
	__u64 entry_args[3];
};

#define NTOS_IOC_EXEC_PE	_IOWR(NTOS_IOC_MAGIC, 0x02, struct ntos_exec_pe)

#endif /* _UAPI_NTPERSONA_H */
