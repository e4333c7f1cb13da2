/* lk-catalog-jobs.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lk-catalog-private.h"

#define JOB_COLUMNS \
  "j.id, j.character_id, j.profile_id, j.template_id, j.checkpoint_id, j.lora_model_id, " \
  "j.trigger_set, j.server_url, j.prompt_id, j.workflow::text, j.seed, j.status, j.error, " \
  "j.created_by, to_json (j.created_at), to_json (j.updated_at), to_json (j.finished_at), " \
  "(SELECT json_agg (json_build_object ('id', o.id, 'filename', o.filename, " \
  "                                     'subfolder', o.subfolder, 'type', o.type, " \
  "                                     'kind', o.kind, 'node_id', o.node_id) ORDER BY o.id) " \
  " FROM generation_outputs o WHERE o.job_id = j.id)"

static const char * const final_states[] = { "succeeded", "failed", "cancelled", "lost", NULL };
static const char * const all_states[] = {
  "pending", "queued", "running", "succeeded", "failed", "cancelled", "lost", NULL
};

static void
add_outputs_from_json (LkCatalogJob *job,
                       const char   *text)
{
  GListStore *store = G_LIST_STORE (lk_catalog_job_get_outputs (job));
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL)
      || !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return;

  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      g_autoptr(LkCatalogOutput) output = NULL;

      if (o == NULL)
        continue;
      output = _lk_catalog_output_new ();
      _lk_catalog_output_set_id (output, json_object_get_int_member_with_default (o, "id", 0));
      _lk_catalog_output_set_job_id (output, lk_catalog_job_get_id (job));
      _lk_catalog_output_set_filename (output,
                                       json_object_get_string_member_with_default (o, "filename", NULL));
      _lk_catalog_output_set_subfolder (output,
                                        json_object_get_string_member_with_default (o, "subfolder", NULL));
      _lk_catalog_output_set_output_type (output,
                                          json_object_get_string_member_with_default (o, "type", NULL));
      _lk_catalog_output_set_kind (output, json_object_get_string_member_with_default (o, "kind", NULL));
      _lk_catalog_output_set_node_id (output,
                                      json_object_get_string_member_with_default (o, "node_id", NULL));
      g_list_store_append (store, output);
    }
}

static LkCatalogJob *
job_from_row (const PGresult *res,
              int             row)
{
  LkCatalogJob *job = _lk_catalog_job_new ();
  g_autoptr(GDateTime) created_at = _lk_pg_timestamp (res, row, 14);
  g_autoptr(GDateTime) updated_at = _lk_pg_timestamp (res, row, 15);
  g_autoptr(GDateTime) finished_at = _lk_pg_timestamp (res, row, 16);

  _lk_catalog_job_set_id (job, _lk_pg_int64 (res, row, 0));
  _lk_catalog_job_set_character_id (job, _lk_pg_int64 (res, row, 1));
  _lk_catalog_job_set_profile_id (job, _lk_pg_int64 (res, row, 2));
  _lk_catalog_job_set_template_id (job, _lk_pg_int64 (res, row, 3));
  _lk_catalog_job_set_checkpoint_id (job, _lk_pg_int64 (res, row, 4));
  _lk_catalog_job_set_lora_model_id (job, _lk_pg_int64 (res, row, 5));
  _lk_catalog_job_set_trigger_set (job, _lk_pg_str (res, row, 6));
  _lk_catalog_job_set_server_url (job, _lk_pg_str (res, row, 7));
  _lk_catalog_job_set_prompt_id (job, _lk_pg_str (res, row, 8));
  _lk_catalog_job_set_workflow_json (job, _lk_pg_str (res, row, 9));
  _lk_catalog_job_set_seed (job, _lk_pg_int64 (res, row, 10));
  _lk_catalog_job_set_status (job, _lk_pg_str (res, row, 11));
  _lk_catalog_job_set_error (job, _lk_pg_str (res, row, 12));
  _lk_catalog_job_set_created_by (job, _lk_pg_str (res, row, 13));
  _lk_catalog_job_set_created_at (job, created_at);
  _lk_catalog_job_set_updated_at (job, updated_at);
  _lk_catalog_job_set_finished_at (job, finished_at);
  add_outputs_from_json (job, _lk_pg_str (res, row, 17));

  return job;
}

/* Creating ------------------------------------------------------------------------------- */

typedef struct
{
  char *values[10];
} CreateData;

static void
create_data_free (CreateData *data)
{
  for (guint i = 0; i < G_N_ELEMENTS (data->values); i++)
    g_free (data->values[i]);
  g_free (data);
}

static gboolean
create_job_work (PGconn          *conn,
                 gpointer         task_data,
                 GCancellable    *cancellable,
                 gpointer        *result,
                 GDestroyNotify  *result_free,
                 GError         **error)
{
  CreateData *data = task_data;
  g_autoptr(PGresult) res = NULL;

  res = _lk_pg_exec (conn,
                     "WITH j AS (INSERT INTO generation_jobs (character_id, profile_id, "
                     "  template_id, checkpoint_id, lora_model_id, trigger_set, server_url, "
                     "  workflow, seed, created_by) "
                     "  VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10) RETURNING *) "
                     "SELECT " JOB_COLUMNS " FROM j", 10,
                     (const char * const *)data->values, error);
  if (res == NULL)
    return FALSE;

  *result = job_from_row (res, 0);
  *result_free = g_object_unref;
  return TRUE;
}

