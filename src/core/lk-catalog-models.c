/* lk-catalog-models.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lk-catalog-private.h"
#include "lk-migrator.h"

LkModel *
_lk_catalog_model_from_row (const PGresult *res,
                            int             row,
                            int             col)
{
  LkModel *model;
  g_autoptr(GDateTime) trained_at = NULL;

  if (PQgetisnull (res, row, col))
    return NULL;

  model = _lk_model_new ();
  _lk_model_set_id (model, _lk_pg_int64 (res, row, col));
  _lk_model_set_name (model, _lk_pg_str (res, row, col + 1));
  _lk_model_set_model_type (model, _lk_pg_str (res, row, col + 2));
  _lk_model_set_model_path (model, _lk_pg_str (res, row, col + 3));
  _lk_model_set_file_path (model, _lk_pg_str (res, row, col + 4));
  _lk_model_set_sha256 (model, _lk_pg_str (res, row, col + 5));
  _lk_model_set_file_size (model, _lk_pg_int64 (res, row, col + 6));
  _lk_model_set_base_model (model, _lk_pg_str (res, row, col + 7));
  _lk_model_set_base_model_source (model, _lk_pg_str (res, row, col + 8));
  _lk_model_set_metadata_json (model, _lk_pg_str (res, row, col + 9));
  _lk_model_set_lineage_id (model, _lk_pg_int64 (res, row, col + 10));
  _lk_model_set_lineage_name (model, _lk_pg_str (res, row, col + 11));
  _lk_model_set_training_session (model, _lk_pg_str (res, row, col + 12));
  _lk_model_set_epoch (model, _lk_pg_int64 (res, row, col + 13));
  _lk_model_set_steps (model, _lk_pg_int64 (res, row, col + 14));
  trained_at = _lk_pg_timestamp (res, row, col + 15);
  _lk_model_set_trained_at (model, trained_at);

  return model;
}

static gboolean
is_video_output (const char *class_type)
{
  static const char * const video_nodes[] = {
    "VHS_VideoCombine", "SaveAnimatedWEBP", "SaveAnimatedPNG", "SaveVideo", "SaveWEBM", NULL
  };

  return class_type != NULL && g_strv_contains (video_nodes, class_type);
}

/* Reads what Lorakeet needs to know about a template: is it a workflow in API format,
 * where is its LoraLoader (node "10" when that is one, else the first by id), and does it
 * make a video. A broken template is reported through its problem, never an error, so the
 * rest of the catalog stays usable. */
LkTemplate *
_lk_catalog_template_new (gint64      id,
                          const char *name,
                          const char *workflow_json)
{
  LkTemplate *template = _lk_template_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GList) node_ids = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  JsonObject *graph;
  const char *lora_node = NULL;
  gboolean video = FALSE;

  _lk_template_set_id (template, id);
  _lk_template_set_name (template, name);
  _lk_template_set_workflow_json (template, workflow_json);
  _lk_template_set_kind (template, "image");

  if (workflow_json == NULL || !json_parser_load_from_data (parser, workflow_json, -1, &error))
    {
      g_autofree char *problem =
        g_strdup_printf (_("Template “%s” is not valid JSON (%s). Fix it in the catalog."), name,
                         error ? error->message : _("empty"));
      _lk_template_set_problem (template, problem);
      return template;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autofree char *problem =
        g_strdup_printf (_("Template “%s” is not a ComfyUI workflow in API format: it should "
                           "be a JSON object of nodes."), name);
      _lk_template_set_problem (template, problem);
      return template;
    }

  graph = json_node_get_object (root);
  node_ids = g_list_sort (json_object_get_members (graph), (GCompareFunc)g_strcmp0);
  for (GList *l = node_ids; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (graph, l->data);
      const char *class_type;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      class_type = json_object_get_string_member_with_default (json_node_get_object (node),
                                                               "class_type", NULL);
      if (g_strcmp0 (class_type, "LoraLoader") == 0
          && (lora_node == NULL || g_str_equal (l->data, "10")))
        lora_node = l->data;
      video |= is_video_output (class_type);
    }

  _lk_template_set_lora_loader_node (template, lora_node);
  _lk_template_set_kind (template, video ? "video" : "image");

  return template;
}

/* Listing models ------------------------------------------------------------------------- */

static gboolean
list_models_work (PGconn          *conn,
                  gpointer         task_data,
                  GCancellable    *cancellable,
                  gpointer        *result,
                  GDestroyNotify  *result_free,
                  GError         **error)
{
  const char *values[] = { task_data };
  g_autoptr(PGresult) res = NULL;
  GListStore *store;

  res = _lk_pg_exec (conn,
                     "SELECT " LK_MODEL_COLUMNS ("m", "d", "l") " FROM ai_models m "
                     "LEFT JOIN model_details d ON d.model_id = m.id "
                     "LEFT JOIN lora_lineages l ON l.id = d.lineage_id "
                     "WHERE $1::text IS NULL OR m.type = $1 "
                     "ORDER BY m.type, l.name, d.epoch, m.name, m.id", 1, values, error);
  if (res == NULL)
    return FALSE;

  store = g_list_store_new (LK_TYPE_MODEL);
  for (int i = 0; i < PQntuples (res); i++)
    {
      g_autoptr(LkModel) model = _lk_catalog_model_from_row (res, i, 0);

      g_list_store_append (store, model);
    }

  *result = store;
  *result_free = g_object_unref;
  return TRUE;
}

