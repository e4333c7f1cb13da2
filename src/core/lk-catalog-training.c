/* lk-catalog-training.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the catalog knows for training a character's LoRA (caption words, base checkpoint,
 * the next version), and taking the trained file in. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-catalog-training"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "lk-catalog-private.h"
#include "lk-catalog-training.h"
#include "lk-file-hash.h"
#include "lk-training-set.h"

void
lk_outfit_trigger_free (LkOutfitTrigger *outfit)
{
  g_free (outfit->trigger);
  g_free (outfit);
}

void
lk_training_info_free (LkTrainingInfo *info)
{
  g_free (info->character_name);
  g_free (info->trigger_word);
  g_free (info->class_word);
  g_strfreev (info->traits);
  g_free (info->checkpoint_path);
  g_free (info->checkpoint_family);
  g_clear_pointer (&info->outfits, g_ptr_array_unref);
  g_free (info);
}

typedef struct
{
  gint64   character_id;
  char    *trigger_word;
  char    *class_word;
  char   **traits;
  char    *lora_path;
  char    *lora_folder;
  char    *who;
  char    *model_id;
  LkLoraFacts *facts;
} TrainingData;

static void
training_data_free (TrainingData *data)
{
  g_free (data->trigger_word);
  g_free (data->class_word);
  g_strfreev (data->traits);
  g_free (data->lora_path);
  g_free (data->lora_folder);
  g_free (data->who);
  g_free (data->model_id);
  g_clear_pointer (&data->facts, _lk_lora_facts_free);
  g_free (data);
}

/* The highest N of "…_vN" (also "…_vN-000004", kohya's per-epoch files) in @name. */
static guint
version_of (const char *name)
{
  static GRegex *regex;
  static gsize ready = 0;
  g_autoptr(GMatchInfo) match = NULL;
  guint version = 0;

  if (g_once_init_enter (&ready))
    {
      regex = g_regex_new ("_v(\\d+)(?:-\\d+)?(?:\\.safetensors)?$", G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&ready, 1);
    }

  if (name != NULL && g_regex_match (regex, name, 0, &match))
    {
      g_autofree char *digits = g_match_info_fetch (match, 1);

      version = (guint)MIN (strtoul (digits, NULL, 10), 100000);
    }

  return version;
}

/* Reading ---------------------------------------------------------------------------------- */

static gboolean
info_work (PGconn          *conn,
           gpointer         task_data,
           GCancellable    *cancellable,
           gpointer        *result,
           GDestroyNotify  *result_free,
           GError         **error)
{
  TrainingData *data = task_data;
  g_autofree char *id = _lk_pg_int64_param (data->character_id);
  const char *values[] = { id };
  g_autoptr(LkResolution) resolution = NULL;
  g_autoptr(PGresult) res = NULL;
  LkTrainingInfo *info;
  LkCharacter *character;
  LkModel *checkpoint;
  guint highest = 0;

  if (!(resolution = _lk_catalog_resolve_sync (conn, data->character_id, error)))
    return FALSE;

  res = _lk_pg_exec (conn,
                     "SELECT t.trigger_word, t.class_word, to_json (t.traits) "
                     "FROM character_training t WHERE t.character_id = $1", 1, values, error);
  if (res == NULL)
    return FALSE;

  character = lk_resolution_get_character (resolution);
  info = g_new0 (LkTrainingInfo, 1);
  info->character_id = data->character_id;
  info->character_name = g_strdup (lk_character_get_name (character));
  if (PQntuples (res) == 1)
    {
      info->trigger_word = g_strdup (_lk_pg_str (res, 0, 0));
      info->class_word = g_strdup (_lk_pg_str (res, 0, 1));
      info->traits = _lk_pg_text_array (res, 0, 2);
    }
  if (info->trigger_word == NULL)
    info->trigger_word = lk_training_set_default_trigger (info->character_name);
  if (info->class_word == NULL)
    info->class_word = g_strdup ("1girl");
  if (info->traits == NULL || info->traits[0] == NULL)
    {
      g_strfreev (info->traits);
      info->traits =
        lk_training_set_traits_from_description (lk_character_get_description (character));
    }

  if ((checkpoint = lk_resolution_get_checkpoint (resolution)) != NULL)
    {
      info->checkpoint_path = g_strdup (lk_model_get_file_path (checkpoint)
                                          ? lk_model_get_file_path (checkpoint)
                                          : lk_model_get_model_path (checkpoint));
      info->checkpoint_family = g_strdup (lk_model_get_base_model (checkpoint));
    }

  g_clear_pointer (&res, PQclear);
  res = _lk_pg_exec (conn,
                     "SELECT m.name, m.model_path, l.name FROM character_loras cl "
                     "JOIN ai_models m ON m.id = cl.model_id "
                     "LEFT JOIN model_details d ON d.model_id = m.id "
                     "LEFT JOIN lora_lineages l ON l.id = d.lineage_id "
                     "WHERE cl.character_id = $1 "
                     "UNION ALL SELECT output_name, NULL, NULL FROM training_runs "
                     "WHERE character_id = $1 AND status IN ('running', 'succeeded')",
                     1, values, error);
  if (res == NULL)
    {
      lk_training_info_free (info);
      return FALSE;
    }
  for (int i = 0; i < PQntuples (res); i++)
    for (int col = 0; col < 3; col++)
      highest = MAX (highest, version_of (_lk_pg_str (res, i, col)));
  info->next_version = highest + 1;

  g_clear_pointer (&res, PQclear);
  res = _lk_pg_exec (conn,
                     "SELECT trigger_word, repeats FROM character_outfit_triggers "
                     "WHERE character_id = $1 ORDER BY trigger_word", 1, values, error);
  if (res == NULL)
    {
      lk_training_info_free (info);
      return FALSE;
    }
  info->outfits = g_ptr_array_new_with_free_func ((GDestroyNotify)lk_outfit_trigger_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      LkOutfitTrigger *outfit = g_new0 (LkOutfitTrigger, 1);

      outfit->trigger = g_strdup (_lk_pg_str (res, i, 0));
      outfit->repeats = (guint)CLAMP (_lk_pg_int64 (res, i, 1), 1, 1000);
      g_ptr_array_add (info->outfits, outfit);
    }

  *result = info;
  *result_free = (GDestroyNotify)lk_training_info_free;
  return TRUE;
}

