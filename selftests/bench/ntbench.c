// SPDX-License-Identifier: GPL-2.0
/*
 * ntbench: the figures `make bench` reports, all measured in one guest run.
 * Each line is
 *   BENCH <name> <ns/op> <baseline> <baseline ns/op> <ratio>
 * The Linux figures are medians of 7 rounds (ratio = quotient of the two);
 * the NT figures alternate short rounds with their baseline and give the
 * median of the per-pair ratios (see measure_pair).
 * Runs as root in the test guest with ntpersona.ko loaded at start; it
 * unloads and reloads the module to measure Linux before loading.
 *
 * Usage: ntbench [N [NAME...]]: N calls per round (default 200000); with
 * NAMEs, only those figures (and the baselines they need) are measured.
 */
#include <dirent.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <ucontext.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../nt/ntcall.h"

#define ROUNDS	7

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* median ns per operation of ROUNDS rounds of @n calls of @op */
static double measure(void (*op)(void), long n)
{
	double r[ROUNDS], t;
	long i;
	int k;

	for (i = 0; i < n / 10; i++)	/* warm up */
		op();
	for (k = 0; k < ROUNDS; k++) {
		t = now_ns();
		for (i = 0; i < n; i++)
			op();
		r[k] = (now_ns() - t) / n;
	}
	qsort(r, ROUNDS, sizeof(r[0]), cmp_double);
	return r[ROUNDS / 2];
}

static char **wanted;
static int nr_wanted;

/* Is figure @name to be measured this run? */
static int want(const char *name)
{
	int i;

	for (i = 0; i < nr_wanted; i++)
		if (!strcmp(wanted[i], name))
			return 1;
	return !nr_wanted;
}

static void report(const char *name, double ns, const char *base, double base_ns)
{
	printf("BENCH %s %.1f %s %.1f %.3f\n", name, ns, base, base_ns, ns / base_ns);
	fflush(stdout);
}

static void op_getppid(void)
{
	syscall(SYS_getppid);
}

static void op_nt_null(void)
{
	NT(NtGetCurrentProcessorNumber, 0);
}

static uint64_t dup_source;

