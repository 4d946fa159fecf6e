// SPDX-License-Identifier: GPL-2.0
/*
 * The "\" namespace: directories, symbolic links, and path lookup.
 *
 * Every operation here runs under ntos_ns_lock (see object.h).  A lookup
 * walks one component at a time from "\" or from a RootDirectory; a
 * symbolic link met on the way (or at the end, unless a link is being
 * opened or created) restarts the walk at "\" with the link's target
 * followed by the rest of the path, at most NTOS_MAX_REPARSE times.
 *
 * Names compare exactly, or ignoring the case of ASCII letters with
 * OBJ_CASE_INSENSITIVE.  Each directory hashes its entries by the
 * upper-cased name, so both kinds of lookup probe one bucket.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/hash.h>
#include <linux/limits.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "file.h"
#include "object.h"
#include "status.h"

#define NTOS_MAX_REPARSE	32

DEFINE_MUTEX(ntos_ns_lock);	/* the namespace's one lock: see object.h */
static struct ntos_directory *ntos_root;

static void ntos_directory_destroy(struct ntos_object *obj)
{
	kfree(container_of(obj, struct ntos_directory, obj));
}

static void ntos_symlink_destroy(struct ntos_object *obj)
{
	struct ntos_symlink *link = container_of(obj, struct ntos_symlink, obj);

	kfree(link->target.chars);
	kfree(link);
}

struct ntos_object_type ntos_directory_type = {
	.name = "Directory",
	.index = 3,
	.case_insensitive = true,
	.valid_access = DIRECTORY_ALL_ACCESS,
	.mapping = {
		.generic_read = NT_STANDARD_RIGHTS_READ | DIRECTORY_QUERY | DIRECTORY_TRAVERSE,
		.generic_write = NT_STANDARD_RIGHTS_WRITE | DIRECTORY_CREATE_OBJECT |
				 DIRECTORY_CREATE_SUBDIRECTORY,
		.generic_execute = NT_STANDARD_RIGHTS_EXECUTE | DIRECTORY_QUERY |
				   DIRECTORY_TRAVERSE,
		.generic_all = DIRECTORY_ALL_ACCESS,
	},
	.destroy = ntos_directory_destroy,
};

struct ntos_object_type ntos_symlink_type = {
	.name = "SymbolicLink",
	.index = 4,
	.case_insensitive = true,
	.valid_access = SYMBOLIC_LINK_ALL_ACCESS,
	.mapping = {
		.generic_read = NT_STANDARD_RIGHTS_READ | SYMBOLIC_LINK_QUERY,
		.generic_write = NT_STANDARD_RIGHTS_WRITE,
		.generic_execute = NT_STANDARD_RIGHTS_EXECUTE | SYMBOLIC_LINK_QUERY,
		.generic_all = SYMBOLIC_LINK_ALL_ACCESS,
	},
	.destroy = ntos_symlink_destroy,
};

struct ntos_directory *ntos_directory_create(void)
{
	struct ntos_directory *dir = kzalloc(sizeof(*dir), GFP_KERNEL_ACCOUNT);
	unsigned int i;

	if (!dir)
		return NULL;
	ntos_object_init(&dir->obj, &ntos_directory_type);
	for (i = 0; i < NTOS_DIR_BUCKETS; i++)
		INIT_HLIST_HEAD(&dir->buckets[i]);
	return dir;
}

/* Takes over @target's characters. */
struct ntos_symlink *ntos_symlink_create(struct ntos_name *target)
{
	struct ntos_symlink *link = kzalloc(sizeof(*link), GFP_KERNEL_ACCOUNT);

	if (!link)
		return NULL;
	ntos_object_init(&link->obj, &ntos_symlink_type);
	link->target = *target;
	target->chars = NULL;
	target->len = 0;
	return link;
}

static inline u16 ntos_upcase(u16 c)
{
	return (c >= 'a' && c <= 'z') ? c - ('a' - 'A') : c;
}

