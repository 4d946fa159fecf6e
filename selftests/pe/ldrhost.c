// SPDX-License-Identifier: GPL-2.0
/*
 * ntdll-hostrun: run a PE program through our ntdll.dll on the build host,
 * with the kernel's side of the process start played in user space:
 *
 *	ntdll-hostrun [-s SYSTEM_DIR] PROGRAM.exe [ARG]...
 *
 * It maps PROGRAM.exe and SYSTEM_DIR/ntdll.dll (default: the directory
 * ../system32 next to this program's own), each at its preferred base or
 * relocated, with their sections' protections, builds PEB, TEB and process
 * parameters (std handles 4/8/12 = fds 0/1/2), and enters ntdll's entry
 * point as the module does: start(peb, exe_entry, ntdll_base, system_dir).
 * System calls from outside this program's text raise SIGSYS (Syscall User
 * Dispatch) and are served here: the file, memory and I/O services the
 * loader needs, with Windows semantics as far as the loader can tell.
 *
 * It tests ntdll and the PE test programs, not the module: the image checks
 * are minimal.  Host only, static (so that all of its code is one region).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>
#include <asm/prctl.h>

#include "ntpersona_services.h"		/* generated: gentbl.awk out=uapi */
#include "../../userland/ntdll/ntstatus.h"	/* uapi's STATUS_ values and the few it lacks */

#ifndef PR_SET_SYSCALL_USER_DISPATCH
#define PR_SET_SYSCALL_USER_DISPATCH	59
#define PR_SYS_DISPATCH_ON		1
#define SYSCALL_DISPATCH_FILTER_ALLOW	0
#define SYSCALL_DISPATCH_FILTER_BLOCK	1
#endif

extern const char __executable_start[], etext[];
static volatile char sud_selector = SYSCALL_DISPATCH_FILTER_ALLOW;

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "ntdll-hostrun: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(125);
}

static uint16_t rd16(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return v; }
static uint32_t rd32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint64_t rd64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }

/* ---- the address space: regions of NtAllocateVirtualMemory, for MEM_RELEASE ---- */

#define MAX_REGIONS 4096
static struct { uintptr_t base; size_t size; } regions[MAX_REGIONS];

static void region_add(void *p, size_t size)
{
	int i;

	for (i = 0; i < MAX_REGIONS; i++)
		if (!regions[i].base) {
			regions[i].base = (uintptr_t)p;
			regions[i].size = size;
			return;
		}
	die("too many regions");
}

