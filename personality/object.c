// SPDX-License-Identifier: GPL-2.0
/*
 * Object headers: initialisation, the two counts, access masks, and the
 * capture of user-supplied names and OBJECT_ATTRIBUTES into kernel memory.
 */
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>

#include "handle.h"
#include "object.h"
#include "status.h"
#include "uaccess.h"

atomic_t ntos_live_objects = ATOMIC_INIT(0);

void ntos_object_init(struct ntos_object *obj, struct ntos_object_type *type)
{
	obj->type = type;
	kref_init(&obj->ref);
	atomic_set(&obj->handles, 0);
	obj->flags = 0;
	obj->owner = current_fsuid();
	obj->created = ntos_nt_time_now();
	obj->parent = NULL;
	INIT_HLIST_NODE(&obj->entry);
	obj->name.chars = NULL;
	obj->name.len = 0;
	INIT_LIST_HEAD(&obj->waiters);
	obj->ready = false;
	atomic_inc(&type->nr_objects);
	atomic_inc(&ntos_live_objects);
}

/* an RCU grace period after the last reference: nobody can see @obj now */
static void ntos_object_free_rcu(struct rcu_head *rcu)
{
	struct ntos_object *obj = container_of(rcu, struct ntos_object, rcu);

	kfree(obj->name.chars);
	obj->type->destroy(obj);
}

/*
 * The last reference is gone.  The object no longer counts as alive, but
 * lockless lookups (handle.c) may still hold it under RCU: it is destroyed
 * after a grace period, in softirq context, so destroy functions must not
 * sleep.  The parent is let go now (no lockless user looks at it), so that
 * callbacks never queue callbacks and ntos_objects_drain() is enough.
 */
void ntos_object_release(struct kref *ref)
{
	struct ntos_object *obj = container_of(ref, struct ntos_object, ref);
	struct ntos_object_type *type = (struct ntos_object_type *)obj->type;
	struct ntos_directory *parent = obj->parent;

	atomic_dec(&type->nr_objects);
	atomic_dec(&ntos_live_objects);
	call_rcu(&obj->rcu, ntos_object_free_rcu);
	if (parent)
		ntos_object_put(&parent->obj);
}

/* Module unload: wait for the frees still pending (they run module code). */
void ntos_objects_drain(void)
{
	rcu_barrier();
}

/* GENERIC_* bits to the type's specific rights, then limited to what the type knows. */
u32 ntos_map_access(const struct ntos_object_type *type, u32 access)
{
	if (access & NT_GENERIC_READ)
		access |= type->mapping.generic_read;
	if (access & NT_GENERIC_WRITE)
		access |= type->mapping.generic_write;
	if (access & NT_GENERIC_EXECUTE)
		access |= type->mapping.generic_execute;
	if (access & (NT_GENERIC_ALL | NT_MAXIMUM_ALLOWED))
		access |= type->mapping.generic_all;
	return access & type->valid_access;
}

/*
 * The namespace's access rule: an object made by an NT process belongs to
 * the Linux user who made it (fsuid); other users, except root, may not open
 * it or look inside it.  Built-in objects are shared.
 */
bool ntos_object_accessible(const struct ntos_object *obj)
{
	if (obj->flags & NTOS_OBJ_SHARED)
		return true;
	if (uid_eq(obj->owner, current_fsuid()))
		return true;
	return capable(CAP_SYS_ADMIN);
}

void ntos_object_handle_opened(struct ntos_object *obj)
{
	atomic_inc(&obj->handles);
	atomic_inc(&((struct ntos_object_type *)obj->type)->nr_handles);
}

/*
 * A named temporary object leaves the namespace with its last handle.  The
 * final decrement happens under ntos_ns_lock so that a concurrent open by
 * name, which takes a handle under the same lock, either sees the object
 * with a handle still open or does not find it at all.  The type's cleanup
 * runs after the last handle's close, out of the lock.
 */
void ntos_object_handle_closed(struct ntos_object *obj)
{
	struct ntos_directory *dir;

	atomic_dec(&((struct ntos_object_type *)obj->type)->nr_handles);
	/* Only the closing of the last handle clears LINKED, and we hold one. */
	if (!(READ_ONCE(obj->flags) & NTOS_OBJ_LINKED)) {
		if (atomic_dec_and_test(&obj->handles) && obj->type->cleanup)
			obj->type->cleanup(obj);
		return;
	}
	if (!atomic_dec_and_mutex_lock(&obj->handles, &ntos_ns_lock))
		return;
	if ((obj->flags & (NTOS_OBJ_LINKED | NTOS_OBJ_PERMANENT)) == NTOS_OBJ_LINKED) {
		dir = obj->parent;
		hlist_del_init(&obj->entry);
		dir->count--;
		obj->flags &= ~NTOS_OBJ_LINKED;
	}
	mutex_unlock(&ntos_ns_lock);
	if (obj->type->cleanup)
		obj->type->cleanup(obj);
}

/*
 * Capture OBJECT_ATTRIBUTES in the order Windows checks them.  For a
 * create, no attributes, no name or an empty name mean an unnamed object
 * (and RootDirectory is then not looked at).  For an open, an empty name
 * with a RootDirectory names the RootDirectory's object itself.
 */
ntstatus_t ntos_oa_capture(struct ntos_oa *oa, u64 uoa, bool create)
{
	struct nt_object_attributes a;
	ntstatus_t status;

	memset(oa, 0, sizeof(*oa));
	if (!uoa)
		return create ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
	if (copy_from_user(&a, u64_to_user_ptr(uoa), sizeof(a)))
		return STATUS_ACCESS_VIOLATION;
	if (a.length != sizeof(a) || (a.attributes & ~OBJ_VALID_ATTRIBUTES))
		return STATUS_INVALID_PARAMETER;
	oa->attributes = a.attributes & ~OBJ_KERNEL_HANDLE;
	if (!a.object_name) {
		if (a.root_directory)
			return STATUS_OBJECT_NAME_INVALID;
		return create ? STATUS_SUCCESS : STATUS_OBJECT_PATH_SYNTAX_BAD;
	}
	status = ntos_name_capture(&oa->name, a.object_name);
	if (status)
		return status;
	if (!oa->name.len && (create || !a.root_directory))
		return create ? STATUS_SUCCESS : STATUS_OBJECT_PATH_SYNTAX_BAD;
	if (a.root_directory) {
		status = ntos_handle_ref(a.root_directory, NULL, 0, &oa->root_obj, NULL);
		if (status) {
			ntos_oa_free(oa);
			return status;
		}
	}
	return STATUS_SUCCESS;
}

void ntos_oa_free(struct ntos_oa *oa)
{
	kfree(oa->name.chars);
	oa->name.chars = NULL;
	oa->name.len = 0;
	ntos_object_put(oa->root_obj);
	oa->root_obj = NULL;
}

