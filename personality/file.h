/* SPDX-License-Identifier: GPL-2.0 */
/*
 * File objects: an NT object holding a reference to a Linux struct file.
 * The object type lives here, with the object manager; the services that
 * open files and move their bytes are in syscalls/file.c, those that query
 * and set what a file is in syscalls/fileinfo.c, and exec makes the std
 * handles of a new process with ntos_file_handle().  Here too is the
 * device that resolves file names: \Device\LinuxRoot, whose parse routine
 * turns the rest of an NT name into a path of Linux's "/".
 *
 * Deleting, as Windows' file systems do it: the delete-pending mark
 * (FileDispositionInformation) belongs to the file, shared by all its File
 * objects (a state per inode, as an FCB); the delete-on-close flag
 * (FILE_DELETE_ON_CLOSE) to one File object, which marks the file when its
 * last handle closes.  The file is unlinked when the last File object of a
 * marked file loses its last handle (the type's cleanup), with the
 * credentials of the caller who marked it: the last close may come from
 * the process teardown's worker.  A marked file cannot be opened again
 * (STATUS_DELETE_PENDING).
 */
#ifndef _NTOS_FILE_H
#define _NTOS_FILE_H

#include <linux/types.h>

#include "object.h"
#include "share.h"
#include "status.h"

struct cred;
struct iattr;
struct ntos_file_shared;
struct file;
struct path;
struct vfsmount;
struct inode;
struct dentry;

#define NTOS_FILE_GENERIC_READ	0x00120089
#define NTOS_FILE_GENERIC_WRITE	0x00120116
#define NTOS_FILE_ALL_ACCESS	0x001f01ff
#define NTOS_FILE_READ_ATTRIBUTES	0x00000080
#define NTOS_FILE_WRITE_ATTRIBUTES	0x00000100

struct ntos_dir_scan;
struct kstat;

/* The mount's idmap argument of the VFS calls (a user namespace before 6.3: Kbuild) */
#ifdef NTOS_HAVE_MNT_IDMAP
#define ntos_mnt_idmap(mnt)	mnt_idmap(mnt)
#else
#define ntos_mnt_idmap(mnt)	mnt_user_ns(mnt)
#endif

struct ntos_file {
	struct ntos_object obj;
	struct file *file;
	u32 mode;			/* FileModeInformation: the open's FILE_* mode options */
	/* the delete state, under the lock of personality/file.c's shared states */
	struct ntos_file_shared *shared;	/* of every File object of the inode */
	bool delete_on_close;		/* FILE_DELETE_ON_CLOSE, DispositionEx's ON_CLOSE */
	const struct cred *close_cred;	/* whoever set that */
	struct ntos_dir_scan *scan;	/* a directory's listing (dirlist.h), made on first use */
	u8 share_access, share_mode;	/* what the open counts for in the share modes */
};

/* FILE_ATTRIBUTE_* of what @st describes: directory or archive, read-only without write bits */
u32 ntos_file_attributes(const struct kstat *st);

extern struct ntos_object_type ntos_file_type;

static inline struct ntos_file *ntos_file_obj(struct ntos_object *obj)
{
	return container_of(obj, struct ntos_file, obj);
}

static inline struct file *ntos_file_of(struct ntos_object *obj)
{
	return ntos_file_obj(obj)->file;
}

/*
 * A new File object on @file (its reference taken over on success), with
 * one handle count, its open counted with @access and @share in the share
 * modes; NULL with *@status if there is no memory, if @refuse_pending and
 * the file is marked for deletion, or if the share modes refuse it
 * (STATUS_SHARING_VIOLATION).
 */
struct ntos_file *ntos_file_alloc(struct file *file, u32 mode, bool refuse_pending,
				  u32 access, u32 share, ntstatus_t *status);

/*
 * Byte-range locks (filelock.h) of @f's file: take one (0; -EAGAIN if it
 * is held and @wait is false; -ERESTARTSYS; -ENOMEM; -EBADF for a File
 * object that counts in no file state, a std handle), drop one (false if
 * @f holds no such lock), and whether @f may read or write a range.
 */
int ntos_file_lock(struct ntos_file *f, u32 key, u64 start, u64 len, bool exclusive, bool wait);
bool ntos_file_unlock(struct ntos_file *f, u32 key, u64 start, u64 len);
bool ntos_file_io_allowed(struct ntos_file *f, u32 key, u64 start, u64 len, bool write);

/*
 * OBJ_CASE_INSENSITIVE on a case-sensitive file system: each component of
 * the Linux @path that is not there as spelled becomes the name of its
 * directory that differs from it in ASCII letter case only (the first one
 * the directory lists), in place, up to the first component that is not
 * there in any case.  Exact names cost nothing: callers ask only after a
 * lookup failed.  True if a component changed.
 */
bool ntos_path_fold(char *path);

/* Whether the share modes of @inode's opens would let one with @access and @share in */
ntstatus_t ntos_file_share_check(const struct inode *inode, u32 access, u32 share);

/* A handle of the current process to a new File object on @file */
ntstatus_t ntos_file_handle(struct file *file, u32 access, u64 *handle);

/*
 * Whether the caller may delete what @path names, as Windows would have it:
 * STATUS_CANNOT_DELETE for a read-only file (no write bit) unless
 * @ignore_readonly, STATUS_ACCESS_DENIED without write and search access
 * to the directory (or past its sticky bit), STATUS_DIRECTORY_NOT_EMPTY
 * for a directory with entries.
 */
ntstatus_t ntos_file_may_delete(const struct path *path, bool ignore_readonly);

/*
 * Set or clear the delete-pending mark of @f's file (@on_close false) or
 * @f's delete-on-close flag (true), with the caller's credentials.
 */
void ntos_file_set_delete(struct ntos_file *f, bool on_close, bool set);

/* What FileStandardInformation's DeletePending says: the file's mark */
bool ntos_file_delete_pending(struct ntos_file *f);

/* Whether @inode's file is marked for deletion (opens by name fail) */
bool ntos_inode_delete_pending(const struct inode *inode);

/* Unlink (or rmdir) what @path names now, with the current credentials */
int ntos_file_unlink(const struct path *path);

/* notify_change() of @path's inode, as chmod(2) or utimes(2): the caller's rights */
int ntos_file_setattr(const struct path *path, struct iattr *ia);

/* mkdir(2) of @path with the current credentials (@mode less the umask) */
int ntos_file_mkdir(const char *path, umode_t mode);

/* vfs_rename() of @old in @old_dir to @new in @new_dir, on the mount @mnt */
int ntos_vfs_rename(struct vfsmount *mnt, struct inode *old_dir, struct dentry *old,
		    struct inode *new_dir, struct dentry *new, unsigned int flags);

/* The status of a lookup of @path that found nothing (ENOENT) */
ntstatus_t ntos_path_not_found(char *path);

/* The device of drive Z: (\Device\LinuxRoot), for the namespace to name */
struct ntos_object *ntos_linux_root_create(void);

#endif /* _NTOS_FILE_H */
