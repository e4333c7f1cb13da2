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

#include "lk-catalog-pg.h"
#include "lk-catalog-private.h"
#include "lk-catalog-training-runs.h"
#include "lk-catalog-training.h"
#include "lk-trainer-process.h"

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
  char    *host;
  int      pid;
  char    *status_path;
  guint    limit;
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
  g_free (data->host);
  g_free (data->status_path);
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

  _lk_catalog_run (self, lk_catalog_add_training_run_async, data, (GDestroyNotify)run_data_free,
                   LK_CATALOG_WORK_WRITE, add_run_work, cancellable, callback, user_data);
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

/* Runs @sql, an UPDATE of one run whose id is @values[0] that returns it; an id no row has is
 * LK_CATALOG_ERROR_NOT_FOUND. */
static gboolean
update_run_row (PGconn              *conn,
                const char          *sql,
                int                  n_values,
                const char * const  *values,
                GError             **error)
{
  g_autoptr(PGresult) res = _lk_pg_exec (conn, sql, n_values, values, error);

  if (res == NULL)
    return FALSE;

  if (PQntuples (res) == 0)
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND,
                   _("No training run has the id %s."), values[0]);
      return FALSE;
    }

  return TRUE;
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

  return update_run_row (conn,
                         "UPDATE training_runs SET status = $2, log_path = COALESCE ($3, log_path), "
                         "  model_id = COALESCE ($4::bigint, model_id), error = $5, "
                         "  finished_at = CASE WHEN $2 = 'running' THEN NULL ELSE now () END "
                         "WHERE id = $1 RETURNING id", G_N_ELEMENTS (values), values, error);
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

  _lk_catalog_run (self, lk_catalog_update_training_run_async, data, (GDestroyNotify)run_data_free,
                   LK_CATALOG_WORK_WRITE, update_run_work, cancellable, callback, user_data);
}

gboolean
lk_catalog_update_training_run_finish (LkCatalog     *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Where a run's trainer lives ----------------------------------------------------------------- */

static gboolean
set_process_work (PGconn          *conn,
                  gpointer         task_data,
                  GCancellable    *cancellable,
                  gpointer        *result,
                  GDestroyNotify  *result_free,
                  GError         **error)
{
  RunData *data = task_data;
  g_autofree char *id = _lk_pg_int64_param (data->run_id);
  g_autofree char *pid = _lk_pg_int64_param (data->pid);
  const char *values[] = { id, data->log_path, data->host, pid, data->status_path };

  return update_run_row (conn,
                         "UPDATE training_runs SET status = 'running', log_path = $2, host = $3, "
                         "  pid = $4::integer, status_path = $5, error = NULL, finished_at = NULL "
                         "WHERE id = $1 RETURNING id", G_N_ELEMENTS (values), values, error);
}

void
lk_catalog_set_training_run_process_async (LkCatalog           *self,
                                           gint64               run_id,
                                           const char          *log_path,
                                           const char          *host,
                                           int                  pid,
                                           const char          *status_path,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  RunData *data;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (run_id > 0);
  g_return_if_fail (log_path != NULL && host != NULL && status_path != NULL);
  g_return_if_fail (pid > 0);

  data = g_new0 (RunData, 1);
  data->run_id = run_id;
  data->log_path = g_strdup (log_path);
  data->host = g_strdup (host);
  data->pid = pid;
  data->status_path = g_strdup (status_path);

  _lk_catalog_run (self, lk_catalog_set_training_run_process_async,
                   data, (GDestroyNotify)run_data_free, LK_CATALOG_WORK_WRITE, set_process_work,
                   cancellable, callback, user_data);
}

gboolean
lk_catalog_set_training_run_process_finish (LkCatalog     *self,
                                            GAsyncResult  *result,
                                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Listing ----------------------------------------------------------------------------------- */

void
lk_training_run_record_free (LkTrainingRunRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->output_name);
  g_free (record->export_dir);
  g_free (record->status);
  g_free (record->log_path);
  g_free (record->error_message);
  g_free (record->host);
  g_free (record->status_path);
  g_free (record->created_by);
  g_clear_pointer (&record->created_at, g_date_time_unref);
  g_clear_pointer (&record->finished_at, g_date_time_unref);
  g_free (record);
}

char *
lk_training_run_record_dup_output_path (const LkTrainingRunRecord *record)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (record != NULL, NULL);

  name = g_strconcat (record->output_name, ".safetensors", NULL);
  return g_build_filename (record->export_dir, "model", name, NULL);
}