/* @size bytes at a 64 KiB boundary, at @want if not 0 (NULL if that is taken) */
static void *map_at(uintptr_t want, size_t size, int prot)
{
	uint8_t *p;
	uintptr_t a;

	if (want) {
		p = mmap((void *)want, size, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
			 -1, 0);
		if (p == MAP_FAILED || (uintptr_t)p != want) {
			if (p != MAP_FAILED)
				munmap(p, size);
			return NULL;
		}
		return p;
	}
	p = mmap(NULL, size + 0x10000, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	a = ((uintptr_t)p + 0xffff) & ~(uintptr_t)0xffff;
	if (a > (uintptr_t)p)
		munmap(p, a - (uintptr_t)p);
	munmap((void *)(a + size), (uintptr_t)p + size + 0x10000 - (a + size));
	return (void *)a;
}

/* ---- mapping an image (the kernel's job) ---- */

static int win_prot(uint32_t ch)
{
	return (ch & 0x40000000 ? PROT_READ : 0) | (ch & 0x80000000 ? PROT_WRITE : 0) |
	       (ch & 0x20000000 ? PROT_EXEC : 0);
}

/* map @path; returns its base, *@entry the entry point's address */
static uint8_t *map_image(const char *path, uint64_t *entry)
{
	static uint8_t hdr[4096];
	uint32_t pe, opt, sec, nsec, size, hsize, i;
	uint64_t pref, delta;
	uint8_t *img;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		die("%s: %s", path, strerror(errno));
	n = pread(fd, hdr, sizeof(hdr), 0);
	if (n < 0x200 || hdr[0] != 'M' || hdr[1] != 'Z')
		die("%s: not a PE image", path);
	pe = rd32(hdr + 0x3c);
	if (pe > sizeof(hdr) - 264 || memcmp(hdr + pe, "PE\0\0", 4) || rd16(hdr + pe + 4) != 0x8664)
		die("%s: not an x64 PE image", path);
	opt = pe + 24;
	nsec = rd16(hdr + pe + 6);
	sec = opt + rd16(hdr + pe + 20);
	pref = rd64(hdr + opt + 24);
	size = rd32(hdr + opt + 56);
	hsize = rd32(hdr + opt + 60);
	if (rd16(hdr + opt) != 0x20b || sec + nsec * 40 > (uint32_t)n || !size || hsize > size)
		die("%s: bad headers", path);
	img = map_at(pref, size, PROT_READ | PROT_WRITE);
	if (!img)
		img = map_at(0, size, PROT_READ | PROT_WRITE);
	if (!img)
		die("%s: cannot map %u bytes", path, size);
	if (pread(fd, img, hsize, 0) < 0)
		die("%s: %s", path, strerror(errno));
	for (i = 0; i < nsec; i++) {
		const uint8_t *s = hdr + sec + 40 * i;
		uint32_t vsize = rd32(s + 8), va = rd32(s + 12), raw = rd32(s + 16);

		if (vsize && raw > vsize)
			raw = vsize;
		if ((uint64_t)va + raw > size ||
		    (raw && pread(fd, img + va, raw, rd32(s + 20)) != (ssize_t)raw))
			die("%s: section %u", path, i);
	}
	close(fd);
	delta = (uintptr_t)img - pref;
	if (delta) {		/* DIR64 relocations, trusted: this is not the module's loader */
		uint32_t rva = rd32(hdr + opt + 112 + 5 * 8), rsize = rd32(hdr + opt + 112 + 5 * 8 + 4);
		uint32_t p = rva;

		if (!rsize)
			die("%s: not at its base and no relocations", path);
		while (p + 8 <= rva + rsize) {
			uint32_t page = rd32(img + p), bsize = rd32(img + p + 4), k;

			if (bsize < 8)
				break;
			for (k = 8; k + 2 <= bsize; k += 2) {
				uint16_t e = rd16(img + p + k);

				if (e >> 12 == 10)
					*(uint64_t *)(img + page + (e & 0xfff)) += delta;
			}
			p += bsize;
		}
	}
	*entry = (uintptr_t)img + rd32(hdr + opt + 16);
	/* final protections, as the kernel maps them */
	mprotect(img, hsize, PROT_READ);
	for (i = 0; i < nsec; i++) {
		const uint8_t *s = hdr + sec + 40 * i;
		uint32_t vsize = rd32(s + 8) ? rd32(s + 8) : rd32(s + 16);

		mprotect(img + rd32(s + 12), (vsize + 4095) & ~4095u, win_prot(rd32(s + 36)));
	}
	return img;
}

/* ---- PEB, TEB, parameters ---- */

struct wbuf {
	uint16_t w[65536];
	size_t n;
};

static void wput(struct wbuf *b, uint16_t c)
{
	if (b->n >= sizeof(b->w) / 2 - 1)
		die("strings too long");
	b->w[b->n++] = c;
}

/* UTF-8 (or Latin-1 bytes when not UTF-8, good enough here) */
static void wput_utf8(struct wbuf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		uint32_t c = *p;

		if (c >= 0xc0 && c < 0xe0 && (p[1] & 0xc0) == 0x80) {
			c = (c & 0x1f) << 6 | (p[1] & 0x3f), p += 2;
		} else if (c >= 0xe0 && c < 0xf0 && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
			c = (c & 0x0f) << 12 | (p[1] & 0x3f) << 6 | (p[2] & 0x3f), p += 3;
		} else if (c >= 0xf0 && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80 &&
			   (p[3] & 0xc0) == 0x80) {
			c = (c & 7) << 18 | (p[1] & 0x3f) << 12 | (p[2] & 0x3f) << 6 | (p[3] & 0x3f);
			p += 4;
			c -= 0x10000;
			wput(b, 0xd800 + (c >> 10));
			c = 0xdc00 + (c & 0x3ff);
		} else {
			p++;
		}
		wput(b, c);
	}
}

