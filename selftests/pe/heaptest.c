// SPDX-License-Identifier: GPL-2.0
/*
 * heaptest.exe: the Rtl heap.  The process heap (PEB->ProcessHeap) and a
 * private one: zeroed allocations, sizes, 16-byte alignment, many blocks of
 * mixed sizes filled with patterns that must survive frees and
 * reallocations around them, large blocks, growth past the first segment,
 * RtlDestroyHeap.  Exit status 77 when the kernel has no
 * NtAllocateVirtualMemory yet (the script skips then).
 */
#include "ntdllrt.h"

#define P "heaptest"
#define N 600

static unsigned int seed = 12345;

static unsigned int rnd(void)
{
	seed = seed * 1103515245 + 12345;
	return seed >> 8;
}

static void fill(unsigned char *p, ULONG_PTR n, unsigned int tag)
{
	ULONG_PTR i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(tag + i * 7);
}

static int intact(const unsigned char *p, ULONG_PTR n, unsigned int tag)
{
	ULONG_PTR i;

	for (i = 0; i < n; i++)
		if (p[i] != (unsigned char)(tag + i * 7))
			return 0;
	return 1;
}

static int all_zero(const unsigned char *p, ULONG_PTR n)
{
	while (n--)
		if (*p++)
			return 0;
	return 1;
}

static unsigned char *blk[N];
static ULONG_PTR len[N];

static void patterns(void *heap)
{
	int i, bad = 0;

	for (i = 0; i < N; i++) {
		len[i] = rnd() % (i % 50 ? 3000 : 70000);	/* every 50th is large */
		blk[i] = RtlAllocateHeap(heap, 0, len[i]);
		if (!blk[i] || ((ULONG_PTR)blk[i] & 15)) {
			bad++;
			continue;
		}
		fill(blk[i], len[i], i);
	}
	CHECK(P, !bad);
	for (i = 0; i < N; i += 2)
		if (blk[i] && !RtlFreeHeap(heap, 0, blk[i]))
			bad++;
	CHECK(P, !bad);
	for (i = 1; i < N; i += 2) {
		ULONG_PTR n = i % 3 ? len[i] * 2 + 1 : len[i] / 2;
		unsigned char *q;

		if (!blk[i])
			continue;
		q = RtlReAllocateHeap(heap, 0, blk[i], n);
		if (!q || !intact(q, n < len[i] ? n : len[i], i) || RtlSizeHeap(heap, 0, q) != n) {
			bad++;
			continue;
		}
		blk[i] = q;
		len[i] = n;
		fill(q, n, i + 1);
	}
	CHECK(P, !bad);
	for (i = 0; i < N; i += 2) {		/* reuse the freed room */
		len[i] = rnd() % 500;
		blk[i] = RtlAllocateHeap(heap, HEAP_ZERO_MEMORY, len[i]);
		if (!blk[i] || !all_zero(blk[i], len[i]))
			bad++;
		else
			fill(blk[i], len[i], i + 1);
	}
	CHECK(P, !bad);
	for (i = 0; i < N; i++)
		if (blk[i] && !intact(blk[i], len[i], i + 1))
			bad++;
	CHECK(P, !bad);
	for (i = 0; i < N; i++)
		if (blk[i] && !RtlFreeHeap(heap, 0, blk[i]))
			bad++;
	CHECK(P, !bad);
}

int start(void *peb)
{
	void *ph = process_heap(), *heap, *mem = 0;
	ULONG_PTR size = 65536;
	unsigned char *p, *q;
	int i;

	(void)peb;
	if (NtAllocateVirtualMemory(NtCurrentProcess(), &mem, 0, &size, 0x3000, 4) ==
	    STATUS_NOT_IMPLEMENTED) {
		nt_puts(nt_stdout(), "heaptest: no NtAllocateVirtualMemory: skipped\n");
		return 77;
	}
	size = 0;
	NtFreeVirtualMemory(NtCurrentProcess(), &mem, &size, 0x8000);
	CHECK(P, ph != 0);

	/* basics on the process heap */
	p = RtlAllocateHeap(ph, HEAP_ZERO_MEMORY, 100);
	CHECK(P, p && all_zero(p, 100) && RtlSizeHeap(ph, 0, p) == 100);
	CHECK(P, p && !((ULONG_PTR)p & 15));
	q = RtlAllocateHeap(ph, 0, 0);
	CHECK(P, q != 0);
	CHECK(P, RtlFreeHeap(ph, 0, q));
	CHECK(P, RtlFreeHeap(ph, 0, 0));
	fill(p, 100, 3);
	p = RtlReAllocateHeap(ph, HEAP_ZERO_MEMORY, p, 5000);
	CHECK(P, p && intact(p, 100, 3) && all_zero(p + 100, 4900));
	p = RtlReAllocateHeap(ph, 0, p, 10);
	CHECK(P, p && intact(p, 10, 3) && RtlSizeHeap(ph, 0, p) == 10);
	CHECK(P, RtlFreeHeap(ph, 0, p));

	/* a large block: its own region */
	p = RtlAllocateHeap(ph, HEAP_ZERO_MEMORY, (1 << 20) + 3);
	CHECK(P, p && all_zero(p, (1 << 20) + 3));
	if (p) {
		fill(p, (1 << 20) + 3, 9);
		p = RtlReAllocateHeap(ph, 0, p, 3 << 20);
		CHECK(P, p && intact(p, (1 << 20) + 3, 9));
		CHECK(P, RtlSizeHeap(ph, 0, p) == 3 << 20);
		CHECK(P, RtlFreeHeap(ph, 0, p));
	}

	patterns(ph);

	/* a private heap, grown well past its first segment, then destroyed */
	heap = RtlCreateHeap(HEAP_GROWABLE, 0, 0, 0, 0, 0);
	CHECK(P, heap != 0);
	if (heap) {
		int bad = 0;

		patterns(heap);
		for (i = 0; i < 40000; i++) {
			p = RtlAllocateHeap(heap, 0, 64);
			if (!p) {
				bad++;
				break;
			}
			fill(p, 64, i);
			if (!intact(p, 64, i))
				bad++;
		}
		CHECK(P, !bad);
		CHECK(P, RtlDestroyHeap(heap) == 0);
	}
	return nt_done(P);
}