static unsigned int ntos_name_bucket(const u16 *s, unsigned int len)
{
	u32 h = 0;
	unsigned int i;

	for (i = 0; i < len; i++)
		h = (h + ntos_upcase(s[i])) * 0x9e3779b1;
	return hash_32(h, ilog2(NTOS_DIR_BUCKETS));
}

static bool ntos_name_eq(const struct ntos_name *a, const u16 *s, unsigned int len,
			 bool ci)
{
	unsigned int i;

	if (a->len != len)
		return false;
	if (!ci)
		return !memcmp(a->chars, s, len * sizeof(u16));
	for (i = 0; i < len; i++)
		if (ntos_upcase(a->chars[i]) != ntos_upcase(s[i]))
			return false;
	return true;
}

static struct ntos_object *ntos_dir_find(struct ntos_directory *dir, const u16 *s,
					 unsigned int len, bool ci)
{
	struct ntos_object *obj;

	lockdep_assert_held(&ntos_ns_lock);
	hlist_for_each_entry(obj, &dir->buckets[ntos_name_bucket(s, len)], entry)
		if (ntos_name_eq(&obj->name, s, len, ci))
			return obj;
	return NULL;
}

/* Give @obj the name @s in @dir; the caller checked that it is free. */
static ntstatus_t ntos_dir_link(struct ntos_directory *dir, struct ntos_object *obj,
				const u16 *s, unsigned int len)
{
	lockdep_assert_held(&ntos_ns_lock);
	obj->name.chars = kmemdup(s, len * sizeof(u16), GFP_KERNEL_ACCOUNT);
	if (!obj->name.chars)
		return STATUS_NO_MEMORY;
	obj->name.len = len;
	obj->parent = dir;
	ntos_object_get(&dir->obj);
	hlist_add_head(&obj->entry, &dir->buckets[ntos_name_bucket(s, len)]);
	dir->count++;
	obj->flags |= NTOS_OBJ_LINKED;
	return STATUS_SUCCESS;
}

static void ntos_dir_unlink(struct ntos_object *obj)
{
	lockdep_assert_held(&ntos_ns_lock);
	hlist_del_init(&obj->entry);
	obj->parent->count--;
	obj->flags &= ~NTOS_OBJ_LINKED;
}

/* What a walk found. */
struct ntos_walk {
	struct ntos_object *obj;	/* the object named, if it exists */
	const u16 *rest;		/* past a device (obj): the rest of the name */
	unsigned int rest_len;
	struct ntos_directory *dir;	/* the directory of the last component */
	const u16 *last;		/* the last component, for a create */
	unsigned int last_len;
	u16 *buf;			/* the path after a reparse, to free */
};

/*
 * Resolve @path (from @start, or from "\" when @start is NULL) under
 * ntos_ns_lock.  @open_link: a symbolic link as last component is the
 * answer rather than followed.  Returns STATUS_SUCCESS with w->obj set,
 * STATUS_OBJECT_NAME_NOT_FOUND with w->dir and w->last set (the place a
 * create would use) or, when links lead nowhere, with w->dir NULL; or
 * another error.  A device (a type with a parse routine) ends the walk:
 * w->obj is the device, w->rest what is left of the name.
 */
