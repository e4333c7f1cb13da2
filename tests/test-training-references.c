/* test-training-references.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lk-catalog.h"
#include "lk-catalog-references.h"
#include "lk-catalog-training.h"
#include "lk-trainer-run.h"
#include "lk-training-set.h"
#include "lk-test-files.h"
#include "lk-test-pg.h"

static char *demo_lora_path;
static char *scripts_dir;

typedef struct
{
  LkTestDb  *db;
  LkCatalog *catalog;
  gint64     mei_id;
  gint64     rina_id;
  char      *dir;
} Fixture;

static gint64
character_id (Fixture    *fixture,
              const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM characters WHERE name = '%s'", name);
  g_autofree char *value = lk_test_db_query_value (fixture->db, sql);

  return g_ascii_strtoll (value, NULL, 10);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GFile) lora = g_file_new_for_path (demo_lora_path);
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) installed = NULL;
  g_autoptr(GError) error = NULL;
  LkTestAsync w1 = { 0 }, w2 = { 0 };

  fixture->db = lk_test_db_new ();
  fixture->catalog = lk_catalog_new (fixture->db->conninfo);
  lk_catalog_open_async (fixture->catalog, LK_CATALOG_OPEN_MIGRATE, NULL, lk_test_async_cb, &w1);
  opened = lk_test_async_wait (&w1, 30);
  lk_catalog_open_finish (fixture->catalog, opened, &error);
  g_assert_no_error (error);

  lk_catalog_install_demo_async (fixture->catalog, lora, NULL, lk_test_async_cb, &w2);
  installed = lk_test_async_wait (&w2, 30);
  lk_catalog_install_demo_finish (fixture->catalog, installed, &error);
  g_assert_no_error (error);

  fixture->mei_id = character_id (fixture, "Mei Kobayashi");
  fixture->rina_id = character_id (fixture, "Rina Suzuki");
  fixture->dir = g_dir_make_tmp ("lk-references-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *quoted = g_shell_quote (fixture->dir);
  g_autofree char *command = g_strdup_printf ("rm -rf %s", quoted);

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  g_free (fixture->dir);
  lk_catalog_close (fixture->catalog);
  g_clear_object (&fixture->catalog);
  lk_test_db_free (fixture->db);
}

static LkReferenceImage *
add (Fixture          *fixture,
     gint64            character,
     const char       *path,
     LkReferenceRole   role,
     const char       *caption,
     GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  LkTestAsync wait = { 0 };

  lk_catalog_add_reference_image_async (fixture->catalog, character, path, role, caption, NULL,
                                        lk_test_async_cb, &wait);
  result = lk_test_async_wait (&wait, 30);
  return lk_catalog_add_reference_image_finish (fixture->catalog, result, error);
}

static GListModel *
list (Fixture *fixture,
      gint64   character)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;
  LkTestAsync wait = { 0 };

  lk_catalog_list_reference_images_async (fixture->catalog, character, NULL, lk_test_async_cb, &wait);
  result = lk_test_async_wait (&wait, 30);
  model = lk_catalog_list_reference_images_finish (fixture->catalog, result, &error);
  g_assert_no_error (error);
  return model;
}

static void
test_add_list_remove (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *sheet = lk_test_write_image (fixture->dir, "sheet.png", "png",
                                                300, 200, 0xff0000ff);
  g_autofree char *photo = lk_test_write_image (fixture->dir, "train.jpg", "jpeg",
                                                768, 512, 0x00ff00ff);
  g_autoptr(LkReferenceImage) a = NULL;
  g_autoptr(LkReferenceImage) b = NULL;
  g_autoptr(LkReferenceImage) first = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(GAsyncResult) removed = NULL;
  g_autoptr(GError) error = NULL;
  LkTestAsync wait = { 0 };

  a = add (fixture, fixture->mei_id, sheet, LK_REFERENCE_ROLE_REFERENCE_SHEET, NULL, &error);
  g_assert_no_error (error);
  b = add (fixture, fixture->mei_id, photo, LK_REFERENCE_ROLE_TRAINING_IMAGE,
           "mei_kobayashi, office, smiling", &error);
  g_assert_no_error (error);

  g_assert_cmpint (lk_reference_image_get_width (a), ==, 300);
  g_assert_cmpint (lk_reference_image_get_height (b), ==, 512);
  g_assert_cmpint (lk_reference_image_get_role (b), ==, LK_REFERENCE_ROLE_TRAINING_IMAGE);
  g_assert_cmpstr (lk_reference_image_get_caption (b), ==, "mei_kobayashi, office, smiling");
  g_assert_cmpuint (strlen (lk_reference_image_get_content_hash (b)), ==, 64);
  g_assert_cmpint (lk_reference_image_get_position (b), >, lk_reference_image_get_position (a));

  model = list (fixture, fixture->mei_id);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (lk_reference_image_get_path (first), ==, sheet);

  lk_catalog_remove_reference_image_async (fixture->catalog, lk_reference_image_get_id (a), NULL,
                                           lk_test_async_cb, &wait);
  removed = lk_test_async_wait (&wait, 30);
  g_assert_true (lk_catalog_remove_reference_image_finish (fixture->catalog, removed, &error));
  g_assert_no_error (error);
  after = list (fixture, fixture->mei_id);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 1);
  /* The file itself is kept. */
  g_assert_true (g_file_test (sheet, G_FILE_TEST_EXISTS));
}

