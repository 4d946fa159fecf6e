// SPDX-License-Identifier: GPL-2.0
/*
 * The Rtl heap: RtlCreateHeap, RtlDestroyHeap, RtlAllocateHeap,
 * RtlFreeHeap, RtlReAllocateHeap, RtlSizeHeap.
 *
 * Deliberately simple.  Small blocks (up to HEAP_MAX_SMALL bytes) come in
 * size classes carved from 1 MiB segments by a bump pointer; a freed block
 * goes on its class's free list and is reused by the next allocation of
 * that class (segments go back to the system only with the heap).  Larger
 * blocks are their own NtAllocateVirtualMemory region, released on free.
 * Every block starts with a 16-byte header (magic, class, size asked for),
 * so user pointers are 16-byte aligned as on Windows x64.  One lock per heap
 * (interlocked exchange, NtYieldExecution while busy) unless the heap or
 * the call says HEAP_NO_SERIALIZE.
 *
 * The process heap's first segment is in ntdll's own .bss, so the loader
 * can allocate before (and without) the memory services.
 */
#include "crt.h"
#include "heap.h"
#include "peb.h"
#include "sync.h"
#include "virtual.h"

#define HEAP_MAGIC		0x50414548	/* "HEAP" */
#define BLOCK_MAGIC		0xb10c
#define BLOCK_FREE		0xf1ee
#define SEGMENT_SIZE		(1024 * 1024)
#define HEAP_MAX_SMALL		16384
#define HDR			16
#define CLASS_LARGE		0xffff
#define REALLOC_IN_PLACE_ONLY	0x10

static const ULONG class_size[] = {
	16, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096,
	6144, 8192, 12288, 16384,
};
#define NCLASSES (sizeof(class_size) / sizeof(class_size[0]))

struct block {				/* HDR bytes before every user pointer */
	USHORT magic;
	USHORT cls;
	ULONG pad;
	SIZE_T size;			/* bytes asked for */
};

struct free_block {
	struct block b;
	struct free_block *next;
};

struct large {				/* before the struct block of a large block */
	struct large *next, *prev;
	SIZE_T region;			/* bytes of the NtAllocateVirtualMemory region */
	SIZE_T pad;
};

struct segment {
	struct segment *next;
	BYTE *cur, *end;		/* the bump allocator */
	int embedded;			/* in the heap's own region or .bss */
};

struct heap {
	ULONG magic;
	ULONG flags;
	struct ntdll_lock lock;
	struct free_block *free[NCLASSES];
	struct segment *segs;
	struct large large;		/* list head */
};

_Static_assert(sizeof(struct block) == HDR, "block header");
_Static_assert(sizeof(struct large) % 16 == 0, "large header keeps alignment");

static int size_class(SIZE_T n)
{
	unsigned int i;

	for (i = 0; i < NCLASSES; i++)
		if (n <= class_size[i])
			return i;
	return -1;
}

static struct segment *segment_init(BYTE *mem, SIZE_T size, int embedded)
{
	struct segment *s = (struct segment *)mem;

	s->next = NULL;
	s->cur = mem + ((sizeof(*s) + 15) & ~15);
	s->end = mem + size;
	s->embedded = embedded;
	return s;
}

static struct heap *heap_init(BYTE *mem, SIZE_T size, ULONG flags)
{
	struct heap *h = (struct heap *)mem;

	memset(h, 0, sizeof(*h));
	h->magic = HEAP_MAGIC;
	h->flags = flags;
	h->large.next = h->large.prev = &h->large;
	/* the first segment is the rest of the heap's own memory */
	h->segs = segment_init(mem + ((sizeof(*h) + 15) & ~15),
			       size - ((sizeof(*h) + 15) & ~15), 1);
	return h;
}

PVOID NTAPI RtlCreateHeap(ULONG flags, PVOID base, SIZE_T reserve, SIZE_T commit, PVOID lock,
			  PVOID params)
{
	void *mem = NULL;

	(void)reserve;
	(void)commit;
	(void)params;
	/* caller-supplied memory and locks are not supported */
	if (base || lock)
		return NULL;
	if (!NT_SUCCESS(ntdll_vm_alloc(&mem, SEGMENT_SIZE, PAGE_READWRITE)))
		return NULL;
	return heap_init(mem, SEGMENT_SIZE, flags);
}

static __attribute__((aligned(16))) BYTE process_heap_bss[256 * 1024];
static struct heap *process_heap;

/* the process heap, with its first segment in .bss (called once at process start) */
void *ntdll_heap_create_process_heap(void)
{
	process_heap = heap_init(process_heap_bss, sizeof(process_heap_bss), HEAP_GROWABLE);
	return process_heap;
}

PVOID NTAPI RtlGetProcessHeap(void)
{
	return NT_FIELD(ntdll_peb(), PEB_PROCESS_HEAP, PVOID);
}

static int serialize(struct heap *h, ULONG flags)
{
	return !((h->flags | flags) & HEAP_NO_SERIALIZE);
}

static struct heap *heap_of(PVOID heap)
{
	struct heap *h = heap;

	return h && h->magic == HEAP_MAGIC ? h : NULL;
}

