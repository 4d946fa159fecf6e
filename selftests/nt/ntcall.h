/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Issuing raw NT system calls from a Linux test program.
 *
 * nt_become() makes the calling process an NT process whose Linux region is
 * this program's text (so glibc keeps working) and copies a small
 * trampoline onto a page of its own, outside that region: a system call
 * made there is an NT call.  NT(Name, args...) calls the service Name with
 * the Windows x64 convention (r10, rdx, r8, r9, then the stack from
 * rsp + 0x28) and returns its NTSTATUS.
 */
#ifndef NTCALL_H
#define NTCALL_H

#include <stddef.h>
#include <stdint.h>

#include "../../uapi/nt.h"
#include "../../uapi/ntpersona.h"
#include "../../uapi/ntstatus.h"
#include "ntpersona_services.h"

#define NT_MAX_ARGS	16
#define A(x)		((uint64_t)(uintptr_t)(x))

uint32_t nt_call(uint32_t nr, const uint64_t *args);
/* like nt_call, with rsp set to @stack for the call (to test bad stacks) */
uint32_t nt_call_stack(uint32_t nr, const uint64_t *args, uint64_t stack);

#define NT(name, ...) nt_call(NTSVC_##name, (const uint64_t[NT_MAX_ARGS]){ __VA_ARGS__ })
#define NTN(nr, ...) nt_call((nr), (const uint64_t[NT_MAX_ARGS]){ __VA_ARGS__ })

/* 0, or -errno of the NTOS_IOC_BECOME_NT ioctl */
int nt_become(void);
/* only the trampoline page (nt_become does it too) */
int nt_tramp_setup(void);
extern const char __executable_start[], etext[];

/* UNICODE_STRING of an ASCII string, in memory that lives until exit */
struct nt_unicode_string *nt_us(const char *s);
/* OBJECT_ATTRIBUTES in static storage (one per call site is enough) */
struct nt_object_attributes *nt_oa(struct nt_object_attributes *oa, uint64_t root,
				   const char *name, uint32_t attributes);
/* compare a UTF-16 buffer with ASCII */
int nt_wcs_eq(const uint16_t *w, unsigned int bytes, const char *s);

/* @bytes of UTF-16 at user address @chars as ASCII ('?' beyond) in @out */
void nt_w2a(char *out, size_t n, uint64_t chars, unsigned int bytes);
/* NtQueryObject: the full name / the type name of @h, as ASCII; the NTSTATUS */
uint32_t nt_name_of(uint64_t h, char *out, size_t n);
uint32_t nt_type_of(uint64_t h, char *out, size_t n);

/*
 * The size of a stress loop: @n on a production kernel, a tenth (at least 1)
 * on the debug kernel of scripts/debug-kernel, whose checkers make each call
 * ten to thirty times dearer; NTOS_TEST_DIVISOR=D in the environment divides
 * by D instead (1: full size everywhere).
 */
unsigned long nt_scaled(unsigned long n);

/* /sys/kernel/debug/ntpersona/live_objects */
long nt_live_objects(void);
/* wait (up to 5 s, 50 s on the debug kernel) for the live object count to drop to @want; returns it */
long nt_wait_live_objects(long want);
int nt_write_faults(uint64_t addr);

#endif