static void
test_small_training_image_refused (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autofree char *small = lk_test_write_image (fixture->dir, "small.png", "png",
                                                900, 400, 0x336699ff);
  g_autoptr(LkReferenceImage) image = NULL;
  g_autoptr(LkReferenceImage) sheet = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;

  image = add (fixture, fixture->mei_id, small, LK_REFERENCE_ROLE_TRAINING_IMAGE, NULL, &error);
  g_assert_error (error, LK_REFERENCE_ERROR, LK_REFERENCE_ERROR_TOO_SMALL);
  g_assert_null (image);
  g_assert_nonnull (strstr (error->message, "900 × 400"));
  g_assert_nonnull (strstr (error->message, "512"));
  g_clear_error (&error);

  /* The same picture is fine as a reference sheet. */
  sheet = add (fixture, fixture->mei_id, small, LK_REFERENCE_ROLE_REFERENCE_SHEET, NULL, &error);
  g_assert_no_error (error);
  model = list (fixture, fixture->mei_id);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
}

static void
test_duplicate_refused_per_character (Fixture       *fixture,
                                      gconstpointer  user_data)
{
  g_autofree char *one = lk_test_write_image (fixture->dir, "one.png", "png", 512, 512, 0xabcdefff);
  g_autofree char *copy = g_build_filename (fixture->dir, "copy-of-one.png", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(LkReferenceImage) a = NULL;
  g_autoptr(LkReferenceImage) b = NULL;
  g_autoptr(LkReferenceImage) c = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (one, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));

  a = add (fixture, fixture->mei_id, one, LK_REFERENCE_ROLE_TRAINING_IMAGE, NULL, &error);
  g_assert_no_error (error);
  b = add (fixture, fixture->mei_id, copy, LK_REFERENCE_ROLE_TRAINING_IMAGE, NULL, &error);
  g_assert_error (error, LK_REFERENCE_ERROR, LK_REFERENCE_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "copy-of-one.png"));
  g_assert_nonnull (strstr (error->message, "Mei Kobayashi"));
  g_clear_error (&error);

  /* Another character may use the same picture. */
  c = add (fixture, fixture->rina_id, copy, LK_REFERENCE_ROLE_TRAINING_IMAGE, NULL, &error);
  g_assert_no_error (error);
  model = list (fixture, fixture->mei_id);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
}