static void op_dup_close(void)
{
	uint64_t h;

	NT(NtDuplicateObject, NT_CURRENT_PROCESS, dup_source, NT_CURRENT_PROCESS, A(&h), 0, 0,
	   DUPLICATE_SAME_ACCESS);
	NT(NtClose, h);
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

static int module_load(void)
{
	int fd = open("/lib/modules/ntpersona.ko", O_RDONLY);
	int ret = fd < 0 ? -1 : (int)syscall(SYS_finit_module, fd, "", 0);

	if (fd >= 0)
		close(fd);
	return ret;
}

/* a process that just ended may still hold its module reference for a moment */
static int module_unload(void)
{
	int i, ret = -1;

	for (i = 0; i < 200 && ret; i++) {
		ret = syscall(SYS_delete_module, "ntpersona", O_NONBLOCK);
		if (ret)
			usleep(10000);
	}
	return ret;
}

/* A process on the other CPU making system calls until killed: NT or Linux ones. */
static pid_t start_busy_process(int nt)
{
	pid_t pid = fork();

	if (pid)
		return pid;
	pin(1);
	if (nt && nt_become())
		_exit(1);
	for (;;) {
		if (nt)
			NT(NtGetCurrentProcessorNumber, 0);
		else
			syscall(SYS_getppid);
	}
}

static double measure_beside(int nt, long n)
{
	pid_t busy = start_busy_process(nt);
	double ns;
	int st;

	usleep(100000);
	ns = measure(op_getppid, n);
	kill(busy, SIGKILL);
	waitpid(busy, &st, 0);
	return ns;
}

/*
 * What a Linux task pays for the module: getppid while the module is loaded
 * and an NT process keeps the other CPU busy with NT calls, against getppid
 * before loading while a Linux process keeps it busy with Linux calls.  The
 * two states alternate, round by round, so drift hits both alike.
 */
#define LINUX_COST_ROUNDS	15

static int measure_linux_cost(long n, double *before, double *loaded)
{
	double b[LINUX_COST_ROUNDS], l[LINUX_COST_ROUNDS];
	int k;

	for (k = 0; k < LINUX_COST_ROUNDS; k++) {
		if (module_unload()) {
			perror("ntbench: unloading ntpersona");
			return -1;
		}
		b[k] = measure_beside(0, n / LINUX_COST_ROUNDS + 1);
		if (module_load()) {
			perror("ntbench: loading ntpersona");
			return -1;
		}
		l[k] = measure_beside(1, n / LINUX_COST_ROUNDS + 1);
	}
	qsort(b, LINUX_COST_ROUNDS, sizeof(b[0]), cmp_double);
	qsort(l, LINUX_COST_ROUNDS, sizeof(l[0]), cmp_double);
	*before = b[LINUX_COST_ROUNDS / 2];
	*loaded = l[LINUX_COST_ROUNDS / 2];
	return 0;
}

/*
 * The alternatives to the ftrace hook that docs/design.md weighs, measured
 * here too: the plain ioctl entry (an NT call forwarded to the control
 * device) and Syscall User Dispatch (a SIGSYS per NT call, whose handler
 * forwards it by ioctl).
 */
static int ctl_fd;

static void op_ioctl(void)
{
	struct ntos_version v;

	ioctl(ctl_fd, NTOS_IOC_VERSION, &v);
}

#ifndef PR_SET_SYSCALL_USER_DISPATCH
#define PR_SET_SYSCALL_USER_DISPATCH	59
#define PR_SYS_DISPATCH_ON		1
#endif
static volatile char sud_selector;

static void on_sigsys(int sig, siginfo_t *info, void *uc)
{
	op_ioctl();
	((ucontext_t *)uc)->uc_mcontext.gregs[REG_RAX] = 0;
}

/* the selector blocks only around the NT call: the vDSO may make Linux calls */
static void op_sud(void)
{
	sud_selector = 1;	/* SYSCALL_DISPATCH_FILTER_BLOCK */
	NTN(39, 0);
	sud_selector = 0;
}

static void measure_alternatives(long n, double ppid)
{
	struct sigaction sa = { .sa_sigaction = on_sigsys, .sa_flags = SA_SIGINFO };
	int st;
	pid_t pid;

	ctl_fd = open(NTOS_DEVICE_PATH, O_RDWR);
	if (want("alt_ioctl_entry"))
		report("alt_ioctl_entry", measure(op_ioctl, n), "getppid", ppid);
	pid = want("alt_sud_sigsys_ioctl") ? fork() : -1;
	if (!pid) {
		if (nt_tramp_setup() || sigaction(SIGSYS, &sa, NULL) ||
		    prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON,
			  (unsigned long)__executable_start, etext - __executable_start,
			  &sud_selector))
			_exit(1);
		report("alt_sud_sigsys_ioctl", measure(op_sud, n / 4), "getppid", ppid);
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, &st, 0);
	close(ctl_fd);
}

/*
 * The NT figures are measured in an NT child pinned to the same CPU as the
 * Linux parent, and each round of a figure alternates with a round of its
 * baseline (getppid in the parent, futex ping-pong, ...), so that a change
 * of load on the host (other guests under TCG) hits both alike.  The child
 * serves one round per request on a pipe.
 */
enum bench_op {
	OP_NT_NULL, OP_SET_RESET, OP_WAIT_SIGNALED, OP_MUTANT, OP_WAIT_ANY_1, OP_WAIT_ANY_64,
	OP_EVENT_PINGPONG, OP_DUP_CLOSE, OP_OPEN_1M, OP_SECTION_MAP, OP_FILE_READ,
	OP_FILE_OPEN_CLOSE, OP_DIR_LIST, OP_QUIT,
	/* served by the parent */
	OP_GETPPID, OP_FUTEX_PINGPONG, OP_MMAP_SHARED, OP_PREAD, OP_OPEN_CLOSE, OP_GETDENTS,
};

/* Sync objects: the figures of the synchronization issue. */
static uint64_t ev_set, ev_a, ev_b, mutant, waits64[64];
static int64_t zero_timeout;

static void op_set_reset(void)
{
	NT(NtSetEvent, ev_set, 0);
	NT(NtResetEvent, ev_set, 0);
}

