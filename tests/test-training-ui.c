/* test-training-ui.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The training widgets in a real GTK window (under Xvfb) on a real catalog: the reference
 * strip adding dropped files; the training window keeping outfit triggers in the catalog,
 * exporting, running the stand-in trainer, assigning the LoRA, and then offering the
 * validation grid. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lk-catalog.h"
#include "lk-catalog-references.h"
#include "lk-reference-strip.h"
#include "lk-generator.h"
#include "lk-test-pg.h"
#include "lk-test-files.h"
#include "lk-test-widgets.h"
#include "lk-training-window.h"
#include "lk-validation-window.h"

static char *demo_lora_path;
static char *scripts_dir;

static LkCharacter *
find_character (LkCatalog  *catalog,
                const char *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LkCharacter *character;
  LkTestAsync wait = { 0 };

  lk_catalog_find_character_async (catalog, name, NULL, lk_test_async_cb, &wait);
  result = lk_test_async_wait (&wait, 30);
  character = lk_catalog_find_character_finish (catalog, result, &error);
  g_assert_no_error (error);
  return character;
}

static void
test_strip_adds_dropped_files (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(LkCatalog) catalog = lk_test_open_demo_catalog (db->conninfo, demo_lora_path);
  g_autoptr(LkCharacter) rina = find_character (catalog, "Rina Suzuki");
  g_autofree char *dir = g_dir_make_tmp ("lk-strip-XXXXXX", NULL);
  g_autofree char *big = lk_test_write_image (dir, "rina-big.png", "png", 600, 600, 0x204060ff);
  g_autofree char *small = lk_test_write_image (dir, "rina-small.png", "png", 100, 100, 0x204060ff);
  g_autofree char *text = g_build_filename (dir, "notes.png", NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *strip = lk_reference_strip_new ();
  GSList *files = NULL;

  g_assert_true (g_file_set_contents (text, "hello", -1, NULL));
  gtk_window_set_child (GTK_WINDOW (window), strip);
  gtk_window_present (GTK_WINDOW (window));
  lk_reference_strip_set_catalog (LK_REFERENCE_STRIP (strip), catalog);
  lk_reference_strip_set_character (LK_REFERENCE_STRIP (strip), rina);
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "No reference images yet", 1, 10));

  files = g_slist_append (files, g_file_new_for_path (big));
  files = g_slist_append (files, g_file_new_for_path (small));
  files = g_slist_append (files, g_file_new_for_path (text));
  lk_reference_strip_add_files (LK_REFERENCE_STRIP (strip), files);
  g_slist_free_full (files, g_object_unref);

  /* Two tiles; the small one became a sheet, the text file is explained. */
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_PICTURE, NULL, 2, 20));
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "added as a reference sheet", 1,
                                       10));
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "notes.png is not a PNG", 1, 10));
  g_assert_cmpuint (lk_test_count_widgets (window, GTK_TYPE_PICTURE, NULL), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  lk_catalog_close (catalog);
}

