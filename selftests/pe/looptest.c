// SPDX-License-Identifier: GPL-2.0
/*
 * looptest.exe: imports ntt_loopa.dll, which imports ntt_loopb.dll, which
 * imports ntt_loopa.dll.  Both load, both are initialized once, and calls
 * go across in both directions.
 */
#include "ntdllrt.h"

int ntt_loopa_both(void);
int ntt_loopb_both(void);

int start(void *peb)
{
	(void)peb;
	CHECK("looptest", ntt_loopa_both() == 2);
	CHECK("looptest", ntt_loopb_both() == 2);
	return nt_done("looptest");
}
