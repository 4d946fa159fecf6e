// SPDX-License-Identifier: GPL-2.0
/*
 * Handle tables: the process-private map from handle values to objects and
 * the access each handle grants.  See handle.h for the representation.
 */
#include <linux/moduleparam.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "handle.h"
#include "object.h"
#include "process.h"
#include "../uapi/ntstatus.h"

#define NTOS_HANDLE_TABLE_MIN	256

unsigned int ntos_max_handles = 1 << 24;
module_param_named(max_handles, ntos_max_handles, uint, 0644);
MODULE_PARM_DESC(max_handles, "Most handles one NT process may hold (default 16777216, as Windows)");

void ntos_handle_table_init(struct ntos_handle_table *table)
{
	spin_lock_init(&table->lock);
	table->entries = NULL;
	table->capacity = 0;
	table->top = 0;
	table->free_head = 0;
	table->count = 0;
}

static inline u64 ntos_index_to_handle(u32 index)
{
	return ((u64)index + 1) << 2;
}

/* Index of @handle in a table of @capacity, or -1. */
static inline s64 ntos_handle_to_index(u64 handle, u32 capacity)
{
	u64 index = (handle >> 2) - 1;

	if (handle < 4 || handle >= (1ULL << 32) || index >= capacity)
		return -1;
	return index;
}

/* Make room for one more entry; called and returns with the lock held. */
static long ntos_handle_table_grow(struct ntos_handle_table *table)
	__must_hold(&table->lock)
{
	struct ntos_handle_entry *new, *old;
	u32 want;

	while (table->top == table->capacity && !table->free_head) {
		if (table->capacity >= ntos_max_handles)
			return STATUS_INSUFFICIENT_RESOURCES;
		want = min_t(u64, max_t(u64, NTOS_HANDLE_TABLE_MIN, (u64)table->capacity * 2),
			     ntos_max_handles);
		if (want <= table->capacity)
			return STATUS_INSUFFICIENT_RESOURCES;
		spin_unlock(&table->lock);
		new = kvcalloc(want, sizeof(*new), GFP_KERNEL_ACCOUNT);
		spin_lock(&table->lock);
		if (!new)
			return STATUS_NO_MEMORY;
		if (table->capacity >= want) {	/* another thread grew it */
			spin_unlock(&table->lock);
			kvfree(new);
			spin_lock(&table->lock);
			continue;
		}
		old = table->entries;
		if (old)
			memcpy(new, old, table->capacity * sizeof(*new));
		table->entries = new;
		table->capacity = want;
		spin_unlock(&table->lock);
		kvfree(old);
		spin_lock(&table->lock);
	}
	return STATUS_SUCCESS;
}

/*
 * Give the current process a handle to @obj.  The handle takes over the
 * caller's reference and handle count; on failure the caller keeps both.
 */
long ntos_handle_insert(struct ntos_object *obj, u32 access, u32 attributes,
			u64 *handle)
{
	struct ntos_handle_table *table = &ntos_process_current()->handles;
	struct ntos_handle_entry *e;
	u32 index;
	long status;

	spin_lock(&table->lock);
	status = ntos_handle_table_grow(table);
	if (status) {
		spin_unlock(&table->lock);
		return status;
	}
	if (table->free_head) {
		index = table->free_head - 1;
		table->free_head = table->entries[index].access;
	} else {
		index = table->top++;
	}
	e = &table->entries[index];
	e->obj = obj;
	e->access = access;
	e->attributes = attributes & OBJ_INHERIT;
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
long ntos_handle_create(struct ntos_object *obj, u32 access, u32 attributes,
			u64 uhandle)
{
	u64 handle;
	long status;

	status = ntos_handle_insert(obj, access, attributes, &handle);
	if (status) {
		ntos_object_handle_closed(obj);
		ntos_object_put(obj);
		return status;
	}
	if (put_user(handle, (u64 __user *)u64_to_user_ptr(uhandle))) {
		ntos_handle_close(handle);
		return STATUS_ACCESS_VIOLATION;
	}
	return STATUS_SUCCESS;
}

/*
 * Reference the object behind @handle of the current process, checking its
 * @type (NULL: any) and that the handle grants @access.  *info, when given,
 * receives the entry (granted access and attributes).
 */
long ntos_handle_ref(u64 handle, const struct ntos_object_type *type, u32 access,
		     struct ntos_object **objp, struct ntos_handle_entry *info)
{
	struct ntos_process *proc = ntos_process_current();
	struct ntos_handle_table *table = &proc->handles;
	struct ntos_handle_entry e;
	s64 index;

	*objp = NULL;
	if (handle == NT_CURRENT_PROCESS || handle == NT_CURRENT_THREAD) {
		e.obj = handle == NT_CURRENT_PROCESS ? &proc->obj : ntos_thread_current_object();
		if (!e.obj)
			return STATUS_NO_MEMORY;
		e.access = e.obj->type->valid_access;
		e.attributes = 0;
		if (handle == NT_CURRENT_PROCESS)
			ntos_object_get(e.obj);
	} else {
		spin_lock(&table->lock);
		index = ntos_handle_to_index(handle, table->top);
		if (index < 0 || !table->entries[index].obj) {
			spin_unlock(&table->lock);
			return STATUS_INVALID_HANDLE;
		}
		e = table->entries[index];
		ntos_object_get(e.obj);
		spin_unlock(&table->lock);
	}
	if (type && e.obj->type != type) {
		ntos_object_put(e.obj);
		return STATUS_OBJECT_TYPE_MISMATCH;
	}
	if ((e.access & access) != access) {
		ntos_object_put(e.obj);
		return STATUS_ACCESS_DENIED;
	}
	*objp = e.obj;
	if (info)
		*info = e;
	return STATUS_SUCCESS;
}

long ntos_handle_close(u64 handle)
{
	struct ntos_handle_table *table = &ntos_process_current()->handles;
	struct ntos_object *obj;
	s64 index;

	spin_lock(&table->lock);
	index = ntos_handle_to_index(handle, table->top);
	if (index < 0 || !table->entries[index].obj) {
		spin_unlock(&table->lock);
		return STATUS_INVALID_HANDLE;
	}
	obj = table->entries[index].obj;
	table->entries[index].obj = NULL;
	table->entries[index].access = table->free_head;
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
	struct ntos_handle_entry *entries;
	u32 i, top;

	spin_lock(&table->lock);
	entries = table->entries;
	top = table->top;
	table->entries = NULL;
	table->capacity = 0;
	table->top = 0;
	table->free_head = 0;
	table->count = 0;
	spin_unlock(&table->lock);

	for (i = 0; i < top; i++) {
		if (!entries[i].obj)
			continue;
		ntos_object_handle_closed(entries[i].obj);
		ntos_object_put(entries[i].obj);
		cond_resched();
	}
	kvfree(entries);
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
		e = &table->entries[i];
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
