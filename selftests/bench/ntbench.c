// SPDX-License-Identifier: GPL-2.0
/*
 * ntbench: the figures `make bench` reports, all measured in one guest run.
 * Each figure is the median of 7 rounds; each line is
 *   BENCH <name> <ns/op> <baseline> <baseline ns/op> <ratio>
 * Runs as root in the test guest with ntpersona.ko loaded at start; it
 * unloads and reloads the module to measure Linux before loading.
 */
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
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
	report("alt_ioctl_entry", measure(op_ioctl, n), "getppid", ppid);
	pid = fork();
	if (!pid) {
		if (nt_tramp_setup() || sigaction(SIGSYS, &sa, NULL) ||
		    prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON,
			  (unsigned long)__executable_start, etext - __executable_start,
			  &sud_selector))
			_exit(1);
		report("alt_sud_sigsys_ioctl", measure(op_sud, n / 4), "getppid", ppid);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	close(ctl_fd);
}

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

static double pingpong(int nt, long rounds)
{
	double r[ROUNDS], t;
	pthread_t th;
	long i;
	int k;

	pp_rounds = rounds;
	for (k = 0; k < ROUNDS; k++) {
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
		r[k] = (now_ns() - t) / rounds;
		pthread_join(th, NULL);
	}
	qsort(r, ROUNDS, sizeof(r[0]), cmp_double);
	return r[ROUNDS / 2];
}

static int measure_sync(long n, double ppid)
{
	double futex_pp, one;
	int i;

	if (NT(NtCreateEvent, A(&ev_set), EVENT_ALL_ACCESS, 0, NT_NOTIFICATION_EVENT, 0) ||
	    NT(NtCreateEvent, A(&ev_a), EVENT_ALL_ACCESS, 0, NT_SYNCHRONIZATION_EVENT, 0) ||
	    NT(NtCreateEvent, A(&ev_b), EVENT_ALL_ACCESS, 0, NT_SYNCHRONIZATION_EVENT, 0) ||
	    NT(NtCreateMutant, A(&mutant), MUTANT_ALL_ACCESS, 0, 0))
		return -1;
	for (i = 0; i < 64; i++)
		if (NT(NtCreateEvent, A(&waits64[i]), EVENT_ALL_ACCESS, 0, NT_NOTIFICATION_EVENT,
		       i == 63))
			return -1;
	futex_pp = pingpong(0, n / 20);
	report("event_pingpong", pingpong(1, n / 20), "futex_pingpong", futex_pp);
	/* two NT calls per operation: the baseline is two getppid calls */
	report("event_set_reset", measure(op_set_reset, n / 2), "getppid_x2", 2 * ppid);
	report("wait_signaled", measure(op_wait_signaled, n), "getppid", ppid);
	report("mutant_acquire_release", measure(op_mutant, n / 2), "getppid_x2", 2 * ppid);
	one = measure(op_wait_any_1, n / 2);
	report("wait_any_64", measure(op_wait_any_64, n / 10), "wait_any_1", one);
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
	double elf, pe, misc;

	exec_path = "/usr/lib/ntpersona/bench/hello_elf";
	elf = measure(op_exec, n);
	exec_path = "/usr/lib/ntpersona/pe/hello.exe";
	misc = measure(op_exec, n);
	if (write_str(rule, "0") || write_str(claim, "all")) {
		fprintf(stderr, "ntbench: cannot switch to the module's binfmt handler\n");
		return;
	}
	pe = measure(op_exec, n);
	write_str(claim, "none");
	write_str(rule, "1");
	report("pe_exec_exit", pe, "elf_exec_exit", elf);
	report("pe_exec_exit_binfmt_misc", misc, "elf_exec_exit", elf);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 200000;
	double before, loaded, ppid, nt, dup, dup1m;
	struct nt_object_attributes oa;
	long i;

	pin(0);
	if (measure_linux_cost(n * 4, &before, &loaded))
		return 1;
	report("linux_getppid_module_loaded", loaded, "getppid_before_load", before);

	ppid = measure(op_getppid, n);	/* the baseline of NT figures: a Linux task */
	measure_alternatives(n, ppid);
	measure_exec(n / 2000 + 5);
	if (nt_become()) {
		fprintf(stderr, "ntbench: cannot become NT\n");
		return 1;
	}
	nt = measure(op_nt_null, n);
	report("nt_null_call", nt, "getppid", ppid);

	if (NT(NtOpenDirectoryObject, A(&dup_source), DIRECTORY_QUERY,
	       A(nt_oa(&oa, 0, "\\BaseNamedObjects", 0)))) {
		fprintf(stderr, "ntbench: cannot open a directory\n");
		return 1;
	}
	if (measure_sync(n, ppid)) {
		fprintf(stderr, "ntbench: cannot create sync objects\n");
		return 1;
	}
	dup = measure(op_dup_close, n / 2);
	report("handle_dup_close", dup, "getppid", ppid);
	for (i = 0; i < 1000000; i++) {
		uint64_t h;

		if (NT(NtDuplicateObject, NT_CURRENT_PROCESS, dup_source, NT_CURRENT_PROCESS,
		       A(&h), 0, 0, DUPLICATE_SAME_ACCESS)) {
			fprintf(stderr, "ntbench: duplicate %ld failed\n", i);
			return 1;
		}
	}
	dup1m = measure(op_dup_close, n / 2);
	report("handle_dup_close_1m_open", dup1m, "handle_dup_close", dup);
	return 0;
}
