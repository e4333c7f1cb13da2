/* lk-catalog-profiles.h
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
 * lk_catalog_list_templates_async:
 * @self: a #LkCatalog
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists every workflow template a generation profile can be given, by name. Each template
 * knows its kind (image or video) and, when it cannot be used, its problem.
 */
void        lk_catalog_list_templates_async          (LkCatalog           *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);

/**
 * lk_catalog_list_templates_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #LkTemplate, or %NULL with @error set
 */
GListModel *lk_catalog_list_templates_finish         (LkCatalog           *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/**
 * lk_catalog_set_profile_template_async:
 * @self: a #LkCatalog
 * @profile_id: the generation profile
 * @template_id: the workflow template the profile generates with from now on
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Gives a generation profile its workflow template. Every character whose project uses the
 * profile generates with it; jobs already stored keep the workflow they ran. Errors:
 * %LK_CATALOG_ERROR_NOT_FOUND when the profile or the template does not exist (the message
 * says which), %LK_CATALOG_ERROR_READ_ONLY for a read-only catalog, the catalog's.
 */
void        lk_catalog_set_profile_template_async    (LkCatalog           *self,
                                                      gint64               profile_id,
                                                      gint64               template_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);

/**
 * lk_catalog_set_profile_template_finish:
 * @self: a #LkCatalog
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the template now set, or %NULL with @error set
 */
LkTemplate *lk_catalog_set_profile_template_finish   (LkCatalog           *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

G_END_DECLS
