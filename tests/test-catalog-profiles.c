/* test-catalog-profiles.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

#include "lk-catalog.h"
#include "lk-catalog-profiles.h"
#include "lk-catalog-references.h"
#include "lk-test-pg.h"

static char *demo_lora_path;

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static GAsyncResult *
wait_result (Wait *wait)
{
  lk_test_wait_for (&wait->done, 30);
  return wait->result;
}

typedef struct
{
  LkTestDb  *db;
  LkCatalog *catalog;
} Fixture;

static gint64
query_id (Fixture    *fixture,
          const char *sql)
{
  g_autofree char *value = lk_test_db_query_value (fixture->db, sql);

  g_assert_nonnull (value);
  return g_ascii_strtoll (value, NULL, 10);
}

static void
open_catalog (Fixture *fixture)
{
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  fixture->catalog = lk_catalog_new (fixture->db->conninfo);
  lk_catalog_open_async (fixture->catalog, LK_CATALOG_OPEN_MIGRATE, NULL, wait_cb, &wait);
  opened = wait_result (&wait);
  lk_catalog_open_finish (fixture->catalog, opened, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GFile) lora = g_file_new_for_path (demo_lora_path);
  g_autoptr(GAsyncResult) installed = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  fixture->db = lk_test_db_new ();
  open_catalog (fixture);
  lk_catalog_install_demo_async (fixture->catalog, lora, NULL, wait_cb, &wait);
  installed = wait_result (&wait);
  lk_catalog_install_demo_finish (fixture->catalog, installed, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  lk_catalog_close (fixture->catalog);
  g_clear_object (&fixture->catalog);
  lk_test_db_free (fixture->db);
}

static LkTemplate *
set_template (Fixture  *fixture,
              gint64    profile_id,
              gint64    template_id,
              GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  Wait wait = { 0 };

  lk_catalog_set_profile_template_async (fixture->catalog, profile_id, template_id, NULL,
                                         wait_cb, &wait);
  result = wait_result (&wait);
  return lk_catalog_set_profile_template_finish (fixture->catalog, result, error);
}

static void
test_list_templates_with_kinds (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) templates = NULL;
  g_autoptr(GError) error = NULL;
  guint n_image = 0, n_video = 0;
  Wait wait = { 0 };

  lk_test_db_exec (fixture->db, "INSERT INTO video_workflow_templates (name, workflow_template) "
                                "VALUES ('a_broken_one', '[1, 2]')");

  lk_catalog_list_templates_async (fixture->catalog, NULL, wait_cb, &wait);
  result = wait_result (&wait);
  templates = lk_catalog_list_templates_finish (fixture->catalog, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (templates), ==,
                    query_id (fixture, "SELECT count (*) FROM video_workflow_templates"));

  for (guint i = 0; i < g_list_model_get_n_items (templates); i++)
    {
      g_autoptr(LkTemplate) template = g_list_model_get_item (templates, i);

      g_assert_cmpint (lk_template_get_id (template), >, 0);
      if (g_str_equal (lk_template_get_name (template), "a_broken_one"))
        {
          /* sorted by name: the broken one comes first, and says what is wrong */
          g_assert_cmpuint (i, ==, 0);
          g_assert_nonnull (lk_template_get_problem (template));
          continue;
        }
      g_assert_null (lk_template_get_problem (template));
      if (g_str_equal (lk_template_get_kind (template), "video"))
        n_video++;
      else
        n_image++;
    }

  /* the demo studio has both a still and a clip template */
  g_assert_cmpuint (n_image, >=, 1);
  g_assert_cmpuint (n_video, >=, 1);
}

