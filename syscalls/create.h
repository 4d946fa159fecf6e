/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NTOS_CREATE_H
#define _NTOS_CREATE_H

#include "service.h"
#include "../personality/object.h"

ntstatus_t ntos_create_object(u64 uhandle, u32 access, const struct ntos_oa *oa,
			      struct ntos_object *obj);
ntstatus_t ntos_create_named(u64 uhandle, u32 access, u64 uoa, struct ntos_object *obj);
ntstatus_t ntos_open_object(u64 uhandle, u32 access, u64 uoa, const struct ntos_object_type *type);

#endif /* _NTOS_CREATE_H */
