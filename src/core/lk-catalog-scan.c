/* lk-catalog-scan.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lk-base-model.h"
#include "lk-catalog-private.h"
#include "lk-file-hash.h"
#include "lk-safetensors.h"

#define MAX_DEPTH 8
#define MAX_SUGGESTED_TRIGGERS 8

/* What a LoRA file says about itself, read off the connection's thread. */
struct _LkLoraFacts
{
  char    *path;
  char    *model_path;
  char    *name;
  guint64  size;
  char    *sha256;
  char    *metadata_json;
  char    *base_model;
  char    *lineage;
  char    *session;
  guint    epoch;
  guint64  steps;
  gint64   trained_at;
  char    *triggers_json;
  GError  *error;
};

void
_lk_lora_facts_free (LkLoraFacts *facts)
{
  g_free (facts->path);
  g_free (facts->model_path);
  g_free (facts->name);
  g_free (facts->sha256);
  g_free (facts->metadata_json);
  g_free (facts->base_model);
  g_free (facts->lineage);
  g_free (facts->session);
  g_free (facts->triggers_json);
  g_clear_error (&facts->error);
  g_free (facts);
}

const GError *
_lk_lora_facts_get_error (LkLoraFacts *facts)
{
  return facts->error;
}

void
lk_scan_entry_free (LkScanEntry *entry)
{
  g_free (entry->path);
  g_free (entry->name);
  g_free (entry->sha256);
  g_free (entry->base_model);
  g_free (entry->lineage);
  g_free (entry->message);
  g_free (entry);
}

/* "mei_v2-000004" → "mei_v2": kohya's per-epoch files share the name before the suffix. */
static char *
strip_epoch_suffix (const char *stem)
{
  size_t len = strlen (stem);

  if (len > 7 && stem[len - 7] == '-')
    {
      for (size_t i = len - 6; i < len; i++)
        if (!g_ascii_isdigit (stem[i]))
          return g_strdup (stem);
      return g_strndup (stem, len - 7);
    }

  return g_strdup (stem);
}

