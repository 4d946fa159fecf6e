// SPDX-License-Identifier: GPL-2.0
/*
 * Fiber local storage (RtlFlsAlloc and friends, under kernel32's FlsAlloc):
 * up to FLS_SLOTS - 1 process-wide slots (index 0 is never handed out, as
 * on Windows), each with an optional callback that runs on a thread's
 * non-NULL value when the slot is freed, when the thread ends and when the
 * process ends.  A thread's values are a block that TEB->FlsSlots points
 * to, made at the thread's start (so a slot that was never set reads NULL)
 * and grown when a higher slot is set.
 *
 * Locking: fls_lock (recursive: a callback may free or allocate a slot)
 * guards the callback table and the list of the threads' blocks.  A thread
 * reads and writes its own values without it; only RtlFlsFree touches
 * another thread's block (clearing the freed slot), under the lock, which
 * the owner takes too when it moves its block to grow it.
 */
#include "crt.h"
#include "heap.h"
#include "loader.h"

#define FLS_SLOTS		0xff0	/* Windows 10 1903 and later: 4080 */
#define FLS_NO_CALLBACK		((PFLS_CALLBACK) ~(ULONG_PTR)0)	/* allocated, no callback */
#define RTL_FLS_RUN_CALLBACKS	1	/* RtlProcessFlsData flags */
#define RTL_FLS_FREE_DATA	2

typedef void (NTAPI *PFLS_CALLBACK)(void *value);

struct fls_block {
	LIST_ENTRY link;		/* in fls_threads */
	ULONG count;			/* slots in values[] */
	void *values[];
};

static PFLS_CALLBACK fls_callbacks[FLS_SLOTS];	/* NULL: free */
static LIST_ENTRY fls_threads = { &fls_threads, &fls_threads };
static struct ntdll_lock fls_lock;

static struct fls_block **teb_block(void)
{
	return &NT_FIELD(ntdll_teb(), TEB_FLS_SLOTS, struct fls_block *);
}

static struct fls_block *block_alloc(ULONG count)
{
	struct fls_block *b;

	b = RtlAllocateHeap(RtlGetProcessHeap(), HEAP_ZERO_MEMORY,
			    sizeof(*b) + count * sizeof(void *));
	if (b)
		b->count = count;
	return b;
}

static void list_add(struct fls_block *b)
{
	b->link.Flink = &fls_threads;
	b->link.Blink = fls_threads.Blink;
	fls_threads.Blink->Flink = &b->link;
	fls_threads.Blink = &b->link;
}

static void list_del(struct fls_block *b)
{
	b->link.Blink->Flink = b->link.Flink;
	b->link.Flink->Blink = b->link.Blink;
}

/* The calling thread's block, made at its start (process start: start.c). */
NTSTATUS ntdll_fls_thread_init(void)
{
	struct fls_block *b = block_alloc(16);

	if (!b)
		return STATUS_NO_MEMORY;
	ntdll_lock_acquire_rec(&fls_lock);
	list_add(b);
	ntdll_lock_release_rec(&fls_lock);
	*teb_block() = b;
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlFlsAlloc(PFLS_CALLBACK callback, ULONG *index)
{
	ULONG i;

	if (!*teb_block() && !NT_SUCCESS(ntdll_fls_thread_init()))
		return STATUS_NO_MEMORY;
	ntdll_lock_acquire_rec(&fls_lock);
	for (i = 1; i < FLS_SLOTS; i++)
		if (!fls_callbacks[i])
			break;
	if (i < FLS_SLOTS)
		fls_callbacks[i] = callback ? callback : FLS_NO_CALLBACK;
	ntdll_lock_release_rec(&fls_lock);
	if (i == FLS_SLOTS)
		return STATUS_NO_MEMORY;	/* Windows' answer when the slots run out */
	*index = i;
	return STATUS_SUCCESS;
}

/* Each thread's value in slot @i goes through the slot's callback, then is cleared. */
NTSTATUS NTAPI RtlFlsFree(ULONG index)
{
	PFLS_CALLBACK cb;
	LIST_ENTRY *e;

	if (!index || index >= FLS_SLOTS)
		return STATUS_INVALID_PARAMETER;
	ntdll_lock_acquire_rec(&fls_lock);
	cb = fls_callbacks[index];
	if (!cb) {
		ntdll_lock_release_rec(&fls_lock);
		return STATUS_INVALID_PARAMETER;
	}
	for (e = fls_threads.Flink; e != &fls_threads; e = e->Flink) {
		struct fls_block *b = (struct fls_block *)e;
		void *v = index < b->count ? b->values[index] : NULL;

		if (!v)
			continue;
		b->values[index] = NULL;
		if (cb != FLS_NO_CALLBACK)
			cb(v);
	}
	fls_callbacks[index] = NULL;
	ntdll_lock_release_rec(&fls_lock);
	return STATUS_SUCCESS;
}

/*
 * Any slot below the limit may be read and written, allocated or not (as
 * on Windows); only index 0 and those past the end are refused.
 */
NTSTATUS NTAPI RtlFlsGetValue(ULONG index, void **value)
{
	struct fls_block *b = *teb_block();

	if (!index || index >= FLS_SLOTS || !b)
		return STATUS_INVALID_PARAMETER;
	*value = index < b->count ? b->values[index] : NULL;
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlFlsSetValue(ULONG index, void *value)
{
	struct fls_block *b, *nb;
	ULONG count;

	if (!index || index >= FLS_SLOTS)
		return STATUS_INVALID_PARAMETER;
	if (!*teb_block() && !NT_SUCCESS(ntdll_fls_thread_init()))
		return STATUS_NO_MEMORY;
	b = *teb_block();
	if (index >= b->count) {
		for (count = b->count * 2; count <= index; count *= 2)
			;
		if (count > FLS_SLOTS)
			count = FLS_SLOTS;
		nb = block_alloc(count);
		if (!nb)
			return STATUS_NO_MEMORY;
		ntdll_lock_acquire_rec(&fls_lock);
		memcpy(nb->values, b->values, b->count * sizeof(void *));
		list_del(b);
		list_add(nb);
		*teb_block() = nb;
		ntdll_lock_release_rec(&fls_lock);
		RtlFreeHeap(RtlGetProcessHeap(), 0, b);
		b = nb;
	}
	b->values[index] = value;
	return STATUS_SUCCESS;
}

/*
 * A thread's end (flags 1: run the callbacks on its non-NULL values) and
 * its block's (flags 2: unlink and free it); kernelbase passes both for a
 * deleted fiber.  @data is a TEB->FlsSlots value.
 */
void NTAPI RtlProcessFlsData(void *data, ULONG flags)
{
	struct fls_block *b = data;
	ULONG i;

	if (!b)
		return;
	ntdll_lock_acquire_rec(&fls_lock);
	if (flags & RTL_FLS_RUN_CALLBACKS) {
		for (i = 1; i < b->count; i++) {
			PFLS_CALLBACK cb = fls_callbacks[i];
			void *v = b->values[i];

			if (!v || !cb)
				continue;
			b->values[i] = NULL;
			if (cb != FLS_NO_CALLBACK)
				cb(v);
		}
	}
	if (flags & RTL_FLS_FREE_DATA)
		list_del(b);
	ntdll_lock_release_rec(&fls_lock);
	if (flags & RTL_FLS_FREE_DATA) {
		if (*teb_block() == b)
			*teb_block() = NULL;
		RtlFreeHeap(RtlGetProcessHeap(), 0, b);
	}
}
