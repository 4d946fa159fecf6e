// SPDX-License-Identifier: GPL-2.0
/*
 * Small Rtl exports with documented semantics that Wine's DLLs import:
 * memory helpers, the thread's last error, SIDs' sizes and fields, pointer
 * encoding, the unhandled exception filter, VerSetConditionMask, bitmaps
 * (RTL_BITMAP: SizeOfBitMap bits in ULONGs, bit n is bit n%32 of
 * Buffer[n/32]).
 */
#include "crt.h"
#include "exception.h"

/* winnt.h makes these macros over memmove/memset and declares
 * VerSetConditionMask dllimport (from kernel32): here they are defined */
#undef RtlMoveMemory
#undef RtlCopyMemory
#undef RtlFillMemory
#undef RtlZeroMemory
#pragma GCC diagnostic ignored "-Wattributes"

typedef struct {
	ULONG SizeOfBitMap;
	ULONG *Buffer;
} NTDLL_RTL_BITMAP;

#define TEB_LAST_ERROR	0x68	/* TEB.LastErrorValue (x64) */

SIZE_T NTAPI RtlCompareMemory(const void *a, const void *b, SIZE_T n)
{
	const BYTE *p = a, *q = b;
	SIZE_T i = 0;

	while (i < n && p[i] == q[i])
		i++;
	return i;
}

void NTAPI RtlMoveMemory(void *d, const void *s, SIZE_T n) { memmove(d, s, n); }
void NTAPI RtlCopyMemory(void *d, const void *s, SIZE_T n) { memmove(d, s, n); }
void NTAPI RtlFillMemory(void *d, SIZE_T n, BYTE v) { memset(d, v, n); }
void NTAPI RtlZeroMemory(void *d, SIZE_T n) { memset(d, 0, n); }

static ULONG *last_error(void)
{
	BYTE *teb;

	__asm__("movq %%gs:0x30, %0" : "=r"(teb));
	return (ULONG *)(teb + TEB_LAST_ERROR);
}

void NTAPI RtlSetLastWin32Error(ULONG e) { *last_error() = e; }
void NTAPI RtlRestoreLastWin32Error(ULONG e) { *last_error() = e; }

/* SID: Revision, SubAuthorityCount, IdentifierAuthority[6], SubAuthority[] */
ULONG NTAPI RtlLengthRequiredSid(ULONG count) { return 8 + 4 * count; }
ULONG NTAPI RtlLengthSid(void *sid) { return 8 + 4 * (ULONG)((BYTE *)sid)[1]; }
BYTE *NTAPI RtlSubAuthorityCountSid(void *sid) { return (BYTE *)sid + 1; }
ULONG *NTAPI RtlSubAuthoritySid(void *sid, ULONG i) { return (ULONG *)((BYTE *)sid + 8) + i; }

/* an encoding that only Decode undoes: a rotation and a per-process XOR */
static ULONG_PTR cookie(void)
{
	static ULONG_PTR c;

	if (!c) {
		ULONG_PTR here = (ULONG_PTR)&c;

		c = (here * 0x9e3779b97f4a7c15ULL) | 1;
	}
	return c;
}

static ULONG_PTR rotr(ULONG_PTR v, unsigned int k) { return (v >> k) | (v << (64 - k)); }
static ULONG_PTR rotl(ULONG_PTR v, unsigned int k) { return (v << k) | (v >> (64 - k)); }

void *NTAPI RtlEncodePointer(void *p) { return (void *)rotr((ULONG_PTR)p ^ cookie(), 17); }
void *NTAPI RtlDecodePointer(void *p) { return (void *)(rotl((ULONG_PTR)p, 17) ^ cookie()); }
void *NTAPI RtlEncodeSystemPointer(void *p) { return RtlEncodePointer(p); }
void *NTAPI RtlDecodeSystemPointer(void *p) { return RtlDecodePointer(p); }

/* three bits of condition per VER_* type bit (VER_MINORVERSION 1 ... VER_PRODUCT_TYPE 0x80) */
ULONGLONG NTAPI VerSetConditionMask(ULONGLONG mask, DWORD type, BYTE cond)
{
	unsigned int i;

	if (!type || !cond)
		return mask;
	for (i = 0; i < 8; i++)
		if (type & (1u << i))
			mask |= (ULONGLONG)(cond & 7) << (3 * i);
	return mask;
}

CHAR NTAPI RtlUpperChar(CHAR c) { return c >= 'a' && c <= 'z' ? (CHAR)(c - 0x20) : c; }

/* ---- bitmaps ---- */
void NTAPI RtlInitializeBitMap(NTDLL_RTL_BITMAP *bm, ULONG *buf, ULONG size)
{
	bm->SizeOfBitMap = size;
	bm->Buffer = buf;
}

static int bit(const NTDLL_RTL_BITMAP *bm, ULONG i) { return bm->Buffer[i / 32] >> (i % 32) & 1; }

static int in_range(const NTDLL_RTL_BITMAP *bm, ULONG start, ULONG n)
{
	return start <= bm->SizeOfBitMap && n <= bm->SizeOfBitMap - start;
}

void NTAPI RtlSetBits(NTDLL_RTL_BITMAP *bm, ULONG start, ULONG n)
{
	if (!in_range(bm, start, n))
		return;
	for (; n; n--, start++)
		bm->Buffer[start / 32] |= 1u << (start % 32);
}

void NTAPI RtlClearBits(NTDLL_RTL_BITMAP *bm, ULONG start, ULONG n)
{
	if (!in_range(bm, start, n))
		return;
	for (; n; n--, start++)
		bm->Buffer[start / 32] &= ~(1u << (start % 32));
}

static BOOLEAN all_are(const NTDLL_RTL_BITMAP *bm, ULONG start, ULONG n, int v)
{
	if (!in_range(bm, start, n) || !n)
		return FALSE;
	for (; n; n--, start++)
		if (bit(bm, start) != v)
			return FALSE;
	return TRUE;
}

BOOLEAN NTAPI RtlAreBitsSet(const NTDLL_RTL_BITMAP *bm, ULONG start, ULONG n)
{
	return all_are(bm, start, n, 1);
}

BOOLEAN NTAPI RtlAreBitsClear(const NTDLL_RTL_BITMAP *bm, ULONG start, ULONG n)
{
	return all_are(bm, start, n, 0);
}

/* n clear bits from hint on, then from 0; set them; their index or 0xFFFFFFFF */
ULONG NTAPI RtlFindClearBitsAndSet(NTDLL_RTL_BITMAP *bm, ULONG n, ULONG hint)
{
	ULONG size = bm->SizeOfBitMap, pass, i;

	if (!n || n > size)
		return n ? 0xFFFFFFFF : (hint < size ? hint : 0);
	if (hint >= size)
		hint = 0;
	for (pass = 0; pass < 2; pass++) {
		ULONG from = pass ? 0 : hint;

		for (i = from; i + n <= size; i++) {
			if (all_are(bm, i, n, 0)) {
				RtlSetBits(bm, i, n);
				return i;
			}
		}
	}
	return 0xFFFFFFFF;
}

/*
 * The top-level exception filter (kernel32 installs UnhandledExceptionFilter
 * at its start).  Kept encoded, as Windows keeps it; the exception
 * dispatcher calls it for an exception that no frame handles.
 */
static PVOID unhandled_filter;

void NTAPI RtlSetUnhandledExceptionFilter(PVOID filter)
{
	unhandled_filter = RtlEncodePointer(filter);
}

PVOID ntdll_unhandled_exception_filter(void)
{
	return RtlDecodePointer(unhandled_filter);
}
