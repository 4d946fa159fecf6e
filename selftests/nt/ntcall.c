// SPDX-License-Identifier: GPL-2.0
/* See ntcall.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ntcall.h"

/*
 * The trampoline, kept as data and copied to a page outside the program's
 * text.  SysV call (rdi = number, rsi = 16 arguments, rdx = stack or 0):
 * arguments 5-16 go to rsp + 0x28.., 1-4 to r10, rdx, r8, r9.
 */
extern const char nt_tramp_start[], nt_tramp_end[];
asm(".pushsection .rodata\n"
    ".globl nt_tramp_start\n"
    "nt_tramp_start:\n"
    "	push %rbx\n"
    "	push %r12\n"
    "	mov %rsp, %rbx\n"
    "	mov %rdx, %r12\n"
    "	sub $0x100, %rsp\n"
    "	and $-16, %rsp\n"
    "	mov %rdi, %rax\n"
    "	mov %rsi, %r11\n"
    "	lea 0x28(%rsp), %rdi\n"
    "	lea 0x20(%r11), %rsi\n"
    "	mov $12, %ecx\n"
    "	cld\n"
    "	rep movsq\n"
    "	mov 0x00(%r11), %r10\n"
    "	mov 0x08(%r11), %rdx\n"
    "	mov 0x10(%r11), %r8\n"
    "	mov 0x18(%r11), %r9\n"
    "	test %r12, %r12\n"
    "	cmovnz %r12, %rsp\n"
    "	syscall\n"
    "	mov %rbx, %rsp\n"
    "	pop %r12\n"
    "	pop %rbx\n"
    "	ret\n"
    ".globl nt_tramp_end\n"
    "nt_tramp_end:\n"
    ".popsection\n");

typedef uint32_t (*nt_tramp_fn)(uint64_t nr, const uint64_t *args, uint64_t stack);
static nt_tramp_fn nt_tramp;

extern const char __executable_start[], etext[];

int nt_tramp_setup(void)
{
	void *page;

	if (nt_tramp)
		return 0;
	page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		return -errno;
	memcpy(page, nt_tramp_start, nt_tramp_end - nt_tramp_start);
	if (mprotect(page, 4096, PROT_READ | PROT_EXEC))
		return -errno;
	nt_tramp = (nt_tramp_fn)page;
	return 0;
}

int nt_become(void)
{
	struct ntos_become_nt req = { .nr_regions = 1 };
	int fd, ret;

	ret = nt_tramp_setup();
	if (ret)
		return ret;

	req.regions[0].start = (uintptr_t)__executable_start;
	req.regions[0].end = (uintptr_t)etext;
	fd = open(NTOS_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, NTOS_IOC_BECOME_NT, &req))
		ret = -errno;
	close(fd);
	return ret;
}

uint32_t nt_call(uint32_t nr, const uint64_t *args)
{
	return nt_tramp(nr, args, 0);
}

uint32_t nt_call_stack(uint32_t nr, const uint64_t *args, uint64_t stack)
{
	return nt_tramp(nr, args, stack);
}

struct nt_unicode_string *nt_us(const char *s)
{
	size_t i, n = strlen(s);
	struct nt_unicode_string *us = calloc(1, sizeof(*us));
	uint16_t *w = calloc(n + 1, sizeof(uint16_t));

	for (i = 0; i < n; i++)
		w[i] = (unsigned char)s[i];
	us->length = n * 2;
	us->maximum_length = n * 2 + 2;
	us->buffer = (uintptr_t)w;
	return us;
}

struct nt_object_attributes *nt_oa(struct nt_object_attributes *oa, uint64_t root,
				   const char *name, uint32_t attributes)
{
	memset(oa, 0, sizeof(*oa));
	oa->length = sizeof(*oa);
	oa->root_directory = root;
	oa->object_name = name ? (uintptr_t)nt_us(name) : 0;
	oa->attributes = attributes;
	return oa;
}

int nt_wcs_eq(const uint16_t *w, unsigned int bytes, const char *s)
{
	unsigned int i;

	if (bytes != strlen(s) * 2)
		return 0;
	for (i = 0; i < bytes / 2; i++)
		if (w[i] != (unsigned char)s[i])
			return 0;
	return 1;
}

long nt_live_objects(void)
{
	FILE *f = fopen("/sys/kernel/debug/ntpersona/live_objects", "r");
	long n = -1;

	if (!f)
		return -1;
	if (fscanf(f, "%ld", &n) != 1)
		n = -1;
	fclose(f);
	return n;
}

/* the kernel of scripts/debug-kernel, whose checkers make every call dearer */
static int nt_debug_kernel(void)
{
	struct utsname u;

	return !uname(&u) && strstr(u.release, "-ntos-debug");
}

static unsigned long nt_divisor(void)
{
	static unsigned long divisor;
	const char *env = getenv("NTOS_TEST_DIVISOR");

	if (!divisor)
		divisor = env && strtoul(env, NULL, 10) ? strtoul(env, NULL, 10) :
			  nt_debug_kernel() ? 10 : 1;
	return divisor;
}

unsigned long nt_scaled(unsigned long n)
{
	n /= nt_divisor();
	return n ? n : 1;
}

long nt_wait_live_objects(long want)
{
	long n = -1;
	int i, tries = nt_debug_kernel() ? 5000 : 500;

	for (i = 0; i < tries; i++) {
		n = nt_live_objects();
		if (n == want)
			break;
		usleep(10000);
	}
	return n;
}

/* Test helpers: ASCII of a UTF-16 string; an object's full name and type name. */
void nt_w2a(char *out, size_t n, uint64_t chars, unsigned int bytes)
{
	const uint16_t *w = (const uint16_t *)(uintptr_t)chars;
	size_t i, c = bytes / 2;

	if (c >= n)
		c = n - 1;
	for (i = 0; i < c; i++)
		out[i] = w[i] < 0x80 ? w[i] : '?';
	out[c] = 0;
}

uint32_t nt_name_of(uint64_t h, char *out, size_t n)
{
	static uint64_t buf[512];
	struct nt_unicode_string *us = (void *)buf;
	uint32_t len = 0, st;

	out[0] = 0;
	st = NT(NtQueryObject, h, OBJECT_NAME_INFORMATION, A(buf), sizeof(buf), A(&len));
	if (!st)
		nt_w2a(out, n, us->buffer, us->length);
	return st;
}

uint32_t nt_type_of(uint64_t h, char *out, size_t n)
{
	static uint64_t buf[64];
	struct nt_object_type_information *ti = (void *)buf;
	uint32_t len = 0, st;

	out[0] = 0;
	st = NT(NtQueryObject, h, OBJECT_TYPE_INFORMATION, A(buf), sizeof(buf), A(&len));
	if (!st)
		nt_w2a(out, n, ti->type_name.buffer, ti->type_name.length);
	return st;
}

/* Does writing a byte at @addr fault (SIGSEGV)?  Tried in a forked child. */
int nt_write_faults(uint64_t addr)
{
	int status;
	pid_t pid = fork();

	if (!pid) {
		*(volatile char *)(uintptr_t)addr = 1;
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
}
