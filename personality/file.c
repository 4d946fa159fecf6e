// SPDX-License-Identifier: GPL-2.0
/*
 * The File object type, and the device of drive Z: (see file.h).
 */
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/hashtable.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/nls.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/stat.h>

#include "dirlist.h"
#include "file.h"
#include "filelock.h"
#include "handle.h"

/*
 * The state every File object of one inode shares (file.h): in a hash by
 * inode while File objects with handles are on it, whose struct files keep
 * the inode, the key, alive.  ntos_shared_lock guards the hash, each
 * state and the delete fields of every File object.
 */
struct ntos_file_shared {
	struct hlist_node node;
	const struct inode *inode;
	unsigned int objects;		/* File objects with a handle */
	struct ntos_share_counts share;	/* their share modes (share.h) */
	struct ntos_lock_list locks;	/* their byte-range locks (filelock.h) */
	bool delete_pending;
	const struct cred *delete_cred;	/* whoever marked it */
};

static DEFINE_SPINLOCK(ntos_shared_lock);
static DEFINE_HASHTABLE(ntos_shared, 8);
/* Waiters for a byte-range lock; woken by every unlock (locks are rare) */
static DECLARE_WAIT_QUEUE_HEAD(ntos_lock_wait);

static struct ntos_file_shared *ntos_shared_find(const struct inode *inode)
{
	struct ntos_file_shared *sh;

	hash_for_each_possible(ntos_shared, sh, node, (unsigned long)inode)
		if (sh->inode == inode)
			return sh;
	return NULL;
}

bool ntos_inode_delete_pending(const struct inode *inode)
{
	struct ntos_file_shared *sh;
	bool pending;

	spin_lock(&ntos_shared_lock);
	sh = ntos_shared_find(inode);
	pending = sh && sh->delete_pending;
	spin_unlock(&ntos_shared_lock);
	return pending;
}

bool ntos_file_delete_pending(struct ntos_file *f)
{
	bool pending;

	spin_lock(&ntos_shared_lock);
	pending = f->shared && f->shared->delete_pending;
	spin_unlock(&ntos_shared_lock);
	return pending;
}

/* softirq context (object.h): the file's last reference is put by a worker */
static void ntos_file_destroy(struct ntos_object *obj)
{
	struct ntos_file *f = ntos_file_obj(obj);

	ntos_dir_scan_free(f->scan);
	if (f->close_cred)	/* set by a call that raced with the last close */
		put_cred(f->close_cred);
	fput(f->file);
	kfree(f);
}

/*
 * A file Windows made would have FILE_ATTRIBUTE_ARCHIVE (set at creation
 * and at each write; Linux keeps no such bit), as Wine reports too.
 */
u32 ntos_file_attributes(const struct kstat *st)
{
	u32 attr = S_ISDIR(st->mode) ? NT_FILE_ATTRIBUTE_DIRECTORY : NT_FILE_ATTRIBUTE_ARCHIVE;

	if (!(st->mode & 0222))
		attr |= NT_FILE_ATTRIBUTE_READONLY;
	return attr;
}

int ntos_file_unlink(const struct path *path)
{
	struct dentry *dentry = path->dentry, *parent;
	struct inode *dir;
	int err;

	err = mnt_want_write(path->mnt);
	if (err)
		return err;
	/* a reference of our own, as a lookup's: the file's dentry stays positive */
	dget(dentry);
	parent = dget_parent(dentry);
	dir = d_inode(parent);
	inode_lock_nested(dir, I_MUTEX_PARENT);
	/* gone already, or renamed away meanwhile: nothing of ours to unlink */
	if (dentry->d_parent != parent || d_unhashed(dentry) || d_really_is_negative(dentry))
		err = -ENOENT;
	else if (d_is_dir(dentry))
		err = vfs_rmdir(ntos_mnt_idmap(path->mnt), dir, dentry);
	else
		err = vfs_unlink(ntos_mnt_idmap(path->mnt), dir, dentry, NULL);
	inode_unlock(dir);
	dput(parent);
	dput(dentry);
	mnt_drop_write(path->mnt);
	return err;
}