static void wput_dos(struct wbuf *b, const char *path)
{
	size_t i = b->n;

	wput(b, 'Z');
	wput(b, ':');
	wput_utf8(b, path);
	for (; i < b->n; i++)
		if (b->w[i] == '/')
			b->w[i] = '\\';
}

/* an argument quoted for the MS C runtime's splitter */
static void wput_arg(struct wbuf *b, const char *a)
{
	int bs = 0;

	if (*a && !strpbrk(a, " \t\n\v\"")) {
		wput_utf8(b, a);
		return;
	}
	wput(b, '"');
	for (; *a; a++) {
		char one[2] = { *a, 0 };

		if (*a == '\\') {
			bs++;
			continue;
		}
		if (*a == '"')
			bs = bs * 2 + 1;
		for (; bs; bs--)
			wput(b, '\\');
		wput_utf8(b, one);
	}
	for (bs *= 2; bs; bs--)
		wput(b, '\\');
	wput(b, '"');
}

static uint16_t *wdup(const struct wbuf *b, uint8_t *us)
{
	uint16_t *w = map_at(0, (b->n + 1) * 2, PROT_READ | PROT_WRITE);

	if (!w)
		die("out of memory");
	memcpy(w, b->w, b->n * 2);
	if (us) {
		*(uint16_t *)us = b->n * 2;
		*(uint16_t *)(us + 2) = b->n * 2 + 2;
		*(uint16_t **)(us + 8) = w;
	}
	return w;
}

/* ---- the services ---- */

static uint32_t errno_status(int err)
{
	switch (err) {
	case ENOENT:
		return STATUS_OBJECT_NAME_NOT_FOUND;
	case ENOTDIR:
		return STATUS_OBJECT_PATH_NOT_FOUND;
	case EACCES:
	case EPERM:
		return STATUS_ACCESS_DENIED;
	case EISDIR:
		return STATUS_FILE_IS_A_DIRECTORY;
	case EPIPE:
		return STATUS_PIPE_BROKEN;
	default:
		return STATUS_UNSUCCESSFUL;
	}
}

/* std handles 4, 8, 12 are fds 0, 1, 2; files opened here are 0x1000 + 4 * fd */
static int handle_fd(uint64_t h)
{
	if (h == 4 || h == 8 || h == 12)
		return h / 4 - 1;
	if (h >= 0x1000 && h < 0x1000 + 4 * 1024 && !(h & 3))
		return (h - 0x1000) / 4;
	return -1;
}

/* "\??\Z:\a\b" -> "/a/b"; NULL if it is not a Z: path */
static char *linux_path(const uint8_t *us)
{
	uint16_t len = rd16(us) / 2;
	const uint16_t *w = (const uint16_t *)rd64(us + 8);
	static const uint16_t pfx[] = { '\\', '?', '?', '\\', 'Z', ':' };
	char *p, *o;
	uint16_t i;

	if (len < 7 || memcmp(w, pfx, sizeof(pfx)) || w[6] != '\\')
		return NULL;
	p = o = malloc(len * 3 + 1);
	for (i = 6; i < len; i++) {
		uint32_t c = w[i] == '\\' ? '/' : w[i];

		if (c < 0x80) {
			*o++ = c;
		} else if (c < 0x800) {
			*o++ = 0xc0 | c >> 6, *o++ = 0x80 | (c & 0x3f);
		} else {
			*o++ = 0xe0 | c >> 12, *o++ = 0x80 | ((c >> 6) & 0x3f);
			*o++ = 0x80 | (c & 0x3f);
		}
	}
	*o = 0;
	return p;
}

