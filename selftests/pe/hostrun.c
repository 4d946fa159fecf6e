// SPDX-License-Identifier: GPL-2.0
/*
 * pe-hostrun: ntpersona-run with the module played in user space, to test
 * the PE programs and the shim on the build host, without a guest:
 *
 *	pe-hostrun PROGRAM.exe [ARG]...
 *
 * This file includes userland/shim/ntpersona-run.c as it is, with open() and
 * ioctl() renamed: opening /dev/ntpersona and NTOS_IOC_VERSION /
 * NTOS_IOC_EXEC_PE are served here.  EXEC_PE maps the image at its
 * ImageBase, builds a PEB, process parameters (Windows-quoted command line,
 * UTF-16 environment, std handles 4/8/12 = fds 0/1/2) and a TEB, and turns
 * on Syscall User Dispatch with the shim's Linux region as the allowed one,
 * so that a system call from anywhere else (the PE's stubs) raises SIGSYS
 * and is served by on_sigsys() -- the same split as the module's.  The shim's
 * own code then sets GS, switches stacks and jumps exactly as in the guest.
 *
 * Served: NtReadFile, NtWriteFile, NtTerminateProcess, NtQuerySystemTime,
 * NtQueryPerformanceCounter, NtWaitForSingleObject; the rest answer
 * STATUS_NOT_IMPLEMENTED.  The image checks are minimal: this is not the
 * module's loader and says nothing about malformed images.
 *
 * Needs Linux >= 5.11 (PR_SET_SYSCALL_USER_DISPATCH).  Host only: not built
 * into build/user.
 */
#define _GNU_SOURCE		/* REG_* of ucontext */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#ifndef PR_SET_SYSCALL_USER_DISPATCH
#define PR_SET_SYSCALL_USER_DISPATCH	59
#define PR_SYS_DISPATCH_OFF		0
#define PR_SYS_DISPATCH_ON		1
#define SYSCALL_DISPATCH_FILTER_ALLOW	0
#define SYSCALL_DISPATCH_FILTER_BLOCK	1
#endif

int emu_open(const char *path, int flags, ...);
int emu_ioctl(int fd, unsigned long req, ...);

#define open emu_open
#define ioctl emu_ioctl
#define main shim_main
#include "../../userland/shim/ntpersona-run.c"
#undef open
#undef ioctl
#undef main

#include "../../userland/ntdll/ntstatus.h"	/* uapi's STATUS_ values and the few it lacks */
#include "ntpersona_services.h"		/* generated: gentbl.awk out=uapi */

static int dev_fd = -1;
static volatile char sud_selector = SYSCALL_DISPATCH_FILTER_ALLOW;

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "pe-hostrun: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	_exit(125);
}

int emu_open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	va_start(ap, flags);
	if (flags & O_CREAT)
		mode = va_arg(ap, mode_t);
	va_end(ap);
	if (!strcmp(path, NTOS_DEVICE_PATH)) {
		dev_fd = openat(AT_FDCWD, "/dev/null", O_RDWR | O_CLOEXEC);
		return dev_fd;
	}
	return openat(AT_FDCWD, path, flags, mode);
}

/* our "device" is /dev/null, wherever the shim moved its descriptor */
static int is_dev(int fd)
{
	struct stat a, b;

	return dev_fd >= 0 && !fstat(fd, &a) && !stat("/dev/null", &b) && a.st_rdev == b.st_rdev &&
	       S_ISCHR(a.st_mode);
}

/* ---- building the NT process ---- */

struct wbuf {
	uint16_t *w;
	size_t n, cap;
};

static void wput(struct wbuf *b, uint16_t c)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 256;
		b->w = realloc(b->w, b->cap * 2);
		if (!b->w)
			die("out of memory");
	}
	b->w[b->n++] = c;
}

