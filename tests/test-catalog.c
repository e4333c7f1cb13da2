/* test-catalog.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lk-catalog.h"
#include "lk-trigger-set.h"
#include "lk-test-pg.h"

static const char *make_lora_program;
static char *demo_lora_path;

/* Async plumbing ------------------------------------------------------------------------- */

static LkCatalog *
open_catalog (const char          *conninfo,
              LkCatalogOpenFlags   flags,
              GError             **error)
{
  g_autoptr(LkCatalog) catalog = lk_catalog_new (conninfo);
  g_autoptr(GAsyncResult) result = NULL;
  LkTestAsync wait = { 0 };

  lk_catalog_open_async (catalog, flags, NULL, lk_test_async_cb, &wait);
  result = lk_test_async_wait (&wait, 30);
  if (!lk_catalog_open_finish (catalog, result, error))
    return NULL;
  return g_steal_pointer (&catalog);
}

static LkCharacter *
find (LkCatalog   *catalog,
      const char  *name,
      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  LkTestAsync wait = { 0 };

  lk_catalog_find_character_async (catalog, name, NULL, lk_test_async_cb, &wait);
  result = lk_test_async_wait (&wait, 30);
  return lk_catalog_find_character_finish (catalog, result, error);
}

static LkResolution *
resolve (LkCatalog  *catalog,
         const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCharacter) character = find (catalog, name, &error);
  g_autoptr(GAsyncResult) result = NULL;
  LkResolution *resolution;
  LkTestAsync wait = { 0 };

  g_assert_no_error (error);
  lk_catalog_resolve_async (catalog, lk_character_get_id (character), NULL, lk_test_async_cb, &wait);
  result = lk_test_async_wait (&wait, 30);
  resolution = lk_catalog_resolve_finish (catalog, result, &error);
  g_assert_no_error (error);
  return resolution;
}

static void
assert_query (LkTestDb   *db,
              const char *sql,
              const char *expected)
{
  g_autofree char *value = lk_test_db_query_value (db, sql);

  g_assert_cmpstr (value, ==, expected);
}

static gboolean
strv_has_substring (const char * const *strv,
                    const char         *needle)
{
  for (guint i = 0; strv && strv[i]; i++)
    if (strstr (strv[i], needle) != NULL)
      return TRUE;
  return FALSE;
}

/* Tests ---------------------------------------------------------------------------------- */

static void
test_open_unreachable_names_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCatalog) catalog = open_catalog ("host=127.0.0.1 port=1 connect_timeout=3",
                                               LK_CATALOG_OPEN_NONE, &error);

  g_assert_null (catalog);
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "127.0.0.1:1"));
  g_assert_nonnull (strstr (error->message, "refused"));
}

static void
test_open_unmigrated_database_is_outdated (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCatalog) catalog = open_catalog (db->conninfo, LK_CATALOG_OPEN_NONE, &error);

  g_assert_null (catalog);
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_SCHEMA_OUTDATED);
}

static void
test_open_newer_schema_is_read_only (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCatalog) catalog = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) characters = NULL;
  g_autoptr(GAsyncResult) list_result = NULL;
  LkTestAsync wait = { 0 };
  LkTestAsync list_wait = { 0 };

  lk_test_db_migrate (db);
  lk_test_db_exec (db, "INSERT INTO schema_migrations (version, name, checksum) "
                       "VALUES (9999, '9999-from-the-future', 'x')");

  catalog = open_catalog (db->conninfo, LK_CATALOG_OPEN_MIGRATE, &error);
  g_assert_no_error (error);
  g_assert_true (lk_catalog_get_read_only (catalog));
  g_assert_nonnull (strstr (lk_catalog_get_notice (catalog), "newer Lorakeet"));

  /* Reading still works; changing does not. */
  lk_catalog_list_characters_async (catalog, 0, NULL, lk_test_async_cb, &list_wait);
  list_result = lk_test_async_wait (&list_wait, 30);
  characters = lk_catalog_list_characters_finish (catalog, list_result, &error);
  g_assert_no_error (error);

  lk_catalog_assign_lora_async (catalog, 1, "x", 0.8, 0.8, NULL, NULL, lk_test_async_cb, &wait);
  result = lk_test_async_wait (&wait, 30);
  g_assert_null (lk_catalog_assign_lora_finish (catalog, result, &error));
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_READ_ONLY);
}