static void op_wait_signaled(void)
{
	NT(NtWaitForSingleObject, waits64[63], 0, A(&zero_timeout));
}

static void op_mutant(void)
{
	NT(NtWaitForSingleObject, mutant, 0, 0);
	NT(NtReleaseMutant, mutant, 0);
}

static void op_wait_any_64(void)
{
	NT(NtWaitForMultipleObjects, 64, A(waits64), NT_WAIT_ANY, 0, A(&zero_timeout));
}

static void op_wait_any_1(void)
{
	NT(NtWaitForMultipleObjects, 1, A(&waits64[63]), NT_WAIT_ANY, 0, A(&zero_timeout));
}

/* Ping-pong: one round trip = two wakes, by auto-reset events or a futex. */
static long pp_rounds;
static int pp_turn;

static void *event_pong(void *arg)
{
	long i;

	for (i = 0; i < pp_rounds; i++) {
		NT(NtWaitForSingleObject, ev_a, 0, 0);
		NT(NtSetEvent, ev_b, 0);
	}
	return NULL;
}

static void *futex_pong(void *arg)
{
	long i;

	for (i = 0; i < pp_rounds; i++) {
		while (__atomic_load_n(&pp_turn, __ATOMIC_ACQUIRE) != 1)
			syscall(SYS_futex, &pp_turn, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
		__atomic_store_n(&pp_turn, 0, __ATOMIC_RELEASE);
		syscall(SYS_futex, &pp_turn, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
	}
	return NULL;
}

/* one round of @rounds round trips: ns per round trip */
static double pingpong_round(int nt, long rounds)
{
	pthread_t th;
	double t;
	long i;

	pp_rounds = rounds;
	pp_turn = 0;
	pthread_create(&th, NULL, nt ? event_pong : futex_pong, NULL);
	t = now_ns();
	for (i = 0; i < rounds; i++) {
		if (nt) {
			NT(NtSetEvent, ev_a, 0);
			NT(NtWaitForSingleObject, ev_b, 0, 0);
			continue;
		}
		__atomic_store_n(&pp_turn, 1, __ATOMIC_RELEASE);
		syscall(SYS_futex, &pp_turn, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
		while (__atomic_load_n(&pp_turn, __ATOMIC_ACQUIRE) != 0)
			syscall(SYS_futex, &pp_turn, FUTEX_WAIT_PRIVATE, 1, NULL, NULL, 0);
	}
	t = (now_ns() - t) / rounds;
	pthread_join(th, NULL);
	return t;
}

/* ns per call of @n calls of @op */
static double round_of(void (*op)(void), long n)
{
	double t = now_ns();
	long i;

	for (i = 0; i < n; i++)
		op();
	return (now_ns() - t) / n;
}

#define PAGE_READWRITE	0x04

/* section_map_unmap: a view of a 64 KiB page-file section, mapped and unmapped */
static uint64_t section;

static void op_section_map(void)
{
	uint64_t base = 0, size = 0;

	if (NT(NtMapViewOfSection, section, NT_CURRENT_PROCESS, A(&base), 0, 0, 0, A(&size),
	       NT_VIEW_UNMAP, 0, PAGE_READWRITE) ||
	    NT(NtUnmapViewOfSection, NT_CURRENT_PROCESS, base))
		abort();
}

/* its baseline: 64 KiB of shared memory, mmap() and munmap() */
static void op_mmap_shared(void)
{
	void *p = mmap(NULL, 64 << 10, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED || munmap(p, 64 << 10))
		abort();
}

/*
 * Files: file_read_4k (NtReadFile of 4 KiB at offset 0 against pread),
 * file_open_close (NtOpenFile + NtClose of an existing file against open +
 * close) and dir_list_1000 (a listing of a directory of 1,000 files,
 * restarted each time, with FileBothDirectoryInformation as FindFirstFile
 * asks, against lseek + getdents64).  The parent makes the files.
 */
#define BENCH_FILE	"/tmp/ntbench-file"
#define BENCH_DIR	"/tmp/ntbench-dir"
#define FILE_READ_DATA_	0x0001
#define SYNCHRONIZE_	0x00100000
#define FILE_SYNC_IO	0x20
#define FILE_DIR_FILE	0x01
#define FileBothDirectoryInformation_	3

static uint64_t file_h, dir_h;
static int file_fd, dir_fd;
static char file_buf[4096];
static uint64_t dir_buf[8192];		/* 64 KiB, kernelbase's FindFirstFile buffer is 8 KiB */

struct nt_iosb {
	uint64_t status, info;
};

static int make_files(void)
{
	char name[64];
	int i, fd;

	memset(file_buf, 'x', sizeof(file_buf));
	fd = open(BENCH_FILE, O_CREAT | O_TRUNC | O_WRONLY, 0644);
	if (fd < 0 || write(fd, file_buf, sizeof(file_buf)) != sizeof(file_buf) || close(fd))
		return -1;
	mkdir(BENCH_DIR, 0755);
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), BENCH_DIR "/file-%04d.txt", i);
		fd = open(name, O_CREAT | O_WRONLY, 0644);
		if (fd < 0 || close(fd))
			return -1;
	}
	file_fd = open(BENCH_FILE, O_RDONLY);
	dir_fd = open(BENCH_DIR, O_RDONLY | O_DIRECTORY);
	return file_fd < 0 || dir_fd < 0 ? -1 : 0;
}

