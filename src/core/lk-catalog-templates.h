/* lk-catalog-templates.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-catalog.h"
#include "lk-template.h"

G_BEGIN_DECLS

/**
 * lk_catalog_find_template_async:
 * @self: a #LkCatalog
 * @name_or_id: a template's row id, or its name (ignoring case)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Finds one workflow template. Errors: %LK_CATALOG_ERROR_NOT_FOUND, and
 * %LK_CATALOG_ERROR_AMBIGUOUS when several templates have that name (the message lists their
 * ids).
 */
void        lk_catalog_find_template_async  (LkCatalog           *self,
                                             const char          *name_or_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);

/**
 * lk_catalog_find_template_finish:
 * @self: a #LkCatalog
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the template
 */
LkTemplate *lk_catalog_find_template_finish (LkCatalog           *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/**
 * lk_catalog_add_template_async:
 * @self: a #LkCatalog
 * @name: the template's name
 * @workflow_json: the workflow, in ComfyUI's API format (checked by the caller)
 * @replace: whether a template of the same name gets the new workflow; otherwise a name in
 *   use is refused
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Stores a workflow template. Profiles that use a replaced template generate with the new
 * workflow from then on; jobs keep the exact workflow they ran. Errors:
 * %LK_CATALOG_ERROR_INVALID_DATA when the name is in use and @replace is %FALSE,
 * %LK_CATALOG_ERROR_AMBIGUOUS when several templates have that name.
 */
void        lk_catalog_add_template_async   (LkCatalog           *self,
                                             const char          *name,
                                             const char          *workflow_json,
                                             gboolean             replace,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);

/**
 * lk_catalog_add_template_finish:
 * @self: a #LkCatalog
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the stored template
 */
LkTemplate *lk_catalog_add_template_finish  (LkCatalog           *self,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
