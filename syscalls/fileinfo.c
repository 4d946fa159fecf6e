// SPDX-License-Identifier: GPL-2.0
/*
 * What a file is: NtQueryInformationFile and NtSetInformationFile on a
 * File object's handle, NtQueryAttributesFile, NtQueryFullAttributesFile
 * and NtDeleteFile by name.
 *
 * The answers come from the Linux inode (vfs_getattr): times are NT times
 * (the creation time is the birth time where the file system keeps one,
 * else the change time), a file is read-only when nobody may write it
 * (no write bit), the internal index is the inode number, the name is the
 * Linux path (d_path) with backslashes, as Windows names a file on its
 * volume: "\dir\file" on drive Z:.  Changes go through the VFS with the
 * caller's credentials, as the matching Linux calls would: times and
 * FILE_ATTRIBUTE_READONLY as utimes(2) and chmod(2) (notify_change), the
 * end of file as truncate(2), renames as rename(2) (RENAME_NOREPLACE
 * unless ReplaceIfExists), links as link(2), deletes as unlink(2) or
 * rmdir(2).  A delete
 * is pending (personality/file.h) until the last File object of the file
 * loses its last handle, unless POSIX semantics ask for it now.
 */
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/math64.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/nls.h>
#include <linux/slab.h>
#include <linux/stat.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "service.h"
#include "../personality/file.h"
#include "../personality/handle.h"
#include "../personality/object.h"
#include "../personality/uaccess.h"

#define NTOS_FILE_READ_DATA		0x00000001
#define NTOS_FILE_WRITE_DATA		0x00000002
#define NTOS_DELETE			0x00010000

/* a VFS call's result: 0 is success */
static ntstatus_t ntos_vfs_status(int err)
{
	return err ? ntos_errno_status(err) : STATUS_SUCCESS;
}

/* what a query or a set of one class needs: its least length, the access */
struct ntos_file_class {
	u32 size;
	u32 access;
};

static const struct ntos_file_class ntos_query_classes[] = {
	[NT_FILE_BASIC_INFORMATION] = { sizeof(struct nt_file_basic_information),
					NTOS_FILE_READ_ATTRIBUTES },
	[NT_FILE_STANDARD_INFORMATION] = { sizeof(struct nt_file_standard_information), 0 },
	[NT_FILE_INTERNAL_INFORMATION] = { sizeof(u64), 0 },
	[NT_FILE_EA_INFORMATION] = { sizeof(u32), 0 },
	[NT_FILE_ACCESS_INFORMATION] = { sizeof(u32), 0 },
	[NT_FILE_NAME_INFORMATION] = { sizeof(struct nt_file_name_information), 0 },
	[NT_FILE_POSITION_INFORMATION] = { sizeof(s64), 0 },
	[NT_FILE_MODE_INFORMATION] = { sizeof(u32), 0 },
	[NT_FILE_ALIGNMENT_INFORMATION] = { sizeof(u32), 0 },
	[NT_FILE_ALL_INFORMATION] = { sizeof(struct nt_file_all_information),
				      NTOS_FILE_READ_ATTRIBUTES },
	[NT_FILE_NETWORK_OPEN_INFORMATION] = { sizeof(struct nt_file_network_open_information),
					       NTOS_FILE_READ_ATTRIBUTES },
	[NT_FILE_ATTRIBUTE_TAG_INFORMATION] = {
		sizeof(struct nt_file_attribute_tag_information), NTOS_FILE_READ_ATTRIBUTES },
	[NT_FILE_ID_INFORMATION] = { sizeof(struct nt_file_id_information), 0 },
};