void
lk_catalog_list_models_async (LkCatalog           *self,
                              const char          *model_type,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (LK_IS_CATALOG (self));

  _lk_catalog_run (self, lk_catalog_list_models_async, g_strdup (model_type), g_free,
                   LK_CATALOG_WORK_READ, list_models_work, cancellable, callback, user_data);
}

GListModel *
lk_catalog_list_models_finish (LkCatalog     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Assigning a LoRA ----------------------------------------------------------------------- */

typedef struct
{
  gint64  character_id;
  char   *lora;
  double  strength_model;
  double  strength_clip;
  char   *who;
} AssignData;

static void
assign_data_free (AssignData *data)
{
  g_free (data->lora);
  g_free (data->who);
  g_free (data);
}

static gboolean
assign_lora_work (PGconn          *conn,
                  gpointer         task_data,
                  GCancellable    *cancellable,
                  gpointer        *result,
                  GDestroyNotify  *result_free,
                  GError         **error)
{
  AssignData *data = task_data;
  g_autofree char *character = _lk_pg_int64_param (data->character_id);
  g_autofree char *model = NULL;
  g_autofree char *project = NULL;
  g_autofree char *strength_model = _lk_pg_double_param (data->strength_model);
  g_autofree char *strength_clip = _lk_pg_double_param (data->strength_clip);
  g_autoptr(PGresult) res = NULL;
  const char *lookup[] = { data->lora };
  const char *char_values[] = { character };

  res = _lk_pg_exec (conn,
                     "SELECT id, name, type FROM ai_models "
                     "WHERE id::text = $1 OR name = $1 OR model_path = $1 OR file_path = $1 "
                     "ORDER BY id::text = $1 DESC, type = 'lora' DESC, id", 1, lookup, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND,
                   _("No LoRA called “%s” is in the catalog. Run “lorakeet-cli lora scan” on "
                     "the LoRA folder first."), data->lora);
      return FALSE;
    }
  if (PQntuples (res) > 1 && !g_str_equal (_lk_pg_str (res, 0, 0), data->lora)
      && g_str_equal (_lk_pg_str (res, 1, 2), "lora"))
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_AMBIGUOUS,
                   _("“%s” matches several models (ids %s and %s); give the id."), data->lora,
                   _lk_pg_str (res, 0, 0), _lk_pg_str (res, 1, 0));
      return FALSE;
    }
  if (!g_str_equal (_lk_pg_str (res, 0, 2), "lora"))
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_INVALID_DATA,
                   _("“%s” is a %s, not a LoRA."), _lk_pg_str (res, 0, 1), _lk_pg_str (res, 0, 2));
      return FALSE;
    }
  model = g_strdup (_lk_pg_str (res, 0, 0));
  g_clear_pointer (&res, PQclear);

  if (!(res = _lk_pg_exec (conn, "SELECT project_id, name FROM characters WHERE id = $1::bigint",
                           1, char_values, error)))
    return FALSE;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND,
                   _("Character %s is not in the catalog."), character);
      return FALSE;
    }
  if (PQgetisnull (res, 0, 0))
    {
      g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_INVALID_DATA,
                   _("“%s” belongs to no project; a LoRA is assigned per project."),
                   _lk_pg_str (res, 0, 1));
      return FALSE;
    }
  project = g_strdup (_lk_pg_str (res, 0, 0));

  {
    const char *values[] = { character, project, model, strength_model, strength_clip, data->who };

    if (!_lk_pg_command (conn, "BEGIN", 0, NULL, error)
        || !_lk_pg_command (conn,
                            "UPDATE character_loras SET is_current = false "
                            "WHERE character_id = $1 AND project_id = $2 AND is_current "
                            "AND model_id <> $3", 3, values, error)
        || !_lk_pg_command (conn,
                            "INSERT INTO character_loras (character_id, project_id, model_id, "
                            "  strength_model, strength_clip, is_current, promoted_by, "
                            "  promoted_at) "
                            "VALUES ($1, $2, $3, $4, $5, true, $6, now ()) "
                            "ON CONFLICT (character_id, project_id, model_id) DO UPDATE SET "
                            "  strength_model = EXCLUDED.strength_model, "
                            "  strength_clip = EXCLUDED.strength_clip, is_current = true, "
                            "  promoted_by = EXCLUDED.promoted_by, promoted_at = now ()",
                            6, values, error)
        || !_lk_pg_command (conn, "COMMIT", 0, NULL, error))
      return FALSE;
  }

  if (!(*result = _lk_catalog_resolve_sync (conn, data->character_id, error)))
    return FALSE;
  *result_free = g_object_unref;
  return TRUE;
}