/* UTF-8 to UTF-16, an invalid byte becomes U+FFFD */
static void wput_utf8(struct wbuf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		uint32_t c = *p, need = 0, i;

		if (c < 0x80)
			need = 0;
		else if ((c & 0xe0) == 0xc0)
			need = 1, c &= 0x1f;
		else if ((c & 0xf0) == 0xe0)
			need = 2, c &= 0x0f;
		else if ((c & 0xf8) == 0xf0)
			need = 3, c &= 0x07;
		else
			need = 99;
		for (i = 1; need != 99 && i <= need; i++) {
			if ((p[i] & 0xc0) != 0x80) {
				need = 99;
				break;
			}
			c = c << 6 | (p[i] & 0x3f);
		}
		if (need == 99) {
			wput(b, 0xfffd);
			p++;
			continue;
		}
		p += need + 1;
		if (c >= 0x10000) {
			c -= 0x10000;
			wput(b, 0xd800 + (c >> 10));
			wput(b, 0xdc00 + (c & 0x3ff));
		} else {
			wput(b, c);
		}
	}
}

/* one argument with Windows quoting (the inverse of the MS C runtime's split) */
static void wput_quoted(struct wbuf *b, const char *a, int program)
{
	char *q, *o;
	const char *p;
	int bs;

	if (*a && !strpbrk(a, " \t\"")) {
		wput_utf8(b, a);
		return;
	}
	q = malloc(4 * strlen(a) + 3);
	if (!q)
		die("out of memory");
	o = q;
	*o++ = '"';
	if (program) {			/* argv[0]: no escapes, quotes cannot occur */
		for (p = a; *p; p++)
			if (*p != '"')
				*o++ = *p;
	} else {
		for (p = a;; p++) {
			bs = 0;
			while (*p == '\\') {
				bs++;
				p++;
			}
			if (!*p) {
				while (bs--) {
					*o++ = '\\';
					*o++ = '\\';
				}
				break;
			}
			if (*p == '"')
				bs = 2 * bs + 1;
			while (bs--)
				*o++ = '\\';
			*o++ = *p;
		}
	}
	*o++ = '"';
	*o = 0;
	wput_utf8(b, q);
	free(q);
}

static void *zalloc_pages(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap: %s", strerror(errno));
	return p;
}

static uint16_t *wdup(struct wbuf *b)
{
	uint16_t *w = zalloc_pages((b->n + 1) * 2);

	memcpy(w, b->w, b->n * 2);
	return w;
}

static void set_us(unsigned char *us, const struct wbuf *b, uint16_t *buf)
{
	*(uint16_t *)us = b->n * 2;
	*(uint16_t *)(us + 2) = b->n * 2 + 2;
	*(uint16_t **)(us + 8) = buf;
}

