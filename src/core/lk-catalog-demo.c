/* lk-catalog-demo.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-catalog-private.h"
#include "lk-paths.h"

#define DEMO_LORA_NAME "mei_working_v1.safetensors"

/**
 * _lk_catalog_dup_demo_lora:
 *
 * The demo LoRA file: in `LORAKEET_DEMO_DIR` when set (the build tree), else the installed
 * copy in the package data folder.
 *
 * Returns: (transfer full): the file; it may not exist
 */
GFile *
_lk_catalog_dup_demo_lora (void)
{
  const char *dir = g_getenv ("LORAKEET_DEMO_DIR");

  if (dir != NULL && *dir != '\0')
    return g_file_new_build_filename (dir, DEMO_LORA_NAME, NULL);

  return g_file_new_build_filename (PKGDATADIR, "demo", "loras", DEMO_LORA_NAME, NULL);
}

static gboolean
register_demo_lora (PGconn        *conn,
                    GFile         *demo_lora,
                    GCancellable  *cancellable,
                    char         **model_id,
                    GError       **error)
{
  g_autoptr(GFile) folder = g_file_get_parent (demo_lora);
  g_autoptr(LkLoraFacts) facts = NULL;
  g_autoptr(LkScanEntry) entry = g_new0 (LkScanEntry, 1);
  g_autoptr(PGresult) res = NULL;
  g_autofree char *path = g_file_get_path (demo_lora);

  if (g_file_query_exists (demo_lora, cancellable))
    {
      facts = _lk_lora_facts_read (demo_lora, folder, cancellable);
      if (_lk_lora_facts_get_error (facts) == NULL)
        {
          if (!_lk_catalog_register_lora_sync (conn, facts, entry, error))
            return FALSE;
          *model_id = _lk_pg_int64_param (entry->model_id);
          return TRUE;
        }
      g_message ("The demo LoRA %s cannot be read: %s", path, _lk_lora_facts_get_error (facts)->message);
    }
  else
    g_message ("The demo LoRA %s is missing; the demo catalog names it without its file facts",
               path);

  /* Without a readable file the row still exists, so the demo studio is complete. */
  {
    const char *values[] = { DEMO_LORA_NAME, path };

    res = _lk_pg_exec (conn,
                       "WITH existing AS (SELECT id FROM ai_models "
                       "                  WHERE type = 'lora' AND model_path = $1 LIMIT 1), "
                       "inserted AS (INSERT INTO ai_models (name, type, model_path, file_path) "
                       "             SELECT 'mei_working_v1', 'lora', $1, $2 "
                       "             WHERE NOT EXISTS (SELECT 1 FROM existing) RETURNING id) "
                       "SELECT id FROM existing UNION ALL SELECT id FROM inserted",
                       2, values, error);
    if (res == NULL)
      return FALSE;
    *model_id = g_strdup (_lk_pg_str (res, 0, 0));
  }

  return TRUE;
}

/**
 * _lk_catalog_install_demo_sync:
 * @conn: a connection to a migrated catalog, outside any transaction
 * @demo_lora: (nullable): the demo LoRA file, %NULL for _lk_catalog_dup_demo_lora()
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Adds the demo studio in one transaction. Blocking. Idempotent.
 *
 * Returns: %TRUE on success
 */
gboolean
_lk_catalog_install_demo_sync (PGconn        *conn,
                               GFile         *demo_lora,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autofree char *sql_dir = lk_paths_dup_sql_dir ();
  g_autofree char *seed_path = g_build_filename (sql_dir, "demo-studio.sql", NULL);
  g_autofree char *seed = NULL;
  g_autofree char *model_id = NULL;
  g_autoptr(GFile) default_lora = NULL;

  if (!g_file_get_contents (seed_path, &seed, NULL, error))
    {
      g_prefix_error (error, _("The demo studio cannot be installed: "));
      return FALSE;
    }

  if (demo_lora == NULL)
    demo_lora = default_lora = _lk_catalog_dup_demo_lora ();

  if (!_lk_pg_command (conn, "BEGIN", 0, NULL, error))
    return FALSE;

  if (!_lk_pg_exec_script (conn, seed, error)
      || !register_demo_lora (conn, demo_lora, cancellable, &model_id, error))
    goto fail;

  {
    const char *values[] = { model_id };

    /* Mei gets her LoRA; the studio's profile carried it too, which Lorakeet ignores for
     * everyone else. Plus an outfit set next to the base trigger words. */
    if (!_lk_pg_command (conn,
                         "INSERT INTO character_loras (character_id, project_id, model_id, "
                         "  is_current, promoted_by, promoted_at) "
                         "SELECT c.id, c.project_id, $1, true, 'demo', now () "
                         "FROM characters c JOIN projects p ON p.id = c.project_id "
                         "WHERE c.name = 'Mei Kobayashi' AND p.name = 'Tokyo Debt Desire' "
                         "  AND NOT EXISTS (SELECT 1 FROM character_loras cl "
                         "                  WHERE cl.character_id = c.id AND cl.is_current) "
                         "ON CONFLICT (character_id, project_id, model_id) DO NOTHING",
                         1, values, error)
        || !_lk_pg_command (conn,
                            "UPDATE generation_profiles SET lora_id = $1 "
                            "WHERE name = 'tokyo_debt_realism' AND lora_id IS NULL",
                            1, values, error)
        || !_lk_pg_command (conn,
                            "INSERT INTO lora_trigger_sets (lineage_id, name, words, position) "
                            "SELECT d.lineage_id, 'office outfit', "
                            "  ARRAY['office lady', 'white blouse', 'pencil skirt', 'lanyard'], 1 "
                            "FROM model_details d WHERE d.model_id = $1 "
                            "  AND d.lineage_id IS NOT NULL "
                            "ON CONFLICT (lineage_id, name) DO NOTHING", 1, values, error))
      goto fail;
  }

  return _lk_pg_command (conn, "COMMIT", 0, NULL, error);

fail:
  if (!_lk_pg_connection_lost (conn))
    PQclear (PQexec (conn, "ROLLBACK"));
  return FALSE;
}

static gboolean
install_demo_work (PGconn          *conn,
                   gpointer         task_data,
                   GCancellable    *cancellable,
                   gpointer        *result,
                   GDestroyNotify  *result_free,
                   GError         **error)
{
  return _lk_catalog_install_demo_sync (conn, task_data, cancellable, error);
}

void
lk_catalog_install_demo_async (LkCatalog           *self,
                               GFile               *demo_lora,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (LK_IS_CATALOG (self));
  g_return_if_fail (!demo_lora || G_IS_FILE (demo_lora));

  _lk_catalog_run (self, lk_catalog_install_demo_async,
                   demo_lora ? g_object_ref (demo_lora) : NULL, g_object_unref,
                   LK_CATALOG_WORK_WRITE, install_demo_work, cancellable, callback, user_data);
}

gboolean
lk_catalog_install_demo_finish (LkCatalog     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