static void
test_unsupported_and_broken_refused (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  g_autofree char *text = g_build_filename (fixture->dir, "notes.png", NULL);
  g_autofree char *good = lk_test_write_image (fixture->dir, "good.png", "png",
                                               640, 640, 0x101010ff);
  g_autofree char *truncated = g_build_filename (fixture->dir, "cut.png", NULL);
  g_autofree char *renamed = g_build_filename (fixture->dir, "really-a-png.jpg", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.png", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(LkReferenceImage) image = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_set_contents (text, "just some notes, not a picture\n", -1, NULL));
  image = add (fixture, fixture->mei_id, text, LK_REFERENCE_ROLE_REFERENCE_SHEET, NULL, &error);
  g_assert_error (error, LK_REFERENCE_ERROR, LK_REFERENCE_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "notes.png"));
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (truncated, contents, length / 3, NULL));
  image = add (fixture, fixture->mei_id, truncated, LK_REFERENCE_ROLE_REFERENCE_SHEET, NULL,
               &error);
  g_assert_error (error, LK_REFERENCE_ERROR, LK_REFERENCE_ERROR_UNREADABLE);
  g_clear_error (&error);

  image = add (fixture, fixture->mei_id, missing, LK_REFERENCE_ROLE_REFERENCE_SHEET, NULL, &error);
  g_assert_error (error, LK_REFERENCE_ERROR, LK_REFERENCE_ERROR_UNREADABLE);
  g_clear_error (&error);

  /* Told by content, not by name: a PNG called .jpg is accepted. */
  g_assert_true (g_file_set_contents (renamed, contents, length, NULL));
  image = add (fixture, fixture->mei_id, renamed, LK_REFERENCE_ROLE_TRAINING_IMAGE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (image);
}

static void
test_unknown_character_refused (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autofree char *good = lk_test_write_image (fixture->dir, "good.png", "png",
                                               640, 640, 0x101010ff);
  g_autoptr(LkReferenceImage) image = NULL;
  g_autoptr(GError) error = NULL;

  image = add (fixture, 987654, good, LK_REFERENCE_ROLE_TRAINING_IMAGE, NULL, &error);
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND);
}

static void
test_role_check_in_schema (Fixture       *fixture,
                           gconstpointer  user_data)
{
  PGconn *conn = lk_test_db_connect (fixture->db);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO character_reference_images "
                                          "(character_id, file_path, role) "
                                          "VALUES (%" G_GINT64_FORMAT ", '/x.png', 'poster')",
                                          fixture->mei_id);
  PGresult *res = PQexec (conn, sql);

  /* The studio's own tools cannot store a role Lorakeet does not know. */
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_FATAL_ERROR);
  PQclear (res);
  PQfinish (conn);
}

static LkTrainingInfo *
training_info (Fixture *fixture,
               gint64   character)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LkTrainingInfo *info;
  LkTestAsync wait = { 0 };

  lk_catalog_get_training_info_async (fixture->catalog, character, NULL, lk_test_async_cb, &wait);
  result = lk_test_async_wait (&wait, 30);
  info = lk_catalog_get_training_info_finish (fixture->catalog, result, &error);
  g_assert_no_error (error);
  return info;
}

static void
test_training_info (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(LkTrainingInfo) mei = training_info (fixture, fixture->mei_id);
  g_autoptr(LkTrainingInfo) rina = NULL;
  g_autoptr(LkTrainingInfo) stored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *traits[] = { "silver hair", "red eyes", NULL };
  LkTestAsync wait = { 0 };

  /* Mei has mei_working_v1: her next LoRA is version 2. */
  g_assert_cmpuint (mei->next_version, ==, 2);
  g_assert_cmpstr (mei->trigger_word, ==, "mei_kobayashi");
  g_assert_nonnull (mei->checkpoint_path);

  rina = training_info (fixture, fixture->rina_id);
  g_assert_cmpuint (rina->next_version, ==, 1);

  lk_catalog_set_training_words_async (fixture->catalog, fixture->rina_id, "rinasz", "1girl",
                                       traits, NULL, lk_test_async_cb, &wait);
  result = lk_test_async_wait (&wait, 30);
  g_assert_true (lk_catalog_set_training_words_finish (fixture->catalog, result, &error));
  g_assert_no_error (error);
  stored = training_info (fixture, fixture->rina_id);
  g_assert_cmpstr (stored->trigger_word, ==, "rinasz");
  g_assert_cmpstrv (stored->traits, traits);
}