static const struct ntos_file_class ntos_set_classes[] = {
	[NT_FILE_BASIC_INFORMATION] = { sizeof(struct nt_file_basic_information),
					NTOS_FILE_WRITE_ATTRIBUTES },
	[NT_FILE_RENAME_INFORMATION] = { sizeof(struct nt_file_rename_information), NTOS_DELETE },
	[NT_FILE_LINK_INFORMATION] = { sizeof(struct nt_file_rename_information), 0 },
	[NT_FILE_DISPOSITION_INFORMATION] = { sizeof(u8), NTOS_DELETE },
	[NT_FILE_POSITION_INFORMATION] = { sizeof(s64), 0 },
	[NT_FILE_ALLOCATION_INFORMATION] = { sizeof(s64), NTOS_FILE_WRITE_DATA },
	[NT_FILE_END_OF_FILE_INFORMATION] = { sizeof(s64), NTOS_FILE_WRITE_DATA },
	[NT_FILE_DISPOSITION_INFORMATION_EX] = { sizeof(u32), NTOS_DELETE },
	[NT_FILE_RENAME_INFORMATION_EX] = { sizeof(struct nt_file_rename_information),
					    NTOS_DELETE },
};

/* the class's entry, or NULL: a class of another kind, or none at all */
static const struct ntos_file_class *ntos_file_class(const struct ntos_file_class *t,
						     unsigned int n, u32 class)
{
	return class < n && t[class].size ? &t[class] : NULL;
}

static int ntos_file_stat(const struct path *path, struct kstat *st)
{
	return vfs_getattr(path, st, STATX_BASIC_STATS | STATX_BTIME, AT_STATX_SYNC_AS_STAT);
}

static void ntos_file_basic(const struct kstat *st, struct nt_file_basic_information *b)
{
	b->creation_time = ntos_nt_time(st->result_mask & STATX_BTIME ? st->btime : st->ctime);
	b->last_access_time = ntos_nt_time(st->atime);
	b->last_write_time = ntos_nt_time(st->mtime);
	b->change_time = ntos_nt_time(st->ctime);
	b->file_attributes = ntos_file_attributes(st);
}

static void ntos_file_standard(struct ntos_file *f, const struct kstat *st,
			       struct nt_file_standard_information *s)
{
	s->allocation_size = st->blocks * 512;
	s->end_of_file = S_ISDIR(st->mode) ? 0 : st->size;
	s->number_of_links = st->nlink;
	/* unlinked already (POSIX semantics) counts as pending too */
	s->delete_pending = (f && ntos_file_delete_pending(f)) || !st->nlink;
	s->directory = S_ISDIR(st->mode);
}

static void ntos_file_network_open(const struct kstat *st,
				   struct nt_file_network_open_information *n)
{
	struct nt_file_basic_information b;

	ntos_file_basic(st, &b);
	n->creation_time = b.creation_time;
	n->last_access_time = b.last_access_time;
	n->last_write_time = b.last_write_time;
	n->change_time = b.change_time;
	n->allocation_size = st->blocks * 512;
	n->end_of_file = S_ISDIR(st->mode) ? 0 : st->size;
	n->file_attributes = b.file_attributes;
}

/*
 * The file's name on its volume in UTF-16, "\dir\file", in @out (room for
 * @max characters); its length in characters, or a negative errno.
 */
static int ntos_file_name(struct file *file, u16 *out, unsigned int max)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	char *p;
	int n, i;

	if (!buf)
		return -ENOMEM;
	p = d_path(&file->f_path, buf, PATH_MAX);
	if (IS_ERR(p)) {
		kfree(buf);
		return PTR_ERR(p);
	}
	n = utf8s_to_utf16s(p, strlen(p), UTF16_LITTLE_ENDIAN, (wchar_t *)out, max);
	kfree(buf);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++)
		if (out[i] == '/')
			out[i] = '\\';
	return n;
}

/*
 * Fill @buf (@len bytes, at least the class's size) with the answer of
 * @class; the bytes of it in *@size.  A name that does not fit is cut
 * short, with STATUS_BUFFER_OVERFLOW.
 */