static ntstatus_t ntos_walk(struct ntos_directory *start, const u16 *path, unsigned int len,
			    bool ci, bool open_link, struct ntos_walk *w)
{
	struct ntos_directory *cur = start, *rel = start;
	unsigned int reparses = 0, pos = 0, end, tlen, nlen;
	struct ntos_object *child;
	struct ntos_symlink *link;
	u16 *buf;

	memset(w, 0, sizeof(*w));
	if (!cur) {
		if (!len || path[0] != '\\')
			return STATUS_OBJECT_PATH_SYNTAX_BAD;
		cur = ntos_root;
		pos = 1;
	} else if (len && path[0] == '\\') {
		return STATUS_OBJECT_PATH_SYNTAX_BAD;
	}
	if (pos == len) {		/* "\" itself, or RootDirectory with no name */
		w->obj = &cur->obj;
		return STATUS_SUCCESS;
	}
	for (;;) {
		for (end = pos; end < len && path[end] != '\\'; end++)
			;
		if (end == pos)
			return STATUS_OBJECT_NAME_INVALID;
		if (!ntos_object_accessible(&cur->obj))
			return STATUS_ACCESS_DENIED;
		child = ntos_dir_find(cur, path + pos, end - pos, ci);
		if (!child) {
			if (end < len)
				return STATUS_OBJECT_PATH_NOT_FOUND;
			w->dir = cur;
			w->last = path + pos;
			w->last_len = end - pos;
			return STATUS_OBJECT_NAME_NOT_FOUND;
		}
		if (child->type == &ntos_symlink_type && (end < len || !open_link)) {
			if (++reparses > NTOS_MAX_REPARSE)
				return STATUS_OBJECT_NAME_NOT_FOUND;
			link = container_of(child, struct ntos_symlink, obj);
			/*
			 * The new path is the target, then the rest: "\A\" and "\B"
			 * give "\A\B", and an empty target ("\??\GLOBALROOT") just
			 * leaves the rest.
			 */
			tlen = link->target.len;
			if (tlen && link->target.chars[tlen - 1] == '\\' && end < len)
				tlen--;
			nlen = tlen + len - end;
			if (!nlen)
				return STATUS_OBJECT_NAME_NOT_FOUND;
			buf = kmalloc_array(nlen, sizeof(u16), GFP_KERNEL);
			if (!buf)
				return STATUS_NO_MEMORY;
			memcpy(buf, link->target.chars, tlen * sizeof(u16));
			memcpy(buf + tlen, path + end, (len - end) * sizeof(u16));
			len = nlen;
			kfree(w->buf);
			w->buf = buf;
			path = buf;
			if (path[0] != '\\') {
				/*
				 * A relative target: Windows parses it again from
				 * the RootDirectory, if the lookup still has one,
				 * and otherwise finds nothing.
				 */
				if (!rel)
					return STATUS_OBJECT_NAME_NOT_FOUND;
				cur = rel;
				pos = 0;
				continue;
			}
			rel = NULL;
			cur = ntos_root;
			pos = 1;
			if (pos == len) {
				w->obj = &cur->obj;
				return STATUS_SUCCESS;
			}
			continue;
		}
		if (end == len || child->type->parse) {
			w->obj = child;
			w->dir = cur;
			w->rest = path + end;
			w->rest_len = len - end;
			return STATUS_SUCCESS;
		}
		if (child->type != &ntos_directory_type)
			return STATUS_OBJECT_TYPE_MISMATCH;
		cur = container_of(child, struct ntos_directory, obj);
		pos = end + 1;
	}
}

/*
 * Where a lookup of @oa starts: *start is NULL for "\", else the
 * RootDirectory, which must then be a directory.
 */
static ntstatus_t ntos_oa_start(const struct ntos_oa *oa, struct ntos_directory **start)
{
	*start = NULL;
	if (!oa->root_obj)
		return STATUS_SUCCESS;
	if (oa->root_obj->type != &ntos_directory_type)
		return STATUS_OBJECT_TYPE_MISMATCH;
	*start = container_of(oa->root_obj, struct ntos_directory, obj);
	return STATUS_SUCCESS;
}

/*
 * Name @obj as @oa says and count the handle its creator is about to get.
 * An existing object of another type is a type mismatch; of the same type
 * a collision, unless OBJ_OPENIF asks to open it: then *existing gets a
 * reference and a handle count, and the answer is STATUS_OBJECT_NAME_EXISTS
 * (plain success for symbolic links, as since Windows 10 1511).  @access is
 * the mapped access the new handle will have; opening with none is denied.
 */
