// SPDX-License-Identifier: GPL-2.0
/*
 * Handle tables: the process-private map from handle values to objects and
 * the access each handle grants.  See handle.h for the representation.
 */
#include <linux/moduleparam.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "handle.h"
#include "object.h"
#include "process.h"
#include "status.h"
#include "uaccess.h"

#define NTOS_HANDLE_TABLE_MIN	256

unsigned int ntos_max_handles = 1 << 24;
module_param_named(max_handles, ntos_max_handles, uint, 0644);
MODULE_PARM_DESC(max_handles, "Most handles one NT process may hold (default 16777216, as Windows)");

void ntos_handle_table_init(struct ntos_handle_table *table)
{
	spin_lock_init(&table->lock);
	seqcount_spinlock_init(&table->seq, &table->lock);
	RCU_INIT_POINTER(table->array, NULL);
	table->top = 0;
	table->free_head = 0;
	table->count = 0;
}

static inline u64 ntos_index_to_handle(u32 index)
{
	return ((u64)index + 1) << 2;
}

/* The array, for a writer (the lock held). */
static inline struct ntos_handle_array *ntos_handle_array(struct ntos_handle_table *table)
{
	return rcu_dereference_protected(table->array, lockdep_is_held(&table->lock));
}

static inline u32 ntos_handle_capacity(struct ntos_handle_array *array)
{
	return array ? array->capacity : 0;
}

/* Make room for one more entry; called and returns with the lock held. */
static ntstatus_t ntos_handle_table_grow(struct ntos_handle_table *table)
	__must_hold(&table->lock)
{
	struct ntos_handle_array *new, *old;
	u32 want, capacity;

	lockdep_assert_held(&table->lock);
	for (;;) {
		old = ntos_handle_array(table);
		capacity = ntos_handle_capacity(old);
		if (table->top < capacity || table->free_head)
			return STATUS_SUCCESS;
		if (capacity >= ntos_max_handles)
			return STATUS_INSUFFICIENT_RESOURCES;
		want = min_t(u64, max_t(u64, NTOS_HANDLE_TABLE_MIN, (u64)capacity * 2),
			     ntos_max_handles);
		if (want <= capacity)
			return STATUS_INSUFFICIENT_RESOURCES;
		spin_unlock(&table->lock);
		new = kvzalloc(struct_size(new, entries, want), GFP_KERNEL_ACCOUNT);
		spin_lock(&table->lock);
		if (!new)
			return STATUS_NO_MEMORY;
		old = ntos_handle_array(table);
		if (ntos_handle_capacity(old) >= want) {	/* another thread grew it */
			spin_unlock(&table->lock);
			kvfree(new);
			spin_lock(&table->lock);
			continue;
		}
		new->capacity = want;
		if (old)
			memcpy(new->entries, old->entries, old->capacity * sizeof(new->entries[0]));
		write_seqcount_begin(&table->seq);
		rcu_assign_pointer(table->array, new);
		write_seqcount_end(&table->seq);
		/* lookups may still be reading the old one */
		if (old)
			kvfree_rcu(old, rcu);
	}
}

/*
 * Give the current process a handle to @obj.  The handle takes over the
 * caller's reference and handle count; on failure the caller keeps both.
 */
ntstatus_t ntos_handle_insert(struct ntos_object *obj, u32 access, u32 attributes,
			      u64 *handle)
{
	struct ntos_handle_table *table = &ntos_process_current()->handles;
	struct ntos_handle_entry *e;
	u32 index;
	ntstatus_t status;

	spin_lock(&table->lock);
	status = ntos_handle_table_grow(table);
	if (status) {
		spin_unlock(&table->lock);
		return status;
	}
	e = ntos_handle_array(table)->entries;
	if (table->free_head) {
		index = table->free_head - 1;
		table->free_head = e[index].access;
	} else {
		index = table->top++;
	}
	e += index;
	write_seqcount_begin(&table->seq);
	WRITE_ONCE(e->obj, obj);
	WRITE_ONCE(e->access, access);
	WRITE_ONCE(e->attributes, attributes & OBJ_INHERIT);
	write_seqcount_end(&table->seq);
	table->count++;
	spin_unlock(&table->lock);
	*handle = ntos_index_to_handle(index);
	return STATUS_SUCCESS;
}

/*
 * ntos_handle_insert, then store the handle at the user address @uhandle.
 * If that store faults the handle is closed again: the caller sees
 * STATUS_ACCESS_VIOLATION and owns nothing.  On any failure the reference
 * and handle count the caller passed in are dropped.
 */
ntstatus_t ntos_handle_create(struct ntos_object *obj, u32 access, u32 attributes,
			      u64 uhandle)
{
	u64 handle;
	ntstatus_t status;

	status = ntos_handle_insert(obj, access, attributes, &handle);
	if (status) {
		ntos_object_handle_closed(obj);
		ntos_object_put(obj);
		return status;
	}
	if (ntos_write_u64(uhandle, handle)) {
		ntos_handle_close(handle);
		return STATUS_ACCESS_VIOLATION;
	}
	return STATUS_SUCCESS;
}