static void
test_resolve_mei_gets_her_own_lora (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(LkCatalog) catalog = lk_test_open_demo_catalog (db->conninfo, demo_lora_path);
  g_autoptr(LkResolution) resolution = resolve (catalog, "mei");
  LkModel *lora = lk_resolution_get_lora (resolution);
  GListModel *sets = lk_resolution_get_trigger_sets (resolution);
  g_autoptr(LkTriggerSet) base = NULL;

  g_assert_cmpstr (lk_character_get_name (lk_resolution_get_character (resolution)), ==,
                   "Mei Kobayashi");
  g_assert_cmpstr (lk_project_get_name (lk_resolution_get_project (resolution)), ==,
                   "Tokyo Debt Desire");
  g_assert_cmpstr (lk_profile_get_name (lk_resolution_get_profile (resolution)), ==,
                   "tokyo_debt_realism");
  g_assert_nonnull (lk_resolution_get_checkpoint (resolution));
  g_assert_cmpstr (lk_template_get_lora_loader_node (lk_resolution_get_template (resolution)), ==,
                   "10");
  g_assert_nonnull (lora);
  g_assert_cmpstr (lk_model_get_name (lora), ==, "mei_working_v1");
  g_assert_cmpstr (lk_model_get_base_model (lora), ==, "sd15");
  g_assert_cmpuint (strlen (lk_model_get_sha256 (lora)), ==, 64);
  g_assert_cmpint (lk_model_get_epoch (lora), ==, 10);
  g_assert_cmpfloat_with_epsilon (lk_resolution_get_strength_model (resolution), 0.8, 1e-6);
  g_assert_cmpfloat_with_epsilon (lk_resolution_get_strength_clip (resolution), 0.8, 1e-6);

  g_assert_cmpuint (g_list_model_get_n_items (sets), ==, 2);
  base = g_list_model_get_item (sets, 0);
  g_assert_cmpstr (lk_trigger_set_get_name (base), ==, "base");
  g_assert_true (g_strv_contains (lk_trigger_set_get_words (base), "mei kobayashi"));
  g_assert_cmpuint (g_strv_length ((char **)lk_resolution_get_warnings (resolution)), ==, 0);
}

static void
test_resolve_character_without_lora_gets_none (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(LkCatalog) catalog = lk_test_open_demo_catalog (db->conninfo, demo_lora_path);
  g_autoptr(LkResolution) rina = resolve (catalog, "Rina Suzuki");
  g_autoptr(LkResolution) slayer = resolve (catalog, "goblin slayer");

  /* The profile still carries Mei's LoRA, as the studio had it; Rina must not get it. */
  g_assert_null (lk_resolution_get_lora (rina));
  g_assert_cmpuint (g_list_model_get_n_items (lk_resolution_get_trigger_sets (rina)), ==, 0);
  g_assert_true (strv_has_substring (lk_resolution_get_warnings (rina), "base model only"));
  g_assert_null (lk_resolution_get_lora (slayer));
  g_assert_cmpstr (lk_template_get_kind (lk_resolution_get_template (slayer)), ==, "video");
}

static void
test_find_ambiguous_lists_candidates (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(LkCatalog) catalog = lk_test_open_demo_catalog (db->conninfo, demo_lora_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCharacter) none = find (catalog, "a", &error);

  g_assert_null (none);
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_AMBIGUOUS);
  g_assert_nonnull (strstr (error->message, "Mei Kobayashi"));
  g_assert_nonnull (strstr (error->message, "Takeshi Sato"));
  g_clear_error (&error);

  g_assert_null (find (catalog, "Nobody Here", &error));
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND);
}

static void
test_broken_template_reported_for_its_item (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(LkCatalog) catalog = lk_test_open_demo_catalog (db->conninfo, demo_lora_path);
  g_autoptr(LkResolution) broken = NULL;
  g_autoptr(LkResolution) mei = NULL;

  lk_test_db_exec (db,
                   "INSERT INTO video_workflow_templates (name, workflow_template) "
                   "VALUES ('pasted_wrong', '\"{\\\"10\\\": {}}\"');"
                   "INSERT INTO generation_profiles (name, video_workflow_template_id) "
                   "SELECT 'broken_profile', id FROM video_workflow_templates "
                   "WHERE name = 'pasted_wrong';"
                   "INSERT INTO projects (name) VALUES ('Side Story');"
                   "INSERT INTO project_profiles (project_id, profile_id) "
                   "SELECT p.id, gp.id FROM projects p, generation_profiles gp "
                   "WHERE p.name = 'Side Story' AND gp.name = 'broken_profile';"
                   "INSERT INTO characters (name, project_id) "
                   "SELECT 'Kenji Side', id FROM projects WHERE name = 'Side Story'");

  broken = resolve (catalog, "Kenji Side");
  g_assert_nonnull (lk_template_get_problem (lk_resolution_get_template (broken)));
  g_assert_true (strv_has_substring (lk_resolution_get_warnings (broken), "pasted_wrong"));
  g_assert_true (strv_has_substring (lk_resolution_get_warnings (broken), "no checkpoint"));

  mei = resolve (catalog, "Mei Kobayashi");
  g_assert_null (lk_template_get_problem (lk_resolution_get_template (mei)));
  g_assert_nonnull (lk_resolution_get_lora (mei));
}

