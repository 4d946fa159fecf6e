/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntfuzz: a seeded, structure-aware fuzzer of the NT system calls that
 * ntpersona serves.  The core is shared by the ntfuzz program (ntfuzz.c)
 * and the kselftest fuzz_test.c, which includes ntfuzz_core.c directly.
 *
 * ntfuzz_run() forks one NT child per phase: the unprivileged phase (uid
 * and gid 65534 when started as root) and a short root phase in which
 * OBJ_PERMANENT is masked out and NtMakeTemporaryObject is never called,
 * so that the fuzzer cannot change anything that outlives it.  It returns
 * 0 when every phase's child exited 0, and prints a summary.
 */
#ifndef NTFUZZ_CORE_H
#define NTFUZZ_CORE_H

#include <stdint.h>

#define NTFUZZ_PHASE_USER	1
#define NTFUZZ_PHASE_ROOT	2
#define NTFUZZ_MAX_THREADS	16

struct ntfuzz_opts {
	uint64_t seed;
	unsigned long calls;		/* of the unprivileged phase */
	unsigned long root_calls;	/* of the root phase; default calls / 10 */
	unsigned int threads;		/* fuzzing threads per phase */
	unsigned int phases;		/* NTFUZZ_PHASE_* */
	unsigned int timeout;		/* seconds a phase may take; 0: no limit */
	int trace;			/* print every call (reproducing a seed) */
	int simple;			/* no short-lived threads or fork bursts */
	unsigned int nskip;		/* services never called, by number */
	uint32_t skip[16];
};

void ntfuzz_defaults(struct ntfuzz_opts *o);
/* 0, or -1 after printing the usage */
int ntfuzz_parse_args(struct ntfuzz_opts *o, int argc, char **argv);
uint64_t ntfuzz_time_seed(void);
/* 0 when every phase's child exited 0 */
int ntfuzz_run(const struct ntfuzz_opts *o);

#endif