static uint32_t rd32(const unsigned char *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint16_t rd16(const unsigned char *p) { uint16_t v; memcpy(&v, p, 2); return v; }
static uint64_t rd64(const unsigned char *p) { uint64_t v; memcpy(&v, p, 8); return v; }

static void on_sigsys(int sig, siginfo_t *si, void *ctx);

static int exec_pe(struct ntos_exec_pe *req)
{
	static unsigned char hdr[4096];
	unsigned char *img, *peb, *params, *teb, *stack;
	const char *const *argv = (const char *const *)(uintptr_t)req->argv;
	const char *const *envp = (const char *const *)(uintptr_t)req->envp;
	uint32_t pe, opt, sec, nsec, size_image, size_headers, entry, i;
	struct wbuf cmd = { 0 }, env = { 0 }, path = { 0 };
	uint64_t base;
	struct sigaction sa;
	ssize_t n;

	n = pread(req->fd, hdr, sizeof(hdr), 0);
	if (n < 0x40 || hdr[0] != 'M' || hdr[1] != 'Z')
		return ENOEXEC;
	pe = rd32(hdr + 0x3c);
	if (pe > sizeof(hdr) - 24 - 240 || memcmp(hdr + pe, "PE\0\0", 4) ||
	    rd16(hdr + pe + 4) != 0x8664)
		return ENOEXEC;
	opt = pe + 24;
	if (rd16(hdr + opt) != 0x20b)
		return ENOEXEC;
	nsec = rd16(hdr + pe + 6);
	sec = opt + rd16(hdr + pe + 20);
	if (!nsec || sec + nsec * 40 > (uint32_t)n)
		return ENOEXEC;
	entry = rd32(hdr + opt + 16);
	base = rd64(hdr + opt + 24);
	size_image = rd32(hdr + opt + 56);
	size_headers = rd32(hdr + opt + 60);
	if (!size_image || size_image > 1u << 30 || entry >= size_image ||
	    size_headers > size_image)
		return ENOEXEC;

	img = mmap((void *)base, size_image, PROT_READ | PROT_WRITE | PROT_EXEC,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (img == MAP_FAILED || img != (void *)base)
		return ENOMEM;
	if (pread(req->fd, img, size_headers, 0) < 0)
		return EIO;
	for (i = 0; i < nsec; i++) {
		const unsigned char *s = hdr + sec + 40 * i;
		uint32_t vsize = rd32(s + 8), va = rd32(s + 12), rsize = rd32(s + 16);
		uint32_t rptr = rd32(s + 20);

		if (rsize > vsize && vsize)
			rsize = vsize;
		if ((uint64_t)va + (vsize > rsize ? vsize : rsize) > size_image)
			return ENOEXEC;
		if (rsize && pread(req->fd, img + va, rsize, rptr) != (ssize_t)rsize)
			return ENOEXEC;
	}

	peb = zalloc_pages(4096);
	params = zalloc_pages(4096);
	teb = zalloc_pages(8192);
	stack = zalloc_pages(1 << 20);
	/* TODO(uapi): the PEB/TEB/parameters offsets, as personality/exec.c writes them */
	*(uint64_t *)(peb + 0x10) = base;			/* ImageBaseAddress */
	*(unsigned char **)(peb + 0x20) = params;
	*(uint64_t *)(teb + 0x30) = (uintptr_t)teb;		/* NtTib.Self */
	*(unsigned char **)(teb + 0x60) = peb;
	*(uint32_t *)(params + 0) = 4096;
	*(uint32_t *)(params + 4) = 4096;
	*(uint32_t *)(params + 8) = 1;				/* normalized */
	*(uint64_t *)(params + 0x20) = 4;			/* fd 0 */
	*(uint64_t *)(params + 0x28) = 8;			/* fd 1 */
	*(uint64_t *)(params + 0x30) = 12;			/* fd 2 */

	wput_utf8(&path, argv[0]);
	set_us(params + 0x60, &path, wdup(&path));
	for (i = 0; argv[i]; i++) {
		if (i)
			wput(&cmd, ' ');
		wput_quoted(&cmd, argv[i], i == 0);
	}
	set_us(params + 0x70, &cmd, wdup(&cmd));
	for (i = 0; envp && envp[i]; i++) {
		wput_utf8(&env, envp[i]);
		wput(&env, 0);
	}
	wput(&env, 0);
	if (!i)
		wput(&env, 0);
	*(uint16_t **)(params + 0x80) = wdup(&env);

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSYS, &sa, NULL))
		return errno;
	sud_selector = SYSCALL_DISPATCH_FILTER_BLOCK;
	if (prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON, req->linux_start,
		  req->linux_end - req->linux_start, &sud_selector))
		die("Syscall User Dispatch: %s", strerror(errno));

	req->entry = base + entry;
	req->stack = (uintptr_t)stack + (1 << 20) - 8;	/* 16-aligned, then a slot */
	req->teb = (uintptr_t)teb;
	req->image_base = base;
	req->peb = (uintptr_t)peb;
	return 0;
}