int ntos_vfs_rename(struct vfsmount *mnt, struct inode *old_dir, struct dentry *old,
		    struct inode *new_dir, struct dentry *new, unsigned int flags)
{
	struct renamedata rd = {
#ifdef NTOS_HAVE_MNT_IDMAP
		.old_mnt_idmap = ntos_mnt_idmap(mnt),
		.new_mnt_idmap = ntos_mnt_idmap(mnt),
#else
		.old_mnt_userns = ntos_mnt_idmap(mnt),
		.new_mnt_userns = ntos_mnt_idmap(mnt),
#endif
		.old_dir = old_dir,
		.old_dentry = old,
		.new_dir = new_dir,
		.new_dentry = new,
		.flags = flags,
	};

	return vfs_rename(&rd);
}

int ntos_file_setattr(const struct path *path, struct iattr *ia)
{
	struct inode *inode = d_inode(path->dentry);
	int err = mnt_want_write(path->mnt);

	if (err)
		return err;
	inode_lock(inode);
	err = notify_change(ntos_mnt_idmap(path->mnt), path->dentry, ia, NULL);
	inode_unlock(inode);
	mnt_drop_write(path->mnt);
	return err;
}

int ntos_file_mkdir(const char *path, umode_t mode)
{
	struct path parent;
	struct dentry *dentry;
	int err;

	dentry = kern_path_create(AT_FDCWD, path, &parent, LOOKUP_DIRECTORY);
	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	if (!IS_POSIXACL(d_inode(parent.dentry)))
		mode &= ~current_umask();
	err = security_path_mkdir(&parent, dentry, mode);
	if (!err)
		err = vfs_mkdir(ntos_mnt_idmap(parent.mnt), d_inode(parent.dentry), dentry, mode);
	done_path_create(&parent, dentry);
	return err;
}

struct ntos_fold_ctx {
	struct dir_context ctx;
	char *name;			/* the component, rewritten in place when found */
	unsigned int len;
	bool found;
};

static bool ntos_fold_actor(struct dir_context *ctx, const char *name, int len, loff_t pos,
			    u64 ino, unsigned int type)
{
	struct ntos_fold_ctx *f = container_of(ctx, struct ntos_fold_ctx, ctx);

	if (len != f->len || strncasecmp(name, f->name, len))
		return true;
	memcpy(f->name, name, len);	/* only ASCII letters differ: the same length */
	f->found = true;
	return false;
}

/* Look in the directory @dir for the name @name (@len bytes) in another letter case. */
static bool ntos_fold_component(const char *dir, char *name, unsigned int len)
{
	struct ntos_fold_ctx f = { .ctx.actor = ntos_fold_actor, .name = name, .len = len };
	struct file *d = filp_open(dir, O_RDONLY | O_DIRECTORY | O_LARGEFILE, 0);

	if (IS_ERR(d))
		return false;
	iterate_dir(d, &f.ctx);
	fput(d);
	return f.found;
}

bool ntos_path_fold(char *path)
{
	bool changed = false;
	struct path p;
	char *start, *end, save;

	for (start = path; *start == '/'; start++)
		;
	while (*start) {
		end = strchrnul(start, '/');
		save = *end;
		*end = 0;
		if (kern_path(path, LOOKUP_FOLLOW, &p)) {	/* not there as spelled */
			char c = start[-1];
			bool found;

			start[-1] = 0;
			found = ntos_fold_component(start - 1 == path ? "/" : path, start,
						    end - start);
			start[-1] = c;
			if (!found) {
				*end = save;
				return changed;		/* the rest is not there either */
			}
			changed = true;
		} else {
			path_put(&p);
		}
		*end = save;
		for (start = end; *start == '/'; start++)
			;
	}
	return changed;
}

/*
 * The last handle of @f is closed: its delete-on-close flag marks the file;
 * the last File object of a marked file unlinks it, as its marker.
 */