void
lk_catalog_get_training_info_async (LkCatalog           *self,
                                    gint64               character_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  TrainingData *data;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (character_id > 0);

  data = g_new0 (TrainingData, 1);
  data->character_id = character_id;

  _lk_catalog_run (self, lk_catalog_get_training_info_async,
                   data, (GDestroyNotify)training_data_free, LK_CATALOG_WORK_READ, info_work,
                   cancellable, callback, user_data);
}

LkTrainingInfo *
lk_catalog_get_training_info_finish (LkCatalog     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Caption words ---------------------------------------------------------------------------- */

static char *
strv_to_pg_array (char **words)
{
  GString *array = g_string_new ("{");

  for (guint i = 0; words && words[i]; i++)
    {
      g_string_append (array, i > 0 ? ",\"" : "\"");
      for (const char *p = words[i]; *p; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (array, '\\');
          g_string_append_c (array, *p);
        }
      g_string_append_c (array, '"');
    }
  g_string_append_c (array, '}');

  return g_string_free (array, FALSE);
}

static gboolean
words_work (PGconn          *conn,
            gpointer         task_data,
            GCancellable    *cancellable,
            gpointer        *result,
            GDestroyNotify  *result_free,
            GError         **error)
{
  TrainingData *data = task_data;
  g_autofree char *id = _lk_pg_int64_param (data->character_id);
  g_autofree char *traits = strv_to_pg_array (data->traits);
  const char *values[] = { id, data->trigger_word, data->class_word, traits };

  return _lk_pg_command (conn,
                         "INSERT INTO character_training (character_id, trigger_word, "
                         "  class_word, traits) VALUES ($1, $2, $3, $4::text[]) "
                         "ON CONFLICT (character_id) DO UPDATE SET "
                         "  trigger_word = EXCLUDED.trigger_word, "
                         "  class_word = EXCLUDED.class_word, traits = EXCLUDED.traits, "
                         "  updated_at = now ()", 4, values, error);
}

void
lk_catalog_set_training_words_async (LkCatalog           *self,
                                     gint64               character_id,
                                     const char          *trigger_word,
                                     const char          *class_word,
                                     const char * const  *traits,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  TrainingData *data;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (character_id > 0);
  g_return_if_fail (trigger_word != NULL && *trigger_word != '\0');
  g_return_if_fail (class_word != NULL && *class_word != '\0');

  data = g_new0 (TrainingData, 1);
  data->character_id = character_id;
  data->trigger_word = g_strdup (trigger_word);
  data->class_word = g_strdup (class_word);
  data->traits = g_strdupv ((char **)traits);

  _lk_catalog_run (self, lk_catalog_set_training_words_async,
                   data, (GDestroyNotify)training_data_free, LK_CATALOG_WORK_WRITE, words_work,
                   cancellable, callback, user_data);
}

gboolean
lk_catalog_set_training_words_finish (LkCatalog     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Registering a trained LoRA --------------------------------------------------------------- */

static gboolean
place_in_folder (TrainingData  *data,
                 GCancellable  *cancellable,
                 GFile        **placed,
                 GError       **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (data->lora_path);
  g_autoptr(GFile) folder = g_file_new_for_path (data->lora_folder);
  g_autofree char *name = g_file_get_basename (source);
  g_autoptr(GFile) dest = g_file_get_child (folder, name);
  g_autofree char *source_hash = NULL;
  g_autofree char *dest_hash = NULL;

  if (g_file_has_prefix (source, folder))
    {
      *placed = g_steal_pointer (&source);
      return TRUE;
    }

  if (g_file_query_exists (dest, cancellable))
    {
      if (!(source_hash = lk_file_sha256 (source, cancellable, error)) ||
          !(dest_hash = lk_file_sha256 (dest, cancellable, error)))
        return FALSE;
      if (strcmp (source_hash, dest_hash) != 0)
        {
          g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_INVALID_DATA,
                       _("The LoRA folder already has another file called %s. Rename the new "
                         "LoRA, or move the old one away, and register it again."), name);
          return FALSE;
        }
    }
  else
    {
      g_autofree char *tmp_name = g_strdup_printf (".%s.part", name);
      g_autoptr(GFile) tmp = g_file_get_child (folder, tmp_name);

      /* copied under a hidden name and renamed, so a server never loads half a file */
      if (!g_file_make_directory_with_parents (folder, cancellable, NULL) &&
          !g_file_query_exists (folder, cancellable))
        {
          g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_INVALID_DATA,
                       _("Cannot create the LoRA folder %s."), data->lora_folder);
          return FALSE;
        }
      if (!g_file_copy (source, tmp, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, error) ||
          !g_file_move (tmp, dest, G_FILE_COPY_NONE, cancellable, NULL, NULL, error))
        {
          g_file_delete (tmp, NULL, NULL);
          g_prefix_error (error, _("Cannot copy the LoRA into %s: "), data->lora_folder);
          return FALSE;
        }
    }

  *placed = g_steal_pointer (&dest);
  return TRUE;
}

