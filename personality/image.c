// SPDX-License-Identifier: GPL-2.0
/*
 * The image cache: PE images checked and laid out once per file, shared by
 * every process that maps them.
 *
 * Loading an image is reading its headers, checking everything the loader
 * relies on (pe.c), and laying its sections out at their RVAs.  The result
 * goes into a shmem file, the image's pages, and every process maps that
 * file copy-on-write (MAP_PRIVATE): the second process to map a DLL shares
 * its clean pages and reads nothing from the file.  A process that cannot
 * have the image at its preferred base gets a relocated copy; the first
 * such copy is kept with the image, at the base it was made for, so that
 * other processes in the same situation share it too.
 *
 * An image is valid while its file is unchanged: the cache compares the
 * file's device, inode, size, mtime, ctime and (where the file system keeps
 * one) change counter on every lookup and lays the file out again when any
 * of them moved, so a rewritten DLL is never served stale.  Processes
 * that mapped the old image keep its pages (as Windows' processes keep
 * theirs: it refuses to let a mapped image be written).
 *
 * The cache holds at most NTOS_IMAGE_CACHE_MAX images, the least recently
 * used going first.  An image leaves the cache with its last reference;
 * mappings hold references to its pages, not to it.
 *
 * Locking: ntos_images.lock (a mutex) protects the list and every image's
 * place in it; an image's own mutex protects its moved copy and is taken
 * before a vm->lock (it is held while the copy is mapped).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/iversion.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mman.h>
#include <linux/mutex.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/stat.h>
#include <linux/vmalloc.h>

#include "image.h"
#include "vm.h"

#define NTOS_IMAGE_CACHE_MAX	128

/* What the file was when it was laid out. */
struct ntos_image_key {
	dev_t dev;
	u64 ino;
	loff_t size;
	struct timespec64 mtime, ctime;
	u64 iversion;			/* where the file system keeps one, else 0 */
};

struct ntos_image {
	struct kref ref;
	struct list_head link;		/* in ntos_images.list, or empty */
	struct ntos_image_key key;
	struct ntos_pe pe;
	bool has_imports;
	struct file *pages;		/* the image at pe.image_base */
	struct mutex lock;		/* the moved copy */
	unsigned long moved_base;
	struct file *moved;		/* the image relocated to moved_base, or NULL */
};

static struct {
	struct mutex lock;		/* the list, and every image's link */
	struct list_head list;		/* most recently used first */
	unsigned int count;
} ntos_images = {
	.lock = __MUTEX_INITIALIZER(ntos_images.lock),
	.list = LIST_HEAD_INIT(ntos_images.list),
};

static int ntos_image_key(struct file *file, struct ntos_image_key *key)
{
	struct kstat st;
	int ret;

	ret = vfs_getattr(&file->f_path, &st, STATX_INO | STATX_SIZE | STATX_MTIME | STATX_CTIME,
			  AT_STATX_SYNC_AS_STAT);
	if (ret)
		return ret;
	memset(key, 0, sizeof(*key));
	key->dev = st.dev;
	key->ino = st.ino;
	key->size = st.size;
	key->mtime = st.mtime;
	key->ctime = st.ctime;
	if (IS_I_VERSION(file_inode(file)))
		key->iversion = inode_query_iversion(file_inode(file));
	return 0;
}

static bool ntos_image_same_file(const struct ntos_image_key *a, const struct ntos_image_key *b)
{
	return a->dev == b->dev && a->ino == b->ino;
}

static bool ntos_image_key_equal(const struct ntos_image_key *a, const struct ntos_image_key *b)
{
	return ntos_image_same_file(a, b) && a->size == b->size &&
	       timespec64_equal(&a->mtime, &b->mtime) && timespec64_equal(&a->ctime, &b->ctime) &&
	       a->iversion == b->iversion;
}

static void ntos_image_free(struct kref *ref)
{
	struct ntos_image *image = container_of(ref, struct ntos_image, ref);

	fput(image->pages);
	if (image->moved)
		fput(image->moved);
	kfree(image);
}

void ntos_image_put(struct ntos_image *image)
{
	kref_put(&image->ref, ntos_image_free);
}

const struct ntos_pe *ntos_image_pe(const struct ntos_image *image)
{
	return &image->pe;
}

bool ntos_image_has_imports(const struct ntos_image *image)
{
	return image->has_imports;
}

/* A shmem file with @buf's pages that hold data; the rest stays holes (zeros). */
static struct file *ntos_image_pages(const struct ntos_pe *pe, const u8 *buf)
{
	struct file *shm = shmem_file_setup("ntpersona-image", pe->image_size, VM_NORESERVE);
	unsigned long off;
	size_t len;
	loff_t pos;

	if (IS_ERR(shm))
		return shm;
	for (off = 0; off < pe->image_size; off += PAGE_SIZE) {
		len = min_t(size_t, PAGE_SIZE, pe->image_size - off);
		pos = off;
		if (memchr_inv(buf + off, 0, len) &&
		    kernel_write(shm, buf + off, len, &pos) != len) {
			fput(shm);
			return ERR_PTR(-ENOMEM);
		}
	}
	return shm;
}

