// SPDX-License-Identifier: GPL-2.0
/*
 * The CI-sized run of ntfuzz (see ntfuzz_core.c): 100,000 fuzzed NT calls
 * from 2 threads of an unprivileged NT child, then 10,000 as root, once
 * with a fixed seed and once with a seed from the clock (printed, so that
 * a failure can be replayed with "ntfuzz --seed S").  Every NT child must
 * exit 0 and every object it made must be gone afterwards; scripts/vm
 * fails the run if the kernel log shows a splat.
 */
#include <stdio.h>

#include "kselftest_harness.h"
/* the selftests Makefile links nt/ntcall.c only: take the core whole */
#include "ntfuzz_core.c"

/*
 * Two runs of 110,000 calls take a few seconds under TCG, but minutes on
 * the debug kernel (KASAN, lockdep): far more than the harness's 30 s.
 */
#undef TEST_TIMEOUT_DEFAULT
#define TEST_TIMEOUT_DEFAULT	900

#define FUZZ_FIXED_SEED		20240601

static int fuzz_once(uint64_t seed, long live_before, struct __test_metadata *_metadata)
{
	struct ntfuzz_opts o;

	ntfuzz_defaults(&o);
	o.seed = seed;
	o.calls = nt_scaled(100000);
	o.threads = 2;
	o.timeout = 400;	/* a phase that takes longer is hung */
	EXPECT_EQ(0, ntfuzz_run(&o))
		TH_LOG("ntfuzz failed: replay with ntfuzz --seed %llu --calls %lu",
		       (unsigned long long)seed, (unsigned long)o.calls);
	EXPECT_EQ(live_before, nt_wait_live_objects(live_before))
		TH_LOG("objects left behind by ntfuzz --seed %llu", (unsigned long long)seed);
	return 0;
}

TEST(fuzz_100k_calls)
{
	long before = nt_live_objects();
	uint64_t seed = ntfuzz_time_seed();

	ASSERT_LT(0, before);
	fuzz_once(FUZZ_FIXED_SEED, before, _metadata);
	printf("# time-based seed %llu\n", (unsigned long long)seed);
	fflush(stdout);
	fuzz_once(seed, before, _metadata);
}

TEST_HARNESS_MAIN