ntstatus_t ntos_ns_insert(const struct ntos_oa *oa, struct ntos_object *obj, u32 access,
			  struct ntos_object **existing)
{
	bool ci = (oa->attributes & OBJ_CASE_INSENSITIVE) || obj->type->case_insensitive;
	bool open_link = obj->type == &ntos_symlink_type;
	struct ntos_directory *start;
	struct ntos_walk w = {};
	ntstatus_t status;

	*existing = NULL;
	if (!oa->name.len) {			/* unnamed */
		ntos_object_handle_opened(obj);
		return STATUS_SUCCESS;
	}
	if ((oa->attributes & OBJ_PERMANENT) && !capable(CAP_SYS_ADMIN))
		return STATUS_PRIVILEGE_NOT_HELD;
	status = ntos_oa_start(oa, &start);
	if (status)
		return status;

	mutex_lock(&ntos_ns_lock);
	/*
	 * A symbolic link as last component is followed unless a link is
	 * being created, as Windows' ObpParseSymbolicLink does for inserts.
	 */
	status = ntos_walk(start, oa->name.chars, oa->name.len, ci, open_link, &w);
	if (status == STATUS_SUCCESS && w.rest_len)	/* a name past a device */
		status = STATUS_OBJECT_TYPE_MISMATCH;
	if (status == STATUS_SUCCESS) {
		if (w.obj->type != obj->type)
			status = STATUS_OBJECT_TYPE_MISMATCH;
		else if (!(oa->attributes & OBJ_OPENIF))
			status = STATUS_OBJECT_NAME_COLLISION;
		else if (!access || !ntos_object_accessible(w.obj))
			status = STATUS_ACCESS_DENIED;
		else
			status = obj->type == &ntos_symlink_type ? STATUS_SUCCESS :
				 STATUS_OBJECT_NAME_EXISTS;
		if (ntos_nt_success(status)) {
			ntos_object_handle_opened(w.obj);
			*existing = ntos_object_get(w.obj);
		}
	} else if (status == STATUS_OBJECT_NAME_NOT_FOUND && w.dir) {	/* else: no place */
		if (!ntos_object_accessible(&w.dir->obj)) {
			status = STATUS_ACCESS_DENIED;
		} else {
			status = ntos_dir_link(w.dir, obj, w.last, w.last_len);
			if (status == STATUS_SUCCESS) {
				if (oa->attributes & OBJ_PERMANENT) {
					obj->flags |= NTOS_OBJ_PERMANENT;
					ntos_object_get(obj);
				}
				ntos_object_handle_opened(obj);
			}
		}
	}
	mutex_unlock(&ntos_ns_lock);
	kfree(w.buf);
	return status;
}

/*
 * Open the object @oa names, of @type (NULL: any), for a handle with
 * @access (mapped; none is denied), and count that handle.  An empty name
 * opens the RootDirectory's object itself.
 */
ntstatus_t ntos_ns_open(const struct ntos_oa *oa, const struct ntos_object_type *type,
			u32 access, struct ntos_object **objp)
{
	bool open_link = type == &ntos_symlink_type || (oa->attributes & OBJ_OPENLINK);
	bool ci = (oa->attributes & OBJ_CASE_INSENSITIVE) || !type || type->case_insensitive;
	struct ntos_directory *start = NULL;
	struct ntos_walk w = {};
	ntstatus_t status = STATUS_SUCCESS;

	*objp = NULL;
	mutex_lock(&ntos_ns_lock);
	if (!oa->name.len) {
		w.obj = oa->root_obj;
	} else {
		status = ntos_oa_start(oa, &start);
		if (!status)
			status = ntos_walk(start, oa->name.chars, oa->name.len, ci,
					   open_link, &w);
	}
	if (status == STATUS_SUCCESS && w.rest_len)	/* a name past a device */
		status = STATUS_OBJECT_TYPE_MISMATCH;
	if (status == STATUS_SUCCESS) {
		if (type && w.obj->type != type) {
			status = STATUS_OBJECT_TYPE_MISMATCH;
		} else if (!access || !ntos_object_accessible(w.obj)) {
			status = STATUS_ACCESS_DENIED;
		} else {
			ntos_object_handle_opened(w.obj);
			*objp = ntos_object_get(w.obj);
		}
	}
	mutex_unlock(&ntos_ns_lock);
	kfree(w.buf);
	return status;
}