void
lk_catalog_create_job_async (LkCatalog           *self,
                             LkResolution        *resolution,
                             const char          *trigger_set,
                             const char          *server_url,
                             const char          *workflow_json,
                             gint64               seed,
                             const char          *who,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  CreateData *data;
  LkCharacter *character;
  LkProfile *profile;
  LkTemplate *template;
  LkModel *checkpoint;
  LkModel *lora;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (LK_IS_RESOLUTION (resolution));
  g_return_if_fail (server_url != NULL);
  g_return_if_fail (workflow_json != NULL);

  character = lk_resolution_get_character (resolution);
  profile = lk_resolution_get_profile (resolution);
  template = lk_resolution_get_template (resolution);
  checkpoint = lk_resolution_get_checkpoint (resolution);
  lora = lk_resolution_get_lora (resolution);

  data = g_new0 (CreateData, 1);
  data->values[0] = _lk_pg_id_param (character ? lk_character_get_id (character) : 0);
  data->values[1] = _lk_pg_id_param (profile ? lk_profile_get_id (profile) : 0);
  data->values[2] = _lk_pg_id_param (template ? lk_template_get_id (template) : 0);
  data->values[3] = _lk_pg_id_param (checkpoint ? lk_model_get_id (checkpoint) : 0);
  data->values[4] = _lk_pg_id_param (lora ? lk_model_get_id (lora) : 0);
  data->values[5] = g_strdup (trigger_set);
  data->values[6] = g_strdup (server_url);
  data->values[7] = g_strdup (workflow_json);
  data->values[8] = _lk_pg_int64_param (seed);
  data->values[9] = g_strdup (who ? who : g_get_user_name ());

  _lk_catalog_run (self, lk_catalog_create_job_async, data, (GDestroyNotify)create_data_free,
                   LK_CATALOG_WORK_WRITE, create_job_work, cancellable, callback, user_data);
}

LkCatalogJob *
lk_catalog_create_job_finish (LkCatalog     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Updating ------------------------------------------------------------------------------- */

static gboolean
update_job_work (PGconn          *conn,
                 gpointer         task_data,
                 GCancellable    *cancellable,
                 gpointer        *result,
                 GDestroyNotify  *result_free,
                 GError         **error)
{
  GPtrArray *params = task_data;
  const char * const *values = (const char * const *)params->pdata;
  g_autoptr(PGresult) res = NULL;

  res = _lk_pg_exec (conn,
                     "UPDATE generation_jobs SET status = $2, "
                     "  prompt_id = COALESCE ($3, prompt_id), error = COALESCE ($4, error), "
                     "  updated_at = now (), "
                     "  finished_at = CASE WHEN $5::boolean THEN COALESCE (finished_at, now ()) "
                     "                     ELSE finished_at END "
                     "WHERE id = $1::bigint", 5, values, error);
  if (res == NULL)
    return FALSE;

  if (g_str_equal (PQcmdTuples (res), "0"))
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND,
                   _("Job %s is not in the catalog."), values[0]);
      return FALSE;
    }

  return TRUE;
}

void
lk_catalog_update_job_async (LkCatalog           *self,
                             gint64               job_id,
                             const char          *status,
                             const char          *prompt_id,
                             const char          *error_message,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GPtrArray *values;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (status != NULL && g_strv_contains (all_states, status));

  /* A GPtrArray rather than a GStrv: NULL parameters (SQL NULL) may sit in the middle. */
  values = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (values, _lk_pg_int64_param (job_id));
  g_ptr_array_add (values, g_strdup (status));
  g_ptr_array_add (values, g_strdup (prompt_id));
  g_ptr_array_add (values, g_strdup (error_message));
  g_ptr_array_add (values, g_strdup (g_strv_contains (final_states, status) ? "true" : "false"));

  _lk_catalog_run (self, lk_catalog_update_job_async, values, (GDestroyNotify)g_ptr_array_unref,
                   LK_CATALOG_WORK_WRITE, update_job_work, cancellable, callback, user_data);
}

