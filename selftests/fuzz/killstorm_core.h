/* SPDX-License-Identifier: GPL-2.0 */
/*
 * killstorm: NT processes SIGKILLed at random points, thousands of times,
 * while module unloads are attempted; seeded.  The core is shared by the
 * killstorm program (killstorm.c, make fuzz) and the kselftest
 * killstorm_test.c (make check), which includes killstorm_core.c whole.
 *
 * ks_run() keeps o->workers victims alive at once, each of a random kind
 * (blocked in NT waits, busy with NT calls, forking NT children, exec of a
 * PE program by path, an NT process exec'ing one, a PE program in the
 * middle of I/O on pipes, a multi-threaded NT process in NtReadFile and
 * NtWriteFile on pipes), and kills each after a random delay of 1 us to
 * o->max_delay_us, counted from its fork or from the moment it reported
 * being in place.  A sentinel NT process lives throughout, so that every
 * unload attempt (o->unload) must be refused; between rounds of o->round
 * kills the NT process count and the live-object count must come back to
 * their baselines, and at the end, with no NT process left, the module
 * must unload -- it is then loaded again.
 */
#ifndef KILLSTORM_CORE_H
#define KILLSTORM_CORE_H

#include <stdint.h>

#define KS_MAX_WORKERS	16

struct ks_opts {
	uint64_t seed;
	unsigned long kills;		/* SIGKILLs that ended a victim */
	unsigned int workers;		/* victims alive at once */
	unsigned int round;		/* kills between two counter checks */
	unsigned int max_delay_us;	/* longest delay before a kill */
	unsigned int timeout;		/* seconds the whole run may take; 0: none */
	int unload;			/* the unload storm, then unload and reload */
	int verbose;			/* a line per victim */
};

void ks_defaults(struct ks_opts *o);
/* 0, or -1 after printing the usage */
int ks_parse_args(struct ks_opts *o, int argc, char **argv);
uint64_t ks_time_seed(void);
/* 0 when every check held */
int ks_run(const struct ks_opts *o);

#endif