/* Read, check and lay out @file. */
static int ntos_image_build(struct file *file, const struct ntos_image_key *key,
			    struct ntos_image **out)
{
	struct ntos_image *image;
	u8 *buf = NULL;
	int ret;

	image = kzalloc(sizeof(*image), GFP_KERNEL_ACCOUNT);
	if (!image)
		return -ENOMEM;
	kref_init(&image->ref);
	INIT_LIST_HEAD(&image->link);
	mutex_init(&image->lock);
	image->key = *key;
	ret = ntos_pe_parse(file, &image->pe);
	if (ret)
		goto fail;
	ret = -ENOMEM;
	buf = vzalloc(image->pe.image_size);
	if (!buf)
		goto fail;
	ret = ntos_pe_load(file, &image->pe, buf);
	if (ret)
		goto fail;
	image->has_imports = ntos_pe_has_imports(&image->pe, buf);
	image->pages = ntos_image_pages(&image->pe, buf);
	if (IS_ERR(image->pages)) {
		ret = PTR_ERR(image->pages);
		goto fail;
	}
	vfree(buf);
	*out = image;
	return 0;
fail:
	vfree(buf);
	kfree(image);
	return ret;
}

/* The cached image of @key's file, if it is current; stale ones leave the cache. */
static struct ntos_image *ntos_image_lookup(const struct ntos_image_key *key)
{
	struct ntos_image *image, *next;

	lockdep_assert_held(&ntos_images.lock);
	list_for_each_entry_safe(image, next, &ntos_images.list, link) {
		if (!ntos_image_same_file(&image->key, key))
			continue;
		if (!ntos_image_key_equal(&image->key, key)) {
			list_del_init(&image->link);
			ntos_images.count--;
			ntos_image_put(image);
			return NULL;
		}
		list_move(&image->link, &ntos_images.list);
		kref_get(&image->ref);
		return image;
	}
	return NULL;
}

static void ntos_image_insert(struct ntos_image *image)
{
	struct ntos_image *old;

	lockdep_assert_held(&ntos_images.lock);
	old = ntos_image_lookup(&image->key);
	if (old) {		/* another process laid it out meanwhile */
		list_del_init(&old->link);
		ntos_images.count--;
		ntos_image_put(old);	/* the lookup's reference */
		ntos_image_put(old);	/* the cache's */
	}
	if (ntos_images.count == NTOS_IMAGE_CACHE_MAX) {
		old = list_last_entry(&ntos_images.list, struct ntos_image, link);
		list_del_init(&old->link);
		ntos_images.count--;
		ntos_image_put(old);
	}
	kref_get(&image->ref);
	list_add(&image->link, &ntos_images.list);
	ntos_images.count++;
}

/*
 * The image of @file, checked and laid out: from the cache if the file has
 * not changed since, otherwise read now (and cached).  -ENOEXEC (with a
 * reason in the log) for a file that is not a valid PE32+ x64 image.
 */
int ntos_image_load(struct file *file, struct ntos_image **out)
{
	struct ntos_image_key key, after;
	struct ntos_image *image;
	int ret;

	ret = ntos_image_key(file, &key);
	if (ret)
		return ret;
	mutex_lock(&ntos_images.lock);
	image = ntos_image_lookup(&key);
	mutex_unlock(&ntos_images.lock);
	if (image) {
		*out = image;
		return 0;
	}
	ret = ntos_image_build(file, &key, &image);
	if (ret)
		return ret;
	/* cached only if the file did not change while it was read */
	if (!ntos_image_key(file, &after) && ntos_image_key_equal(&key, &after)) {
		mutex_lock(&ntos_images.lock);
		ntos_image_insert(image);
		mutex_unlock(&ntos_images.lock);
	}
	*out = image;
	return 0;
}

/* ntos_image_load() for the NT services: the reason as an NTSTATUS. */
ntstatus_t ntos_image_get(struct file *file, struct ntos_image **out)
{
	int ret = ntos_image_load(file, out);

	if (ret == -ENOEXEC)
		return STATUS_INVALID_IMAGE_FORMAT;
	return ret ? ntos_errno_status(ret) : STATUS_SUCCESS;
}

/*
 * Give the image's parts at @base their protections: headers read-only,
 * each section its own; neighbours with the same protection in one call,
 * and nothing for the runs that already have @done.
 */
static ntstatus_t ntos_image_protect(struct ntos_vm *vm, const struct ntos_pe *pe,
				     unsigned long base, int done)
{
	unsigned long start = base, end = base + PAGE_ALIGN(pe->headers_size), at;
	int prot = PROT_READ;
	ntstatus_t status;
	unsigned int i;

	for (i = 0; i <= pe->nr_sections; i++) {
		const struct ntos_pe_section *s = &pe->sections[i];

		at = base + s->rva;	/* sections ascend and do not overlap (pe.c) */
		if (i < pe->nr_sections && s->prot == prot && at == end) {
			end = at + PAGE_ALIGN(s->size);
			continue;
		}
		if (prot != done) {
			status = ntos_vm_commit(vm, start, end - start, prot);
			if (status)
				return status;
		}
		if (i == pe->nr_sections)
			break;
		start = at;
		end = at + PAGE_ALIGN(s->size);
		prot = s->prot;
	}
	return STATUS_SUCCESS;
}

