/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntrt.h: the whole "runtime" of the freestanding PE test programs.
 *
 * Built with x86_64-w64-mingw32-gcc -nostdlib -ffreestanding -e start and
 * linked with the system-call stubs generated from syscalls/nt.tbl
 * (syscalls/gentbl.awk, out=stubs): no CRT, no imports, no DLL.  Each program is one
 * translation unit that includes this header and defines
 *
 *	int start(void *peb);
 *
 * called as a Windows entry point (rcx = PEB, a return address that ends the
 * process with the returned value).  Everything reaches the process through
 * the PEB (gs:[0x60]) and its RTL_USER_PROCESS_PARAMETERS: std handles,
 * command line, environment.
 */
#ifndef NTRT_H
#define NTRT_H

#include "ntargv.h"
#include "../../userland/ntdll/ntstatus.h"	/* NTSTATUS, uapi's STATUS_ values */
#include "../../uapi/nt.h"			/* the layouts the kernel reads */

typedef unsigned int ULONG;
typedef unsigned short USHORT;
typedef unsigned short WCHAR;
typedef unsigned long long ULONG_PTR;
typedef long long LONGLONG;
typedef void *HANDLE;
typedef unsigned char BOOLEAN;

typedef struct {
	USHORT Length;			/* bytes, without a terminating NUL */
	USHORT MaximumLength;
	WCHAR *Buffer;
} UNICODE_STRING;

typedef struct {
	union {
		NTSTATUS Status;
		void *Pointer;
	};
	ULONG_PTR Information;
} IO_STATUS_BLOCK;

_Static_assert(sizeof(UNICODE_STRING) == sizeof(struct nt_unicode_string), "UNICODE_STRING");

typedef union {
	struct {
		ULONG LowPart;
		int HighPart;
	};
	LONGLONG QuadPart;
} LARGE_INTEGER;

#define NtCurrentProcess()		((HANDLE)(ULONG_PTR)NT_CURRENT_PROCESS)

typedef void (*PIO_APC_ROUTINE)(void *ApcContext, IO_STATUS_BLOCK *IoStatusBlock, ULONG Reserved);

/* the services used, from the generated stubs (Windows x64 ABI) */
NTSTATUS NtWriteFile(HANDLE FileHandle, HANDLE Event, PIO_APC_ROUTINE ApcRoutine,
		     void *ApcContext, IO_STATUS_BLOCK *IoStatusBlock, const void *Buffer,
		     ULONG Length, LARGE_INTEGER *ByteOffset, ULONG *Key);
NTSTATUS NtReadFile(HANDLE FileHandle, HANDLE Event, PIO_APC_ROUTINE ApcRoutine,
		    void *ApcContext, IO_STATUS_BLOCK *IoStatusBlock, void *Buffer,
		    ULONG Length, LARGE_INTEGER *ByteOffset, ULONG *Key);
NTSTATUS NtTerminateProcess(HANDLE ProcessHandle, NTSTATUS ExitStatus);
NTSTATUS NtQuerySystemTime(LARGE_INTEGER *SystemTime);
NTSTATUS NtQueryPerformanceCounter(LARGE_INTEGER *PerformanceCounter,
				   LARGE_INTEGER *PerformanceFrequency);
NTSTATUS NtWaitForSingleObject(HANDLE Handle, BOOLEAN Alertable, LARGE_INTEGER *Timeout);

int start(void *peb);

/* helpers a program may leave unused */
#define NTRT_FN static __attribute__((unused))

/*
 * gcc may turn loops and struct copies into calls to these even when
 * freestanding; there is no C library to provide them.
 */