/*
 * A name for a device to resolve (NtCreateFile's): the walk through the
 * namespace, its directories and links (types that ignore case), up to a
 * device, whose parse routine makes the rest a Linux path.  So "\??\Z:\a"
 * is "\??", then the drive link "Z:" to "\Device\LinuxRoot", then "\a"
 * for that device.  An object of another kind is a type mismatch.
 */
char *ntos_ns_parse(const struct ntos_oa *oa, ntstatus_t *status)
{
	struct ntos_directory *start;
	struct ntos_object *dev = NULL;
	struct ntos_walk w = {};
	u16 *rest = NULL;
	unsigned int len = 0;
	char *path = NULL;

	*status = ntos_oa_start(oa, &start);
	if (*status)
		return NULL;
	mutex_lock(&ntos_ns_lock);
	*status = ntos_walk(start, oa->name.chars, oa->name.len, true, false, &w);
	if (*status == STATUS_SUCCESS && !w.obj->type->parse)
		*status = STATUS_OBJECT_TYPE_MISMATCH;
	else if (*status == STATUS_SUCCESS && !ntos_object_accessible(w.obj))
		*status = STATUS_ACCESS_DENIED;
	if (*status == STATUS_SUCCESS) {
		dev = ntos_object_get(w.obj);
		len = w.rest_len;
		rest = kmemdup(w.rest, len * sizeof(u16), GFP_KERNEL);
		if (!rest && len)
			*status = STATUS_NO_MEMORY;
	}
	mutex_unlock(&ntos_ns_lock);
	kfree(w.buf);
	if (*status == STATUS_SUCCESS)
		path = dev->type->parse(dev, rest, len, status);
	kfree(rest);
	ntos_object_put(dev);
	return path;
}

/*
 * NtMakeTemporaryObject: the name now lives only as long as the handles.
 * The built-in directories and links are the system's: nobody, root
 * included, may make them go away.
 */
ntstatus_t ntos_ns_make_temporary(struct ntos_object *obj)
{
	bool was_permanent;

	if (obj->flags & NTOS_OBJ_SHARED)
		return STATUS_ACCESS_DENIED;
	mutex_lock(&ntos_ns_lock);
	was_permanent = obj->flags & NTOS_OBJ_PERMANENT;
	obj->flags &= ~NTOS_OBJ_PERMANENT;
	if ((obj->flags & NTOS_OBJ_LINKED) && !atomic_read(&obj->handles))
		ntos_dir_unlink(obj);
	mutex_unlock(&ntos_ns_lock);
	if (was_permanent)
		ntos_object_put(obj);
	return STATUS_SUCCESS;
}

/* "\Dir\Name" of a named object, or an empty name for an unnamed one. */
ntstatus_t ntos_ns_full_name(struct ntos_object *obj, struct ntos_name *out)
{
	struct ntos_object *o;
	unsigned int len = 0, pos;
	ntstatus_t status = STATUS_SUCCESS;

	out->chars = NULL;
	out->len = 0;
	mutex_lock(&ntos_ns_lock);
	if (obj == &ntos_root->obj) {
		len = 1;
	} else if (obj->flags & NTOS_OBJ_LINKED) {
		for (o = obj; o->parent; o = &o->parent->obj)
			len += 1 + o->name.len;
	}
	if (!len)
		goto out;
	out->chars = kmalloc_array(len, sizeof(u16), GFP_KERNEL);
	if (!out->chars) {
		status = STATUS_NO_MEMORY;
		goto out;
	}
	out->len = len;
	out->chars[0] = '\\';
	pos = len;
	for (o = obj; o->parent; o = &o->parent->obj) {
		pos -= o->name.len;
		memcpy(out->chars + pos, o->name.chars, o->name.len * sizeof(u16));
		out->chars[--pos] = '\\';
	}
out:
	mutex_unlock(&ntos_ns_lock);
	return status;
}