static void
test_trained_lora_registered_and_assigned (Fixture       *fixture,
                                           gconstpointer  user_data)
{
  g_autoptr(LkTrainingSet) set = lk_training_set_new ("Rina Suzuki", "rina_suzuki", "1girl");
  g_autofree char *export_dir = g_build_filename (fixture->dir, "export", NULL);
  g_autofree char *lora_folder = g_build_filename (fixture->dir, "loras", NULL);
  g_autofree char *output = g_build_filename (export_dir, "model", "rina_suzuki_v1.safetensors",
                                              NULL);
  g_autofree char *copied = g_build_filename (lora_folder, "rina_suzuki_v1.safetensors", NULL);
  g_autofree char *log = g_build_filename (export_dir, "log", "train.log", NULL);
  g_autoptr(GAsyncResult) exported = NULL;
  g_autoptr(GAsyncResult) trained = NULL;
  g_autoptr(GAsyncResult) registered = NULL;
  g_autoptr(LkTrainerRun) run = NULL;
  g_autoptr(LkResolution) resolution = NULL;
  g_autoptr(LkTrainingInfo) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) argv = NULL;
  LkModel *lora;
  LkTestAsync w1 = { 0 }, w2 = { 0 }, w3 = { 0 };

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("rina%u.png", i);
      g_autofree char *image_path = lk_test_write_image (fixture->dir, name, "png",
                                                         64, 64, 0x11223300 + i);
      g_autoptr(LkReferenceImage) image =
        lk_reference_image_new (0, fixture->rina_id, image_path, LK_REFERENCE_ROLE_TRAINING_IMAGE,
                                "rina_suzuki, smile", (int)i, NULL, 64, 64);

      lk_training_set_add_image (set, image);
    }
  lk_training_set_set_epochs (set, 1);
  lk_training_set_set_repeats (set, 1);
  lk_training_set_set_base_checkpoint (set, "/models/base.safetensors", FALSE);
  lk_training_set_export_async (set, export_dir, "python3", scripts_dir, NULL, lk_test_async_cb, &w1);
  exported = lk_test_async_wait (&w1, 30);
  argv = lk_training_set_export_finish (set, exported, &error);
  g_assert_no_error (error);

  run = lk_trainer_run_new ((const char * const *)argv, log, output);
  lk_trainer_run_start_async (run, NULL, lk_test_async_cb, &w2);
  trained = lk_test_async_wait (&w2, 30);
  path = lk_trainer_run_start_finish (run, trained, &error);
  g_assert_no_error (error);

  lk_catalog_register_trained_lora_async (fixture->catalog, fixture->rina_id, path, lora_folder,
                                          "tester", NULL, lk_test_async_cb, &w3);
  registered = lk_test_async_wait (&w3, 30);
  resolution = lk_catalog_register_trained_lora_finish (fixture->catalog, registered, &error);
  g_assert_no_error (error);

  lora = lk_resolution_get_lora (resolution);
  g_assert_nonnull (lora);
  g_assert_cmpstr (lk_model_get_name (lora), ==, "rina_suzuki_v1");
  g_assert_cmpstr (lk_model_get_lineage_name (lora), ==, "rina_suzuki_v1");
  g_assert_cmpstr (lk_model_get_file_path (lora), ==, copied);
  g_assert_true (g_file_test (copied, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (strlen (lk_model_get_sha256 (lora)), ==, 64);
  g_assert_cmpfloat_with_epsilon (lk_resolution_get_strength_model (resolution), 0.8, 1e-6);

  /* The next run of Rina is version 2. */
  after = training_info (fixture, fixture->rina_id);
  g_assert_cmpuint (after->next_version, ==, 2);
}

static void
test_register_refuses_other_file_of_same_name (Fixture       *fixture,
                                               gconstpointer  user_data)
{
  g_autofree char *lora_folder = g_build_filename (fixture->dir, "loras", NULL);
  g_autofree char *taken = g_build_filename (lora_folder, "mei_working_v1.safetensors", NULL);
  g_autoptr(GAsyncResult) registered = NULL;
  g_autoptr(LkResolution) resolution = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  LkTestAsync wait = { 0 };

  g_mkdir (lora_folder, 0755);
  g_assert_true (g_file_set_contents (taken, "another file", -1, NULL));
  lk_catalog_register_trained_lora_async (fixture->catalog, fixture->rina_id, demo_lora_path,
                                          lora_folder, NULL, NULL, lk_test_async_cb, &wait);
  registered = lk_test_async_wait (&wait, 30);
  resolution = lk_catalog_register_trained_lora_finish (fixture->catalog, registered, &error);
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_INVALID_DATA);
  g_assert_true (g_file_get_contents (taken, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "another file");
  g_unlink (taken);
}

/* Outfit triggers ---------------------------------------------------------------------------- */

static gboolean
set_outfit (Fixture     *fixture,
            gint64       character,
            const char  *trigger,
            guint        repeats,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  LkTestAsync wait = { 0 };

  lk_catalog_set_outfit_trigger_async (fixture->catalog, character, trigger, repeats, NULL,
                                       lk_test_async_cb, &wait);
  result = lk_test_async_wait (&wait, 30);
  return lk_catalog_set_outfit_trigger_finish (fixture->catalog, result, error);
}

static gboolean
remove_outfit (Fixture     *fixture,
               gint64       character,
               const char  *trigger,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  LkTestAsync wait = { 0 };

  lk_catalog_remove_outfit_trigger_async (fixture->catalog, character, trigger, NULL,
                                          lk_test_async_cb, &wait);
  result = lk_test_async_wait (&wait, 30);
  return lk_catalog_remove_outfit_trigger_finish (fixture->catalog, result, error);
}

static void
assert_outfit (LkTrainingInfo *info,
               guint           index,
               const char     *trigger,
               guint           repeats)
{
  LkOutfitTrigger *outfit;

  g_assert_cmpuint (index, <, info->outfits->len);
  outfit = g_ptr_array_index (info->outfits, index);
  g_assert_cmpstr (outfit->trigger, ==, trigger);
  g_assert_cmpuint (outfit->repeats, ==, repeats);
}

static void
test_outfits_stored_and_loaded (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(LkTrainingInfo) none = training_info (fixture, fixture->mei_id);
  g_autoptr(LkTrainingInfo) two = NULL;
  g_autoptr(LkTrainingInfo) changed = NULL;
  g_autoptr(LkTrainingInfo) one = NULL;
  g_autoptr(LkTrainingInfo) rina = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (none->outfits);
  g_assert_cmpuint (none->outfits->len, ==, 0);

  g_assert_true (set_outfit (fixture, fixture->mei_id, "mei_office_suit", 5, &error));
  g_assert_no_error (error);
  g_assert_true (set_outfit (fixture, fixture->mei_id, " mei_kimono ", 10, &error));
  g_assert_no_error (error);
  two = training_info (fixture, fixture->mei_id);
  g_assert_cmpuint (two->outfits->len, ==, 2);
  assert_outfit (two, 0, "mei_kimono", 10);
  assert_outfit (two, 1, "mei_office_suit", 5);

  /* storing it again, in any case, changes the repeats and keeps one row */
  g_assert_true (set_outfit (fixture, fixture->mei_id, "MEI_OFFICE_SUIT", 12, &error));
  g_assert_no_error (error);
  changed = training_info (fixture, fixture->mei_id);
  g_assert_cmpuint (changed->outfits->len, ==, 2);
  assert_outfit (changed, 1, "mei_office_suit", 12);

  /* each character has its own */
  rina = training_info (fixture, fixture->rina_id);
  g_assert_cmpuint (rina->outfits->len, ==, 0);

  g_assert_true (remove_outfit (fixture, fixture->mei_id, "mei_kimono", &error));
  g_assert_no_error (error);
  one = training_info (fixture, fixture->mei_id);
  g_assert_cmpuint (one->outfits->len, ==, 1);
  assert_outfit (one, 0, "mei_office_suit", 12);

  g_assert_false (remove_outfit (fixture, fixture->mei_id, "mei_kimono", &error));
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "mei_kimono"));
}