static void
test_set_template_fixes_profile (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkTemplate) template = NULL;
  g_autoptr(GAsyncResult) resolved = NULL;
  g_autoptr(LkResolution) resolution = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *sql = NULL;
  gint64 mei_id = query_id (fixture, "SELECT id FROM characters WHERE name = 'Mei Kobayashi'");
  gint64 profile_id = query_id (fixture,
                                "SELECT pp.profile_id FROM characters c JOIN project_profiles pp "
                                "ON pp.project_id = c.project_id WHERE c.name = 'Mei Kobayashi'");
  gint64 template_id = query_id (fixture, "SELECT id FROM video_workflow_templates "
                                          "WHERE name = 'anime_still_sd15'");
  Wait wait = { 0 };

  /* The state the inspector offers "Pick Template" for: a profile without a template. */
  sql = g_strdup_printf ("UPDATE generation_profiles SET video_workflow_template_id = NULL "
                         "WHERE id = %" G_GINT64_FORMAT, profile_id);
  lk_test_db_exec (fixture->db, sql);

  template = set_template (fixture, profile_id, template_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_template_get_id (template), ==, template_id);
  g_assert_cmpstr (lk_template_get_name (template), ==, "anime_still_sd15");
  g_assert_cmpstr (lk_template_get_kind (template), ==, "image");

  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT video_workflow_template_id FROM generation_profiles "
                         "WHERE id = %" G_GINT64_FORMAT, profile_id);
  stored = lk_test_db_query_value (fixture->db, sql);
  g_assert_cmpint (g_ascii_strtoll (stored, NULL, 10), ==, template_id);

  /* What the generator resolves for the character follows. */
  lk_catalog_resolve_async (fixture->catalog, mei_id, NULL, wait_cb, &wait);
  resolved = wait_result (&wait);
  resolution = lk_catalog_resolve_finish (fixture->catalog, resolved, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lk_resolution_get_template (resolution));
  g_assert_cmpint (lk_template_get_id (lk_resolution_get_template (resolution)), ==, template_id);
}

static void
test_unknown_rows_refused (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkTemplate) template = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 profile_id = query_id (fixture, "SELECT min (id) FROM generation_profiles");
  gint64 template_id = query_id (fixture, "SELECT min (id) FROM video_workflow_templates");
  const char *snapshot = "SELECT string_agg (id || ':' || "
                         "coalesce (video_workflow_template_id::text, '-'), ',' ORDER BY id) "
                         "FROM generation_profiles";

  before = lk_test_db_query_value (fixture->db, snapshot);

  template = set_template (fixture, profile_id, 999999, &error);
  g_assert_null (template);
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "template"));
  g_assert_nonnull (strstr (error->message, "999999"));
  g_clear_error (&error);

  template = set_template (fixture, 888888, template_id, &error);
  g_assert_null (template);
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "profile"));
  g_assert_nonnull (strstr (error->message, "888888"));

  /* nothing changed */
  after = lk_test_db_query_value (fixture->db, snapshot);
  g_assert_cmpstr (before, ==, after);
}

static void
test_read_only_refused (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkTemplate) template = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 profile_id = query_id (fixture, "SELECT min (id) FROM generation_profiles");
  gint64 template_id = query_id (fixture, "SELECT max (id) FROM video_workflow_templates");
  const char *current = "SELECT coalesce (video_workflow_template_id::text, '-') "
                        "FROM generation_profiles ORDER BY id LIMIT 1";

  /* A catalog prepared by a newer Lorakeet is opened read-only. */
  lk_catalog_close (fixture->catalog);
  g_clear_object (&fixture->catalog);
  lk_test_db_exec (fixture->db, "INSERT INTO schema_migrations (version, name, checksum) "
                                "VALUES (9999, '9999-from-the-future', 'x')");
  lk_test_db_exec (fixture->db, "UPDATE generation_profiles SET video_workflow_template_id = NULL");
  open_catalog (fixture);
  g_assert_true (lk_catalog_get_read_only (fixture->catalog));

  before = lk_test_db_query_value (fixture->db, current);
  template = set_template (fixture, profile_id, template_id, &error);
  g_assert_null (template);
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_READ_ONLY);
  after = lk_test_db_query_value (fixture->db, current);
  g_assert_cmpstr (before, ==, after);
}

/* Avatars -------------------------------------------------------------------------------- */

static char *
write_image (const char *dir,
             const char *name,
             guint32     colour)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 512, 512);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, colour);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);

  return path;
}

static LkReferenceImage *
add_reference (Fixture         *fixture,
               gint64           character_id,
               const char      *path,
               LkReferenceRole  role)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LkReferenceImage *image;
  Wait wait = { 0 };

  lk_catalog_add_reference_image_async (fixture->catalog, character_id, path, role, NULL, NULL,
                                        wait_cb, &wait);
  result = wait_result (&wait);
  image = lk_catalog_add_reference_image_finish (fixture->catalog, result, &error);
  g_assert_no_error (error);

  return image;
}

