/* lk-catalog-profiles.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Generation profiles (`generation_profiles`) and the workflow templates they can be given.
 * The studio's column for a profile's template is `video_workflow_template_id`, whatever the
 * template makes. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-catalog-profiles"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-catalog-private.h"
#include "lk-catalog-profiles.h"

typedef struct
{
  gint64 profile_id;
  gint64 template_id;
} ProfileData;

/* Listing templates ------------------------------------------------------------------------ */

static gboolean
list_templates_work (PGconn          *conn,
                     gpointer         task_data,
                     GCancellable    *cancellable,
                     gpointer        *result,
                     GDestroyNotify  *result_free,
                     GError         **error)
{
  g_autoptr(PGresult) res = NULL;
  GListStore *store;

  res = _lk_pg_exec (conn,
                     "SELECT id, name, workflow_template::text FROM video_workflow_templates "
                     "ORDER BY lower (name), id", 0, NULL, error);
  if (res == NULL)
    return FALSE;

  store = g_list_store_new (LK_TYPE_TEMPLATE);
  for (int i = 0; i < PQntuples (res); i++)
    {
      g_autoptr(LkTemplate) template = NULL;

      template = _lk_catalog_template_new (_lk_pg_int64 (res, i, 0), _lk_pg_str (res, i, 1),
                                           _lk_pg_str (res, i, 2));
      g_list_store_append (store, template);
    }

  *result = store;
  *result_free = g_object_unref;
  return TRUE;
}

void
lk_catalog_list_templates_async (LkCatalog           *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  _lk_catalog_run (self, lk_catalog_list_templates_async, NULL, NULL,
                   LK_CATALOG_WORK_READ, list_templates_work, cancellable, callback, user_data);
}

GListModel *
lk_catalog_list_templates_finish (LkCatalog     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Setting a profile's template ------------------------------------------------------------- */

static gboolean
set_template_work (PGconn          *conn,
                   gpointer         task_data,
                   GCancellable    *cancellable,
                   gpointer        *result,
                   GDestroyNotify  *result_free,
                   GError         **error)
{
  ProfileData *data = task_data;
  g_autofree char *profile_id = _lk_pg_int64_param (data->profile_id);
  g_autofree char *template_id = _lk_pg_int64_param (data->template_id);
  const char *values[] = { profile_id, template_id };
  g_autoptr(PGresult) res = NULL;

  /* One statement: the update happens only when both rows exist, and the answer says which
   * one is missing otherwise. */
  res = _lk_pg_exec (conn,
                     "WITH t AS (SELECT id, name, workflow_template::text AS workflow "
                     "           FROM video_workflow_templates WHERE id = $2::bigint), "
                     "     p AS (SELECT id FROM generation_profiles WHERE id = $1::bigint), "
                     "     u AS (UPDATE generation_profiles gp "
                     "           SET video_workflow_template_id = t.id FROM t "
                     "           WHERE gp.id = $1::bigint RETURNING gp.id) "
                     "SELECT (SELECT count (*) FROM p), t.id, t.name, t.workflow "
                     "FROM (SELECT 1) one LEFT JOIN t ON TRUE",
                     2, values, error);
  if (res == NULL)
    return FALSE;

  g_assert (PQntuples (res) == 1);
  if (_lk_pg_int64 (res, 0, 0) == 0)
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND,
                   _("No generation profile has the id %s; it may have been deleted. Reload "
                     "the character and try again."), profile_id);
      return FALSE;
    }
  if (PQgetisnull (res, 0, 1))
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND,
                   _("No workflow template has the id %s; it may have been deleted. Pick "
                     "another template."), template_id);
      return FALSE;
    }

  *result = _lk_catalog_template_new (_lk_pg_int64 (res, 0, 1), _lk_pg_str (res, 0, 2),
                                      _lk_pg_str (res, 0, 3));
  *result_free = g_object_unref;
  return TRUE;
}

void
lk_catalog_set_profile_template_async (LkCatalog           *self,
                                       gint64               profile_id,
                                       gint64               template_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  ProfileData *data;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ProfileData, 1);
  data->profile_id = profile_id;
  data->template_id = template_id;

  _lk_catalog_run (self, lk_catalog_set_profile_template_async, data, g_free,
                   LK_CATALOG_WORK_WRITE, set_template_work, cancellable, callback, user_data);
}

LkTemplate *
lk_catalog_set_profile_template_finish (LkCatalog     *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