static ntstatus_t ntos_file_query(struct ntos_file *f, u32 granted, u32 class, void *buf,
				  u32 len, u32 *size)
{
	struct nt_file_name_information *name = NULL;
	struct file *file = f->file;
	struct kstat st;
	u32 at, bytes;
	u16 *chars;
	int err, n;

	*size = ntos_query_classes[class].size;
	switch (class) {
	case NT_FILE_POSITION_INFORMATION:
		*(s64 *)buf = file->f_pos;
		return STATUS_SUCCESS;
	case NT_FILE_EA_INFORMATION:
	case NT_FILE_ALIGNMENT_INFORMATION:
		return STATUS_SUCCESS;
	case NT_FILE_ACCESS_INFORMATION:
		*(u32 *)buf = granted;
		return STATUS_SUCCESS;
	case NT_FILE_MODE_INFORMATION:
		*(u32 *)buf = f->mode;
		return STATUS_SUCCESS;
	case NT_FILE_NAME_INFORMATION:
		name = buf;
		break;
	}
	if (class != NT_FILE_NAME_INFORMATION) {
		err = ntos_file_stat(&file->f_path, &st);
		if (err)
			return ntos_errno_status(err);
	}
	switch (class) {
	case NT_FILE_BASIC_INFORMATION:
		ntos_file_basic(&st, buf);
		return STATUS_SUCCESS;
	case NT_FILE_STANDARD_INFORMATION:
		ntos_file_standard(f, &st, buf);
		return STATUS_SUCCESS;
	case NT_FILE_INTERNAL_INFORMATION:
		*(u64 *)buf = st.ino;
		return STATUS_SUCCESS;
	case NT_FILE_NETWORK_OPEN_INFORMATION:
		ntos_file_network_open(&st, buf);
		return STATUS_SUCCESS;
	case NT_FILE_ATTRIBUTE_TAG_INFORMATION:
		((struct nt_file_attribute_tag_information *)buf)->file_attributes =
			ntos_file_attributes(&st);
		return STATUS_SUCCESS;
	case NT_FILE_ID_INFORMATION: {
		struct nt_file_id_information *id = buf;

		id->volume_serial_number = new_encode_dev(file_inode(file)->i_sb->s_dev);
		memcpy(id->file_id, &st.ino, sizeof(st.ino));
		return STATUS_SUCCESS;
	}
	case NT_FILE_ALL_INFORMATION: {
		struct nt_file_all_information *all = buf;

		ntos_file_basic(&st, &all->basic);
		ntos_file_standard(f, &st, &all->standard);
		all->index_number = st.ino;
		all->access_flags = granted;
		all->current_byte_offset = file->f_pos;
		all->mode = f->mode;
		name = &all->name;
		break;
	}
	}

	/* the name, as much of it as fits */
	chars = kmalloc_array(PATH_MAX, sizeof(u16), GFP_KERNEL);
	if (!chars)
		return STATUS_NO_MEMORY;
	n = ntos_file_name(file, chars, PATH_MAX);
	if (n < 0) {
		kfree(chars);
		return ntos_errno_status(n);
	}
	at = (u8 *)name->file_name - (u8 *)buf;
	bytes = min_t(u32, n * sizeof(u16), (len - at) & ~1U);
	name->file_name_length = n * sizeof(u16);
	memcpy((u8 *)buf + at, chars, bytes);	/* past the declared [2]: the buffer's */
	kfree(chars);
	*size = at + bytes;
	return bytes < n * sizeof(u16) ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

/* the most of a name's answer we build: a path of PATH_MAX characters */
#define NTOS_FILE_QUERY_MAX	(sizeof(struct nt_file_all_information) + PATH_MAX * sizeof(u16))

/*
 * NtQueryInformationFile(FileHandle, IoStatusBlock, FileInformation,
 * Length, FileInformationClass).
 */
static ntstatus_t ntos_nt_query_information_file(u64 handle, u64 uiosb, u64 ubuf, u32 len,
						 u32 class)
{
	const struct ntos_file_class *c;
	struct ntos_handle_entry info;
	struct ntos_object *obj;
	ntstatus_t status;
	u32 size = 0;
	void *buf;

	c = ntos_file_class(ntos_query_classes, ARRAY_SIZE(ntos_query_classes), class);
	if (!c)
		return STATUS_INVALID_INFO_CLASS;
	if (len < c->size)
		return STATUS_INFO_LENGTH_MISMATCH;
	status = ntos_handle_ref(handle, &ntos_file_type, c->access, &obj, &info);
	if (status)
		return status;
	len = min_t(u32, len, NTOS_FILE_QUERY_MAX);
	buf = kzalloc(len, GFP_KERNEL);
	if (!buf) {
		ntos_object_put(obj);
		return STATUS_NO_MEMORY;
	}
	status = ntos_file_query(ntos_file_obj(obj), info.access, class, buf, len, &size);
	ntos_object_put(obj);
	/* a warning (a name cut short) still fills the buffer and the block */
	if (status && status != STATUS_BUFFER_OVERFLOW)
		goto out;
	if (copy_to_user(u64_to_user_ptr(ubuf), buf, size))
		status = STATUS_ACCESS_VIOLATION;
	else
		status = ntos_put_iosb(uiosb, status, size) ?: status;
out:
	kfree(buf);
	return status;
}

/* an NT time as a Linux one */
static struct timespec64 ntos_linux_time(s64 t)
{
	struct timespec64 ts;
	s32 rem;

	ts.tv_sec = div_s64_rem(t - NTOS_NT_EPOCH_OFFSET, NTOS_NT_TICKS_PER_SEC, &rem);
	if (rem < 0) {
		ts.tv_sec--;
		rem += NTOS_NT_TICKS_PER_SEC;
	}
	ts.tv_nsec = rem * 100;
	return ts;
}

/*
 * FileBasicInformation: a time of 0 leaves it as it is, and so do -1 and
 * -2 (stop and resume updating it, which Linux does not do); Linux keeps
 * no creation time one may set and sets the change time itself.
 * Attributes 0 leave them; else FILE_ATTRIBUTE_READONLY takes every write
 * bit away, and its absence gives a read-only file's owner one back.
 */
static ntstatus_t ntos_file_set_basic(struct file *file, const struct nt_file_basic_information *b)
{
	struct inode *inode = file_inode(file);
	struct iattr ia = {};
	umode_t mode = inode->i_mode;

	if (b->last_access_time > 0) {
		ia.ia_valid |= ATTR_ATIME | ATTR_ATIME_SET;
		ia.ia_atime = ntos_linux_time(b->last_access_time);
	}
	if (b->last_write_time > 0) {
		ia.ia_valid |= ATTR_MTIME | ATTR_MTIME_SET;
		ia.ia_mtime = ntos_linux_time(b->last_write_time);
	}
	if (b->file_attributes && !S_ISDIR(mode)) {
		if (b->file_attributes & NT_FILE_ATTRIBUTE_READONLY)
			mode &= ~0222;
		else if (!(mode & 0222))
			mode |= 0200;
		if (mode != inode->i_mode) {
			ia.ia_valid |= ATTR_MODE;
			ia.ia_mode = mode;
		}
	}
	if (!ia.ia_valid)
		return STATUS_SUCCESS;
	ia.ia_valid |= ATTR_CTIME;
	return ntos_vfs_status(ntos_file_setattr(&file->f_path, &ia));
}

/* FileEndOfFileInformation, FileAllocationInformation (which only cuts) */
static ntstatus_t ntos_file_set_size(struct file *file, s64 size, bool allocation)
{
	if (size < 0)
		return STATUS_INVALID_PARAMETER;
	if (S_ISDIR(file_inode(file)->i_mode))
		return STATUS_INVALID_PARAMETER;
	if (allocation && size >= i_size_read(file_inode(file)))
		return STATUS_SUCCESS;
	return ntos_vfs_status(vfs_truncate(&file->f_path, size));
}

/*
 * FileDispositionInformation(Ex): the delete-pending mark, or with
 * FILE_DISPOSITION_ON_CLOSE the delete-on-close flag, set or cleared.
 */
static ntstatus_t ntos_file_set_disposition(struct ntos_file *f, u32 flags)
{
	bool on_close = flags & NT_FILE_DISPOSITION_ON_CLOSE;
	ntstatus_t status;

	if (flags & ~(NT_FILE_DISPOSITION_DELETE | NT_FILE_DISPOSITION_POSIX_SEMANTICS |
		      NT_FILE_DISPOSITION_FORCE_IMAGE_SECTION_CHECK |
		      NT_FILE_DISPOSITION_ON_CLOSE |
		      NT_FILE_DISPOSITION_IGNORE_READONLY_ATTRIBUTE))
		return STATUS_INVALID_PARAMETER;
	if (!(flags & NT_FILE_DISPOSITION_DELETE)) {
		ntos_file_set_delete(f, on_close, false);
		return STATUS_SUCCESS;
	}
	status = ntos_file_may_delete(&f->file->f_path,
				      flags & NT_FILE_DISPOSITION_IGNORE_READONLY_ATTRIBUTE);
	if (status)
		return status;
	if ((flags & NT_FILE_DISPOSITION_POSIX_SEMANTICS) && !on_close)
		return ntos_vfs_status(ntos_file_unlink(&f->file->f_path));
	ntos_file_set_delete(f, on_close, true);
	return STATUS_SUCCESS;
}

/*
 * Rename @f's file to @name in the directory @newdir, as rename(2) would,
 * with RENAME_NOREPLACE unless @replace.  Windows' rules on top: an
 * existing target is a collision unless replaced, and a directory is
 * never replaced.
 */
static ntstatus_t ntos_file_rename(struct ntos_file *f, const struct path *newdir,
				   const char *name, bool replace)
{
	const struct path *old = &f->file->f_path;
	struct dentry *dentry = old->dentry, *oldparent, *trap, *target;
	ntstatus_t status = STATUS_SUCCESS;
	int err;

	if (newdir->mnt != old->mnt)
		return STATUS_NOT_SAME_DEVICE;
	err = mnt_want_write(old->mnt);
	if (err)
		return ntos_errno_status(err);
	oldparent = dget_parent(dentry);
	trap = lock_rename(newdir->dentry, oldparent);
	if (IS_ERR(trap)) {
		err = PTR_ERR(trap);
		goto out_put;
	}
	err = -ENOENT;
	if (dentry->d_parent != oldparent || d_unhashed(dentry) || d_really_is_negative(dentry))
		goto out_unlock;
	target = lookup_one_len(name, newdir->dentry, strlen(name));
	err = PTR_ERR_OR_ZERO(target);
	if (err)
		goto out_unlock;
	if (target == dentry) {			/* the name it has */
		err = 0;
	} else if (dentry == trap) {		/* into itself */
		err = -EINVAL;
	} else if (target == trap) {		/* over a directory above it */
		err = -ENOTEMPTY;
	} else if (d_really_is_positive(target) && !replace) {
		status = STATUS_OBJECT_NAME_COLLISION;
	} else if (d_really_is_positive(target) && d_is_dir(target)) {
		status = STATUS_ACCESS_DENIED;
	} else {
		err = ntos_vfs_rename(old->mnt, d_inode(oldparent), dentry,
				      d_inode(newdir->dentry), target,
				      replace ? 0 : RENAME_NOREPLACE);
	}
	dput(target);
out_unlock:
	unlock_rename(newdir->dentry, oldparent);
out_put:
	dput(oldparent);
	mnt_drop_write(old->mnt);
	return status ?: ntos_vfs_status(err);
}

/*
 * A new name @name in @newdir for @f's file, as link(2) would; an existing
 * file of that name is unlinked first if @replace (never a directory).
 */
static ntstatus_t ntos_file_link(struct ntos_file *f, const struct path *newdir,
				 const char *name, bool replace)
{
	const struct path *old = &f->file->f_path;
	struct inode *dir = d_inode(newdir->dentry);
	struct dentry *target;
	ntstatus_t status = STATUS_SUCCESS;
	int err;

	if (d_is_dir(old->dentry))
		return STATUS_FILE_IS_A_DIRECTORY;
	if (newdir->mnt != old->mnt)
		return STATUS_NOT_SAME_DEVICE;
	err = mnt_want_write(old->mnt);
	if (err)
		return ntos_errno_status(err);
	inode_lock_nested(dir, I_MUTEX_PARENT);
	target = lookup_one_len(name, newdir->dentry, strlen(name));
	err = PTR_ERR_OR_ZERO(target);
	if (err)
		goto out_unlock;
	if (d_really_is_positive(target)) {
		if (!replace)
			status = STATUS_OBJECT_NAME_COLLISION;
		else if (d_is_dir(target))
			status = STATUS_ACCESS_DENIED;
		else if (d_inode(target) != d_inode(old->dentry))
			err = vfs_unlink(ntos_mnt_idmap(old->mnt), dir, target, NULL);
		/* else: the name is the file's already */
		if (status || err || d_inode(target) == d_inode(old->dentry))
			goto out_put;
		/* unlinked: a fresh negative dentry for the new name */
		dput(target);
		target = lookup_one_len(name, newdir->dentry, strlen(name));
		err = PTR_ERR_OR_ZERO(target);
		if (err)
			goto out_unlock;
	}
	err = vfs_link(old->dentry, ntos_mnt_idmap(old->mnt), dir, target, NULL);
out_put:
	dput(target);
out_unlock:
	inode_unlock(dir);
	mnt_drop_write(old->mnt);
	return status ?: ntos_vfs_status(err);
}

/*
 * FileRenameInformation(Ex) and FileLinkInformation: FileName is a full
 * NT name (RootDirectory NULL), through the namespace as NtCreateFile's,
 * or a bare name, which stays in the file's directory.
 */
static ntstatus_t ntos_file_set_rename(struct ntos_file *f,
				       const struct nt_file_rename_information *r,
				       u64 ubuf, u32 len, bool replace, bool link)
{
	u32 at = offsetof(struct nt_file_rename_information, file_name);
	u32 bytes = r->file_name_length;
	struct path newdir;
	struct ntos_oa oa = {};
	ntstatus_t status;
	char *path, *last;
	u16 *chars;
	unsigned int i, n;
	int err;

	if (r->root_directory)
		return STATUS_NOT_SUPPORTED;
	if (!bytes || (bytes & 1) || bytes > len - at || bytes > PATH_MAX * sizeof(u16))
		return STATUS_INVALID_PARAMETER;
	n = bytes / sizeof(u16);
	chars = kmalloc(bytes, GFP_KERNEL);
	if (!chars)
		return STATUS_NO_MEMORY;
	if (copy_from_user(chars, u64_to_user_ptr(ubuf + at), bytes)) {
		kfree(chars);
		return STATUS_ACCESS_VIOLATION;
	}
	if (chars[0] == '\\') {
		oa.attributes = OBJ_CASE_INSENSITIVE;
		oa.name.chars = chars;
		oa.name.len = n;
		path = ntos_ns_parse(&oa, &status);
		kfree(chars);
		if (!path)
			return status;
		/* the last component, in the directory before it */
		while (strlen(path) > 1 && path[strlen(path) - 1] == '/')
			path[strlen(path) - 1] = 0;
		last = strrchr(path, '/');
		if (!last[1]) {
			kfree(path);
			return STATUS_OBJECT_NAME_INVALID;
		}
		*last++ = 0;
		err = kern_path(path[0] ? path : "/", LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &newdir);
		if (err) {
			kfree(path);
			return err == -ENOENT || err == -ENOTDIR ? STATUS_OBJECT_PATH_NOT_FOUND :
			       ntos_errno_status(err);
		}
	} else {
		for (i = 0; i < n; i++)
			if (chars[i] == '\\' || chars[i] == '/' || !chars[i]) {
				kfree(chars);
				return STATUS_OBJECT_NAME_INVALID;
			}
		path = kmalloc(3 * n + 1, GFP_KERNEL);
		if (!path) {
			kfree(chars);
			return STATUS_NO_MEMORY;
		}
		err = utf16s_to_utf8s((wchar_t *)chars, n, UTF16_LITTLE_ENDIAN, path, 3 * n);
		kfree(chars);
		path[max(err, 0)] = 0;
		last = path;
		if ((err == 1 && path[0] == '.') || (err == 2 && !strcmp(path, ".."))) {
			kfree(path);
			return STATUS_OBJECT_NAME_INVALID;
		}
		newdir.mnt = mntget(f->file->f_path.mnt);
		newdir.dentry = dget_parent(f->file->f_path.dentry);
	}
	if (link)
		status = ntos_file_link(f, &newdir, last, replace);
	else
		status = ntos_file_rename(f, &newdir, last, replace);
	path_put(&newdir);
	kfree(path);
	return status;
}

/*
 * NtSetInformationFile(FileHandle, IoStatusBlock, FileInformation, Length,
 * FileInformationClass).
 */
static ntstatus_t ntos_nt_set_information_file(u64 handle, u64 uiosb, u64 ubuf, u32 len,
					       u32 class)
{
	union {
		struct nt_file_basic_information basic;
		struct nt_file_rename_information rename;
		s64 size;
		u32 flags;
		u8 delete;
	} u;
	const struct ntos_file_class *c;
	struct ntos_object *obj;
	struct ntos_file *f;
	ntstatus_t status;

	c = ntos_file_class(ntos_set_classes, ARRAY_SIZE(ntos_set_classes), class);
	if (!c)
		return STATUS_INVALID_INFO_CLASS;
	if (len < c->size)
		return STATUS_INFO_LENGTH_MISMATCH;
	memset(&u, 0, sizeof(u));
	if (copy_from_user(&u, u64_to_user_ptr(ubuf), c->size))
		return STATUS_ACCESS_VIOLATION;
	status = ntos_handle_ref(handle, &ntos_file_type, c->access, &obj, NULL);
	if (status)
		return status;
	f = ntos_file_obj(obj);
	switch (class) {
	case NT_FILE_BASIC_INFORMATION:
		status = ntos_file_set_basic(f->file, &u.basic);
		break;
	case NT_FILE_RENAME_INFORMATION:
		status = ntos_file_set_rename(f, &u.rename, ubuf, len, u.rename.flags & 0xff,
					      false);
		break;
	case NT_FILE_LINK_INFORMATION:
		status = ntos_file_set_rename(f, &u.rename, ubuf, len, u.rename.flags & 0xff,
					      true);
		break;
	case NT_FILE_RENAME_INFORMATION_EX:
		status = ntos_file_set_rename(f, &u.rename, ubuf, len,
					      u.rename.flags & NT_FILE_RENAME_REPLACE_IF_EXISTS,
					      false);
		break;
	case NT_FILE_DISPOSITION_INFORMATION:
		status = ntos_file_set_disposition(f, u.delete ? NT_FILE_DISPOSITION_DELETE : 0);
		break;
	case NT_FILE_DISPOSITION_INFORMATION_EX:
		status = ntos_file_set_disposition(f, u.flags);
		break;
	case NT_FILE_POSITION_INFORMATION:
		if (u.size < 0)
			status = STATUS_INVALID_PARAMETER;
		else
			f->file->f_pos = u.size;
		break;
	case NT_FILE_ALLOCATION_INFORMATION:
	case NT_FILE_END_OF_FILE_INFORMATION:
		status = ntos_file_set_size(f->file, u.size,
					    class == NT_FILE_ALLOCATION_INFORMATION);
		break;
	}
	ntos_object_put(obj);
	if (status)
		return status;
	return ntos_put_iosb(uiosb, STATUS_SUCCESS, 0);
}

/*
 * The Linux path an OBJECT_ATTRIBUTES names, through the namespace as
 * NtCreateFile's names go, and what is there (not following a last
 * symbolic link if @nofollow).
 */
static ntstatus_t ntos_file_lookup(u64 uoa, bool nofollow, struct path *out)
{
	struct ntos_oa oa;
	ntstatus_t status;
	char *path;
	int err;

	status = ntos_oa_capture(&oa, uoa, false);
	if (status)
		return status;
	if (oa.root_obj) {		/* relative names: not yet, as for NtCreateFile */
		ntos_oa_free(&oa);
		return STATUS_NOT_SUPPORTED;
	}
	path = ntos_ns_parse(&oa, &status);
	ntos_oa_free(&oa);
	if (!path)
		return status;
	err = kern_path(path, nofollow ? 0 : LOOKUP_FOLLOW, out);
	/* another letter case, for a case-insensitive name (file.h) */
	if (err == -ENOENT && (oa.attributes & OBJ_CASE_INSENSITIVE) && ntos_path_fold(path))
		err = kern_path(path, nofollow ? 0 : LOOKUP_FOLLOW, out);
	if (err == -ENOENT)
		status = ntos_path_not_found(path);
	else if (err)
		status = ntos_errno_status(err);
	kfree(path);
	/* a file marked for deletion is not opened again, nor looked at by name */
	if (!status && ntos_inode_delete_pending(d_inode(out->dentry))) {
		path_put(out);
		status = STATUS_DELETE_PENDING;
	}
	return status;
}

/* The attributes of the file an OBJECT_ATTRIBUTES names (a last link followed) */
static ntstatus_t ntos_file_stat_by_name(u64 uoa, struct kstat *st)
{
	struct path path;
	ntstatus_t status;
	int err;

	status = ntos_file_lookup(uoa, false, &path);
	if (status)
		return status;
	err = ntos_file_stat(&path, st);
	path_put(&path);
	return err ? ntos_errno_status(err) : STATUS_SUCCESS;
}

/* NtQueryAttributesFile(ObjectAttributes, FileInformation): FILE_BASIC_INFORMATION */
static ntstatus_t ntos_nt_query_attributes_file(u64 uoa, u64 ubuf)
{
	struct nt_file_basic_information b = {};
	ntstatus_t status;
	struct kstat st;

	status = ntos_file_stat_by_name(uoa, &st);
	if (status)
		return status;
	ntos_file_basic(&st, &b);
	if (copy_to_user(u64_to_user_ptr(ubuf), &b, sizeof(b)))
		return STATUS_ACCESS_VIOLATION;
	return STATUS_SUCCESS;
}

/* NtQueryFullAttributesFile: FILE_NETWORK_OPEN_INFORMATION by name */
static ntstatus_t ntos_nt_query_full_attributes_file(u64 uoa, u64 ubuf)
{
	struct nt_file_network_open_information n = {};
	ntstatus_t status;
	struct kstat st;

	status = ntos_file_stat_by_name(uoa, &st);
	if (status)
		return status;
	ntos_file_network_open(&st, &n);
	if (copy_to_user(u64_to_user_ptr(ubuf), &n, sizeof(n)))
		return STATUS_ACCESS_VIOLATION;
	return STATUS_SUCCESS;
}

/*
 * NtDeleteFile(ObjectAttributes): the name goes now (Windows deletes it
 * when the file's last handle closes; Linux's open files simply keep the
 * inode).  A symbolic link is deleted, not what it points at.
 */
static ntstatus_t ntos_nt_delete_file(u64 uoa)
{
	struct path path;
	ntstatus_t status;

	status = ntos_file_lookup(uoa, true, &path);
	if (status)
		return status;
	/* as an open for DELETE that shares everything would: not while one does not share it */
	status = ntos_file_share_check(d_inode(path.dentry), NTOS_DELETE,
				       NTOS_FILE_SHARE_VALID);
	if (!status)
		status = ntos_file_may_delete(&path, false);
	if (!status)
		status = ntos_vfs_status(ntos_file_unlink(&path));
	path_put(&path);
	return status;
}