static void
make_lora (const char  *dir,
           const char  *file_name,
           const char  *output_name,
           const char  *base_model,
           const char  *epoch)
{
  g_autofree char *path = g_build_filename (dir, file_name, NULL);
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { make_lora_program, "--output-name", output_name, "--base-model",
                         base_model, "--epoch", epoch, "--session-id", "42",
                         "--tags", "rina suzuki:10,1girl:10", path, NULL };

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

static GPtrArray *
scan (LkCatalog  *catalog,
      const char *dir)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;
  LkTestAsync wait = { 0 };

  lk_catalog_scan_loras_async (catalog, folder, NULL, lk_test_async_cb, &wait);
  result = lk_test_async_wait (&wait, 30);
  entries = lk_catalog_scan_loras_finish (catalog, result, &error);
  g_assert_no_error (error);
  return entries;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_scan_registers_versions_and_reports_broken_files (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(LkCatalog) catalog = lk_test_open_demo_catalog (db->conninfo, demo_lora_path);
  g_autofree char *dir = g_dir_make_tmp ("lk-loras-XXXXXX", NULL);
  g_autofree char *truncated = g_build_filename (dir, "truncated.safetensors", NULL);
  g_autofree char *garbage = g_build_filename (dir, "garbage.safetensors", NULL);
  g_autofree char *v1 = g_build_filename (dir, "rina_v1-000004.safetensors", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) again = NULL;
  gsize length;

  make_lora (dir, "rina_v1-000004.safetensors", "rina_v1", "sd_v1", "4");
  make_lora (dir, "rina_v1.safetensors", "rina_v1", "sd_v1", "8");
  make_lora (dir, "rina_xl.safetensors", "rina_xl", "sdxl_base_v1-0", "8");
  g_file_get_contents (v1, &contents, &length, NULL);
  g_file_set_contents (truncated, contents, length / 2 > 16 ? 16 : length / 2, NULL);
  g_file_set_contents (garbage, "\x10\x00\x00\x00\x00\x00\x00\x00not json at all!", 24, NULL);

  entries = scan (catalog, dir);
  g_assert_cmpuint (entries->len, ==, 5);
  for (guint i = 0; i < entries->len; i++)
    {
      LkScanEntry *e = g_ptr_array_index (entries, i);

      if (g_str_has_suffix (e->path, "truncated.safetensors")
          || g_str_has_suffix (e->path, "garbage.safetensors"))
        {
          g_assert_cmpint (e->outcome, ==, LK_SCAN_OUTCOME_FAILED);
          g_assert_nonnull (e->message);
        }
      else
        {
          g_assert_cmpint (e->outcome, ==, LK_SCAN_OUTCOME_ADDED);
          g_assert_cmpuint (strlen (e->sha256), ==, 64);
        }
    }

  /* Both epochs of one run share a lineage; a second scan updates instead of duplicating. */
  assert_query (db, "SELECT count (DISTINCT d.lineage_id) || '/' || count (*) "
                    "FROM model_details d JOIN lora_lineages l ON l.id = d.lineage_id "
                    "WHERE l.name = 'rina_v1'", "1/2");
  again = scan (catalog, dir);
  g_assert_cmpint (((LkScanEntry *)g_ptr_array_index (again, 2))->outcome, ==,
                   LK_SCAN_OUTCOME_UPDATED);
  assert_query (db, "SELECT count (*) FROM ai_models WHERE type = 'lora'", "4");

  /* Promote the SDXL version to Rina: it is hers now, with a warning about the checkpoint. */
  {
    g_autoptr(LkCharacter) rina = find (catalog, "Rina", NULL);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(LkResolution) resolution = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(LkResolution) mei = NULL;
    LkTestAsync wait = { 0 };

    lk_catalog_assign_lora_async (catalog, lk_character_get_id (rina), "rina_xl", 0.6, 0.5,
                                  "tester", NULL, lk_test_async_cb, &wait);
    result = lk_test_async_wait (&wait, 30);
    resolution = lk_catalog_assign_lora_finish (catalog, result, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (lk_model_get_name (lk_resolution_get_lora (resolution)), ==, "rina_xl");
    g_assert_cmpfloat_with_epsilon (lk_resolution_get_strength_model (resolution), 0.6, 1e-6);
    g_assert_cmpfloat_with_epsilon (lk_resolution_get_strength_clip (resolution), 0.5, 1e-6);
    g_assert_true (strv_has_substring (lk_resolution_get_warnings (resolution), "SDXL"));

    /* Mei keeps hers. */
    mei = resolve (catalog, "Mei");
    g_assert_cmpstr (lk_model_get_name (lk_resolution_get_lora (mei)), ==, "mei_working_v1");
  }

  remove_dir (dir);
}

typedef struct
{
  gboolean  changed;
  char     *table;
} ChangedData;

static void
changed_cb (LkCatalog   *catalog,
            const char  *table,
            gint64       id,
            ChangedData *data)
{
  if (table != NULL && g_str_equal (table, "character_loras"))
    data->changed = TRUE;
}

static void
notify_flag_cb (GObject    *object,
                GParamSpec *pspec,
                gboolean   *flag)
{
  *flag = TRUE;
}

static LkCharacter *
find_in_model (GListModel *model,
               const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LkCharacter) c = g_list_model_get_item (model, i);

      if (g_str_equal (lk_character_get_name (c), name))
        return c;
    }
  return NULL;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gboolean   *flag)
{
  *flag = TRUE;
}