gboolean
lk_catalog_update_job_finish (LkCatalog     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Outputs -------------------------------------------------------------------------------- */

static gboolean
add_outputs_work (PGconn          *conn,
                  gpointer         task_data,
                  GCancellable    *cancellable,
                  gpointer        *result,
                  GDestroyNotify  *result_free,
                  GError         **error)
{
  char **values = task_data;

  return _lk_pg_command (conn,
                         "INSERT INTO generation_outputs (job_id, filename, subfolder, type, "
                         "  kind, node_id) "
                         "SELECT $1::bigint, o->>'filename', o->>'subfolder', o->>'type', "
                         "  o->>'kind', o->>'node_id' FROM json_array_elements ($2::json) o "
                         "ON CONFLICT (job_id, filename, subfolder, type) DO NOTHING",
                         2, (const char * const *)values, error);
}

void
lk_catalog_add_job_outputs_async (LkCatalog           *self,
                                  gint64               job_id,
                                  GPtrArray           *outputs,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  char **values;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (outputs != NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < outputs->len; i++)
    {
      LkCatalogOutput *output = g_ptr_array_index (outputs, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "filename");
      json_builder_add_string_value (builder, lk_catalog_output_get_filename (output));
      json_builder_set_member_name (builder, "subfolder");
      json_builder_add_string_value (builder, lk_catalog_output_get_subfolder (output));
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, lk_catalog_output_get_output_type (output));
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, lk_catalog_output_get_kind (output));
      json_builder_set_member_name (builder, "node_id");
      json_builder_add_string_value (builder, lk_catalog_output_get_node_id (output));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  values = g_new0 (char *, 3);
  values[0] = _lk_pg_int64_param (job_id);
  values[1] = json_to_string (root, FALSE);

  _lk_catalog_run (self, lk_catalog_add_job_outputs_async, values, (GDestroyNotify)g_strfreev,
                   LK_CATALOG_WORK_WRITE, add_outputs_work, cancellable, callback, user_data);
}

gboolean
lk_catalog_add_job_outputs_finish (LkCatalog     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Listing -------------------------------------------------------------------------------- */

static gboolean
list_jobs_work (PGconn          *conn,
                gpointer         task_data,
                GCancellable    *cancellable,
                gpointer        *result,
                GDestroyNotify  *result_free,
                GError         **error)
{
  g_autofree char *character = _lk_pg_id_param (*(gint64 *)task_data);
  const char *values[] = { character };
  g_autoptr(PGresult) res = NULL;
  GListStore *store;

  res = _lk_pg_exec (conn,
                     "SELECT " JOB_COLUMNS " FROM generation_jobs j "
                     "WHERE CASE WHEN $1::bigint IS NULL "
                     "           THEN j.status IN ('pending', 'queued', 'running') "
                     "           ELSE j.character_id = $1 END "
                     "ORDER BY j.created_at DESC, j.id DESC", 1, values, error);
  if (res == NULL)
    return FALSE;

  store = g_list_store_new (LK_TYPE_CATALOG_JOB);
  for (int i = 0; i < PQntuples (res); i++)
    {
      g_autoptr(LkCatalogJob) job = job_from_row (res, i);

      g_list_store_append (store, job);
    }

  *result = store;
  *result_free = g_object_unref;
  return TRUE;
}

void
lk_catalog_list_jobs_async (LkCatalog           *self,
                            gint64               character_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (LK_IS_CATALOG (self));

  _lk_catalog_run (self, lk_catalog_list_jobs_async,
                   g_memdup2 (&character_id, sizeof character_id), g_free,
                   LK_CATALOG_WORK_READ, list_jobs_work, cancellable, callback, user_data);
}

GListModel *
lk_catalog_list_jobs_finish (LkCatalog     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Reviews -------------------------------------------------------------------------------- */

static gboolean
set_review_work (PGconn          *conn,
                 gpointer         task_data,
                 GCancellable    *cancellable,
                 gpointer        *result,
                 GDestroyNotify  *result_free,
                 GError         **error)
{
  return _lk_pg_command (conn,
                         "INSERT INTO output_reviews (content_hash, output_id, verdict, rating, "
                         "  note, reviewed_by) VALUES ($1, $2, $3, $4, $5, $6) "
                         "ON CONFLICT (content_hash) DO UPDATE SET "
                         "  output_id = COALESCE (EXCLUDED.output_id, output_reviews.output_id), "
                         "  verdict = EXCLUDED.verdict, rating = EXCLUDED.rating, "
                         "  note = EXCLUDED.note, reviewed_by = EXCLUDED.reviewed_by, "
                         "  reviewed_at = now ()", 6,
                         (const char * const *)((GPtrArray *)task_data)->pdata, error);
}

void
lk_catalog_set_review_async (LkCatalog           *self,
                             const char          *content_hash,
                             gint64               output_id,
                             LkReviewVerdict      verdict,
                             int                  rating,
                             const char          *note,
                             const char          *who,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GPtrArray *values;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (content_hash != NULL && *content_hash != '\0');
  g_return_if_fail (rating >= 0 && rating <= 5);

  values = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (values, g_strdup (content_hash));
  g_ptr_array_add (values, _lk_pg_id_param (output_id));
  g_ptr_array_add (values, g_strdup (verdict == LK_REVIEW_VERDICT_APPROVED ? "approved"
                                     : verdict == LK_REVIEW_VERDICT_REJECTED ? "rejected" : NULL));
  g_ptr_array_add (values, rating > 0 ? g_strdup_printf ("%d", rating) : NULL);
  g_ptr_array_add (values, g_strdup (note));
  g_ptr_array_add (values, g_strdup (who ? who : g_get_user_name ()));

  _lk_catalog_run (self, lk_catalog_set_review_async, values, (GDestroyNotify)g_ptr_array_unref,
                   LK_CATALOG_WORK_WRITE, set_review_work, cancellable, callback, user_data);
}

gboolean
lk_catalog_set_review_finish (LkCatalog     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