static void
test_bad_outfits_refused (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LkTrainingInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  LkTestAsync wait = { 0 };
  const char *spaced[] = { "office suit", "a,b", "tab\there", "" };

  for (guint i = 0; i < G_N_ELEMENTS (spaced); i++)
    {
      g_assert_false (set_outfit (fixture, fixture->mei_id, spaced[i], 10, &error));
      g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_INVALID_DATA);
      g_test_message ("“%s”: %s", spaced[i], error->message);
      g_clear_error (&error);
    }

  g_assert_false (set_outfit (fixture, fixture->mei_id, "mei_coat", 0, &error));
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "1 to 1000"));
  g_clear_error (&error);

  /* the character's own trigger, made from the name or stored, is not an outfit */
  g_assert_false (set_outfit (fixture, fixture->mei_id, "Mei_Kobayashi", 10, &error));
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "own trigger word"));
  g_clear_error (&error);
  lk_catalog_set_training_words_async (fixture->catalog, fixture->rina_id, "rinasz", "1girl",
                                       NULL, NULL, lk_test_async_cb, &wait);
  result = lk_test_async_wait (&wait, 30);
  g_assert_true (lk_catalog_set_training_words_finish (fixture->catalog, result, &error));
  g_assert_false (set_outfit (fixture, fixture->rina_id, "rinasz", 10, &error));
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_assert_false (set_outfit (fixture, 999999, "ghost_coat", 10, &error));
  g_assert_error (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  count = lk_test_db_query_value (fixture->db, "SELECT count (*) FROM character_outfit_triggers");
  g_assert_cmpstr (count, ==, "0");
  info = training_info (fixture, fixture->mei_id);
  g_assert_cmpuint (info->outfits->len, ==, 0);
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
  scripts_dir = g_test_build_filename (G_TEST_DIST, "fake-sd-scripts", NULL);
  lk_test_pg_require ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/training/references/add-list-remove", test_add_list_remove);
  ADD ("/training/references/small-training-image-refused", test_small_training_image_refused);
  ADD ("/training/references/duplicate-refused-per-character",
       test_duplicate_refused_per_character);
  ADD ("/training/references/unsupported-and-broken-refused",
       test_unsupported_and_broken_refused);
  ADD ("/training/references/unknown-character-refused", test_unknown_character_refused);
  ADD ("/training/references/role-check-in-schema", test_role_check_in_schema);
  ADD ("/training/catalog/info-and-next-version", test_training_info);
  ADD ("/training/catalog/trained-lora-registered-and-assigned",
       test_trained_lora_registered_and_assigned);
  ADD ("/training/catalog/register-refuses-other-file-of-same-name",
       test_register_refuses_other_file_of_same_name);
  ADD ("/training/catalog/outfits-stored-changed-and-removed", test_outfits_stored_and_loaded);
  ADD ("/training/catalog/bad-outfits-refused-with-the-fix", test_bad_outfits_refused);
#undef ADD

  return g_test_run ();
}