/*
 * Copy up to @max entries of @dir, from the @start-th in its stable
 * (bucket) order, for NtQueryDirectoryObject.  *more says whether entries
 * remain after them.  Returns the number copied, or -ENOMEM.
 */
int ntos_ns_dir_list(struct ntos_directory *dir, unsigned int start, unsigned int max,
		     struct ntos_dir_item *items, bool *more)
{
	struct ntos_object *obj;
	unsigned int i, index = 0;
	int n = 0;

	*more = false;
	mutex_lock(&ntos_ns_lock);
	for (i = 0; i < NTOS_DIR_BUCKETS; i++) {
		hlist_for_each_entry(obj, &dir->buckets[i], entry) {
			if (index++ < start)
				continue;
			if (n == max) {
				*more = true;
				goto out;
			}
			items[n].name.chars = kmemdup(obj->name.chars,
						      obj->name.len * sizeof(u16), GFP_KERNEL);
			if (!items[n].name.chars) {
				n = -ENOMEM;
				goto out;
			}
			items[n].name.len = obj->name.len;
			items[n].type = obj->type->name;
			n++;
		}
	}
out:
	mutex_unlock(&ntos_ns_lock);
	return n;
}

/* debugfs: the namespace as an indented tree, WinObj-style. */
static void ntos_ns_show_dir(struct seq_file *m, struct ntos_directory *dir, int depth)
{
	struct ntos_object *obj;
	struct ntos_symlink *link;
	unsigned int i, c;

	for (i = 0; i < NTOS_DIR_BUCKETS; i++) {
		hlist_for_each_entry(obj, &dir->buckets[i], entry) {
			seq_printf(m, "%*s", depth * 2, "");
			for (c = 0; c < obj->name.len; c++)
				seq_putc(m, obj->name.chars[c] < 0x80 ? obj->name.chars[c] : '?');
			seq_printf(m, "  [%s] handles=%d refs=%u uid=%u%s",
				   obj->type->name, atomic_read(&obj->handles),
				   kref_read(&obj->ref),
				   from_kuid_munged(&init_user_ns, obj->owner),
				   obj->flags & NTOS_OBJ_PERMANENT ? " permanent" : "");
			if (obj->type == &ntos_symlink_type) {
				link = container_of(obj, struct ntos_symlink, obj);
				seq_puts(m, " -> ");
				for (c = 0; c < link->target.len; c++)
					seq_putc(m, link->target.chars[c] < 0x80 ?
						 link->target.chars[c] : '?');
			}
			seq_putc(m, '\n');
			if (obj->type == &ntos_directory_type) {
				if (depth < 16)
					ntos_ns_show_dir(m, container_of(obj, struct ntos_directory,
									 obj), depth + 1);
				else
					seq_printf(m, "%*s...\n", depth * 2 + 2, "");
			}
		}
	}
}

void ntos_ns_show(struct seq_file *m)
{
	mutex_lock(&ntos_ns_lock);
	seq_puts(m, "\\  [Directory]\n");
	ntos_ns_show_dir(m, ntos_root, 1);
	mutex_unlock(&ntos_ns_lock);
}

static const char *const ntos_builtin_dirs[] = {
	"BaseNamedObjects", "??", "Device", "Sessions",
};

/* An ASCII name as a struct ntos_name, kmalloc'ed */
static bool ntos_ns_ascii(struct ntos_name *n, const char *s)
{
	unsigned int i;

	n->len = strlen(s);
	n->chars = kmalloc_array(n->len, sizeof(u16), GFP_KERNEL);
	for (i = 0; n->chars && i < n->len; i++)
		n->chars[i] = s[i];
	return n->chars;
}