static void
read_lora_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TrainingData *data = task_data;
  g_autoptr(GFile) placed = NULL;
  g_autoptr(GFile) folder = NULL;
  const GError *facts_error;
  GError *error = NULL;

  if (data->lora_folder != NULL)
    {
      if (!place_in_folder (data, cancellable, &placed, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      folder = g_file_new_for_path (data->lora_folder);
    }
  else
    placed = g_file_new_for_path (data->lora_path);

  data->facts = _lk_lora_facts_read (placed, folder, cancellable);
  if ((facts_error = _lk_lora_facts_get_error (data->facts)) != NULL)
    {
      g_task_return_error (task, g_error_copy (facts_error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static gboolean
register_work (PGconn          *conn,
               gpointer         task_data,
               GCancellable    *cancellable,
               gpointer        *result,
               GDestroyNotify  *result_free,
               GError         **error)
{
  TrainingData *data = task_data;
  g_autoptr(LkScanEntry) entry = g_new0 (LkScanEntry, 1);

  if (!_lk_pg_command (conn, "BEGIN", 0, NULL, error))
    return FALSE;
  if (!_lk_catalog_register_lora_sync (conn, data->facts, entry, error)
      || !_lk_pg_command (conn, "COMMIT", 0, NULL, error))
    {
      PQclear (PQexec (conn, "ROLLBACK"));
      return FALSE;
    }

  *result = _lk_pg_int64_param (entry->model_id);
  *result_free = g_free;
  return TRUE;
}

static void
assigned_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  LkResolution *resolution;

  if (!(resolution = lk_catalog_assign_lora_finish (LK_CATALOG (object), result, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, resolution, g_object_unref);
}

static void
registered_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LkCatalog *self = LK_CATALOG (object);
  g_autoptr(GTask) task = user_data;
  TrainingData *data = g_task_get_task_data (task);
  GError *error = NULL;
  char *model_id;

  if (!(model_id = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  data->model_id = model_id;

  lk_catalog_assign_lora_async (self, data->character_id, data->model_id, 0.8, 0.8, data->who,
                                g_task_get_cancellable (task), assigned_cb,
                                g_object_ref (task));
}

static void
lora_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LkCatalog *self = LK_CATALOG (object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Borrows @task's data: the ref handed to registered_cb keeps it alive while the work runs. */
  _lk_catalog_run (self, lk_catalog_register_trained_lora_async, g_task_get_task_data (task), NULL,
                   LK_CATALOG_WORK_WRITE, register_work,
                   g_task_get_cancellable (task), registered_cb, g_object_ref (task));
}

void
lk_catalog_register_trained_lora_async (LkCatalog           *self,
                                        gint64               character_id,
                                        const char          *lora_path,
                                        const char          *lora_folder,
                                        const char          *who,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) read_task = NULL;
  TrainingData *data;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (character_id > 0);
  g_return_if_fail (lora_path != NULL);

  data = g_new0 (TrainingData, 1);
  data->character_id = character_id;
  data->lora_path = g_canonicalize_filename (lora_path, NULL);
  data->lora_folder = lora_folder ? g_canonicalize_filename (lora_folder, NULL) : NULL;
  data->who = g_strdup (who);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_catalog_register_trained_lora_async);
  g_task_set_task_data (task, data, (GDestroyNotify)training_data_free);

  if (lk_catalog_get_read_only (self))
    {
      g_task_return_new_error (task, LK_CATALOG_ERROR, LK_CATALOG_ERROR_READ_ONLY, "%s",
                               lk_catalog_get_notice (self));
      return;
    }

  read_task = g_task_new (self, cancellable, lora_read_cb, g_steal_pointer (&task));
  g_task_set_source_tag (read_task, lk_catalog_register_trained_lora_async);
  g_task_set_task_data (read_task, data, NULL);
  g_task_run_in_thread (read_task, read_lora_worker);
}

LkResolution *
lk_catalog_register_trained_lora_finish (LkCatalog     *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
