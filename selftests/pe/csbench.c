// SPDX-License-Identifier: GPL-2.0
/*
 * csbench.exe N: the critical_section_uncontended figure, from kernel32's
 * side as a Win32 program sees it: EnterCriticalSection +
 * LeaveCriticalSection N times, the median of 7 rounds, printed as
 * "critical_section_uncontended <ns per pair>".
 */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

#define ROUNDS 7

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000, i;
	LARGE_INTEGER f, t0, t1;
	CRITICAL_SECTION cs;
	double r[ROUNDS];
	int k;

	if (n <= 0 || !QueryPerformanceFrequency(&f))
		return 2;
	InitializeCriticalSection(&cs);
	for (i = 0; i < n / 10; i++) {	/* warm up */
		EnterCriticalSection(&cs);
		LeaveCriticalSection(&cs);
	}
	for (k = 0; k < ROUNDS; k++) {
		QueryPerformanceCounter(&t0);
		for (i = 0; i < n; i++) {
			EnterCriticalSection(&cs);
			LeaveCriticalSection(&cs);
		}
		QueryPerformanceCounter(&t1);
		r[k] = (double)(t1.QuadPart - t0.QuadPart) * 1e9 / (double)f.QuadPart / (double)n;
	}
	DeleteCriticalSection(&cs);
	qsort(r, ROUNDS, sizeof(r[0]), cmp);
	printf("critical_section_uncontended %.2f\n", r[ROUNDS / 2]);
	return 0;
}