static void ntos_file_cleanup(struct ntos_object *obj)
{
	struct ntos_file *f = ntos_file_obj(obj);
	const struct cred *cred = NULL, *close_cred, *old;
	struct ntos_file_shared *sh, *last = NULL;

	spin_lock(&ntos_shared_lock);
	sh = f->shared;
	close_cred = f->close_cred;
	f->close_cred = NULL;
	if (f->delete_on_close && sh) {
		sh->delete_pending = true;
		swap(close_cred, sh->delete_cred);
	}
	f->delete_on_close = false;
	WRITE_ONCE(f->shared, NULL);
	/* Windows' cleanup ends the open's share access and its locks too */
	if (sh)
		ntos_share_count(&sh->share, f->share_access, f->share_mode, -1);
	if (sh && ntos_locks_remove_owner(&sh->locks, f))
		wake_up_all(&ntos_lock_wait);
	if (sh && !--sh->objects) {
		hash_del(&sh->node);
		last = sh;
		if (sh->delete_pending && sh->delete_cred)
			cred = get_cred(sh->delete_cred);
	}
	spin_unlock(&ntos_shared_lock);
	if (close_cred)
		put_cred(close_cred);
	if (last) {
		if (last->delete_cred)
			put_cred(last->delete_cred);
		kfree(last);
	}
	if (!cred)
		return;
	old = override_creds(cred);
	ntos_file_unlink(&f->file->f_path);
	revert_creds(old);
	put_cred(cred);
}

void ntos_file_set_delete(struct ntos_file *f, bool on_close, bool set)
{
	const struct cred *cred = set ? get_current_cred() : NULL;

	spin_lock(&ntos_shared_lock);
	if (on_close) {
		f->delete_on_close = set;
		swap(cred, f->close_cred);
	} else if (f->shared) {		/* else its last handle is closed meanwhile */
		f->shared->delete_pending = set;
		swap(cred, f->shared->delete_cred);
	}
	spin_unlock(&ntos_shared_lock);
	if (cred)
		put_cred(cred);
}

struct ntos_dir_probe {
	struct dir_context ctx;
	bool empty;
};

static bool ntos_dir_probe_entry(struct dir_context *ctx, const char *name, int len,
				 loff_t pos, u64 ino, unsigned int type)
{
	struct ntos_dir_probe *p = container_of(ctx, struct ntos_dir_probe, ctx);

	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		return true;
	p->empty = false;
	return false;
}

/* Whether the directory @path has no entries; an unreadable one counts as empty */
static bool ntos_dir_empty(const struct path *path)
{
	struct ntos_dir_probe p = { .ctx.actor = ntos_dir_probe_entry, .empty = true };
	struct file *dir = dentry_open(path, O_RDONLY | O_DIRECTORY, current_cred());

	if (IS_ERR(dir))
		return true;
	iterate_dir(dir, &p.ctx);
	fput(dir);
	return p.empty;
}

ntstatus_t ntos_file_may_delete(const struct path *path, bool ignore_readonly)
{
	struct inode *inode = d_inode(path->dentry);
	struct dentry *parent;
	struct path ppath;
	kuid_t fsuid = current_fsuid();
	ntstatus_t status = STATUS_SUCCESS;

	if (IS_ROOT(path->dentry))
		return STATUS_ACCESS_DENIED;
	if (!S_ISDIR(inode->i_mode) && !(inode->i_mode & 0222) && !ignore_readonly)
		return STATUS_CANNOT_DELETE;
	parent = dget_parent(path->dentry);
	ppath.mnt = path->mnt;
	ppath.dentry = parent;
	if (path_permission(&ppath, MAY_WRITE | MAY_EXEC))
		status = STATUS_ACCESS_DENIED;
	else if ((d_inode(parent)->i_mode & S_ISVTX) && !uid_eq(fsuid, inode->i_uid) &&
		 !uid_eq(fsuid, d_inode(parent)->i_uid) && !capable(CAP_FOWNER))
		status = STATUS_ACCESS_DENIED;
	dput(parent);
	if (!status && S_ISDIR(inode->i_mode) && !ntos_dir_empty(path))
		status = STATUS_DIRECTORY_NOT_EMPTY;
	return status;
}

/*
 * Missing: the file (NAME_NOT_FOUND) or a directory on the way
 * (PATH_NOT_FOUND)?  Linux says ENOENT for both; ask about the parent.
 */