void
lk_catalog_assign_lora_async (LkCatalog           *self,
                              gint64               character_id,
                              const char          *lora,
                              double               strength_model,
                              double               strength_clip,
                              const char          *who,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AssignData *data;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (lora != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_catalog_assign_lora_async);

  if (strength_model < -10 || strength_model > 10 || strength_clip < -10 || strength_clip > 10)
    {
      g_task_return_new_error (task, LK_CATALOG_ERROR, LK_CATALOG_ERROR_INVALID_DATA, "%s",
                               _("A LoRA strength must be between -10 and 10 (0.8 is usual)."));
      return;
    }

  data = g_new0 (AssignData, 1);
  data->character_id = character_id;
  data->lora = g_strdup (lora);
  data->strength_model = strength_model;
  data->strength_clip = strength_clip;
  data->who = g_strdup (who ? who : g_get_user_name ());
  g_task_set_task_data (task, data, (GDestroyNotify)assign_data_free);
  _lk_catalog_queue (self, task, LK_CATALOG_WORK_WRITE, assign_lora_work);
}

LkResolution *
lk_catalog_assign_lora_finish (LkCatalog     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Status --------------------------------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (LkCatalogStatus, lk_catalog_status, lk_catalog_status_copy,
                     lk_catalog_status_free)

LkCatalogStatus *
lk_catalog_status_copy (const LkCatalogStatus *status)
{
  LkCatalogStatus *copy = g_memdup2 (status, sizeof *status);

  copy->server = g_strdup (status->server);
  copy->server_version = g_strdup (status->server_version);
  copy->database = g_strdup (status->database);
  copy->user = g_strdup (status->user);
  copy->pending = g_strdupv (status->pending);

  return copy;
}

void
lk_catalog_status_free (LkCatalogStatus *status)
{
  g_free (status->server);
  g_free (status->server_version);
  g_free (status->database);
  g_free (status->user);
  g_strfreev (status->pending);
  g_free (status);
}

static gboolean
status_work (PGconn          *conn,
             gpointer         task_data,
             GCancellable    *cancellable,
             gpointer        *result,
             GDestroyNotify  *result_free,
             GError         **error)
{
  g_autoptr(LkCatalogStatus) status = g_new0 (LkCatalogStatus, 1);
  g_autoptr(LkMigrator) migrator = lk_migrator_new (NULL);
  g_autoptr(PGresult) res = NULL;

  status->server = _lk_pg_describe_target (NULL, conn);
  status->database = g_strdup (PQdb (conn));
  status->user = g_strdup (PQuser (conn));
  status->n_projects = status->n_characters = status->n_loras = -1;

  if (!lk_migrator_load (migrator, error))
    return FALSE;
  status->latest_version = lk_migrator_get_latest_version (migrator);
  status->schema_version = lk_migrator_get_schema_version_sync (migrator, conn, &status->pending,
                                                                error);
  if (status->schema_version < 0)
    return FALSE;
  status->read_only = status->schema_version > status->latest_version;

  if (!(res = _lk_pg_exec (conn,
                           "SELECT current_setting ('server_version'), "
                           "  current_setting ('transaction_read_only') = 'on', "
                           "  to_regclass ('projects') IS NOT NULL "
                           "  AND to_regclass ('characters') IS NOT NULL "
                           "  AND to_regclass ('ai_models') IS NOT NULL", 0, NULL, error)))
    return FALSE;
  status->server_version = g_strdup (_lk_pg_str (res, 0, 0));
  status->read_only |= _lk_pg_bool (res, 0, 1);

  if (_lk_pg_bool (res, 0, 2))
    {
      g_clear_pointer (&res, PQclear);
      if (!(res = _lk_pg_exec (conn,
                               "SELECT (SELECT count (*) FROM projects), "
                               "  (SELECT count (*) FROM characters), "
                               "  (SELECT count (*) FROM ai_models WHERE type = 'lora')",
                               0, NULL, error)))
        return FALSE;
      status->n_projects = _lk_pg_int64 (res, 0, 0);
      status->n_characters = _lk_pg_int64 (res, 0, 1);
      status->n_loras = _lk_pg_int64 (res, 0, 2);
    }

  *result = g_steal_pointer (&status);
  *result_free = (GDestroyNotify)lk_catalog_status_free;
  return TRUE;
}

void
lk_catalog_get_status_async (LkCatalog           *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (LK_IS_CATALOG (self));

  _lk_catalog_run (self, lk_catalog_get_status_async, NULL, NULL,
                   LK_CATALOG_WORK_SETUP, status_work, cancellable, callback, user_data);
}

LkCatalogStatus *
lk_catalog_get_status_finish (LkCatalog     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