static void
test_live_change_reaches_second_client (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(LkCatalog) writer = lk_test_open_demo_catalog (db->conninfo, demo_lora_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCatalog) reader = open_catalog (db->conninfo, LK_CATALOG_OPEN_NONE, &error);
  GListModel *characters;
  LkCharacter *rina;
  ChangedData data = { 0 };
  gboolean filled = FALSE;
  gboolean rina_changed = FALSE;

  g_assert_no_error (error);
  g_assert_true (lk_catalog_get_connected (writer));
  g_assert_true (lk_catalog_get_connected (reader));
  g_signal_connect (reader, "changed", G_CALLBACK (changed_cb), &data);

  characters = lk_catalog_get_characters (reader);
  g_signal_connect (characters, "items-changed", G_CALLBACK (items_changed_cb), &filled);
  lk_test_wait_for (&filled, 10);
  g_assert_cmpuint (g_list_model_get_n_items (characters), ==, 5);
  rina = find_in_model (characters, "Rina Suzuki");
  g_assert_false (lk_character_get_has_lora (rina));
  g_signal_connect (rina, "notify::has-lora", G_CALLBACK (notify_flag_cb), &rina_changed);

  /* Another client (here plain SQL, as the studio's tools would) gives Rina a LoRA. */
  lk_test_db_exec (db, "INSERT INTO character_loras (character_id, project_id, model_id, "
                       "  is_current) "
                       "SELECT c.id, c.project_id, m.id, true FROM characters c, ai_models m "
                       "WHERE c.name = 'Rina Suzuki' AND m.name = 'mei_working_v1'");

  lk_test_wait_for (&data.changed, 10);
  lk_test_wait_for (&rina_changed, 10);
  g_assert_true (lk_character_get_has_lora (rina));
  /* Updated in place: the same object, the same list. */
  g_assert_true (find_in_model (characters, "Rina Suzuki") == rina);

  /* A new project shows up in the live project list, in one batch. */
  {
    GListModel *projects = lk_catalog_get_projects (reader);
    gboolean projects_changed = FALSE;

    g_signal_connect (projects, "items-changed", G_CALLBACK (items_changed_cb), &projects_changed);
    lk_test_wait_for (&projects_changed, 10);
    g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 2);
    projects_changed = FALSE;
    lk_test_db_exec (db, "INSERT INTO projects (name) VALUES ('Summer Festival')");
    lk_test_wait_for (&projects_changed, 10);
    g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 3);
  }
}

