/* lk-catalog-templates.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Workflow templates (`video_workflow_templates`): finding one by name and storing an imported
 * one. The studio's table has no unique name, so a name shared by several rows is reported
 * rather than guessed. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-catalog-templates"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-catalog-private.h"
#include "lk-catalog-templates.h"

typedef struct
{
  char     *name;
  char     *id;            /* nullable: the name is not a number */
  char     *workflow_json;
  gboolean  replace;
} TemplateData;

static void
template_data_free (TemplateData *data)
{
  g_free (data->name);
  g_free (data->id);
  g_free (data->workflow_json);
  g_free (data);
}

static void
set_ambiguous (const PGresult  *res,
               const char      *name,
               GError         **error)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (int i = 0; i < PQntuples (res); i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "", _lk_pg_str (res, i, 0));

  g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_AMBIGUOUS,
               _("Several templates are called “%s” (ids %s); name one by its id."), name,
               ids->str);
}

static gboolean
find_template_work (PGconn          *conn,
                    gpointer         task_data,
                    GCancellable    *cancellable,
                    gpointer        *result,
                    GDestroyNotify  *result_free,
                    GError         **error)
{
  TemplateData *data = task_data;
  const char *values[] = { data->id, data->name };
  g_autoptr(PGresult) res = NULL;
  int row = -1;

  res = _lk_pg_exec (conn,
                     "SELECT id, name, workflow_template::text, id = $1::bigint "
                     "FROM video_workflow_templates "
                     "WHERE id = $1::bigint OR lower (name) = lower ($2) ORDER BY id",
                     2, values, error);
  if (res == NULL)
    return FALSE;

  /* an id wins over a name that happens to be a number */
  for (int i = 0; i < PQntuples (res) && row < 0; i++)
    if (_lk_pg_bool (res, i, 3))
      row = i;
  if (row < 0 && PQntuples (res) == 1)
    row = 0;

  if (row < 0 && PQntuples (res) == 0)
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND,
                   _("No template is called “%s”."), data->name);
      return FALSE;
    }
  if (row < 0)
    {
      set_ambiguous (res, data->name, error);
      return FALSE;
    }

  *result = _lk_catalog_template_new (_lk_pg_int64 (res, row, 0), _lk_pg_str (res, row, 1),
                                      _lk_pg_str (res, row, 2));
  *result_free = g_object_unref;
  return TRUE;
}

void
lk_catalog_find_template_async (LkCatalog           *self,
                                const char          *name_or_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  TemplateData *data;
  char *end = NULL;
  gint64 id;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (name_or_id != NULL);

  data = g_new0 (TemplateData, 1);
  data->name = g_strdup (name_or_id);
  id = g_ascii_strtoll (name_or_id, &end, 10);
  if (*name_or_id != '\0' && end != NULL && *end == '\0' && id > 0)
    data->id = _lk_pg_int64_param (id);

  _lk_catalog_run (self, lk_catalog_find_template_async, data, (GDestroyNotify) template_data_free,
                   LK_CATALOG_WORK_READ, find_template_work, cancellable, callback, user_data);
}

LkTemplate *
lk_catalog_find_template_finish (LkCatalog     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
add_template_work (PGconn          *conn,
                   gpointer         task_data,
                   GCancellable    *cancellable,
                   gpointer        *result,
                   GDestroyNotify  *result_free,
                   GError         **error)
{
  TemplateData *data = task_data;
  const char *values[] = { data->name, data->workflow_json, data->replace ? "true" : "false" };
  g_autoptr(PGresult) res = NULL;
  gint64 existing;

  /* One statement: replace the only template of that name, or add one when there is none. */
  res = _lk_pg_exec (conn,
                     "WITH existing AS (SELECT id FROM video_workflow_templates "
                     "                  WHERE lower (name) = lower ($1)), "
                     "updated AS (UPDATE video_workflow_templates t "
                     "            SET workflow_template = $2::jsonb FROM existing e "
                     "            WHERE t.id = e.id AND $3::boolean "
                     "              AND (SELECT count (*) FROM existing) = 1 "
                     "            RETURNING t.id, t.name, t.workflow_template::text AS json), "
                     "inserted AS (INSERT INTO video_workflow_templates (name, workflow_template) "
                     "             SELECT $1, $2::jsonb WHERE NOT EXISTS (SELECT 1 FROM existing) "
                     "             RETURNING id, name, workflow_template::text AS json), "
                     "stored AS (SELECT * FROM updated UNION ALL SELECT * FROM inserted) "
                     "SELECT s.id, s.name, s.json, (SELECT count (*) FROM existing) "
                     "FROM (SELECT 1) AS one LEFT JOIN stored s ON true",
                     3, values, error);
  if (res == NULL)
    return FALSE;

  existing = _lk_pg_int64 (res, 0, 3);
  if (PQgetisnull (res, 0, 0))
    {
      if (existing > 1)
        g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_AMBIGUOUS,
                     _("Several templates are called “%s”; choose another name."), data->name);
      else
        g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_INVALID_DATA,
                     _("A template called “%s” exists already; choose another name, or "
                       "replace it."), data->name);
      return FALSE;
    }

  *result = _lk_catalog_template_new (_lk_pg_int64 (res, 0, 0), _lk_pg_str (res, 0, 1),
                                      _lk_pg_str (res, 0, 2));
  *result_free = g_object_unref;
  return TRUE;
}

void
lk_catalog_add_template_async (LkCatalog           *self,
                               const char          *name,
                               const char          *workflow_json,
                               gboolean             replace,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  TemplateData *data;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (workflow_json != NULL);

  data = g_new0 (TemplateData, 1);
  data->name = g_strdup (name);
  data->workflow_json = g_strdup (workflow_json);
  data->replace = replace;

  _lk_catalog_run (self, lk_catalog_add_template_async, data, (GDestroyNotify) template_data_free,
                   LK_CATALOG_WORK_WRITE, add_template_work, cancellable, callback, user_data);
}

LkTemplate *
lk_catalog_add_template_finish (LkCatalog     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
