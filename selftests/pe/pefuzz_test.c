// SPDX-License-Identifier: GPL-2.0
/*
 * PE image fuzzer: mutate a valid image (headers, section table, data
 * directories, relocations, truncation) and have the kernel load each
 * mutant (NTOS_IOC_EXEC_PE, as the shim does) without running it: the
 * mutants' code is garbage, and running garbage tests the CPU (under QEMU
 * TCG, a user-mode far return to a 32-bit segment even oopses the guest
 * kernel), not the loader.  Either outcome is fine -- refused or loaded --
 * as long as the kernel stays clean (scripts/vm fails on any kernel
 * report) and nothing leaks.
 *
 * A loader child takes the mutants one after another (the parent writes
 * each to MUTANT and sends its number down a pipe; the child answers with
 * the ioctl's errno).  A refused image leaves the child a Linux process, so
 * it takes the next one; a loaded image makes it an NT process, so it
 * exits and a new child is forked.  Most mutants are refused, so this
 * costs a fork per loaded image instead of a fork and an exec of the shim
 * per image (see docs/design.md, Fuzzing).  Mappings a refused image
 * leaves in the child stay until it exits: the address space gets crowded,
 * which the loader must cope with too.
 *
 * PEFUZZ_N images (default 2000), PEFUZZ_SEED (default: the time; printed
 * so that a failing run can be repeated).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "../nt/ntcall.h"

#define IMAGE	"/usr/lib/ntpersona/pe/hello.exe"
#define MUTANT	"/tmp/pefuzz.exe"
#define IMAGES_PER_CHILD	500	/* then a fresh address space */

extern char **environ;

static unsigned int seed;

static unsigned int rnd(unsigned int n)
{
	return n ? (unsigned int)rand_r(&seed) % n : 0;
}

static uint32_t get32(const unsigned char *b, size_t len, size_t off)
{
	uint32_t v = 0;

	if (off + 4 <= len)
		memcpy(&v, b + off, 4);
	return v;
}

static void put(unsigned char *b, size_t len, size_t off, uint32_t v, int size)
{
	if (off + size <= len)
		memcpy(b + off, &v, size);
}

/* an interesting value for a field: edges, powers of two, or random */
static uint32_t interesting(void)
{
	static const uint32_t v[] = {
		0, 1, 2, 3, 4, 0x40, 0x200, 0x1000, 0x10000, 0x7fff, 0x8000, 0xffff,
		0x7fffffff, 0x80000000, 0xfffff000, 0xfffffffe, 0xffffffff,
	};

	return rnd(3) ? v[rnd(sizeof(v) / sizeof(v[0]))] : (uint32_t)rand_r(&seed);
}

/* Offsets of the fields the loader reads, relative to the NT headers. */
static const struct { unsigned int off, size; } fields[] = {
	{ 0x04, 2 }, { 0x06, 2 }, { 0x14, 2 }, { 0x16, 2 },	/* machine, sections, opt size, chars */
	{ 0x18, 2 }, { 0x28, 4 }, { 0x30, 4 }, { 0x34, 4 },	/* magic, entry, image base lo/hi */
	{ 0x38, 4 }, { 0x3c, 4 }, { 0x50, 4 }, { 0x54, 4 },	/* alignments, SizeOfImage, headers */
	{ 0x5c, 2 }, { 0x5e, 2 }, { 0x60, 4 }, { 0x84, 4 },	/* subsystem, dll chars, stack, dirs */
	{ 0x90, 4 }, { 0x94, 4 }, { 0xb0, 4 }, { 0xb4, 4 },	/* import, basereloc rva/size */
};

static size_t mutate(unsigned char *b, size_t len)
{
	uint32_t nt = get32(b, len, 0x3c), sect;
	unsigned int k, i, nsect;

	for (k = 1 + rnd(4); k; k--) {
		switch (rnd(6)) {
		case 0:		/* a header field */
			i = rnd(sizeof(fields) / sizeof(fields[0]));
			put(b, len, nt + fields[i].off, interesting(), fields[i].size);
			break;
		case 1:		/* a field of a section header */
			nsect = get32(b, len, nt + 4) >> 16;
			sect = nt + 0x18 + (get32(b, len, nt + 0x14) & 0xffff);
			put(b, len, sect + 40 * rnd(nsect + 1) + 8 + 4 * rnd(8), interesting(), 4);
			break;
		case 2:		/* e_lfanew */
			put(b, len, 0x3c, rnd(2) ? interesting() : nt + rnd(16) - 8, 4);
			break;
		case 3:		/* random bytes in the headers */
			for (i = rnd(8) + 1; i; i--)
				b[rnd(len < 0x400 ? len : 0x400)] = rnd(256);
			break;
		case 4:		/* random bytes anywhere (code, data, relocations) */
			for (i = rnd(32) + 1; i; i--)
				b[rnd(len)] = rnd(256);
			break;
		default:	/* truncation */
			len = rnd(len) + 1;
			break;
		}
	}
	return len;
}

/*
 * The loader child: for each image number read from @cmd, load MUTANT and
 * write back the errno (0: loaded; then exit, this process is NT now).
 */