static void
test_jobs_recorded_and_reconciled (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(LkCatalog) catalog = lk_test_open_demo_catalog (db->conninfo, demo_lora_path);
  g_autoptr(LkResolution) mei = resolve (catalog, "Mei");
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCatalogJob) job = NULL;
  g_autoptr(GListModel) jobs = NULL;
  g_autoptr(GListModel) unfinished = NULL;
  g_autoptr(GPtrArray) outputs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LkCatalogJob) listed = NULL;
  GAsyncResult *result;
  LkTestAsync w1 = { 0 }, w2 = { 0 }, w3 = { 0 }, w4 = { 0 }, w5 = { 0 }, w6 = { 0 }, w7 = { 0 };
  LkTestAsync w8 = { 0 };

  lk_catalog_create_job_async (catalog, mei, "base", "http://127.0.0.1:8188",
                               "{\"10\": {\"class_type\": \"LoraLoader\", \"inputs\": {}}}",
                               1234, "tester", NULL, lk_test_async_cb, &w1);
  result = lk_test_async_wait (&w1, 30);
  job = lk_catalog_create_job_finish (catalog, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_catalog_job_get_status (job), ==, "pending");
  g_assert_cmpint (lk_catalog_job_get_lora_model_id (job), ==,
                   lk_model_get_id (lk_resolution_get_lora (mei)));
  g_assert_cmpint (lk_catalog_job_get_seed (job), ==, 1234);

  lk_catalog_update_job_async (catalog, lk_catalog_job_get_id (job), "queued", "p-1", NULL, NULL,
                               lk_test_async_cb, &w2);
  result = lk_test_async_wait (&w2, 30);
  lk_catalog_update_job_finish (catalog, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);

  g_ptr_array_add (outputs, lk_catalog_output_new ("anime_image_1_00001_.png", NULL, NULL,
                                                   "image", "9"));
  g_ptr_array_add (outputs, lk_catalog_output_new ("anime_video_1_00001.mp4", "", "output",
                                                   "video", "13"));
  lk_catalog_add_job_outputs_async (catalog, lk_catalog_job_get_id (job), outputs, NULL, lk_test_async_cb,
                                    &w3);
  result = lk_test_async_wait (&w3, 30);
  lk_catalog_add_job_outputs_finish (catalog, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);

  lk_catalog_list_jobs_async (catalog, 0, NULL, lk_test_async_cb, &w4);
  result = lk_test_async_wait (&w4, 30);
  unfinished = lk_catalog_list_jobs_finish (catalog, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (unfinished), ==, 1);

  lk_catalog_update_job_async (catalog, lk_catalog_job_get_id (job), "succeeded", NULL, NULL, NULL,
                               lk_test_async_cb, &w5);
  result = lk_test_async_wait (&w5, 30);
  lk_catalog_update_job_finish (catalog, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);

  lk_catalog_list_jobs_async (catalog, lk_character_get_id (lk_resolution_get_character (mei)),
                              NULL, lk_test_async_cb, &w6);
  result = lk_test_async_wait (&w6, 30);
  jobs = lk_catalog_list_jobs_finish (catalog, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (jobs), ==, 1);
  listed = g_list_model_get_item (jobs, 0);
  g_assert_cmpstr (lk_catalog_job_get_status (listed), ==, "succeeded");
  g_assert_cmpstr (lk_catalog_job_get_prompt_id (listed), ==, "p-1");
  g_assert_nonnull (lk_catalog_job_get_finished_at (listed));
  g_assert_cmpuint (g_list_model_get_n_items (lk_catalog_job_get_outputs (listed)), ==, 2);
  g_assert_nonnull (strstr (lk_catalog_job_get_workflow_json (listed), "LoraLoader"));

  /* A review follows the file's hash: the second one replaces the first. */
  lk_catalog_set_review_async (catalog, "abc123", 0, LK_REVIEW_VERDICT_APPROVED, 4, NULL, "a",
                               NULL, lk_test_async_cb, &w7);
  result = lk_test_async_wait (&w7, 30);
  lk_catalog_set_review_finish (catalog, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  lk_catalog_set_review_async (catalog, "abc123", 0, LK_REVIEW_VERDICT_REJECTED, 0, "hands",
                               "b", NULL, lk_test_async_cb, &w8);
  result = lk_test_async_wait (&w8, 30);
  lk_catalog_set_review_finish (catalog, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  assert_query (db, "SELECT count (*) || verdict || coalesce (rating, 0) || note || reviewed_by "
                    "FROM output_reviews GROUP BY verdict, rating, note, reviewed_by",
                "1rejected0handsb");
}

static void
test_server_restart_reconnects (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkTestCluster) cluster = lk_test_cluster_new (&error);
  g_autoptr(LkCatalog) catalog = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) characters = NULL;
  ChangedData data = { 0 };
  gboolean connection_changed = FALSE;
  LkTestAsync wait = { 0 };

  if (cluster == NULL)
    {
      g_test_skip_printf ("cannot start a throwaway PostgreSQL cluster: %s", error->message);
      return;
    }

  catalog = open_catalog (lk_test_cluster_get_conninfo (cluster), LK_CATALOG_OPEN_MIGRATE, &error);
  g_assert_no_error (error);
  g_assert_true (lk_catalog_get_connected (catalog));
  g_signal_connect (catalog, "notify::connected", G_CALLBACK (notify_flag_cb),
                    &connection_changed);
  g_signal_connect (catalog, "changed", G_CALLBACK (changed_cb), &data);

  lk_test_cluster_stop (cluster, &error);
  g_assert_no_error (error);
  /* The outage is reported… */
  lk_test_wait_for (&connection_changed, 10);
  g_assert_false (lk_catalog_get_connected (catalog));
  g_assert_error (lk_catalog_get_error (catalog), LK_CATALOG_ERROR, LK_CATALOG_ERROR_UNREACHABLE);

  /* …and once the server is back, the catalog reconnects and listens again by itself. */
  connection_changed = FALSE;
  lk_test_cluster_start (cluster, &error);
  g_assert_no_error (error);
  lk_test_wait_for (&connection_changed, 20);
  g_assert_true (lk_catalog_get_connected (catalog));
  g_assert_null (lk_catalog_get_error (catalog));

  lk_catalog_list_characters_async (catalog, 0, NULL, lk_test_async_cb, &wait);
  result = lk_test_async_wait (&wait, 30);
  characters = lk_catalog_list_characters_finish (catalog, result, &error);
  g_assert_no_error (error);

  {
    PGconn *conn = PQconnectdb (lk_test_cluster_get_conninfo (cluster));

    g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
    PQclear (PQexec (conn, "INSERT INTO projects (name) VALUES ('P');"
                           "INSERT INTO characters (name, project_id) SELECT 'C', id FROM projects;"
                           "INSERT INTO ai_models (name, type) VALUES ('c_v1', 'lora');"
                           "INSERT INTO character_loras (character_id, project_id, model_id) "
                           "SELECT c.id, c.project_id, m.id FROM characters c, ai_models m"));
    PQfinish (conn);
  }
  lk_test_wait_for (&data.changed, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (argc < 3)
    {
      g_printerr ("usage: %s [GTest options] LK-MAKE-LORA DEMO-LORA\n", argv[0]);
      return 1;
    }
  make_lora_program = argv[1];
  demo_lora_path = g_canonicalize_filename (argv[2], NULL);
  lk_test_pg_require ();

  g_test_add_func ("/catalog/open/unreachable-names-the-server",
                   test_open_unreachable_names_server);
  g_test_add_func ("/catalog/open/unmigrated-database-is-outdated",
                   test_open_unmigrated_database_is_outdated);
  g_test_add_func ("/catalog/open/newer-schema-is-read-only", test_open_newer_schema_is_read_only);
  g_test_add_func ("/catalog/resolve/character-gets-own-lora", test_resolve_mei_gets_her_own_lora);
  g_test_add_func ("/catalog/resolve/character-without-lora-gets-none",
                   test_resolve_character_without_lora_gets_none);
  g_test_add_func ("/catalog/find/ambiguous-name-lists-candidates",
                   test_find_ambiguous_lists_candidates);
  g_test_add_func ("/catalog/template/broken-one-reported-for-its-item",
                   test_broken_template_reported_for_its_item);
  g_test_add_func ("/catalog/scan/registers-versions-and-reports-broken-files",
                   test_scan_registers_versions_and_reports_broken_files);
  g_test_add_func ("/catalog/live/change-reaches-second-client",
                   test_live_change_reaches_second_client);
  g_test_add_func ("/catalog/jobs/recorded-and-reconciled", test_jobs_recorded_and_reconciled);
  g_test_add_func ("/catalog/reconnect/server-restart-mid-session",
                   test_server_restart_reconnects);

  return g_test_run ();
}
