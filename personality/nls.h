/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The NLS tables (code pages, case mapping, sort keys, normalization, the
 * locale data) as read-only views of the `.nls` files in the directory of
 * the module parameter nls_dir (Debian's Wine package's by default).
 */
#ifndef _NTOS_NLS_H
#define _NTOS_NLS_H

#include <linux/types.h>

#include "status.h"

/* NtGetNlsSectionPtr's SectionType (Wine's and ReactOS's NLS_SECTION_*) */
#define NTOS_NLS_SORTKEYS	9	/* sortdefault.nls, id 0 */
#define NTOS_NLS_CASEMAP	10	/* l_intl.nls, id 0 */
#define NTOS_NLS_CODEPAGE	11	/* c_<id>.nls */
#define NTOS_NLS_NORMALIZE	12	/* norm*.nls by NORM_FORM */

/*
 * A view of table (@type, @id) in the calling NT process, mapped the
 * first time and the same view after: *@base and *@size (the view's,
 * whole pages).  The file is opened with the caller's credentials.
 */
ntstatus_t ntos_nls_view(u32 type, u32 id, unsigned long *base, unsigned long *size);
/* The same for locale.nls (NtInitializeNlsFiles) */
ntstatus_t ntos_nls_locale_view(unsigned long *base, unsigned long *size);
/* The LCID of the module parameter locale (a LANGID in its low 16 bits) */
u32 ntos_nls_lcid(void);
/* At exec, after the PEB at @peb is written: its three NLS pointers */
void ntos_nls_exec(u64 peb);
void ntos_nls_exit(void);

#endif /* _NTOS_NLS_H */