static char *
strv_to_json (char **words)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; words && words[i]; i++)
    json_builder_add_string_value (builder, words[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

/**
 * _lk_lora_facts_read:
 * @file: a `.safetensors` file
 * @folder: (nullable): the LoRA folder it was found in; its model path is relative to it
 * @cancellable: (nullable): a #GCancellable
 *
 * Reads the header and hashes the file. Blocking. Never fails: a file that cannot be read
 * carries its error, to be reported for that file alone.
 *
 * Returns: (transfer full): the facts
 */
LkLoraFacts *
_lk_lora_facts_read (GFile        *file,
                     GFile        *folder,
                     GCancellable *cancellable)
{
  LkLoraFacts *facts = g_new0 (LkLoraFacts, 1);
  g_autoptr(LkSafetensors) header = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *relative = folder ? g_file_get_relative_path (folder, file) : NULL;
  g_autofree char *stem = NULL;
  g_auto(GStrv) triggers = NULL;
  const char *family;

  facts->path = g_file_get_path (file);
  if (relative != NULL)
    facts->model_path = g_steal_pointer (&relative);
  else
    facts->model_path = g_steal_pointer (&basename);
  stem = g_path_get_basename (facts->model_path);
  if (g_str_has_suffix (stem, ".safetensors"))
    stem[strlen (stem) - strlen (".safetensors")] = '\0';
  facts->name = g_strdup (stem);
  facts->trained_at = -1;

  if (!(header = lk_safetensors_load (file, cancellable, &facts->error)))
    return facts;

  facts->size = lk_safetensors_get_file_size (header);
  facts->metadata_json = lk_safetensors_metadata_to_json (header);
  family = lk_safetensors_get_base_model_family (header);
  if (family == NULL)
    family = lk_base_model_family_from_string (facts->name);
  facts->base_model = g_strdup (family);
  facts->lineage = lk_safetensors_get_output_name (header)
                     ? g_strdup (lk_safetensors_get_output_name (header))
                     : strip_epoch_suffix (stem);
  facts->session = g_strdup (lk_safetensors_get_session_id (header));
  facts->epoch = lk_safetensors_get_epoch (header);
  facts->steps = lk_safetensors_get_steps (header);
  facts->trained_at = lk_safetensors_get_training_started_at (header);
  triggers = lk_safetensors_dup_suggested_triggers (header, MAX_SUGGESTED_TRIGGERS);
  facts->triggers_json = strv_to_json (triggers);

  facts->sha256 = lk_file_sha256 (file, cancellable, &facts->error);

  return facts;
}

/**
 * _lk_catalog_register_lora_sync:
 * @conn: a connection inside a transaction
 * @facts: a file read without error
 * @entry: filled with the outcome
 * @error: return location for a #GError
 *
 * Creates or updates the file's ai_models row, its model_details and lineage, and a "base"
 * trigger-word set for a lineage that has none. Columns of the studio's table are only
 * filled when empty.
 *
 * Returns: %TRUE on success
 */
gboolean
_lk_catalog_register_lora_sync (PGconn       *conn,
                                LkLoraFacts  *facts,
                                LkScanEntry  *entry,
                                GError      **error)
{
  g_autoptr(PGresult) res = NULL;
  g_autofree char *model_id = NULL;
  g_autofree char *lineage_id = NULL;
  g_autofree char *size = g_strdup_printf ("%" G_GUINT64_FORMAT, facts->size);
  g_autofree char *epoch = facts->epoch ? g_strdup_printf ("%u", facts->epoch) : NULL;
  g_autofree char *steps = facts->steps ? g_strdup_printf ("%" G_GUINT64_FORMAT, facts->steps)
                                        : NULL;
  g_autofree char *trained_at = facts->trained_at >= 0 ? _lk_pg_int64_param (facts->trained_at)
                                                       : NULL;

  g_assert (facts->error == NULL);

  {
    const char *values[] = { facts->sha256, facts->path, facts->model_path };

    res = _lk_pg_exec (conn,
                       "SELECT m.id FROM ai_models m "
                       "LEFT JOIN model_details d ON d.model_id = m.id "
                       "WHERE m.type = 'lora' AND (d.sha256 = $1 OR m.file_path = $2 "
                       "  OR (m.model_path = $3 AND (d.sha256 IS NULL OR d.sha256 = $1))) "
                       "ORDER BY d.sha256 = $1 DESC NULLS LAST, m.file_path = $2 DESC NULLS LAST, "
                       "  m.id LIMIT 1", 3, values, error);
    if (res == NULL)
      return FALSE;
  }

  if (PQntuples (res) == 1)
    {
      const char *values[] = { _lk_pg_str (res, 0, 0), facts->path, facts->model_path };

      model_id = g_strdup (values[0]);
      entry->outcome = LK_SCAN_OUTCOME_UPDATED;
      if (!_lk_pg_command (conn,
                           "UPDATE ai_models SET file_path = COALESCE (file_path, $2), "
                           "  model_path = COALESCE (model_path, $3) "
                           "WHERE id = $1 AND (file_path IS NULL OR model_path IS NULL)",
                           3, values, error))
        return FALSE;
    }
  else
    {
      const char *values[] = { facts->name, facts->model_path, facts->path };

      g_clear_pointer (&res, PQclear);
      res = _lk_pg_exec (conn,
                         "INSERT INTO ai_models (name, type, model_path, file_path) "
                         "VALUES ($1, 'lora', $2, $3) RETURNING id", 3, values, error);
      if (res == NULL)
        return FALSE;
      model_id = g_strdup (_lk_pg_str (res, 0, 0));
      entry->outcome = LK_SCAN_OUTCOME_ADDED;
    }
  g_clear_pointer (&res, PQclear);

  {
    const char *values[] = { facts->lineage };

    res = _lk_pg_exec (conn,
                       "INSERT INTO lora_lineages (name) VALUES ($1) "
                       "ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id",
                       1, values, error);
    if (res == NULL)
      return FALSE;
    lineage_id = g_strdup (_lk_pg_str (res, 0, 0));
    g_clear_pointer (&res, PQclear);
  }

  {
    const char *values[] = { model_id, facts->base_model, facts->sha256, size,
                             facts->metadata_json, lineage_id, facts->session, epoch, steps,
                             trained_at };

    if (!_lk_pg_command (conn,
                         "INSERT INTO model_details (model_id, base_model, sha256, file_size, "
                         "  metadata, lineage_id, training_session, epoch, steps, trained_at, "
                         "  scanned_at) "
                         "VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, "
                         "  to_timestamp ($10::bigint), now ()) "
                         "ON CONFLICT (model_id) DO UPDATE SET "
                         "  base_model = CASE WHEN model_details.base_model_source = 'manual' "
                         "    THEN model_details.base_model ELSE EXCLUDED.base_model END, "
                         "  sha256 = EXCLUDED.sha256, file_size = EXCLUDED.file_size, "
                         "  metadata = EXCLUDED.metadata, lineage_id = EXCLUDED.lineage_id, "
                         "  training_session = EXCLUDED.training_session, "
                         "  epoch = EXCLUDED.epoch, steps = EXCLUDED.steps, "
                         "  trained_at = EXCLUDED.trained_at, scanned_at = now (), "
                         "  updated_at = now ()", 10, values, error))
      return FALSE;
  }

  {
    const char *values[] = { lineage_id, facts->triggers_json ? facts->triggers_json : "[]" };

    if (!_lk_pg_command (conn,
                         "INSERT INTO lora_trigger_sets (lineage_id, name, words) "
                         "SELECT $1, 'base', ARRAY (SELECT json_array_elements_text ($2::json)) "
                         "WHERE NOT EXISTS (SELECT 1 FROM lora_trigger_sets WHERE lineage_id = $1)",
                         2, values, error))
      return FALSE;
  }

  entry->model_id = g_ascii_strtoll (model_id, NULL, 10);
  return TRUE;
}

/* Scanning a folder ---------------------------------------------------------------------- */

static void
collect_files (GFile        *dir,
               guint         depth,
               GPtrArray    *files,
               GCancellable *cancellable,
               GError      **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  GFileInfo *info;
  GFile *child;

  enumerator = g_file_enumerate_children (dir,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN,
                                          G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (enumerator == NULL)
    return;

  while (g_file_enumerator_iterate (enumerator, &info, &child, cancellable, NULL) && info)
    {
      const char *name = g_file_info_get_name (info);

      if (g_file_info_get_is_hidden (info))
        continue;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY && depth < MAX_DEPTH)
        collect_files (child, depth + 1, files, cancellable, NULL);
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
        {
          g_autofree char *lower = g_ascii_strdown (name, -1);

          if (g_str_has_suffix (lower, ".safetensors"))
            g_ptr_array_add (files, g_object_ref (child));
        }
    }
}

static int
compare_facts (gconstpointer a,
               gconstpointer b)
{
  const LkLoraFacts *fa = *(LkLoraFacts **)a;
  const LkLoraFacts *fb = *(LkLoraFacts **)b;

  return g_strcmp0 (fa->path, fb->path);
}

static void
read_folder_worker (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GFile *folder = task_data;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) facts = g_ptr_array_new_with_free_func ((GDestroyNotify)_lk_lora_facts_free);
  g_autoptr(GError) error = NULL;

  collect_files (folder, 0, files, cancellable, &error);
  if (error != NULL)
    {
      g_autofree char *path = g_file_get_path (folder);

      g_task_return_new_error (task, error->domain, error->code,
                               _("Cannot read the LoRA folder %s: %s"), path, error->message);
      return;
    }

  for (guint i = 0; i < files->len; i++)
    {
      if (g_task_return_error_if_cancelled (task))
        return;
      g_ptr_array_add (facts, _lk_lora_facts_read (g_ptr_array_index (files, i), folder,
                                                   cancellable));
    }

  g_ptr_array_sort (facts, compare_facts);
  g_task_return_pointer (task, g_steal_pointer (&facts), (GDestroyNotify)g_ptr_array_unref);
}

static gboolean
register_all_work (PGconn          *conn,
                   gpointer         task_data,
                   GCancellable    *cancellable,
                   gpointer        *result,
                   GDestroyNotify  *result_free,
                   GError         **error)
{
  GPtrArray *facts = task_data;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)lk_scan_entry_free);

  for (guint i = 0; i < facts->len; i++)
    {
      LkLoraFacts *f = g_ptr_array_index (facts, i);
      LkScanEntry *entry = g_new0 (LkScanEntry, 1);
      g_autoptr(GError) local_error = NULL;

      g_ptr_array_add (entries, entry);
      entry->path = g_strdup (f->path);
      entry->name = g_strdup (f->name);
      entry->sha256 = g_strdup (f->sha256);
      entry->base_model = g_strdup (f->base_model);
      entry->lineage = g_strdup (f->lineage);

      if (f->error != NULL)
        {
          entry->outcome = LK_SCAN_OUTCOME_FAILED;
          entry->message = g_strdup (f->error->message);
          continue;
        }

      /* One transaction per file: a file the catalog refuses does not undo the others. */
      if (!_lk_pg_command (conn, "BEGIN", 0, NULL, error))
        return FALSE;
      if (!_lk_catalog_register_lora_sync (conn, f, entry, &local_error)
          || !_lk_pg_command (conn, "COMMIT", 0, NULL, &local_error))
        {
          if (_lk_pg_connection_lost (conn))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          PQclear (PQexec (conn, "ROLLBACK"));
          entry->outcome = LK_SCAN_OUTCOME_FAILED;
          entry->model_id = 0;
          entry->message = g_strdup (local_error->message);
        }
    }

  *result = g_steal_pointer (&entries);
  *result_free = (GDestroyNotify)g_ptr_array_unref;
  return TRUE;
}

static void
folder_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LkCatalog *self = LK_CATALOG (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *facts;

  if (!(facts = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_set_task_data (task, facts, (GDestroyNotify)g_ptr_array_unref);
  _lk_catalog_queue (self, task, LK_CATALOG_WORK_WRITE, register_all_work);
}

void
lk_catalog_scan_loras_async (LkCatalog           *self,
                             GFile               *folder,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) read_task = NULL;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (G_IS_FILE (folder));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_catalog_scan_loras_async);

  if (lk_catalog_get_read_only (self))
    {
      g_task_return_new_error (task, LK_CATALOG_ERROR, LK_CATALOG_ERROR_READ_ONLY, "%s",
                               lk_catalog_get_notice (self));
      return;
    }

  /* Hashing takes long on big folders: read the files on a thread of their own, so other
   * catalog requests are not held up, then register them in one go. */
  read_task = g_task_new (self, cancellable, folder_read_cb, g_steal_pointer (&task));
  g_task_set_source_tag (read_task, lk_catalog_scan_loras_async);
  g_task_set_task_data (read_task, g_object_ref (folder), g_object_unref);
  g_task_run_in_thread (read_task, read_folder_worker);
}

GPtrArray *
lk_catalog_scan_loras_finish (LkCatalog     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