static void *alloc_small(struct heap *h, int c)
{
	SIZE_T need = HDR + class_size[c];
	struct free_block *f = h->free[c];
	struct segment *s;
	void *mem = NULL;

	if (f) {
		h->free[c] = f->next;
		return f;
	}
	for (s = h->segs; s; s = s->next)
		if ((SIZE_T)(s->end - s->cur) >= need)
			break;
	if (!s) {
		if (!NT_SUCCESS(ntdll_vm_alloc(&mem, SEGMENT_SIZE, PAGE_READWRITE)))
			return NULL;
		s = segment_init(mem, SEGMENT_SIZE, 0);
		s->next = h->segs;
		h->segs = s;
	}
	mem = s->cur;
	s->cur += need;
	return mem;
}

static void *alloc_large(struct heap *h, SIZE_T size)
{
	SIZE_T region = sizeof(struct large) + HDR + size;
	struct large *l = NULL;

	if (region < size || !NT_SUCCESS(ntdll_vm_alloc((void **)&l, region, PAGE_READWRITE)))
		return NULL;
	l->region = region;
	l->next = h->large.next;
	l->prev = &h->large;
	h->large.next->prev = l;
	h->large.next = l;
	return l + 1;
}

PVOID NTAPI RtlAllocateHeap(PVOID heap, ULONG flags, SIZE_T size)
{
	struct heap *h = heap_of(heap);
	struct block *b;
	int c, lock;

	if (!h || size > ((SIZE_T)1 << 46))
		return NULL;
	lock = serialize(h, flags);
	if (lock)
		ntdll_lock_acquire(&h->lock);
	c = size_class(size);
	b = c >= 0 ? alloc_small(h, c) : alloc_large(h, size);
	if (lock)
		ntdll_lock_release(&h->lock);
	if (!b)
		return NULL;
	b->magic = BLOCK_MAGIC;
	b->cls = c >= 0 ? (USHORT)c : CLASS_LARGE;
	b->size = size;
	if ((flags | h->flags) & HEAP_ZERO_MEMORY)
		memset(b + 1, 0, size);
	return b + 1;
}

static struct block *block_of(PVOID p)
{
	struct block *b;

	if (!p || (ULONG_PTR)p & 15)
		return NULL;
	b = (struct block *)p - 1;
	if (b->magic != BLOCK_MAGIC || (b->cls >= NCLASSES && b->cls != CLASS_LARGE))
		return NULL;
	return b;
}

/* Windows returns TRUE for NULL and FALSE for what is not a live block */
BOOLEAN NTAPI RtlFreeHeap(PVOID heap, ULONG flags, PVOID p)
{
	struct heap *h = heap_of(heap);
	struct block *b;
	int lock;

	if (!p)
		return TRUE;
	b = block_of(p);
	if (!h || !b)
		return FALSE;
	lock = serialize(h, flags);
	if (lock)
		ntdll_lock_acquire(&h->lock);
	if (b->magic != BLOCK_MAGIC) {		/* freed twice, concurrently */
		if (lock)
			ntdll_lock_release(&h->lock);
		return FALSE;
	}
	b->magic = BLOCK_FREE;
	if (b->cls == CLASS_LARGE) {
		struct large *l = (struct large *)b - 1;

		l->prev->next = l->next;
		l->next->prev = l->prev;
		if (lock)
			ntdll_lock_release(&h->lock);
		ntdll_vm_free(l);
		return TRUE;
	}
	((struct free_block *)b)->next = h->free[b->cls];
	h->free[b->cls] = (struct free_block *)b;
	if (lock)
		ntdll_lock_release(&h->lock);
	return TRUE;
}

SIZE_T NTAPI RtlSizeHeap(PVOID heap, ULONG flags, PVOID p)
{
	struct block *b = block_of(p);

	(void)flags;
	return heap_of(heap) && b ? b->size : (SIZE_T)-1;
}

static SIZE_T capacity(const struct block *b)
{
	if (b->cls != CLASS_LARGE)
		return class_size[b->cls];
	return ((const struct large *)b - 1)->region - sizeof(struct large) - HDR;
}

PVOID NTAPI RtlReAllocateHeap(PVOID heap, ULONG flags, PVOID p, SIZE_T size)
{
	struct heap *h = heap_of(heap);
	struct block *b = block_of(p);
	void *n;

	if (!h || !b)
		return NULL;
	if (size <= capacity(b)) {
		/* fits where it is (a shrink keeps its class) */
		if (size > b->size && (flags | h->flags) & HEAP_ZERO_MEMORY)
			memset((BYTE *)p + b->size, 0, size - b->size);
		b->size = size;
		return p;
	}
	if (flags & REALLOC_IN_PLACE_ONLY)
		return NULL;
	n = RtlAllocateHeap(heap, flags & ~HEAP_ZERO_MEMORY, size);
	if (!n)
		return NULL;
	memcpy(n, p, b->size < size ? b->size : size);
	if (size > b->size && (flags | h->flags) & HEAP_ZERO_MEMORY)
		memset((BYTE *)n + b->size, 0, size - b->size);
	RtlFreeHeap(heap, flags, p);
	return n;
}

/* Windows returns NULL on success and the heap itself on failure */
PVOID NTAPI RtlDestroyHeap(PVOID heap)
{
	struct heap *h = heap_of(heap);
	struct segment *s, *next;
	struct large *l, *ln;

	if (!h || h == process_heap)
		return heap;
	for (l = h->large.next; l != &h->large; l = ln) {
		ln = l->next;
		ntdll_vm_free(l);
	}
	h->magic = 0;
	for (s = h->segs; s; s = next) {
		next = s->next;
		if (!s->embedded)
			ntdll_vm_free(s);
	}
	ntdll_vm_free(h);
	return NULL;
}