/* the current protection of @addr, as PAGE_* (from /proc/self/maps) */
static uint32_t page_prot(uintptr_t addr)
{
	char line[512];
	FILE *f = fopen("/proc/self/maps", "re");
	uint32_t prot = 0x01;		/* PAGE_NOACCESS */

	if (!f)
		return prot;
	while (fgets(line, sizeof(line), f)) {
		unsigned long lo, hi;
		char r, w, x;

		if (sscanf(line, "%lx-%lx %c%c%c", &lo, &hi, &r, &w, &x) != 5 ||
		    addr < lo || addr >= hi)
			continue;
		if (x == 'x')
			prot = w == 'w' ? 0x40 : r == 'r' ? 0x20 : 0x10;
		else
			prot = w == 'w' ? 0x04 : r == 'r' ? 0x02 : 0x01;
		break;
	}
	fclose(f);
	return prot;
}

static int linux_prot(uint32_t p)
{
	switch (p) {
	case 0x01: return PROT_NONE;
	case 0x02: return PROT_READ;
	case 0x04: return PROT_READ | PROT_WRITE;
	case 0x10: return PROT_EXEC;
	case 0x20: return PROT_READ | PROT_EXEC;
	case 0x40: return PROT_READ | PROT_WRITE | PROT_EXEC;
	default: return -1;
	}
}

static uint32_t svc_io(int write_op, uint64_t h, const uint64_t *stk)
{
	uint64_t *iosb = (uint64_t *)stk[0];
	void *buf = (void *)stk[1];
	uint32_t len = (uint32_t)stk[2];
	const int64_t *off = (const int64_t *)stk[3];
	int fd = handle_fd(h);
	uint32_t st;
	ssize_t n;

	if (fd < 0)
		return STATUS_INVALID_HANDLE;
	if (!iosb)
		return STATUS_INVALID_PARAMETER;
	if (off && h >= 0x1000)
		n = write_op ? pwrite(fd, buf, len, *off) : pread(fd, buf, len, *off);
	else
		n = write_op ? write(fd, buf, len) : read(fd, buf, len);
	if (n < 0)
		st = errno_status(errno);
	else if (!n && len && !write_op)
		st = STATUS_END_OF_FILE;
	else
		st = STATUS_SUCCESS;
	iosb[0] = st;
	iosb[1] = n > 0 ? n : 0;
	return st;
}

static uint32_t svc_open(uint64_t *ph, const uint8_t *oa, uint64_t *iosb, uint64_t options)
{
	char *path;
	struct stat sb;
	int fd;

	if (!ph || !oa || !rd64(oa + 0x10))
		return STATUS_INVALID_PARAMETER;
	path = linux_path((const uint8_t *)rd64(oa + 0x10));
	if (!path)
		return STATUS_OBJECT_NAME_INVALID;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return errno_status(errno);
	if ((options & 0x40) && !fstat(fd, &sb) && S_ISDIR(sb.st_mode)) {
		close(fd);
		return STATUS_FILE_IS_A_DIRECTORY;
	}
	if (fd >= 1024) {
		close(fd);
		return STATUS_NO_MEMORY;
	}
	*ph = 0x1000 + 4 * fd;
	if (iosb)
		iosb[0] = STATUS_SUCCESS, iosb[1] = 1;	/* FILE_OPENED */
	return STATUS_SUCCESS;
}

