/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The NT object manager: typed, reference-counted objects, and the "\"
 * namespace of directories and symbolic links that names them.
 *
 * Two counts per object, as in NT.  The reference count (kref) keeps the
 * memory alive; every handle and every kernel user holds one.  The handle
 * count decides the name's life: a named object leaves the namespace when
 * its last handle closes, unless it is permanent (OBJ_PERMANENT), in which
 * case the namespace holds a reference of its own until
 * NtMakeTemporaryObject.
 *
 * Locking: ntos_ns_lock (a mutex) protects every directory's contents, each
 * object's place in the namespace (parent, name, NTOS_OBJ_LINKED), the
 * permanent flag, and the handle count's transitions through zero for named
 * objects.  Nothing else nests inside it except the allocator.
 *
 * Lifetime: an object is destroyed and freed an RCU grace period after its
 * last reference is dropped.  So code that found an object under
 * rcu_read_lock() -- a lockless handle lookup -- may use it until
 * rcu_read_unlock() without a reference, even if a concurrent NtClose drops
 * the last one meanwhile (the object is then gone for everyone else: the
 * use is ordered before the close).  Such borrowed use must not sleep and
 * must not make the object reachable again (no new handle, no reference:
 * kref_get_unless_zero() is the only way to keep it past the RCU section).
 *
 * Any RCU read-side section will do, as call_rcu() waits for them all.  The
 * hot services (a wait that finds its object signaled, a set event, a
 * mutant release) borrow in rcu_read_lock_sched() sections: disabling
 * preemption is inline, where rcu_read_lock() of a preemptible-RCU kernel
 * is a function call each way.
 */
#ifndef _NTOS_OBJECT_H
#define _NTOS_OBJECT_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/types.h>
#include <linux/uidgid.h>

#include "status.h"
#include "../uapi/nt.h"

struct ntos_object;
struct ntos_wait_ops;
struct seq_file;

struct ntos_object_type {
	const char *name;		/* e.g. "Directory" (ASCII) */
	u8 index;			/* TypeIndex reported to user space */
	bool case_insensitive;		/* names of this type ignore case */
	u32 valid_access;
	struct nt_generic_mapping mapping;
	void (*destroy)(struct ntos_object *obj);
	/*
	 * The last handle closed (Windows' cleanup): called in process
	 * context, where it may sleep, before the handle's reference goes.
	 */
	void (*cleanup)(struct ntos_object *obj);
	const struct ntos_wait_ops *wait_ops;	/* NULL: cannot be waited on */
	/*
	 * A device's parse routine (Windows' ParseProcedure): a lookup that
	 * reaches such an object stops there, and what is left of the name
	 * (empty, or from a backslash on) is the device's to resolve.  Called
	 * without ntos_ns_lock; returns a kmalloc'ed Linux path or NULL with
	 * *status set.
	 */
	char *(*parse)(struct ntos_object *obj, const u16 *rest, unsigned int len,
		       ntstatus_t *status);
	atomic_t nr_objects;
	atomic_t nr_handles;
};

/* A name or path in UTF-16, counted in characters. */
struct ntos_name {
	u16 *chars;
	unsigned int len;
};

#define NTOS_OBJ_LINKED		BIT(0)	/* has a place in the namespace */
#define NTOS_OBJ_PERMANENT	BIT(1)	/* OBJ_PERMANENT: the namespace holds a ref */
#define NTOS_OBJ_SHARED		BIT(2)	/* usable by every user (built-ins) */

struct ntos_object {
	const struct ntos_object_type *type;
	struct kref ref;
	atomic_t handles;
	unsigned int flags;		/* NTOS_OBJ_*, under ntos_ns_lock */
	kuid_t owner;			/* creator's fsuid */
	s64 created;			/* NT time */
	/* namespace linkage, under ntos_ns_lock */
	struct ntos_directory *parent;	/* referenced while named */
	struct hlist_node entry;	/* in parent's bucket */
	struct ntos_name name;		/* own component */
	struct list_head waiters;	/* under ntos_wait_lock (wait.h) */
	/*
	 * Signaled in a way no wait consumes (a set manual event, an exited
	 * thread): written under ntos_wait_lock, read without it (wait.h).
	 */
	bool ready;
	struct rcu_head rcu;		/* the free after the last reference */
};

#define NTOS_DIR_BUCKETS	32

struct ntos_directory {
	struct ntos_object obj;
	unsigned int count;
	struct hlist_head buckets[NTOS_DIR_BUCKETS];
};

struct ntos_symlink {
	struct ntos_object obj;
	struct ntos_name target;
};

extern struct ntos_object_type ntos_directory_type;
extern struct ntos_object_type ntos_symlink_type;
extern struct mutex ntos_ns_lock;
extern atomic_t ntos_live_objects;

/* object.c */
void ntos_object_init(struct ntos_object *obj, struct ntos_object_type *type);
void ntos_object_release(struct kref *ref);
void ntos_objects_drain(void);

static inline struct ntos_object *ntos_object_get(struct ntos_object *obj)
{
	kref_get(&obj->ref);
	return obj;
}

/* Reference an object borrowed under RCU; false if it is already dying. */
static inline bool ntos_object_tryget(struct ntos_object *obj)
{
	return kref_get_unless_zero(&obj->ref);
}

static inline void ntos_object_put(struct ntos_object *obj)
{
	if (obj)
		kref_put(&obj->ref, ntos_object_release);
}

u32 ntos_map_access(const struct ntos_object_type *type, u32 access);
bool ntos_object_accessible(const struct ntos_object *obj);
void ntos_object_handle_opened(struct ntos_object *obj);
void ntos_object_handle_closed(struct ntos_object *obj);

/* Captured OBJECT_ATTRIBUTES: a kernel copy of everything lookups need. */
struct ntos_oa {
	struct ntos_object *root_obj;	/* RootDirectory's object, referenced */
	u32 attributes;			/* OBJ_* */
	struct ntos_name name;		/* len 0: no name */
};

ntstatus_t ntos_oa_capture(struct ntos_oa *oa, u64 uoa, bool create);
void ntos_oa_free(struct ntos_oa *oa);

/* namespace.c */
int ntos_namespace_init(void);
void ntos_namespace_exit(void);
ntstatus_t ntos_ns_open(const struct ntos_oa *oa, const struct ntos_object_type *type,
			u32 access, struct ntos_object **objp);
ntstatus_t ntos_ns_insert(const struct ntos_oa *oa, struct ntos_object *obj, u32 access,
			  struct ntos_object **existing);
ntstatus_t ntos_ns_make_temporary(struct ntos_object *obj);
char *ntos_ns_parse(const struct ntos_oa *oa, ntstatus_t *status);
ntstatus_t ntos_ns_full_name(struct ntos_object *obj, struct ntos_name *out);
void ntos_ns_show(struct seq_file *m);
struct ntos_directory *ntos_directory_create(void);
struct ntos_symlink *ntos_symlink_create(struct ntos_name *target);

struct ntos_dir_item {
	struct ntos_name name;
	const char *type;
};

int ntos_ns_dir_list(struct ntos_directory *dir, unsigned int start, unsigned int max,
		     struct ntos_dir_item *items, bool *more);

#endif /* _NTOS_OBJECT_H */