static uint32_t nt_open(uint64_t *h, const char *name, uint32_t access, uint32_t options)
{
	struct nt_object_attributes oa;
	struct nt_iosb io;

	return NT(NtOpenFile, A(h), access | SYNCHRONIZE_, A(nt_oa(&oa, 0, name, 0)), A(&io), 7,
		  options | FILE_SYNC_IO);
}

static void op_file_read(void)
{
	int64_t off = 0;
	struct nt_iosb io;

	if (NT(NtReadFile, file_h, 0, 0, 0, A(&io), A(file_buf), sizeof(file_buf), A(&off), 0) ||
	    io.info != sizeof(file_buf))
		abort();
}

static void op_pread(void)
{
	if (pread(file_fd, file_buf, sizeof(file_buf), 0) != sizeof(file_buf))
		abort();
}

static void op_file_open_close(void)
{
	uint64_t h;

	if (nt_open(&h, "\\??\\Z:\\tmp\\ntbench-file", FILE_READ_DATA_, 0) || NT(NtClose, h))
		abort();
}

static void op_open_close(void)
{
	int fd = open(BENCH_FILE, O_RDONLY);

	if (fd < 0 || close(fd))
		abort();
}

static void op_dir_list(void)
{
	struct nt_iosb io;
	uint32_t st;
	int restart = 1;

	while (!(st = NT(NtQueryDirectoryFile, dir_h, 0, 0, 0, A(&io), A(dir_buf),
			 sizeof(dir_buf), FileBothDirectoryInformation_, 0, 0, restart)))
		restart = 0;
	if (st != STATUS_NO_MORE_FILES)
		abort();
}

static void op_getdents(void)
{
	if (lseek(dir_fd, 0, SEEK_SET))
		abort();
	while (syscall(SYS_getdents64, dir_fd, dir_buf, sizeof(dir_buf)) > 0)
		;
}

static int nt_setup(void)
{
	int64_t ssize = 64 << 10;
	struct nt_object_attributes oa;
	int i;

	if (NT(NtCreateEvent, A(&ev_set), EVENT_ALL_ACCESS, 0, NT_NOTIFICATION_EVENT, 0) ||
	    NT(NtCreateEvent, A(&ev_a), EVENT_ALL_ACCESS, 0, NT_SYNCHRONIZATION_EVENT, 0) ||
	    NT(NtCreateEvent, A(&ev_b), EVENT_ALL_ACCESS, 0, NT_SYNCHRONIZATION_EVENT, 0) ||
	    NT(NtCreateMutant, A(&mutant), MUTANT_ALL_ACCESS, 0, 0) ||
	    NT(NtCreateSection, A(&section), SECTION_ALL_ACCESS, 0, A(&ssize), PAGE_READWRITE,
	       SEC_COMMIT, 0))
		return -1;
	for (i = 0; i < 64; i++)
		if (NT(NtCreateEvent, A(&waits64[i]), EVENT_ALL_ACCESS, 0, NT_NOTIFICATION_EVENT,
		       i == 63))
			return -1;
	if (nt_open(&file_h, "\\??\\Z:\\tmp\\ntbench-file", FILE_READ_DATA_, 0) ||
	    nt_open(&dir_h, "\\??\\Z:\\tmp\\ntbench-dir", FILE_READ_DATA_, FILE_DIR_FILE))
		return -1;
	return NT(NtOpenDirectoryObject, A(&dup_source), DIRECTORY_QUERY,
		  A(nt_oa(&oa, 0, "\\BaseNamedObjects", 0))) ? -1 : 0;
}