static uint32_t svc_alloc(uint64_t proc, uint64_t *pbase, uint64_t *psize, uint32_t type,
			  uint32_t prot)
{
	uintptr_t want;
	size_t size;
	int lp = linux_prot(prot);
	void *p;

	if (proc != (uint64_t)-1 || !pbase || !psize || !*psize || lp < 0)
		return STATUS_INVALID_PARAMETER;
	if ((type & 0x3000) != 0x3000)			/* MEM_RESERVE | MEM_COMMIT only */
		return STATUS_NOT_IMPLEMENTED;
	want = *pbase & ~(uintptr_t)0xffff;
	size = (*psize + (*pbase - want) + 4095) & ~(size_t)4095;
	p = map_at(want, size, lp);
	if (!p)
		return want ? STATUS_CONFLICTING_ADDRESSES : STATUS_NO_MEMORY;
	region_add(p, size);
	*pbase = (uintptr_t)p;
	*psize = size;
	return STATUS_SUCCESS;
}

static uint32_t svc_free(uint64_t proc, uint64_t *pbase, uint64_t *psize, uint32_t type)
{
	int i;

	if (proc != (uint64_t)-1 || !pbase || !psize || type != 0x8000 || *psize)
		return STATUS_INVALID_PARAMETER;
	for (i = 0; i < MAX_REGIONS; i++)
		if (regions[i].base && regions[i].base == *pbase) {
			munmap((void *)regions[i].base, regions[i].size);
			*psize = regions[i].size;
			regions[i].base = 0;
			return STATUS_SUCCESS;
		}
	return STATUS_MEMORY_NOT_ALLOCATED;
}

static uint32_t svc_protect(uint64_t proc, uint64_t *pbase, uint64_t *psize, uint32_t prot,
			    uint32_t *old)
{
	uintptr_t lo, hi;
	int lp = linux_prot(prot);

	if (proc != (uint64_t)-1 || !pbase || !psize || !old || lp < 0)
		return STATUS_INVALID_PARAMETER;
	lo = *pbase & ~(uintptr_t)4095;
	hi = (*pbase + *psize + 4095) & ~(uintptr_t)4095;
	*old = page_prot(lo);
	if (mprotect((void *)lo, hi - lo, lp))
		return STATUS_MEMORY_NOT_ALLOCATED;
	*pbase = lo;
	*psize = hi - lo;
	return STATUS_SUCCESS;
}

static void on_sigsys(int sig, siginfo_t *si, void *ctx)
{
	greg_t *g = ((ucontext_t *)ctx)->uc_mcontext.gregs;
	uint64_t a1 = g[REG_R10], a2 = g[REG_RDX], a3 = g[REG_R8], a4 = g[REG_R9];
	const uint64_t *stk = (const uint64_t *)(g[REG_RSP] + 0x28);
	uint32_t st = STATUS_NOT_IMPLEMENTED;
	struct timespec ts;
	struct stat sb;
	int fd;

	(void)sig;
	switch (si->si_syscall) {
	case NTSVC_NtReadFile:
	case NTSVC_NtWriteFile:
		st = svc_io(si->si_syscall == NTSVC_NtWriteFile, a1, stk);
		break;
	case NTSVC_NtOpenFile:
		st = svc_open((uint64_t *)a1, (const uint8_t *)a3, (uint64_t *)a4, stk[1]);
		break;
	case NTSVC_NtQueryInformationFile:
		fd = handle_fd(a1);
		if (fd < 0 || fstat(fd, &sb)) {
			st = STATUS_INVALID_HANDLE;
		} else if ((uint32_t)stk[0] != 5 || (uint32_t)a4 < 24) {
			st = STATUS_INVALID_PARAMETER;
		} else {
			uint8_t *fsi = (uint8_t *)a3;

			memset(fsi, 0, 24);
			*(int64_t *)fsi = sb.st_blocks * 512;
			*(int64_t *)(fsi + 8) = sb.st_size;
			*(uint32_t *)(fsi + 16) = sb.st_nlink;
			fsi[21] = S_ISDIR(sb.st_mode);
			((uint64_t *)a2)[0] = 0;
			((uint64_t *)a2)[1] = 24;
			st = STATUS_SUCCESS;
		}
		break;
	case NTSVC_NtClose:
		fd = handle_fd(a1);
		st = fd < 0 ? STATUS_INVALID_HANDLE : STATUS_SUCCESS;
		if (fd > 2)
			close(fd);
		break;
	case NTSVC_NtAllocateVirtualMemory:
		st = svc_alloc(a1, (uint64_t *)a2, (uint64_t *)a4, (uint32_t)stk[0],
			       (uint32_t)stk[1]);
		break;
	case NTSVC_NtFreeVirtualMemory:
		st = svc_free(a1, (uint64_t *)a2, (uint64_t *)a3, (uint32_t)a4);
		break;
	case NTSVC_NtProtectVirtualMemory:
		st = svc_protect(a1, (uint64_t *)a2, (uint64_t *)a3, (uint32_t)a4,
				 (uint32_t *)stk[0]);
		break;
	case NTSVC_NtYieldExecution:
		sched_yield();
		st = STATUS_SUCCESS;
		break;
	case NTSVC_NtWaitForSingleObject:
		st = STATUS_SUCCESS;
		break;
	case NTSVC_NtTerminateProcess:
		if (a1 != (uint64_t)-1) {
			st = STATUS_INVALID_HANDLE;
			break;
		}
		fflush(NULL);
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
	}
	if (getenv("NTDLL_HOSTRUN_TRACE"))
		fprintf(stderr, "[svc %#x -> %#x]\n", si->si_syscall, st);
	g[REG_RAX] = st;
}