static GListModel *
list_first (Fixture *fixture,
            gint64   project_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *images;
  Wait wait = { 0 };

  lk_catalog_list_first_reference_images_async (fixture->catalog, project_id, NULL, wait_cb,
                                                &wait);
  result = wait_result (&wait);
  images = lk_catalog_list_first_reference_images_finish (fixture->catalog, result, &error);
  g_assert_no_error (error);

  return images;
}

static const char *
first_path_of (GListModel *images,
               gint64      character_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(LkReferenceImage) image = g_list_model_get_item (images, i);

      if (lk_reference_image_get_character_id (image) == character_id)
        return lk_reference_image_get_path (image);
    }

  return NULL;
}

static void
test_first_reference_per_character (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lk-avatars-XXXXXX", &error);
  g_autofree char *training = write_image (dir, "training.png", 0xff000000);
  g_autofree char *sheet = write_image (dir, "sheet.png", 0x00ff0000);
  g_autofree char *other = write_image (dir, "other.png", 0x0000ff00);
  g_autofree char *rm = NULL;
  g_autoptr(LkReferenceImage) a = NULL;
  g_autoptr(LkReferenceImage) b = NULL;
  g_autoptr(LkReferenceImage) c = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) in_project = NULL;
  g_autoptr(GListModel) elsewhere = NULL;
  gint64 mei_id = query_id (fixture, "SELECT id FROM characters WHERE name = 'Mei Kobayashi'");
  gint64 rina_id = query_id (fixture, "SELECT id FROM characters WHERE name = 'Rina Suzuki'");
  gint64 mei_project = query_id (fixture, "SELECT project_id FROM characters "
                                          "WHERE name = 'Mei Kobayashi'");
  g_autofree char *other_sql = g_strdup_printf ("SELECT id FROM projects WHERE id <> %"
                                                G_GINT64_FORMAT " ORDER BY id LIMIT 1",
                                                mei_project);
  gint64 other_project = query_id (fixture, other_sql);
  gboolean rina_with_mei =
    query_id (fixture, "SELECT count (DISTINCT project_id) FROM characters "
                       "WHERE name IN ('Mei Kobayashi', 'Rina Suzuki')") == 1;

  g_assert_no_error (error);

  /* Mei: a training image first, then a reference sheet: the sheet stands for her. */
  a = add_reference (fixture, mei_id, training, LK_REFERENCE_ROLE_TRAINING_IMAGE);
  b = add_reference (fixture, mei_id, sheet, LK_REFERENCE_ROLE_REFERENCE_SHEET);
  /* Rina: only a training image, which is used for want of a sheet. */
  c = add_reference (fixture, rina_id, other, LK_REFERENCE_ROLE_TRAINING_IMAGE);

  all = list_first (fixture, 0);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 2);
  g_assert_cmpstr (first_path_of (all, mei_id), ==, lk_reference_image_get_path (b));
  g_assert_cmpstr (first_path_of (all, rina_id), ==, lk_reference_image_get_path (c));

  in_project = list_first (fixture, mei_project);
  g_assert_cmpstr (first_path_of (in_project, mei_id), ==, lk_reference_image_get_path (b));
  g_assert_cmpuint (g_list_model_get_n_items (in_project), ==, rina_with_mei ? 2 : 1);

  elsewhere = list_first (fixture, other_project);
  g_assert_null (first_path_of (elsewhere, mei_id));

  rm = g_strdup_printf ("rm -rf '%s'", dir);
  g_assert_true (g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: %s [GTest options] DEMO-LORA\n", argv[0]);
      return 1;
    }
  demo_lora_path = g_canonicalize_filename (argv[1], NULL);
  lk_test_pg_require ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/catalog/profiles/templates-listed-with-kind-and-problem", test_list_templates_with_kinds);
  ADD ("/catalog/profiles/set-template-fixes-profile", test_set_template_fixes_profile);
  ADD ("/catalog/profiles/unknown-profile-or-template-refused", test_unknown_rows_refused);
  ADD ("/catalog/profiles/read-only-catalog-refuses", test_read_only_refused);
  ADD ("/catalog/references/first-per-character-sheet-first", test_first_reference_per_character);
#undef ADD

  return g_test_run ();
}