static int open_1m(void)
{
	long i;

	for (i = 0; i < 1000000; i++) {
		uint64_t h;

		if (NT(NtDuplicateObject, NT_CURRENT_PROCESS, dup_source, NT_CURRENT_PROCESS,
		       A(&h), 0, 0, DUPLICATE_SAME_ACCESS)) {
			fprintf(stderr, "ntbench: duplicate %ld failed\n", i);
			return -1;
		}
	}
	return 0;
}

struct nt_request {
	int op;
	long n;
};

/* The NT child: one round per request, its ns per call as the answer (< 0: failed). */
static void nt_serve(int in, int out)
{
	struct nt_request req;
	double r = 0;

	if (nt_become() || nt_setup())
		r = -1;
	if (write(out, &r, sizeof(r)) != sizeof(r) || r < 0)
		_exit(1);
	while (read(in, &req, sizeof(req)) == sizeof(req)) {
		switch (req.op) {
		case OP_NT_NULL: r = round_of(op_nt_null, req.n); break;
		case OP_SET_RESET: r = round_of(op_set_reset, req.n); break;
		case OP_WAIT_SIGNALED: r = round_of(op_wait_signaled, req.n); break;
		case OP_MUTANT: r = round_of(op_mutant, req.n); break;
		case OP_WAIT_ANY_1: r = round_of(op_wait_any_1, req.n); break;
		case OP_WAIT_ANY_64: r = round_of(op_wait_any_64, req.n); break;
		case OP_EVENT_PINGPONG: r = pingpong_round(1, req.n); break;
		case OP_DUP_CLOSE: r = round_of(op_dup_close, req.n); break;
		case OP_OPEN_1M: r = open_1m(); break;
		case OP_SECTION_MAP: r = round_of(op_section_map, req.n); break;
		case OP_FILE_READ: r = round_of(op_file_read, req.n); break;
		case OP_FILE_OPEN_CLOSE: r = round_of(op_file_open_close, req.n); break;
		case OP_DIR_LIST: r = round_of(op_dir_list, req.n); break;
		default: _exit(0);
		}
		if (write(out, &r, sizeof(r)) != sizeof(r))
			_exit(1);
	}
	_exit(0);
}

static int nt_in = -1, nt_out = -1;
static pid_t nt_child;

static int nt_start(void)
{
	int req[2], ans[2];
	double r;

	if (pipe(req) || pipe(ans))
		return -1;
	nt_child = fork();
	if (!nt_child) {
		close(req[1]);
		close(ans[0]);
		nt_serve(req[0], ans[1]);
	}
	close(req[0]);
	close(ans[1]);
	nt_out = req[1];
	nt_in = ans[0];
	return read(nt_in, &r, sizeof(r)) == sizeof(r) && r >= 0 ? 0 : -1;
}

static void nt_stop(void)
{
	struct nt_request req = { .op = OP_QUIT };
	int st;

	if (write(nt_out, &req, sizeof(req)) != sizeof(req))
		kill(nt_child, SIGKILL);
	waitpid(nt_child, &st, 0);
}

