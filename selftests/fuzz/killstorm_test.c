// SPDX-License-Identifier: GPL-2.0
/*
 * The CI-sized kill and unload storm (see killstorm_core.h): 2 x 150 NT
 * processes of every kind SIGKILLed at random points, once with a fixed
 * seed and once with a seed from the clock (printed: replay with
 * "killstorm --seed S --kills 150"), delete_module attempts all along that
 * must be refused, the live-object and NT-process counts back at their
 * baselines between rounds, and at the end the module unloaded and loaded
 * again.  make fuzz runs 10,000 kills.
 */
#include <stdio.h>

#include "kselftest_harness.h"
/* the selftests Makefile links nt/ntcall.c only: take the core whole */
#include "killstorm_core.c"

/* a few seconds under TCG; minutes on the debug kernel */
#undef TEST_TIMEOUT_DEFAULT
#define TEST_TIMEOUT_DEFAULT	900

#define KS_FIXED_SEED		20261126

static void storm(uint64_t seed, struct __test_metadata *_metadata)
{
	struct ks_opts o;

	ks_defaults(&o);
	o.seed = seed;
	o.kills = nt_scaled(150);
	o.round = nt_scaled(50);
	o.timeout = 600;
	EXPECT_EQ(0, ks_run(&o))
		TH_LOG("replay with killstorm --seed %llu --kills %lu --round %u",
		       (unsigned long long)seed, o.kills, o.round);
}

TEST(kill_and_unload_storm)
{
	ASSERT_EQ(0, geteuid()) TH_LOG("needs root: debugfs, delete_module");
	storm(KS_FIXED_SEED, _metadata);
	storm(ks_time_seed(), _metadata);
}

TEST_HARNESS_MAIN