/* Name the built-in @obj @name in @dir (NULL: "\"). */
static ntstatus_t ntos_ns_add_builtin_in(struct ntos_directory *dir, struct ntos_object *obj,
					 const char *name)
{
	u16 chars[32];
	unsigned int i, len = strlen(name);

	for (i = 0; i < len && i < ARRAY_SIZE(chars); i++)
		chars[i] = name[i];
	obj->flags |= NTOS_OBJ_SHARED | NTOS_OBJ_PERMANENT;	/* the ref of create */
	return ntos_dir_link(dir ? dir : ntos_root, obj, chars, i);
}

static ntstatus_t ntos_ns_add_builtin(struct ntos_object *obj, const char *name)
{
	return ntos_ns_add_builtin_in(NULL, obj, name);
}

/* A built-in symbolic link @name in @dir to @target */
static ntstatus_t ntos_ns_add_link(struct ntos_directory *dir, const char *name,
				   const char *target)
{
	struct ntos_symlink *link;
	struct ntos_name t;
	ntstatus_t status;

	if (!ntos_ns_ascii(&t, target))
		return STATUS_NO_MEMORY;
	link = ntos_symlink_create(&t);
	if (!link) {
		kfree(t.chars);
		return STATUS_NO_MEMORY;
	}
	status = ntos_ns_add_builtin_in(dir, &link->obj, name);
	if (status)
		ntos_object_put(&link->obj);
	return status;
}

/* The built-in directory @name of "\" */
static struct ntos_directory *ntos_ns_builtin_dir(const char *name)
{
	struct ntos_object *obj;
	u16 chars[32];
	unsigned int i, len = strlen(name);

	for (i = 0; i < len && i < ARRAY_SIZE(chars); i++)
		chars[i] = name[i];
	obj = ntos_dir_find(ntos_root, chars, i, false);
	return obj ? container_of(obj, struct ntos_directory, obj) : NULL;
}

/*
 * The admin's drives (module parameter drives, read at load): a comma
 * separated list of LETTER:/linux/directory, each a drive link in \?? to
 * that directory of \Device\LinuxRoot.  C: is, by default, the
 * installation's directory (its windows\system32 the system's).
 */
static char *ntos_drives = "C:/var/lib/ntpersona/c";
module_param_named(drives, ntos_drives, charp, 0444);
MODULE_PARM_DESC(drives, "drive letters: C:/dir[,D:/dir...] (Z: is always /)");

/* One LETTER:/dir of the list, @len bytes at @d; a bad one is said and passed over */
static ntstatus_t ntos_ns_add_drive(const char *d, size_t len)
{
	char name[3] = { 0, ':', 0 }, *target;
	ntstatus_t status;
	size_t i, n;

	if (len < 3 || !isalpha(d[0]) || d[1] != ':' || d[2] != '/' ||
	    toupper(d[0]) == 'Z' || len > PATH_MAX) {
		pr_warn("drives: '%.*s' is not LETTER:/directory (nor Z:, which is /)\n",
			(int)len, d);
		return STATUS_SUCCESS;
	}
	for (i = 2; i < len; i++)
		if (d[i] < 0x21 || d[i] > 0x7e || d[i] == '\\') {
			pr_warn("drives: '%.*s': only printable ASCII in a drive's directory\n",
				(int)len, d);
			return STATUS_SUCCESS;
		}
	target = kmalloc(sizeof("\\Device\\LinuxRoot") + len, GFP_KERNEL);
	if (!target)
		return STATUS_NO_MEMORY;
	n = sprintf(target, "\\Device\\LinuxRoot");
	for (i = 2; i < len; i++)
		if (d[i] != '/' || (i + 1 < len && d[i + 1] != '/'))	/* no empty parts */
			target[n++] = d[i] == '/' ? '\\' : d[i];
	target[n] = 0;
	name[0] = toupper(d[0]);
	status = ntos_ns_add_link(ntos_ns_builtin_dir("??"), name, target);
	if (status == STATUS_OBJECT_NAME_COLLISION) {
		pr_warn("drives: %s is named twice\n", name);
		status = STATUS_SUCCESS;
	}
	kfree(target);
	return status;
}