/* one round of @op: ns per operation */
static double one_round(int op, long n)
{
	struct nt_request req = { .op = op, .n = n };
	double r;

	if (op == OP_GETPPID)
		return round_of(op_getppid, n);
	if (op == OP_FUTEX_PINGPONG)
		return pingpong_round(0, n);
	if (op == OP_MMAP_SHARED)
		return round_of(op_mmap_shared, n);
	if (op == OP_PREAD)
		return round_of(op_pread, n);
	if (op == OP_OPEN_CLOSE)
		return round_of(op_open_close, n);
	if (op == OP_GETDENTS)
		return round_of(op_getdents, n);
	if (write(nt_out, &req, sizeof(req)) != sizeof(req) ||
	    read(nt_in, &r, sizeof(r)) != sizeof(r) || r < 0) {
		fprintf(stderr, "ntbench: the NT child failed\n");
		exit(1);
	}
	return r;
}

/*
 * Figure @name: @op (@n per round) against @base (@nbase per round, times
 * @mult), in PAIRS short rounds each, alternating.  The ns figures are the
 * medians of the rounds; the ratio is the median of the PAIRS ratios of a
 * round to its neighbour, which a changing load on the host disturbs least.
 */
#define PAIRS	21

static double measure_pair(const char *name, int op, long n, const char *base_name, int base,
			   long nbase, int mult)
{
	double a[PAIRS], b[PAIRS], r[PAIRS];
	int k;

	n = n / 4 + 1;
	nbase = nbase / 4 + 1;
	one_round(op, n / 4 + 1);	/* warm up */
	one_round(base, nbase / 4 + 1);
	for (k = 0; k < PAIRS; k++) {
		a[k] = one_round(op, n);
		b[k] = one_round(base, nbase) * mult;
		r[k] = a[k] / b[k];
	}
	qsort(a, PAIRS, sizeof(a[0]), cmp_double);
	qsort(b, PAIRS, sizeof(b[0]), cmp_double);
	qsort(r, PAIRS, sizeof(r[0]), cmp_double);
	printf("BENCH %s %.1f %s %.1f %.3f\n", name, a[PAIRS / 2], base_name, b[PAIRS / 2],
	       r[PAIRS / 2]);
	fflush(stdout);
	return a[PAIRS / 2];
}

/* median of ROUNDS rounds of @op */
static double measure_rounds(int op, long n)
{
	double a[ROUNDS];
	int k;

	one_round(op, n / 10 + 1);
	for (k = 0; k < ROUNDS; k++)
		a[k] = one_round(op, n);
	qsort(a, ROUNDS, sizeof(a[0]), cmp_double);
	return a[ROUNDS / 2];
}

static int measure_nt(long n)
{
	double dup;

	if (make_files() || nt_start()) {
		fprintf(stderr, "ntbench: cannot start the NT child (become NT, create objects)\n");
		return -1;
	}
	if (want("nt_null_call"))
		measure_pair("nt_null_call", OP_NT_NULL, n, "getppid", OP_GETPPID, n, 1);
	if (want("event_pingpong"))
		measure_pair("event_pingpong", OP_EVENT_PINGPONG, n / 20, "futex_pingpong",
			     OP_FUTEX_PINGPONG, n / 20, 1);
	/* two NT calls per operation: the baseline is two getppid calls */
	if (want("event_set_reset"))
		measure_pair("event_set_reset", OP_SET_RESET, n / 2, "getppid_x2", OP_GETPPID, n,
			     2);
	if (want("wait_signaled"))
		measure_pair("wait_signaled", OP_WAIT_SIGNALED, n, "getppid", OP_GETPPID, n, 1);
	if (want("mutant_acquire_release"))
		measure_pair("mutant_acquire_release", OP_MUTANT, n / 2, "getppid_x2", OP_GETPPID,
			     n, 2);
	if (want("wait_any_64"))
		measure_pair("wait_any_64", OP_WAIT_ANY_64, n / 10, "wait_any_1", OP_WAIT_ANY_1,
			     n / 2, 1);
	if (want("section_map_unmap"))
		measure_pair("section_map_unmap", OP_SECTION_MAP, n / 10, "mmap_munmap_64k",
			     OP_MMAP_SHARED, n / 10, 1);
	if (want("handle_dup_close") || want("handle_dup_close_1m_open")) {
		dup = measure_pair("handle_dup_close", OP_DUP_CLOSE, n / 2, "getppid", OP_GETPPID,
				   n, 1);
		/* against the same figure before: the 1M handles cannot be taken back */
		if (want("handle_dup_close_1m_open") && !one_round(OP_OPEN_1M, 0))
			report("handle_dup_close_1m_open", measure_rounds(OP_DUP_CLOSE, n / 2),
			       "handle_dup_close", dup);
	}
	if (want("file_read_4k"))
		measure_pair("file_read_4k", OP_FILE_READ, n / 4, "pread_4k", OP_PREAD, n / 4, 1);
	if (want("file_open_close"))
		measure_pair("file_open_close", OP_FILE_OPEN_CLOSE, n / 20, "open_close",
			     OP_OPEN_CLOSE, n / 20, 1);
	if (want("dir_list_1000"))
		measure_pair("dir_list_1000", OP_DIR_LIST, n / 4000 + 2, "getdents64_1000",
			     OP_GETDENTS, n / 4000 + 2, 1);
	nt_stop();
	return 0;
}