static void loader(int cmd, int res)
{
	char *argv[] = { MUTANT, NULL };
	struct ntos_exec_pe req;
	unsigned int i;
	int fd, dev, err;

	dev = open(NTOS_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (dev < 0)
		_exit(100);
	for (;;) {
		if (read(cmd, &i, sizeof(i)) != sizeof(i))
			_exit(0);	/* the parent is done with us */
		alarm(30);	/* a load that takes longer is hung */
		fd = open(MUTANT, O_RDONLY | O_CLOEXEC);
		memset(&req, 0, sizeof(req));
		req.fd = fd;
		req.argv = (uintptr_t)argv;
		req.envp = (uintptr_t)environ;
		req.linux_start = (uintptr_t)__executable_start;
		req.linux_end = (uintptr_t)etext;
		err = fd < 0 ? 255 : ioctl(dev, NTOS_IOC_EXEC_PE, &req) ? errno : 0;
		if (fd >= 0)
			close(fd);
		if (write(res, &err, sizeof(err)) != sizeof(err) || !err)
			_exit(0);
	}
}

struct child {
	pid_t pid;
	int cmd, res;
	unsigned int images;
};

static int start_loader(struct child *c)
{
	int cmd[2], res[2];

	if (pipe2(cmd, O_CLOEXEC) || pipe2(res, O_CLOEXEC))
		return -1;
	c->pid = fork();
	if (!c->pid) {
		close(cmd[1]);
		close(res[0]);
		loader(cmd[0], res[1]);
	}
	close(cmd[0]);
	close(res[1]);
	c->cmd = cmd[1];
	c->res = res[0];
	c->images = 0;
	return c->pid < 0 ? -1 : 0;
}

/* End the loader (it loaded an image, or did its share): its status. */
static int reap_loader(struct child *c)
{
	int st = -1;

	close(c->cmd);
	close(c->res);
	waitpid(c->pid, &st, 0);
	c->pid = 0;
	return st;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

FIXTURE(slow) {
	int unused;
};

FIXTURE_SETUP(slow)
{
}

FIXTURE_TEARDOWN(slow)
{
}

TEST_F_TIMEOUT(slow, pe_image_fuzz, 3600)
{
	unsigned int n = getenv("PEFUZZ_N") ? atoi(getenv("PEFUZZ_N")) : nt_scaled(2000), i;
	unsigned int refused = 0, loaded = 0, other = 0, children = 0, crashed = 0;
	static unsigned char orig[1 << 20], buf[1 << 20];
	long before = nt_live_objects();
	struct child c = { 0 };
	double t0 = now();
	ssize_t len;
	size_t mlen;
	int fd, st, err;

	seed = getenv("PEFUZZ_SEED") ? strtoul(getenv("PEFUZZ_SEED"), NULL, 0) : time(NULL);
	printf("# pefuzz seed %u images %u (rerun: PEFUZZ_SEED=%u PEFUZZ_N=%u)\n", seed, n,
	       seed, n);
	fd = open(IMAGE, O_RDONLY);
	ASSERT_LE(0, fd);
	len = read(fd, orig, sizeof(orig));
	close(fd);
	ASSERT_LT(0x400, len);
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < n; i++) {
		memcpy(buf, orig, len);
		mlen = mutate(buf, len);
		fd = open(MUTANT, O_WRONLY | O_CREAT | O_TRUNC, 0755);
		ASSERT_LE(0, fd);
		ASSERT_EQ((ssize_t)mlen, write(fd, buf, mlen));
		close(fd);
		if (c.pid && c.images == IMAGES_PER_CHILD)
			EXPECT_EQ(0, reap_loader(&c));
		if (!c.pid) {
			ASSERT_EQ(0, start_loader(&c));
			children++;
		}
		c.images++;
		if (write(c.cmd, &i, sizeof(i)) != sizeof(i) ||
		    read(c.res, &err, sizeof(err)) != sizeof(err)) {
			st = reap_loader(&c);
			crashed++;
			TH_LOG("image %u: the loader died, status %#x", i, st);
			ASSERT_LT(crashed, 10);
			continue;
		}
		if (!err) {
			loaded++;
			st = reap_loader(&c);
			EXPECT_EQ(0, st) TH_LOG("image %u: loaded, then status %#x", i, st);
		} else if (err == ENOEXEC) {
			refused++;
		} else {
			other++;	/* ENOMEM for a huge image, EFAULT, ... */
		}
		if ((i + 1) % 1000 == 0 && i + 1 < n) {
			printf("# pefuzz: %u images, %.0f s\n", i + 1, now() - t0);
			fflush(stdout);
		}
	}
	if (c.pid)
		reap_loader(&c);
	printf("# pefuzz: %u images in %.1f s (%.1f ms each): %u refused, %u loaded, "
	       "%u other errors; %u loader processes\n", n, now() - t0, (now() - t0) * 1000 / n,
	       refused, loaded, other, children);
	EXPECT_LT(0, refused);
	EXPECT_LT(0, loaded);
	EXPECT_EQ(0, crashed);
	EXPECT_EQ(before, nt_wait_live_objects(before));
}

TEST_HARNESS_MAIN
