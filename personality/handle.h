/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-process handle tables.
 *
 * A handle is ((index + 1) << 2): a multiple of 4, never 0.  As on Windows
 * the two low bits are tag bits the kernel ignores.  The table is a flat
 * array that doubles when full, with free slots chained through their
 * entries, so lookup, insert and close are O(1).
 *
 * Locking: writers (insert, close, growth, teardown) take the table's
 * spinlock and bump its sequence count around each change.  Lookups take
 * no lock: under RCU they read the array (replaced arrays are freed after a
 * grace period) and retry if the sequence count says a writer was busy, so
 * an entry's object and access are always read as one.  The object is then
 * used under RCU without a reference (ntos_handle_peek: objects are freed a
 * grace period after their last reference, object.h), or referenced with
 * kref_get_unless_zero (ntos_handle_ref).  Objects are released after the
 * lock is dropped.
 */
#ifndef _NTOS_HANDLE_H
#define _NTOS_HANDLE_H

#include <linux/rcupdate.h>
#include <linux/seqlock.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "status.h"

struct ntos_object;
struct ntos_object_type;
struct seq_file;

struct ntos_handle_entry {
	struct ntos_object *obj;	/* NULL: free */
	u32 access;			/* granted access; next free index + 1 when free */
	u32 attributes;			/* OBJ_INHERIT, OBJ_PROTECT_CLOSE */
};

struct ntos_handle_array {
	struct rcu_head rcu;
	u32 capacity;
	struct ntos_handle_entry entries[];
};

struct ntos_handle_table {
	spinlock_t lock;		/* serialises writers */
	seqcount_spinlock_t seq;	/* lets lookups run without the lock */
	struct ntos_handle_array __rcu *array;	/* NULL: empty */
	/* under the lock */
	u32 top;			/* entries at or past this were never used */
	u32 free_head;			/* index + 1 of a free entry, 0: none */
	u32 count;
};

extern unsigned int ntos_max_handles;

/* Index of @handle in a table of @capacity, or -1. */
static inline s64 ntos_handle_to_index(u64 handle, u32 capacity)
{
	u64 index = (handle >> 2) - 1;

	if (handle < 4 || handle >= (1ULL << 32) || index >= capacity)
		return -1;
	return index;
}

/*
 * Read the entry of @handle in @table without the lock: under RCU, again
 * until no writer ran meanwhile, so obj and access belong together.  False
 * if there is no such handle.
 */
static __always_inline bool ntos_handle_read(struct ntos_handle_table *table, u64 handle,
					     struct ntos_handle_entry *e)
{
	const struct ntos_handle_array *array;
	const struct ntos_handle_entry *slot;
	unsigned int seq;
	s64 index;

	do {
		seq = read_seqcount_begin(&table->seq);
		array = rcu_dereference_check(table->array, rcu_read_lock_any_held());
		index = array ? ntos_handle_to_index(handle, array->capacity) : -1;
		if (index < 0)
			return false;
		slot = &array->entries[index];
		e->obj = READ_ONCE(slot->obj);
		e->access = READ_ONCE(slot->access);
		e->attributes = READ_ONCE(slot->attributes);
	} while (read_seqcount_retry(&table->seq, seq));
	return e->obj;
}

void ntos_handle_table_init(struct ntos_handle_table *table);
void ntos_handle_table_close_all(struct ntos_handle_table *table);
void ntos_handle_table_show(struct seq_file *m, struct ntos_handle_table *table);

ntstatus_t ntos_handle_create(struct ntos_object *obj, u32 access, u32 attributes,
			      u64 uhandle);
ntstatus_t ntos_handle_insert(struct ntos_object *obj, u32 access, u32 attributes,
			      u64 *handle);
ntstatus_t ntos_handle_ref(u64 handle, const struct ntos_object_type *type, u32 access,
			   struct ntos_object **objp, struct ntos_handle_entry *info);
ntstatus_t ntos_handle_close(u64 handle);

#endif /* _NTOS_HANDLE_H */