/*
 * Drive Z: is Linux's "/" (as in Wine): the device \Device\LinuxRoot,
 * whose parse routine makes a Linux path of the rest of a name
 * (personality/file.c), and the drive link \??\Z: to it, as Windows links
 * \??\C: to its volume's device.  The other drives are links to
 * directories of it; \??\NUL is /dev/null.
 */
static ntstatus_t ntos_ns_add_drives(void)
{
	struct ntos_object *dev = ntos_linux_root_create();
	const char *d = ntos_drives ?: "", *end;
	ntstatus_t status;

	if (!dev)
		return STATUS_NO_MEMORY;
	status = ntos_ns_add_builtin_in(ntos_ns_builtin_dir("Device"), dev, "LinuxRoot");
	if (status) {
		ntos_object_put(dev);
		return status;
	}
	status = ntos_ns_add_link(ntos_ns_builtin_dir("??"), "Z:", "\\Device\\LinuxRoot");
	if (!status)
		status = ntos_ns_add_link(ntos_ns_builtin_dir("??"), "NUL",
					  "\\Device\\LinuxRoot\\dev\\null");
	while (!status && *d) {
		end = strchrnul(d, ',');
		if (end > d)
			status = ntos_ns_add_drive(d, end - d);
		d = *end ? end + 1 : end;
	}
	return status;
}

int ntos_namespace_init(void)
{
	struct ntos_directory *dir;
	unsigned int i;
	ntstatus_t status = STATUS_SUCCESS;

	ntos_root = ntos_directory_create();
	if (!ntos_root)
		return -ENOMEM;
	ntos_root->obj.flags |= NTOS_OBJ_SHARED | NTOS_OBJ_PERMANENT;

	mutex_lock(&ntos_ns_lock);
	for (i = 0; i < ARRAY_SIZE(ntos_builtin_dirs) && !status; i++) {
		dir = ntos_directory_create();
		status = dir ? ntos_ns_add_builtin(&dir->obj, ntos_builtin_dirs[i]) :
			       STATUS_NO_MEMORY;
		if (dir && status)
			ntos_object_put(&dir->obj);
	}
	if (!status)	/* \DosDevices -> \??, as on Windows */
		status = ntos_ns_add_link(NULL, "DosDevices", "\\??");
	if (!status)
		status = ntos_ns_add_drives();
	mutex_unlock(&ntos_ns_lock);
	if (status) {
		ntos_namespace_exit();
		return -ENOMEM;
	}
	return 0;
}

/*
 * Module unload: no NT process is left, so what remains are permanent
 * objects (built-in or OBJ_PERMANENT) and nothing holds a handle.  Unlink
 * leaves first, without recursion: a user can nest directories deeply.
 */
void ntos_namespace_exit(void)
{
	struct ntos_directory *dir;
	struct ntos_object *obj;
	unsigned int i;

	mutex_lock(&ntos_ns_lock);
	dir = ntos_root;
	while (dir) {
		obj = NULL;
		for (i = 0; i < NTOS_DIR_BUCKETS && !obj; i++)
			obj = hlist_empty(&dir->buckets[i]) ? NULL :
			      hlist_entry(dir->buckets[i].first, struct ntos_object, entry);
		if (!obj) {			/* @dir is empty: go back up */
			if (dir == ntos_root)
				break;
			obj = &dir->obj;
			dir = dir->obj.parent;
		} else if (obj->type == &ntos_directory_type &&
			   container_of(obj, struct ntos_directory, obj)->count) {
			dir = container_of(obj, struct ntos_directory, obj);
			continue;
		}
		ntos_dir_unlink(obj);
		if (obj->flags & NTOS_OBJ_PERMANENT) {
			obj->flags &= ~NTOS_OBJ_PERMANENT;
			ntos_object_put(obj);
		}
	}
	mutex_unlock(&ntos_ns_lock);
	ntos_object_put(&ntos_root->obj);
	ntos_root = NULL;
}