/* ntos_handle_peek() of NtCurrentProcess() or NtCurrentThread(): all access */
ntstatus_t ntos_handle_peek_pseudo(struct ntos_process *proc, u64 handle,
				   const struct ntos_object_type *type, struct ntos_handle_entry *e)
{
	struct ntos_thread *thread;

	if (handle == NT_CURRENT_PROCESS) {
		/* the caller's process lives while it runs (process.h) */
		e->obj = &proc->obj;
	} else {
		if (type && type != &ntos_thread_type)
			return STATUS_OBJECT_TYPE_MISMATCH;
		thread = ntos_thread_self_peek();
		if (!thread)
			return NTOS_STATUS_AGAIN;
		e->obj = &thread->obj;
	}
	e->access = e->obj->type->valid_access;
	e->attributes = 0;
	return STATUS_SUCCESS;
}

/*
 * Reference the object behind @handle of the current process, checking its
 * @type (NULL: any) and that the handle grants @access.  *info, when given,
 * receives the entry (granted access and attributes).
 */
ntstatus_t ntos_handle_ref(u64 handle, const struct ntos_object_type *type, u32 access,
			   struct ntos_object **objp, struct ntos_handle_entry *info)
{
	ntstatus_t status;

	rcu_read_lock();
	status = ntos_handle_peek(handle, type, access, objp, info);
	/* a handle closed since it was read: as if closed before */
	if (!status && !ntos_object_tryget(*objp)) {
		*objp = NULL;
		status = STATUS_INVALID_HANDLE;
	}
	rcu_read_unlock();
	if (status != NTOS_STATUS_AGAIN)
		return status;
	/* NtCurrentThread() of a thread without its object yet: make it */
	if (!ntos_thread_self())
		return STATUS_NO_MEMORY;
	return ntos_handle_ref(handle, type, access, objp, info);
}

ntstatus_t ntos_handle_close(u64 handle)
{
	struct ntos_handle_table *table = &ntos_process_current()->handles;
	struct ntos_handle_array *array;
	struct ntos_handle_entry *e;
	struct ntos_object *obj;
	s64 index;

	spin_lock(&table->lock);
	array = ntos_handle_array(table);
	index = ntos_handle_to_index(handle, ntos_handle_capacity(array));
	if (index < 0 || !array->entries[index].obj) {
		spin_unlock(&table->lock);
		return STATUS_INVALID_HANDLE;
	}
	e = &array->entries[index];
	obj = e->obj;
	write_seqcount_begin(&table->seq);
	WRITE_ONCE(e->obj, NULL);
	WRITE_ONCE(e->access, table->free_head);
	write_seqcount_end(&table->seq);
	table->free_head = index + 1;
	table->count--;
	spin_unlock(&table->lock);

	ntos_object_handle_closed(obj);
	ntos_object_put(obj);
	return STATUS_SUCCESS;
}

/* Process teardown: close every handle.  No thread of the process is left. */
void ntos_handle_table_close_all(struct ntos_handle_table *table)
{
	struct ntos_handle_array *array;
	u32 i, top;

	spin_lock(&table->lock);
	array = ntos_handle_array(table);
	top = table->top;
	write_seqcount_begin(&table->seq);
	RCU_INIT_POINTER(table->array, NULL);
	write_seqcount_end(&table->seq);
	table->top = 0;
	table->free_head = 0;
	table->count = 0;
	spin_unlock(&table->lock);

	if (!array)
		return;
	for (i = 0; i < top; i++) {
		if (!array->entries[i].obj)
			continue;
		ntos_object_handle_closed(array->entries[i].obj);
		ntos_object_put(array->entries[i].obj);
		cond_resched();
	}
	kvfree_rcu(array, rcu);
}

/* debugfs: one line per handle, the first NTOS_HANDLES_SHOWN of them. */
#define NTOS_HANDLES_SHOWN	1000

void ntos_handle_table_show(struct seq_file *m, struct ntos_handle_table *table)
{
	struct ntos_handle_entry *e;
	unsigned int c;
	u32 i, shown = 0;

	spin_lock(&table->lock);
	seq_printf(m, "  handles: %u\n", table->count);
	for (i = 0; i < table->top && shown < NTOS_HANDLES_SHOWN; i++) {
		e = &ntos_handle_array(table)->entries[i];
		if (!e->obj)
			continue;
		shown++;
		seq_printf(m, "  %#6llx  %-12s access=%#08x%s  ", ntos_index_to_handle(i),
			   e->obj->type->name, e->access,
			   e->attributes & OBJ_INHERIT ? " inherit" : "");
		for (c = 0; c < e->obj->name.len; c++)
			seq_putc(m, e->obj->name.chars[c] < 0x80 ? e->obj->name.chars[c] : '?');
		seq_putc(m, '\n');
	}
	if (shown < table->count)
		seq_printf(m, "  ... %u more\n", table->count - shown);
	spin_unlock(&table->lock);
}