__attribute__((used)) void *memset(void *d, int c, unsigned long long n)
{
	volatile unsigned char *p = d;

	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

__attribute__((used)) void *memcpy(void *d, const void *s, unsigned long long n)
{
	volatile unsigned char *p = d;
	const unsigned char *q = s;

	while (n--)
		*p++ = *q++;
	return d;
}

/* ---- PEB and process parameters (offsets of the x64 structures) ---- */
/* TODO(uapi): the offsets below, as personality/exec.c writes them */

static inline unsigned char *nt_peb(void)
{
	unsigned char *peb;

	__asm__ volatile("mov %%gs:0x60, %0" : "=r"(peb));
	return peb;
}

static inline unsigned char *nt_params(void)
{
	return *(unsigned char **)(nt_peb() + 0x20);	/* PEB.ProcessParameters */
}

static inline HANDLE nt_stdin(void)  { return *(HANDLE *)(nt_params() + 0x20); }
static inline HANDLE nt_stdout(void) { return *(HANDLE *)(nt_params() + 0x28); }
static inline HANDLE nt_stderr(void) { return *(HANDLE *)(nt_params() + 0x30); }
static inline UNICODE_STRING *nt_image_path(void)
{
	return (UNICODE_STRING *)(nt_params() + 0x60);
}
static inline UNICODE_STRING *nt_command_line(void)
{
	return (UNICODE_STRING *)(nt_params() + 0x70);
}
/* UTF-16 strings one after the other, each NUL-terminated, then one more NUL */
static inline const WCHAR *nt_environment(void)
{
	return *(const WCHAR **)(nt_params() + 0x80);
}

/* ---- output ---- */

static inline unsigned long long nt_strlen(const char *s)
{
	unsigned long long n = 0;

	while (s[n])
		n++;
	return n;
}

/*
 * Write all of @buf: NtWriteFile until everything is written.  A success
 * that reports more bytes than asked (or none) is a service bug and gives
 * STATUS_INTERNAL_ERROR.
 */
NTRT_FN NTSTATUS nt_write(HANDLE h, const void *buf, unsigned long long len)
{
	const unsigned char *p = buf;

	while (len) {
		IO_STATUS_BLOCK iosb;
		ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
		NTSTATUS st;

		iosb.Status = -1;
		iosb.Information = ~0ULL;
		st = NtWriteFile(h, 0, 0, 0, &iosb, p, chunk, 0, 0);
		if (st == STATUS_PENDING) {
			NtWaitForSingleObject(h, 0, 0);
			st = iosb.Status;
		}
		if (!NT_SUCCESS(st))
			return st;
		if (iosb.Information == 0 || iosb.Information > chunk)
			return STATUS_INTERNAL_ERROR;
		p += iosb.Information;
		len -= iosb.Information;
	}
	return STATUS_SUCCESS;
}

static inline NTSTATUS nt_puts(HANDLE h, const char *s)
{
	return nt_write(h, s, nt_strlen(s));
}

NTRT_FN NTSTATUS nt_put_udec(HANDLE h, unsigned long long v)
{
	char b[24];
	int i = sizeof(b);

	do {
		b[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return nt_write(h, b + i, sizeof(b) - i);
}

NTRT_FN NTSTATUS nt_put_hex(HANDLE h, unsigned long long v, int digits)
{
	char b[18];
	int i;

	if (digits < 1 || digits > 16)
		digits = 16;
	b[0] = '0';
	b[1] = 'x';
	for (i = 0; i < digits; i++)
		b[2 + i] = "0123456789abcdef"[(v >> (4 * (digits - 1 - i))) & 15];
	return nt_write(h, b, 2 + digits);
}

/* @n UTF-16 units as UTF-8 (a lone surrogate becomes U+FFFD) */
NTRT_FN NTSTATUS nt_put_wstr(HANDLE h, const WCHAR *s, unsigned long long n)
{
	unsigned char b[256];
	unsigned int o = 0;
	unsigned long long i;
	NTSTATUS st;

	for (i = 0; i < n; i++) {
		unsigned int c = s[i];

		if (c >= 0xd800 && c < 0xdc00 && i + 1 < n &&
		    s[i + 1] >= 0xdc00 && s[i + 1] < 0xe000) {
			c = 0x10000 + ((c - 0xd800) << 10) + (s[i + 1] - 0xdc00);
			i++;
		} else if (c >= 0xd800 && c < 0xe000) {
			c = 0xfffd;
		}
		if (o > sizeof(b) - 4) {
			st = nt_write(h, b, o);
			if (!NT_SUCCESS(st))
				return st;
			o = 0;
		}
		if (c < 0x80) {
			b[o++] = (unsigned char)c;
		} else if (c < 0x800) {
			b[o++] = (unsigned char)(0xc0 | c >> 6);
			b[o++] = (unsigned char)(0x80 | (c & 0x3f));
		} else if (c < 0x10000) {
			b[o++] = (unsigned char)(0xe0 | c >> 12);
			b[o++] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
			b[o++] = (unsigned char)(0x80 | (c & 0x3f));
		} else {
			b[o++] = (unsigned char)(0xf0 | c >> 18);
			b[o++] = (unsigned char)(0x80 | ((c >> 12) & 0x3f));
			b[o++] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
			b[o++] = (unsigned char)(0x80 | (c & 0x3f));
		}
	}
	return o ? nt_write(h, b, o) : STATUS_SUCCESS;
}

static inline unsigned long long nt_wcslen(const WCHAR *s)
{
	unsigned long long n = 0;

	while (s[n])
		n++;
	return n;
}

/* "prog: what: 0xSTATUS\n" on stderr */
NTRT_FN void nt_report(const char *prog, const char *what, NTSTATUS st)
{
	HANDLE e = nt_stderr();

	nt_puts(e, prog);
	nt_puts(e, ": ");
	nt_puts(e, what);
	nt_puts(e, ": status ");
	nt_put_hex(e, (ULONG)st, 8);
	nt_puts(e, "\n");
}

/* ---- arguments and exit ---- */

#define NT_MAX_ARGS	1024
static WCHAR nt_argbuf[2 * (32768 + 1)];
static WCHAR *nt_argv[NT_MAX_ARGS + 1];

/* the command line split with the MS C runtime rules; argv[0] is the program */
NTRT_FN int nt_args(WCHAR ***argvp)
{
	UNICODE_STRING *cl = nt_command_line();
	unsigned int len = cl->Length / 2;
	int argc;

	if (!cl->Buffer || len > 32768)
		len = 0;
	argc = ntargv_split(cl->Buffer, len, nt_argbuf, nt_argv, NT_MAX_ARGS);
	if (argc > NT_MAX_ARGS)
		argc = NT_MAX_ARGS;
	nt_argv[argc] = 0;
	*argvp = nt_argv;
	return argc;
}

/*
 * Parse a decimal (optionally signed) or 0x-hexadecimal number.  Returns 0
 * and sets *@v, or -1 if @s is not one.
 */
NTRT_FN int nt_wtoi(const WCHAR *s, long long *v)
{
	unsigned long long r = 0;
	int neg = 0, base = 10, any = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (; *s; s++, any = 1) {
		unsigned int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return -1;
		r = r * base + d;
	}
	if (!any)
		return -1;
	*v = neg ? -(long long)r : (long long)r;
	return 0;
}

/*
 * End the process with @status through NtTerminateProcess(NtCurrentProcess()).
 * It does not return; if the service does, that is reported and the caller
 * returns 255 from its entry point.
 */
NTRT_FN int nt_exit(NTSTATUS status)
{
	NTSTATUS st = NtTerminateProcess(NtCurrentProcess(), status);

	nt_report("ntrt", "NtTerminateProcess(NtCurrentProcess()) returned", st);
	return 255;
}

#endif