/*
 * Map @pages as the image's region at @base: all of it read-only in one
 * mapping, then the parts that differ.
 */
static ntstatus_t ntos_image_place(struct ntos_vm *vm, const struct ntos_pe *pe,
				   struct file *pages, unsigned long base)
{
	ntstatus_t status;

	status = ntos_vm_map_image(vm, base, pe->image_size, pages, PROT_READ);
	if (status)
		return status;
	status = ntos_image_protect(vm, pe, base, PROT_READ);
	if (status)
		ntos_vm_unmap_view(vm, base);
	return status;
}

/* The image's pages relocated to @base, in a new shmem file. */
static struct file *ntos_image_moved_pages(struct ntos_image *image, unsigned long base)
{
	const struct ntos_pe *pe = &image->pe;
	struct file *pages;
	loff_t pos = 0;
	u8 *buf;

	buf = vmalloc(pe->image_size);
	if (!buf)
		return ERR_PTR(-ENOMEM);
	pages = ERR_PTR(-ENOMEM);
	if (kernel_read(image->pages, buf, pe->image_size, &pos) != pe->image_size)
		goto out;
	pages = ERR_PTR(-ENOEXEC);
	if (ntos_pe_relocate(pe, buf, base))
		goto out;
	pages = ntos_image_pages(pe, buf);
out:
	vfree(buf);
	return pages;
}

/* Some free base for the image in @vm: a reservation made and let go at once. */
static ntstatus_t ntos_image_free_base(struct ntos_vm *vm, const struct ntos_pe *pe,
				       unsigned long *base)
{
	unsigned long size = pe->image_size;
	ntstatus_t status;

	*base = 0;
	status = ntos_vm_reserve(vm, base, size, NTOS_MEM_PRIVATE, NTOS_PAGE_NOACCESS);
	if (!status)
		status = ntos_vm_release(vm, base, &size);
	return status;
}

/* Map the image relocated to @base (0: anywhere), sharing the moved copy where it fits. */
static ntstatus_t ntos_image_map_moved(struct ntos_vm *vm, struct ntos_image *image,
				       unsigned long *base)
{
	const struct ntos_pe *pe = &image->pe;
	struct file *pages;
	ntstatus_t status;

	mutex_lock(&image->lock);
	if (image->moved && (!*base || *base == image->moved_base)) {
		status = ntos_image_place(vm, pe, image->moved, image->moved_base);
		if (status != STATUS_CONFLICTING_ADDRESSES || *base) {
			*base = image->moved_base;
			goto out;
		}
	}
	if (!*base) {
		status = ntos_image_free_base(vm, pe, base);
		if (status)
			goto out;
	}
	pages = ntos_image_moved_pages(image, *base);
	if (IS_ERR(pages)) {
		status = PTR_ERR(pages) == -ENOEXEC ? STATUS_INVALID_IMAGE_FORMAT :
						      STATUS_NO_MEMORY;
		goto out;
	}
	if (!image->moved) {
		image->moved = get_file(pages);
		image->moved_base = *base;
	}
	status = ntos_image_place(vm, pe, pages, *base);
	fput(pages);		/* the region holds its own reference */
out:
	mutex_unlock(&image->lock);
	return status;
}

/*
 * Map @image in @vm as an NT image region: at *@base if it is not 0,
 * otherwise at the image's preferred base or, if that is taken and the
 * image can move, wherever there is room.  STATUS_IMAGE_NOT_AT_BASE (a
 * success) when it is not at its preferred base; *@base is where it is.
 */
ntstatus_t ntos_image_map(struct ntos_vm *vm, struct ntos_image *image, unsigned long *base)
{
	const struct ntos_pe *pe = &image->pe;
	ntstatus_t status;

	if (!*base || *base == pe->image_base) {
		status = ntos_image_place(vm, pe, image->pages, pe->image_base);
		if (status != STATUS_CONFLICTING_ADDRESSES || *base) {
			*base = pe->image_base;
			return status;
		}
	}
	if (!ntos_pe_relocatable(pe))
		return STATUS_CONFLICTING_ADDRESSES;
	status = ntos_image_map_moved(vm, image, base);
	return status ? status : STATUS_IMAGE_NOT_AT_BASE;
}

/* Module exit: nothing maps through the cache any more. */
void ntos_image_cache_exit(void)
{
	struct ntos_image *image, *next;

	mutex_lock(&ntos_images.lock);
	list_for_each_entry_safe(image, next, &ntos_images.list, link) {
		list_del_init(&image->link);
		ntos_image_put(image);
	}
	ntos_images.count = 0;
	mutex_unlock(&ntos_images.lock);
}