ntstatus_t ntos_path_not_found(char *path)
{
	char *slash = strrchr(path, '/');
	struct path parent;
	int err;

	if (!slash || slash == path)
		return STATUS_OBJECT_NAME_NOT_FOUND;
	*slash = 0;
	err = kern_path(path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &parent);
	*slash = '/';
	if (err)
		return STATUS_OBJECT_PATH_NOT_FOUND;
	path_put(&parent);
	return STATUS_OBJECT_NAME_NOT_FOUND;
}

struct ntos_object_type ntos_file_type = {
	.name = "File",
	.index = 37,
	.valid_access = NTOS_FILE_ALL_ACCESS,
	.mapping = { NTOS_FILE_GENERIC_READ, NTOS_FILE_GENERIC_WRITE, 0x001200a0,
		     NTOS_FILE_ALL_ACCESS },
	.destroy = ntos_file_destroy,
	.cleanup = ntos_file_cleanup,
};

/* Could @f take the lock now?  For the wait, which sleeps without the lock. */
static bool ntos_file_lock_free(struct ntos_file *f, u32 key, u64 start, u64 len,
				bool exclusive)
{
	bool free;

	spin_lock(&ntos_shared_lock);
	free = !f->shared ||
	       ntos_locks_may_lock(&f->shared->locks, f, key, start, len, exclusive);
	spin_unlock(&ntos_shared_lock);
	return free;
}

int ntos_file_lock(struct ntos_file *f, u32 key, u64 start, u64 len, bool exclusive, bool wait)
{
	int err;

	for (;;) {
		spin_lock(&ntos_shared_lock);
		if (!f->shared) {		/* a std handle, or its last handle closed */
			spin_unlock(&ntos_shared_lock);
			return -EBADF;
		}
		if (ntos_locks_may_lock(&f->shared->locks, f, key, start, len, exclusive)) {
			err = ntos_locks_add(&f->shared->locks, f, key, start, len, exclusive);
			spin_unlock(&ntos_shared_lock);
			return err;
		}
		spin_unlock(&ntos_shared_lock);
		if (!wait)
			return -EAGAIN;
		err = wait_event_interruptible(ntos_lock_wait,
					       ntos_file_lock_free(f, key, start, len, exclusive));
		if (err)
			return err;	/* a signal: the call is made again */
	}
}

bool ntos_file_unlock(struct ntos_file *f, u32 key, u64 start, u64 len)
{
	bool found;

	spin_lock(&ntos_shared_lock);
	found = f->shared && ntos_locks_remove(&f->shared->locks, f, key, start, len);
	spin_unlock(&ntos_shared_lock);
	if (found)
		wake_up_all(&ntos_lock_wait);
	return found;
}

bool ntos_file_io_allowed(struct ntos_file *f, u32 key, u64 start, u64 len, bool write)
{
	struct ntos_file_shared *sh;
	bool ok;

	/* the common case, no byte-range lock anywhere: no lock taken either */
	if (!atomic_read(&ntos_locks_held))
		return true;
	spin_lock(&ntos_shared_lock);
	sh = f->shared;
	ok = !sh || !sh->locks.nr || ntos_locks_io_ok(&sh->locks, f, key, start, len, write);
	spin_unlock(&ntos_shared_lock);
	return ok;
}

ntstatus_t ntos_file_share_check(const struct inode *inode, u32 access, u32 share)
{
	struct ntos_file_shared *sh;
	bool ok;

	spin_lock(&ntos_shared_lock);
	sh = ntos_shared_find(inode);
	ok = !sh || ntos_share_ok(&sh->share, ntos_share_access(access), share);
	spin_unlock(&ntos_shared_lock);
	return ok ? STATUS_SUCCESS : STATUS_SHARING_VIOLATION;
}