int emu_ioctl(int fd, unsigned long r, ...)
{
	va_list ap;
	void *arg;
	int err;

	va_start(ap, r);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (!is_dev(fd)) {
		errno = ENOTTY;
		return -1;
	}
	if (r == NTOS_IOC_VERSION) {
		struct ntos_version *v = arg;

		v->abi = NTOS_ABI_VERSION;
		v->nt_build = 19045;
		v->nr_services = 473;
		v->reserved = 0;
		return 0;
	}
	if (r == NTOS_IOC_EXEC_PE) {
		err = exec_pe(arg);
		if (err) {
			errno = err;
			return -1;
		}
		return 0;
	}
	errno = ENOTTY;
	return -1;
}

/* ---- the NT services ---- */

static int handle_fd(uint64_t h)
{
	if (h == 4 || h == 8 || h == 12)
		return h / 4 - 1;
	return -1;
}

static uint32_t errno_status(int err)
{
	return err == EPIPE ? STATUS_PIPE_BROKEN : err == EFAULT ?
		STATUS_ACCESS_VIOLATION : STATUS_UNSUCCESSFUL;
}

static void on_sigsys(int sig, siginfo_t *si, void *ctx)
{
	greg_t *g = ((ucontext_t *)ctx)->uc_mcontext.gregs;
	uint64_t a1 = g[REG_R10], a2 = g[REG_RDX], a3 = g[REG_R8], a4 = g[REG_R9];
	const uint64_t *stk = (const uint64_t *)(g[REG_RSP] + 0x28);
	uint32_t st = STATUS_NOT_IMPLEMENTED;
	struct timespec ts;
	ssize_t n;
	int fd;

	(void)sig;
	(void)a2;
	(void)a3;
	(void)a4;
	switch (si->si_syscall) {
	case NTSVC_NtReadFile:
	case NTSVC_NtWriteFile: {
		/* (h, event, apc, apcctx, iosb, buf, ULONG len, offset, key) */
		uint64_t *iosb = (uint64_t *)stk[0];
		void *buf = (void *)stk[1];
		uint32_t len = (uint32_t)stk[2];	/* a ULONG: the high half is garbage */

		fd = handle_fd(a1);
		if (fd < 0) {
			st = STATUS_INVALID_HANDLE;
			break;
		}
		if (!iosb || stk[3]) {
			st = STATUS_INVALID_PARAMETER;
			break;
		}
		if (si->si_syscall == NTSVC_NtReadFile)
			n = read(fd, buf, len);
		else
			n = write(fd, buf, len);
		if (n < 0) {
			st = errno_status(errno);
		} else if (n == 0 && len && si->si_syscall == NTSVC_NtReadFile) {
			st = STATUS_END_OF_FILE;
		} else {
			st = STATUS_SUCCESS;
			iosb[1] = n;
		}
		*(uint32_t *)iosb = st;
		if (st == STATUS_END_OF_FILE)
			iosb[1] = 0;
		break;
	}
	case NTSVC_NtTerminateProcess:
		if (a1 != (uint64_t)-1) {
			st = STATUS_INVALID_HANDLE;
			break;
		}
		syscall(SYS_exit_group, (int)(uint32_t)a2);
		break;
	case NTSVC_NtQuerySystemTime:
		clock_gettime(CLOCK_REALTIME, &ts);
		*(uint64_t *)a1 = 116444736000000000ull + ts.tv_sec * 10000000ull + ts.tv_nsec / 100;
		st = STATUS_SUCCESS;
		break;
	case NTSVC_NtQueryPerformanceCounter:
		clock_gettime(CLOCK_MONOTONIC, &ts);
		*(uint64_t *)a1 = ts.tv_sec * 10000000ull + ts.tv_nsec / 100;
		if (a2)
			*(uint64_t *)a2 = 10000000;
		st = STATUS_SUCCESS;
		break;
	case NTSVC_NtWaitForSingleObject:
		st = STATUS_SUCCESS;
		break;
	}
	g[REG_RAX] = st;
}

int main(int argc, char **argv)
{
	return shim_main(argc, argv);
}