/* exec to exit of a program, stdout to /dev/null, waited for */
static const char *exec_path;

static void op_exec(void)
{
	int st;
	pid_t pid = fork();

	if (!pid) {
		int fd = open("/dev/null", O_WRONLY);

		dup2(fd, 1);
		execl(exec_path, exec_path, NULL);
		_exit(127);
	}
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		fprintf(stderr, "ntbench: %s failed: %#x\n", exec_path, st);
}

static int write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	int ok = fd >= 0 && write(fd, s, strlen(s)) == (ssize_t)strlen(s);

	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

/*
 * hello.exe by path, both ways in: the module's own binfmt handler
 * (claim=all, the binfmt_misc rule disabled meanwhile) and binfmt_misc
 * with the shim.  Both start through ntdll.dll when it is installed.
 */
static void measure_exec(long n)
{
	static const char claim[] = "/sys/module/ntpersona/parameters/claim";
	static const char rule[] = "/proc/sys/fs/binfmt_misc/ntpersona";
	double elf = 0, pe = 0, misc = 0;
	int round;

	/* short rounds in turn, so that a change of load hits all three alike */
	for (round = 0; round < 5; round++) {
		exec_path = "/usr/lib/ntpersona/bench/hello_elf";
		elf += measure(op_exec, n / 5 + 1);
		exec_path = "/usr/lib/ntpersona/pe/hello.exe";
		misc += measure(op_exec, n / 5 + 1);
		if (write_str(rule, "0") || write_str(claim, "all")) {
			fprintf(stderr, "ntbench: cannot switch to the module's binfmt handler\n");
			return;
		}
		pe += measure(op_exec, n / 5 + 1);
		write_str(claim, "none");
		write_str(rule, "1");
	}
	report("pe_exec_exit", pe / 5, "elf_exec_exit", elf / 5);
	report("pe_exec_exit_binfmt_misc", misc / 5, "elf_exec_exit", elf / 5);
}

/* the same file, the Linux way: open + mmap + munmap + close */
static const char big_dll[] = "/usr/lib/ntpersona/pe/ntt_big.dll";
static off_t big_size;

static void op_file_map(void)
{
	int fd = open(big_dll, O_RDONLY);
	void *p = fd < 0 ? MAP_FAILED : mmap(NULL, big_size, PROT_READ, MAP_PRIVATE, fd, 0);

	if (p != MAP_FAILED)
		munmap(p, big_size);
	if (fd >= 0)
		close(fd);
}

/* dllbench.exe ROUNDS: one round of LdrLoadDll + LdrUnloadDll in an NT process, ns/op */
static double dll_round(long n)
{
	char cmd[128];
	double ns = -1;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "/usr/lib/ntpersona/pe/dllbench.exe %ld", n);
	f = popen(cmd, "r");
	if (!f || fscanf(f, "dll_load_cached %lf", &ns) != 1)
		ns = -1;
	if (f && pclose(f))
		ns = -1;
	return ns;
}

/*
 * dll_load_cached: LdrLoadDll + LdrUnloadDll of a 1 MiB DLL whose image
 * is in the cache (each round's process loads it once first), against
 * open + mmap + munmap + close of the same file; rounds alternate, and
 * each side's figure is the median of its rounds.
 */