static void
test_window_trains_and_assigns (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(LkCatalog) catalog = lk_test_open_demo_catalog (db->conninfo, demo_lora_path);
  g_autoptr(LkCharacter) rina = find_character (catalog, "Rina Suzuki");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = g_dir_make_tmp ("lk-train-ui-XXXXXX", NULL);
  g_autofree char *loras = g_build_filename (dir, "loras", NULL);
  g_autofree char *lora_file = g_build_filename (loras, "rina_suzuki_v1.safetensors", NULL);
  g_autoptr(LkResolution) resolution = NULL;
  g_autoptr(GAsyncResult) resolved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkServerPool) pool = lk_server_pool_new ();
  g_autoptr(LkGenerator) generator = lk_generator_new (catalog, pool);
  GtkWidget *window;
  GtkWidget *validate;
  GtkWidget *validation;
  gint64 deadline;
  LkTestAsync wait = { 0 };

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("rina-%u.png", i);
      g_autofree char *path = lk_test_write_image (dir, name, "png", 512 + i, 512 + i, 0x204060ff);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(LkReferenceImage) image = NULL;
      LkTestAsync added = { 0 };

      lk_catalog_add_reference_image_async (catalog, lk_character_get_id (rina), path,
                                            LK_REFERENCE_ROLE_TRAINING_IMAGE,
                                            "rina_suzuki, smile", NULL, lk_test_async_cb, &added);
      result = lk_test_async_wait (&added, 30);
      image = lk_catalog_add_reference_image_finish (catalog, result, &error);
      g_assert_no_error (error);
    }

  g_settings_set_string (settings, "sd-scripts-folder", scripts_dir);
  g_settings_set_string (settings, "sd-scripts-python", "python3");
  g_settings_set_string (settings, "lora-folder", loras);

  window = lk_training_window_new (catalog, rina);
  lk_training_window_set_generator (LK_TRAINING_WINDOW (window), generator);
  gtk_window_present (GTK_WINDOW (window));
  /* The command is shown before anything runs. */
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "--output_name=rina_suzuki_v1", 1,
                                       20));
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "fake-sd-scripts/train_network.py",
                                       1, 5));
  /* Rina has no LoRA yet: nothing to validate */
  validate = lk_test_find_widget (window, GTK_TYPE_BUTTON, "Validation _Grid…");
  g_assert_nonnull (validate);
  g_assert_false (gtk_widget_get_sensitive (validate));

  g_assert_true (gtk_widget_activate_action (window, "training.run", NULL));

  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (!g_file_test (lora_file, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_true (g_file_test (lora_file, G_FILE_TEST_EXISTS));
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "is now Rina Suzuki’s LoRA", 1,
                                       30));

  lk_catalog_resolve_async (catalog, lk_character_get_id (rina), NULL, lk_test_async_cb, &wait);
  resolved = lk_test_async_wait (&wait, 30);
  resolution = lk_catalog_resolve_finish (catalog, resolved, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lk_resolution_get_lora (resolution));
  g_assert_cmpstr (lk_model_get_name (lk_resolution_get_lora (resolution)), ==, "rina_suzuki_v1");

  /* now she has one, and the validation grid is the next step */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!(gtk_widget_get_sensitive (validate)
           && gtk_widget_has_css_class (validate, "suggested-action"))
         && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_true (gtk_widget_get_sensitive (validate));
  g_assert_true (gtk_widget_has_css_class (validate, "suggested-action"));

  /* it opens on top of the training window, with the default seeds and strengths shown */
  g_assert_true (gtk_widget_activate_action (window, "training.validate", NULL));
  validation = lk_test_find_toplevel (LK_TYPE_VALIDATION_WINDOW);
  g_assert_nonnull (validation);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (validation)) == GTK_WINDOW (window));
  g_assert_true (lk_test_wait_widgets (validation, GTK_TYPE_LABEL,
                                       "9 frames: 3 seeds × 3 strengths", 1, 10));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lk_test_find_widget (validation,
                                                                             ADW_TYPE_ENTRY_ROW,
                                                                             "Seeds"))),
                   ==, "1, 2, 3");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lk_test_find_widget (validation,
                                                                             ADW_TYPE_ENTRY_ROW,
                                                                             "LoRA Strengths"))),
                   ==, "0.6, 0.8, 1.0");
  gtk_window_destroy (GTK_WINDOW (validation));

  gtk_window_destroy (GTK_WINDOW (window));
  lk_catalog_close (catalog);
}

static char *
outfits_in_catalog (LkTestDb *db)
{
  return lk_test_db_query_value (db, "SELECT coalesce (string_agg (trigger_word || '=' || "
                                     "repeats, ',' ORDER BY trigger_word), '') "
                                     "FROM character_outfit_triggers");
}

static gboolean
wait_catalog (LkTestDb   *db,
              const char *wanted)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *now = outfits_in_catalog (db);

      if (g_strcmp0 (now, wanted) == 0)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  return FALSE;
}

static void
add_outfit (GtkWidget  *window,
            const char *trigger)
{
  GtkWidget *entry = lk_test_find_widget (window, ADW_TYPE_ENTRY_ROW, "Add an Outfit Trigger");

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), trigger);
  g_signal_emit_by_name (entry, "apply");
}