gboolean
lk_training_run_record_is_here (const LkTrainingRunRecord *record)
{
  g_return_val_if_fail (record != NULL, FALSE);

  return record->host != NULL && g_str_equal (record->host, g_get_host_name ());
}

static LkTrainingRunRecord *
record_from_row (const PGresult *res,
                 int             row)
{
  LkTrainingRunRecord *record = g_new0 (LkTrainingRunRecord, 1);

  record->id = _lk_pg_int64 (res, row, 0);
  record->character_id = _lk_pg_int64 (res, row, 1);
  record->output_name = g_strdup (_lk_pg_str (res, row, 2));
  record->export_dir = g_strdup (_lk_pg_str (res, row, 3));
  record->status = g_strdup (_lk_pg_str (res, row, 4));
  record->log_path = g_strdup (_lk_pg_str (res, row, 5));
  record->error_message = g_strdup (_lk_pg_str (res, row, 6));
  record->host = g_strdup (_lk_pg_str (res, row, 7));
  record->pid = (int)_lk_pg_int64 (res, row, 8);
  record->status_path = g_strdup (_lk_pg_str (res, row, 9));
  record->model_id = _lk_pg_int64 (res, row, 10);
  record->created_by = g_strdup (_lk_pg_str (res, row, 11));
  record->created_at = _lk_pg_timestamp (res, row, 12);
  record->finished_at = _lk_pg_timestamp (res, row, 13);

  return record;
}

static gboolean
list_runs_work (PGconn          *conn,
                gpointer         task_data,
                GCancellable    *cancellable,
                gpointer        *result,
                GDestroyNotify  *result_free,
                GError         **error)
{
  RunData *data = task_data;
  g_autofree char *id = _lk_pg_int64_param (data->character_id);
  g_autofree char *limit = _lk_pg_id_param (data->limit);
  const char *values[] = { id, limit };
  g_autoptr(PGresult) res = NULL;
  GPtrArray *runs;

  res = _lk_pg_exec (conn,
                     "SELECT id, character_id, output_name, export_dir, status, log_path, error, "
                     "  host, pid, status_path, model_id, created_by, to_json (created_at), "
                     "  to_json (finished_at) "
                     "FROM training_runs WHERE character_id = $1 "
                     "ORDER BY created_at DESC, id DESC LIMIT $2::bigint", 2, values, error);
  if (res == NULL)
    return FALSE;

  runs = g_ptr_array_new_with_free_func ((GDestroyNotify)lk_training_run_record_free);
  for (int row = 0; row < PQntuples (res); row++)
    g_ptr_array_add (runs, record_from_row (res, row));

  *result = runs;
  *result_free = (GDestroyNotify)g_ptr_array_unref;
  return TRUE;
}

void
lk_catalog_list_training_runs_async (LkCatalog           *self,
                                     gint64               character_id,
                                     guint                limit,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  RunData *data;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (character_id > 0);

  data = g_new0 (RunData, 1);
  data->character_id = character_id;
  data->limit = limit;

  _lk_catalog_run (self, lk_catalog_list_training_runs_async, data, (GDestroyNotify)run_data_free,
                   LK_CATALOG_WORK_READ, list_runs_work, cancellable, callback, user_data);
}

