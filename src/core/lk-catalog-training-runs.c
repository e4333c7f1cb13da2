/* lk-catalog-training-runs.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* `training_runs`: each export of a character's training set, and how its run went. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-catalog-training-runs"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-catalog-private.h"
#include "lk-catalog-training.h"

typedef struct
{
  gint64   character_id;
  gint64   run_id;
  gint64   model_id;
  char    *output_name;
  char    *export_dir;
  char   **command;
  char    *who;
  char    *status;
  char    *log_path;
  char    *error_message;
} RunData;

static void
run_data_free (RunData *data)
{
  g_free (data->output_name);
  g_free (data->export_dir);
  g_strfreev (data->command);
  g_free (data->who);
  g_free (data->status);
  g_free (data->log_path);
  g_free (data->error_message);
  g_free (data);
}

/* A text[] parameter, as json: libpq's array syntax would need its own quoting. */
static char *
strv_to_json (char **words)
{
  g_autoptr(GString) json = g_string_new ("[");

  for (guint i = 0; words && words[i]; i++)
    {
      g_string_append (json, i > 0 ? ",\"" : "\"");
      for (const char *p = words[i]; *p; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_printf (json, "\\%c", *p);
          else if ((guchar)*p < 0x20)
            g_string_append_printf (json, "\\u%04x", (guchar)*p);
          else
            g_string_append_c (json, *p);
        }
      g_string_append_c (json, '"');
    }
  g_string_append_c (json, ']');

  return g_string_free (g_steal_pointer (&json), FALSE);
}

static gboolean
add_run_work (PGconn          *conn,
              gpointer         task_data,
              GCancellable    *cancellable,
              gpointer        *result,
              GDestroyNotify  *result_free,
              GError         **error)
{
  RunData *data = task_data;
  g_autofree char *id = _lk_pg_int64_param (data->character_id);
  g_autofree char *command = strv_to_json (data->command);
  const char *values[] = { id, data->output_name, data->export_dir, command, data->who };
  g_autoptr(PGresult) res = NULL;
  gint64 *run_id;

  res = _lk_pg_exec (conn,
                     "INSERT INTO training_runs (character_id, output_name, export_dir, command, "
                     "  created_by) "
                     "VALUES ($1, $2, $3, ARRAY (SELECT json_array_elements_text ($4::json)), $5) "
                     "RETURNING id", 5, values, error);
  if (res == NULL)
    return FALSE;

  run_id = g_new (gint64, 1);
  *run_id = _lk_pg_int64 (res, 0, 0);
  *result = run_id;
  *result_free = g_free;
  return TRUE;
}

void
lk_catalog_add_training_run_async (LkCatalog           *self,
                                   gint64               character_id,
                                   const char          *output_name,
                                   const char          *export_dir,
                                   const char * const  *command,
                                   const char          *who,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (character_id > 0);
  g_return_if_fail (output_name != NULL && export_dir != NULL);

  data = g_new0 (RunData, 1);
  data->character_id = character_id;
  data->output_name = g_strdup (output_name);
  data->export_dir = g_strdup (export_dir);
  data->command = g_strdupv ((char **)command);
  data->who = g_strdup (who);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_catalog_add_training_run_async);
  g_task_set_task_data (task, data, (GDestroyNotify)run_data_free);
  _lk_catalog_queue (self, task, LK_CATALOG_WORK_WRITE, add_run_work);
}

gint64
lk_catalog_add_training_run_finish (LkCatalog     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_autofree gint64 *run_id = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  run_id = g_task_propagate_pointer (G_TASK (result), error);
  return run_id ? *run_id : 0;
}

static gboolean
update_run_work (PGconn          *conn,
                 gpointer         task_data,
                 GCancellable    *cancellable,
                 gpointer        *result,
                 GDestroyNotify  *result_free,
                 GError         **error)
{
  RunData *data = task_data;
  g_autofree char *id = _lk_pg_int64_param (data->run_id);
  g_autofree char *model_id = _lk_pg_id_param (data->model_id);
  const char *values[] = { id, data->status, data->log_path, model_id, data->error_message };
  g_autoptr(PGresult) res = NULL;

  res = _lk_pg_exec (conn,
                     "UPDATE training_runs SET status = $2, log_path = COALESCE ($3, log_path), "
                     "  model_id = COALESCE ($4::bigint, model_id), error = $5, "
                     "  finished_at = CASE WHEN $2 = 'running' THEN NULL ELSE now () END "
                     "WHERE id = $1 RETURNING id", 5, values, error);
  if (res == NULL)
    return FALSE;

  if (PQntuples (res) == 0)
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND,
                   _("No training run has the id %s."), id);
      return FALSE;
    }

  return TRUE;
}

void
lk_catalog_update_training_run_async (LkCatalog           *self,
                                      gint64               run_id,
                                      const char          *status,
                                      const char          *log_path,
                                      gint64               model_id,
                                      const char          *error_message,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (run_id > 0);
  g_return_if_fail (status != NULL);

  data = g_new0 (RunData, 1);
  data->run_id = run_id;
  data->status = g_strdup (status);
  data->log_path = g_strdup (log_path);
  data->model_id = model_id;
  data->error_message = g_strdup (error_message);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_catalog_update_training_run_async);
  g_task_set_task_data (task, data, (GDestroyNotify)run_data_free);
  _lk_catalog_queue (self, task, LK_CATALOG_WORK_WRITE, update_run_work);
}

gboolean
lk_catalog_update_training_run_finish (LkCatalog     *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
