/* lk-catalog-triggers.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The library's build sets a default domain; this file logs under its own name. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-catalog-triggers"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lk-catalog-private.h"
#include "lk-catalog-triggers.h"

/* A trigger word goes into every prompt; anything longer is a pasted paragraph. */
#define MAX_WORD_LENGTH 200

char **
lk_trigger_words_parse (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) parts = g_strsplit_set (text ? text : "", ",\n", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *word = g_strstrip (parts[i]);

      if (word[0] == '\0' || !g_hash_table_add (seen, word))
        continue;
      g_strv_builder_add (builder, word);
    }

  return g_strv_builder_end (builder);
}

typedef struct
{
  gint64   lora_id;
  char    *set_name;
  char   **words;
} TriggerData;

static void
trigger_data_free (TriggerData *data)
{
  g_free (data->set_name);
  g_strfreev (data->words);
  g_free (data);
}

static char *
words_to_json (const char * const *words)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; words[i] != NULL; i++)
    json_builder_add_string_value (builder, words[i]);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
set_trigger_words_work (PGconn          *conn,
                        gpointer         task_data,
                        GCancellable    *cancellable,
                        gpointer        *result,
                        GDestroyNotify  *result_free,
                        GError         **error)
{
  TriggerData *data = task_data;
  g_autofree char *lora = _lk_pg_int64_param (data->lora_id);
  g_autofree char *words_json = words_to_json ((const char * const *)data->words);
  g_autofree char *lineage = NULL;
  g_autoptr(PGresult) res = NULL;
  g_auto(GStrv) saved = NULL;
  LkTriggerSet *set;

  {
    const char *values[] = { lora };

    res = _lk_pg_exec (conn,
                       "SELECT m.name, m.type, d.lineage_id FROM ai_models m "
                       "LEFT JOIN model_details d ON d.model_id = m.id WHERE m.id = $1::bigint",
                       1, values, error);
    if (res == NULL)
      return FALSE;
    if (PQntuples (res) == 0)
      {
        g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND,
                     _("LoRA %s is not in the catalog any more. Choose the character again."),
                     lora);
        return FALSE;
      }
    if (g_strcmp0 (_lk_pg_str (res, 0, 1), "lora") != 0)
      {
        g_set_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_INVALID_DATA,
                     _("“%s” is a %s, not a LoRA; only a LoRA has trigger words."),
                     _lk_pg_str (res, 0, 0), _lk_pg_str (res, 0, 1));
        return FALSE;
      }
  }

  if (!_lk_pg_command (conn, "BEGIN", 0, NULL, error))
    return FALSE;

  if (!PQgetisnull (res, 0, 2))
    lineage = g_strdup (_lk_pg_str (res, 0, 2));
  else
    {
      /* Trigger words belong to a lineage; a LoRA registered by hand gets one of its own. */
      const char *values[] = { _lk_pg_str (res, 0, 0) };
      g_autoptr(PGresult) created = NULL;

      created = _lk_pg_exec (conn,
                             "INSERT INTO lora_lineages (name) VALUES ($1) "
                             "ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id",
                             1, values, error);
      if (created == NULL)
        return FALSE;
      lineage = g_strdup (_lk_pg_str (created, 0, 0));

      {
        const char *link[] = { lora, lineage };

        if (!_lk_pg_command (conn,
                             "INSERT INTO model_details (model_id, lineage_id) VALUES ($1, $2) "
                             "ON CONFLICT (model_id) DO UPDATE SET "
                             "  lineage_id = EXCLUDED.lineage_id, updated_at = now ()",
                             2, link, error))
          return FALSE;
      }
    }

  g_clear_pointer (&res, PQclear);
  {
    const char *values[] = { lineage, data->set_name, words_json };

    res = _lk_pg_exec (conn,
                       "INSERT INTO lora_trigger_sets (lineage_id, name, words, position) "
                       "SELECT $1, $2, ARRAY (SELECT json_array_elements_text ($3::json)), "
                       "  COALESCE ((SELECT max (position) + 1 FROM lora_trigger_sets "
                       "             WHERE lineage_id = $1), 0) "
                       "ON CONFLICT (lineage_id, name) DO UPDATE SET words = EXCLUDED.words "
                       "RETURNING id, name, to_json (words)",
                       3, values, error);
    if (res == NULL || !_lk_pg_command (conn, "COMMIT", 0, NULL, error))
      return FALSE;
  }

  set = _lk_trigger_set_new ();
  _lk_trigger_set_set_id (set, _lk_pg_int64 (res, 0, 0));
  _lk_trigger_set_set_name (set, _lk_pg_str (res, 0, 1));
  saved = _lk_pg_text_array (res, 0, 2);
  _lk_trigger_set_set_words (set, (const char * const *)saved);

  *result = set;
  *result_free = g_object_unref;
  return TRUE;
}

void
lk_catalog_set_trigger_words_async (LkCatalog           *self,
                                    gint64               lora_id,
                                    const char          *set_name,
                                    const char * const  *words,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *name = g_strstrip (g_strdup (set_name ? set_name : "base"));
  TriggerData *data;

  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (words != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_catalog_set_trigger_words_async);

  if (name[0] == '\0')
    {
      g_free (name);
      name = g_strdup ("base");
    }

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *word = g_strstrip (g_strdup (words[i]));

      if (word[0] == '\0' || g_hash_table_contains (seen, word))
        continue;
      if (!g_utf8_validate (word, -1, NULL) || g_utf8_strlen (word, -1) > MAX_WORD_LENGTH)
        {
          g_task_return_new_error (task, LK_CATALOG_ERROR, LK_CATALOG_ERROR_INVALID_DATA,
                                   _("A trigger word is longer than %d characters. Trigger "
                                     "words are short tags separated by commas."),
                                   MAX_WORD_LENGTH);
          return;
        }
      g_strv_builder_add (builder, word);
      g_hash_table_add (seen, g_steal_pointer (&word));
    }

  data = g_new0 (TriggerData, 1);
  data->lora_id = lora_id;
  data->set_name = g_steal_pointer (&name);
  data->words = g_strv_builder_end (builder);
  g_task_set_task_data (task, data, (GDestroyNotify)trigger_data_free);
  _lk_catalog_queue (self, task, LK_CATALOG_WORK_WRITE, set_trigger_words_work);
}

LkTriggerSet *
lk_catalog_set_trigger_words_finish (LkCatalog     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (LK_IS_CATALOG (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