static void measure_dll(long n)
{
	double dll[ROUNDS], file[ROUNDS], t;
	int fd = open(big_dll, O_RDONLY);
	long k;
	int i;

	big_size = fd >= 0 ? lseek(fd, 0, SEEK_END) : 0;
	if (fd >= 0)
		close(fd);
	if (big_size <= 0) {
		fprintf(stderr, "ntbench: %s is missing\n", big_dll);
		return;
	}
	for (i = 0; i < ROUNDS; i++) {
		dll[i] = dll_round(n);
		t = now_ns();
		for (k = 0; k < n; k++)
			op_file_map();
		file[i] = (now_ns() - t) / n;
		if (dll[i] < 0) {
			fprintf(stderr, "ntbench: dllbench.exe failed\n");
			return;
		}
	}
	qsort(dll, ROUNDS, sizeof(double), cmp_double);
	qsort(file, ROUNDS, sizeof(double), cmp_double);
	report("dll_load_cached", dll[ROUNDS / 2], "file_open_mmap_close", file[ROUNDS / 2]);
}

/*
 * crt_hello: an ordinary Win32 printf program (msvcrt, kernel32, kernelbase
 * over our ntdll.dll) by path through binfmt_misc, exec to exit, against
 * the static ELF hello; short rounds in turn, each side the sum over them.
 */
static void measure_crt_hello(long n)
{
	double elf = 0, pe = 0;
	int round;

	for (round = 0; round < 5; round++) {
		exec_path = "/usr/lib/ntpersona/bench/hello_elf";
		elf += measure(op_exec, n / 5 + 1);
		exec_path = "/usr/lib/ntpersona/pe/win32_hello.exe";
		pe += measure(op_exec, n / 5 + 1);
	}
	report("crt_hello", pe / 5, "elf_exec_exit", elf / 5);
}

static pthread_mutex_t bench_mutex = PTHREAD_MUTEX_INITIALIZER;

static void op_mutex(void)
{
	pthread_mutex_lock(&bench_mutex);
	pthread_mutex_unlock(&bench_mutex);
}

/*
 * critical_section_uncontended: csbench.exe's EnterCriticalSection +
 * LeaveCriticalSection (a single-threaded Win32 process) against
 * pthread_mutex_lock + unlock here (single-threaded too); the median of
 * five runs of each.
 */
static void measure_cs(long n)
{
	double cs[5], mx[5];
	char cmd[128];
	FILE *f;
	int i;

	snprintf(cmd, sizeof(cmd), "/usr/lib/ntpersona/pe/csbench.exe %ld", n);
	for (i = 0; i < 5; i++) {
		cs[i] = -1;
		f = popen(cmd, "r");
		if (!f || fscanf(f, "critical_section_uncontended %lf", &cs[i]) != 1)
			cs[i] = -1;
		if ((f && pclose(f)) || cs[i] < 0) {
			fprintf(stderr, "ntbench: csbench.exe failed\n");
			return;
		}
		mx[i] = measure(op_mutex, n);
	}
	qsort(cs, 5, sizeof(double), cmp_double);
	qsort(mx, 5, sizeof(double), cmp_double);
	report("critical_section_uncontended", cs[2], "pthread_mutex_lock_unlock", mx[2]);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 200000;
	double before, loaded, ppid;

	if (argc > 2) {
		wanted = argv + 2;
		nr_wanted = argc - 2;
	}
	pin(0);
	if (want("linux_getppid_module_loaded")) {
		if (measure_linux_cost(n * 4, &before, &loaded))
			return 1;
		report("linux_getppid_module_loaded", loaded, "getppid_before_load", before);
	}

	ppid = measure(op_getppid, n);	/* the baseline of the alternatives and exec */
	measure_alternatives(n, ppid);
	if (want("pe_exec_exit"))
		measure_exec(n / 2000 + 5);
	if (want("dll_load_cached"))
		measure_dll(n / 100 + 10);
	if (want("crt_hello"))
		measure_crt_hello(n / 2000 + 5);
	if (want("critical_section_uncontended"))
		measure_cs(n * 5);
	return measure_nt(n) ? 1 : 0;
}