static void
test_window_outfits (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(LkCatalog) catalog = lk_test_open_demo_catalog (db->conninfo, demo_lora_path);
  g_autoptr(LkCharacter) mei = find_character (catalog, "Mei Kobayashi");
  g_autofree char *dir = g_dir_make_tmp ("lk-outfits-ui-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkWidget *row;
  GtkWidget *spin;
  GtkWidget *remove;

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("mei-%u.png", i);
      g_autofree char *path = lk_test_write_image (dir, name, "png", 520 + i, 520 + i, 0x204060ff);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(LkReferenceImage) image = NULL;
      LkTestAsync added = { 0 };

      lk_catalog_add_reference_image_async (catalog, lk_character_get_id (mei), path,
                                            LK_REFERENCE_ROLE_TRAINING_IMAGE,
                                            i == 0 ? "mei_kobayashi, smile"
                                                   : "mei_kobayashi, mei_office_suit, desk",
                                            NULL, lk_test_async_cb, &added);
      result = lk_test_async_wait (&added, 30);
      image = lk_catalog_add_reference_image_finish (catalog, result, &error);
      g_assert_no_error (error);
    }
  lk_test_db_exec (db, "INSERT INTO character_outfit_triggers (character_id, trigger_word, "
                       "repeats) SELECT id, 'mei_kimono', 6 FROM characters "
                       "WHERE name = 'Mei Kobayashi'");

  window = lk_training_window_new (catalog, mei);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "--output_name=mei_kobayashi_v2",
                                       1, 20));

  /* the stored outfit is listed with its repeats, and the lint says it has no image */
  row = lk_test_find_widget (window, ADW_TYPE_ACTION_ROW, "mei_kimono");
  g_assert_nonnull (row);
  spin = lk_test_find_widget (row, GTK_TYPE_SPIN_BUTTON, NULL);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 6);
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "“mei_kimono” has no image", 1,
                                       10));

  /* a new one is stored and listed; the lint sees its images */
  add_outfit (window, "mei_office_suit");
  g_assert_true (wait_catalog (db, "mei_kimono=6,mei_office_suit=10"));
  g_assert_true (lk_test_wait_widgets (window, ADW_TYPE_ACTION_ROW, NULL, 1, 10));
  row = NULL;
  for (guint i = 0; i < 500 && row == NULL; i++)
    {
      row = lk_test_find_widget (window, ADW_TYPE_ACTION_ROW, "mei_office_suit");
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_nonnull (row);
  g_assert_cmpuint (lk_test_count_widgets (window, GTK_TYPE_LABEL,
                                           "“mei_office_suit” has no image"), ==, 0);

  /* bad words are refused with the fix, and nothing is stored */
  add_outfit (window, "office suit");
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "has a space or a comma", 1, 10));
  add_outfit (window, "mei_kobayashi");
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "own trigger word", 1, 10));
  g_assert_true (wait_catalog (db, "mei_kimono=6,mei_office_suit=10"));

  /* repeats are stored as they change */
  spin = lk_test_find_widget (row, GTK_TYPE_SPIN_BUTTON, NULL);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 14);
  g_assert_true (wait_catalog (db, "mei_kimono=6,mei_office_suit=14"));

  /* removing one takes it out of the catalog, the list and the lint */
  remove = lk_test_find_widget (window, GTK_TYPE_BUTTON, "Remove mei_kimono");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  g_assert_true (wait_catalog (db, "mei_office_suit=14"));
  for (guint i = 0; i < 500 && lk_test_find_widget (window, ADW_TYPE_ACTION_ROW, "mei_kimono");
       i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_null (lk_test_find_widget (window, ADW_TYPE_ACTION_ROW, "mei_kimono"));
  g_assert_cmpuint (lk_test_count_widgets (window, GTK_TYPE_LABEL, "“mei_kimono” has no image"),
                    ==, 0);

  /* another artist's edit shows up */
  lk_test_db_exec (db, "INSERT INTO character_outfit_triggers (character_id, trigger_word, "
                       "repeats) SELECT id, 'mei_raincoat', 3 FROM characters "
                       "WHERE name = 'Mei Kobayashi'");
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "“mei_raincoat” has no image", 1,
                                       20));

  gtk_window_destroy (GTK_WINDOW (window));
  lk_catalog_close (catalog);
}

int
main (int   argc,
      char *argv[])
{
  lk_test_init_display (&argc, &argv, TRUE, 1, "DEMO-LORA");
  demo_lora_path = g_canonicalize_filename (argv[1], NULL);
  scripts_dir = g_test_build_filename (G_TEST_DIST, "fake-sd-scripts", NULL);
  lk_test_pg_require ();

  g_test_add_func ("/training/ui/strip-adds-dropped-files", test_strip_adds_dropped_files);
  g_test_add_func ("/training/ui/window-trains-and-assigns", test_window_trains_and_assigns);
  g_test_add_func ("/training/ui/window-keeps-outfits-in-the-catalog", test_window_outfits);

  return g_test_run ();
}