/* Enter ntdll as the kernel does: a Windows x64 call that must not return. */
static __attribute__((noreturn)) void enter(uint64_t entry, uint64_t stack, uint64_t peb,
					    uint64_t exe_entry, uint64_t ntdll, uint64_t sysdir)
{
	register uint64_t r8 asm("r8") = ntdll;
	register uint64_t r9 asm("r9") = sysdir;

	asm volatile("mov %%rsi, %%rsp\n\t"
		     "and $-16, %%rsp\n\t"
		     "sub $0x28, %%rsp\n\t"	/* home space and a (null) return address */
		     "movq $0, (%%rsp)\n\t"
		     "mov %%rdx, %%rcx\n\t"
		     "mov %%rdi, %%r11\n\t"
		     "mov %%rax, %%rdx\n\t"
		     "cld\n\t"
		     "jmp *%%r11"
		     : : "D"(entry), "S"(stack), "d"(peb), "a"(exe_entry), "r"(r8), "r"(r9)
		     : "memory");
	__builtin_unreachable();
}

int main(int argc, char **argv)
{
	static struct wbuf b;
	extern char **environ;
	char sysdir[PATH_MAX], exe[PATH_MAX + 32], ntdll_path[PATH_MAX + 16], self[PATH_MAX];
	uint8_t *peb, *params, *teb, *stack, *ntdll, *exe_base;
	uint64_t exe_entry, ntdll_entry;
	uint16_t *wsys;
	struct sigaction sa;
	int i, a = 1;
	ssize_t n;

	if (argc > 2 && !strcmp(argv[1], "-s")) {
		if (!realpath(argv[2], sysdir))
			die("%s: %s", argv[2], strerror(errno));
		a = 3;
	} else {
		n = readlink("/proc/self/exe", self, sizeof(self) - 1);
		if (n < 0)
			die("/proc/self/exe: %s", strerror(errno));
		self[n] = 0;
		*strrchr(self, '/') = 0;
		snprintf(exe, sizeof(exe), "%s/../user/system32", self);
		if (!realpath(exe, sysdir))
			die("%s: %s", exe, strerror(errno));
	}
	if (a >= argc)
		die("usage: ntdll-hostrun [-s SYSTEM_DIR] PROGRAM.exe [ARG]...");
	if (!realpath(argv[a], exe)) {
		fprintf(stderr, "ntdll-hostrun: %s: %s\n", argv[a], strerror(errno));
		return 127;
	}
	snprintf(ntdll_path, sizeof(ntdll_path), "%s/ntdll.dll", sysdir);

	exe_base = map_image(exe, &exe_entry);
	ntdll = map_image(ntdll_path, &ntdll_entry);

	peb = map_at(0, 4096, PROT_READ | PROT_WRITE);
	params = map_at(0, 4096, PROT_READ | PROT_WRITE);
	teb = map_at(0, 8192, PROT_READ | PROT_WRITE);
	stack = map_at(0, 1 << 20, PROT_READ | PROT_WRITE);
	if (!peb || !params || !teb || !stack)
		die("out of memory");
	/* TODO(uapi): the PEB/TEB/parameters offsets, as personality/exec.c writes them */
	*(uint8_t **)(peb + 0x10) = exe_base;
	*(uint8_t **)(peb + 0x20) = params;
	*(uint32_t *)(peb + 0xb8) = 1;
	*(uint32_t *)(peb + 0x118) = 10;
	*(uint32_t *)(peb + 0x120) = 19045;
	*(uint32_t *)(peb + 0x124) = 2;
	*(uint16_t *)(peb + 0x128) = 3;
	*(uint64_t *)(teb + 0x8) = (uintptr_t)stack + (1 << 20);
	*(uint64_t *)(teb + 0x10) = (uintptr_t)stack;
	*(uint64_t *)(teb + 0x30) = (uintptr_t)teb;
	*(uint64_t *)(teb + 0x40) = getpid();
	*(uint64_t *)(teb + 0x48) = getpid();
	*(uint8_t **)(teb + 0x60) = peb;
	*(uint32_t *)(params + 0) = 0x440;
	*(uint32_t *)(params + 4) = 0x440;
	*(uint32_t *)(params + 8) = 1;				/* normalized */
	*(uint64_t *)(params + 0x20) = 4;
	*(uint64_t *)(params + 0x28) = 8;
	*(uint64_t *)(params + 0x30) = 12;

	b.n = 0;
	wput_dos(&b, exe);
	wdup(&b, params + 0x60);
	b.n = 0;
	for (i = a; i < argc; i++) {
		if (i > a)
			wput(&b, ' ');
		if (i == a)
			wput_dos(&b, exe);
		else
			wput_arg(&b, argv[i]);
	}
	wdup(&b, params + 0x70);
	b.n = 0;
	if (!getcwd(self, sizeof(self)))
		strcpy(self, "/");
	wput_dos(&b, self);
	wput(&b, '\\');
	wdup(&b, params + 0x38);
	b.n = 0;
	for (i = 0; environ[i]; i++) {
		wput_utf8(&b, environ[i]);
		wput(&b, 0);
	}
	if (!i)
		wput(&b, 0);
	wput(&b, 0);
	*(uint16_t **)(params + 0x80) = wdup(&b, NULL);
	*(uint64_t *)(params + 0x3f0) = b.n * 2;
	b.n = 0;
	wput_dos(&b, sysdir);
	wput(&b, 0);
	wsys = wdup(&b, NULL);

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSYS, &sa, NULL))
		die("sigaction: %s", strerror(errno));
	fflush(NULL);
	if (syscall(SYS_arch_prctl, ARCH_SET_GS, (unsigned long)teb))
		die("arch_prctl: %s", strerror(errno));
	sud_selector = SYSCALL_DISPATCH_FILTER_BLOCK;
	if (prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON, (unsigned long)__executable_start,
		  (unsigned long)(etext - __executable_start), &sud_selector))
		die("Syscall User Dispatch: %s", strerror(errno));
	enter(ntdll_entry, (uintptr_t)stack + (1 << 20), (uintptr_t)peb, exe_entry,
	      (uintptr_t)ntdll, (uintptr_t)wsys);
}