struct ntos_file *ntos_file_alloc(struct file *file, u32 mode, bool refuse_pending,
				  u32 access, u32 share, ntstatus_t *status)
{
	u8 acc = ntos_share_access(access);
	struct ntos_file *f = kzalloc(sizeof(*f), GFP_KERNEL_ACCOUNT);
	struct ntos_file_shared *sh, *new = kzalloc(sizeof(*new), GFP_KERNEL_ACCOUNT);
	const struct inode *inode = file_inode(file);

	*status = STATUS_NO_MEMORY;
	if (!f || !new)
		goto fail;
	spin_lock(&ntos_shared_lock);
	sh = ntos_shared_find(inode);
	if (sh && sh->delete_pending && refuse_pending) {
		spin_unlock(&ntos_shared_lock);
		*status = STATUS_DELETE_PENDING;
		goto fail;
	}
	if (sh && !ntos_share_ok(&sh->share, acc, share)) {
		spin_unlock(&ntos_shared_lock);
		*status = STATUS_SHARING_VIOLATION;
		goto fail;
	}
	if (!sh) {
		sh = new;
		new = NULL;
		sh->inode = inode;
		INIT_LIST_HEAD(&sh->locks.locks);
		hash_add(ntos_shared, &sh->node, (unsigned long)inode);
	}
	sh->objects++;
	ntos_share_count(&sh->share, acc, share, 1);
	f->share_access = acc;
	f->share_mode = share;
	f->shared = sh;
	spin_unlock(&ntos_shared_lock);
	kfree(new);
	ntos_object_init(&f->obj, &ntos_file_type);
	f->file = file;
	f->mode = mode;
	ntos_object_handle_opened(&f->obj);
	return f;
fail:
	kfree(new);
	kfree(f);
	return NULL;
}

ntstatus_t ntos_file_handle(struct file *file, u32 access, u64 *handle)
{
	struct ntos_file *f;
	ntstatus_t status;

	f = ntos_file_alloc(file, 0, false, 0, 0, &status);
	if (!f)
		return status;
	get_file(file);
	status = ntos_handle_insert(&f->obj, access, 0, handle);
	if (status) {
		ntos_object_handle_closed(&f->obj);
		ntos_object_put(&f->obj);
	}
	return status;
}

/*
 * The rest of an NT name past \Device\LinuxRoot as a Linux path: "" or
 * "\\" is "/", "\\a\\b" is "/a/b".  Empty components, "." and ".." are
 * invalid in an NT name, as are '/' and NUL inside one (a trailing
 * backslash is fine).  The path is as spelled; OBJ_CASE_INSENSITIVE is
 * the callers' (ntos_path_fold()).
 */
static char *ntos_linux_root_parse(struct ntos_object *obj, const u16 *c, unsigned int n,
				   ntstatus_t *status)
{
	unsigned int i, start, clen;
	char *path;
	int len;

	*status = STATUS_OBJECT_NAME_INVALID;
	if (n && c[0] != '\\')
		return NULL;
	for (i = 1, start = 1; i <= n; i++) {
		if (i < n && c[i] != '\\') {
			if (c[i] == '/' || !c[i])
				return NULL;
			continue;
		}
		clen = i - start;
		if ((!clen && i < n) || (clen == 1 && c[start] == '.') ||
		    (clen == 2 && c[start] == '.' && c[start + 1] == '.'))
			return NULL;
		start = i + 1;
	}
	*status = STATUS_NO_MEMORY;
	path = kmalloc(3 * n + 2, GFP_KERNEL);
	if (!path)
		return NULL;
	len = n ? utf16s_to_utf8s(c, n, UTF16_LITTLE_ENDIAN, path, 3 * n) : 0;
	if (!len)
		path[len++] = '/';
	path[len] = 0;
	for (i = 0; i < len; i++)
		if (path[i] == '\\')
			path[i] = '/';
	*status = STATUS_SUCCESS;
	return path;
}

static void ntos_linux_root_destroy(struct ntos_object *obj)
{
	kfree(obj);
}

static struct ntos_object_type ntos_device_type = {
	.name = "Device",
	.index = 33,
	.case_insensitive = true,
	.valid_access = NTOS_FILE_ALL_ACCESS,
	.mapping = { NTOS_FILE_GENERIC_READ, NTOS_FILE_GENERIC_WRITE, 0x001200a0,
		     NTOS_FILE_ALL_ACCESS },
	.destroy = ntos_linux_root_destroy,
	.parse = ntos_linux_root_parse,
};

struct ntos_object *ntos_linux_root_create(void)
{
	struct ntos_object *obj = kzalloc(sizeof(*obj), GFP_KERNEL);

	if (obj)
		ntos_object_init(obj, &ntos_device_type);
	return obj;
}