GPtrArray *
lk_catalog_list_training_runs_finish (LkCatalog     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Reconciling ------------------------------------------------------------------------------- */

/* What became of a "running" run whose trainer has gone: its status and why. */
static const char *
ended_status (const char  *status_path,
              const char  *log_path,
              const char  *output_path,
              char       **message)
{
  int status = lk_trainer_process_read_exit_status (status_path);
  const char *log = log_path ? log_path : "";

  if (status < 0)
    {
      *message = g_strdup_printf (_("The trainer stopped without reporting how it ended (it was "
                                    "killed, or the computer restarted). Its log is in %s."),
                                  log);
      return "interrupted";
    }
  if (status > 128)
    {
      *message = g_strdup_printf (_("The trainer was killed (signal %d). Its log is in %s."),
                                  status - 128, log);
      return "failed";
    }
  if (status != 0)
    {
      *message = g_strdup_printf (_("The trainer failed (exit status %d). Its log is in %s."),
                                  status, log);
      return "failed";
    }
  if (!g_file_test (output_path, G_FILE_TEST_IS_REGULAR))
    {
      *message = g_strdup_printf (_("The trainer finished without writing %s. Check its log in "
                                    "%s."), output_path, log);
      return "failed";
    }

  *message = NULL;
  return "succeeded";
}

static gboolean
reconcile_work (PGconn          *conn,
                gpointer         task_data,
                GCancellable    *cancellable,
                gpointer        *result,
                GDestroyNotify  *result_free,
                GError         **error)
{
  RunData *data = task_data;
  g_autofree char *character_id = _lk_pg_id_param (data->character_id);
  const char *values[] = { data->host, character_id };
  g_autoptr(PGresult) res = NULL;
  int *changed;

  res = _lk_pg_exec (conn,
                     "SELECT id, pid, status_path, log_path, export_dir, output_name "
                     "FROM training_runs "
                     "WHERE status = 'running' AND host = $1 AND pid IS NOT NULL "
                     "  AND status_path IS NOT NULL "
                     "  AND ($2::bigint IS NULL OR character_id = $2::bigint)",
                     2, values, error);
  if (res == NULL)
    return FALSE;

  changed = g_new0 (int, 1);
  *result = changed;
  *result_free = g_free;
  for (int row = 0; row < PQntuples (res); row++)
    {
      const char *status_path = _lk_pg_str (res, row, 2);
      g_autofree char *model = g_strconcat (_lk_pg_str (res, row, 5), ".safetensors", NULL);
      g_autofree char *output = g_build_filename (_lk_pg_str (res, row, 4), "model", model,
                                                  NULL);
      g_autofree char *message = NULL;
      g_autoptr(PGresult) updated = NULL;
      const char *status;

      if (lk_trainer_process_is_running ((int)_lk_pg_int64 (res, row, 1), status_path))
        continue;

      status = ended_status (status_path, _lk_pg_str (res, row, 3), output, &message);
      {
        const char *update_values[] = { PQgetvalue (res, row, 0), status, message };

        /* only while still "running": whoever watched the run may have recorded it first */
        updated = _lk_pg_exec (conn,
                               "UPDATE training_runs SET status = $2, error = $3, "
                               "  finished_at = now () "
                               "WHERE id = $1 AND status = 'running' RETURNING id",
                               3, update_values, error);
      }
      if (updated == NULL)
        return FALSE;
      *changed += PQntuples (updated);
    }

  return TRUE;
}

void
lk_catalog_reconcile_training_runs_async (LkCatalog           *self,
                                          gint64               character_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  RunData *data;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (character_id >= 0);

  data = g_new0 (RunData, 1);
  data->character_id = character_id;
  data->host = g_strdup (g_get_host_name ());

  _lk_catalog_run (self, lk_catalog_reconcile_training_runs_async,
                   data, (GDestroyNotify)run_data_free, LK_CATALOG_WORK_WRITE, reconcile_work,
                   cancellable, callback, user_data);
}

int
lk_catalog_reconcile_training_runs_finish (LkCatalog     *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  g_autofree int *changed = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  changed = g_task_propagate_pointer (G_TASK (result), error);
  return changed ? *changed : -1;
}
