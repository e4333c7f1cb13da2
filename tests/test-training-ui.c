/* test-training-ui.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The training widgets in a real GTK window (under Xvfb) on a real catalog: the reference
 * strip adding dropped files, and the training window exporting, running the stand-in
 * trainer and assigning the LoRA. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lk-catalog.h"
#include "lk-catalog-references.h"
#include "lk-reference-strip.h"
#include "lk-test-pg.h"
#include "lk-training-window.h"

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

static char *
write_png (const char *dir,
           const char *name,
           int         size)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, size, size);
  char *path = g_build_filename (dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, 0x20406000 + (guint32)size);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", NULL, NULL));
  return path;
}

static void
count_widgets (GtkWidget  *widget,
               GType       type,
               const char *label_text,
               guint      *count)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    {
      if (label_text == NULL)
        (*count)++;
      else if (GTK_IS_LABEL (widget)
               && strstr (gtk_label_get_text (GTK_LABEL (widget)), label_text) != NULL)
        (*count)++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    count_widgets (child, type, label_text, count);
}

static guint
count (GtkWidget  *root,
       GType       type,
       const char *label_text)
{
  guint n = 0;

  count_widgets (root, type, label_text, &n);
  return n;
}

static gboolean
wait_until (GtkWidget  *root,
            GType       type,
            const char *label_text,
            guint       wanted,
            guint       seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      if (count (root, type, label_text) >= wanted)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  return FALSE;
}

static void
test_strip_adds_dropped_files (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(LkCatalog) catalog = lk_test_open_demo_catalog (db->conninfo, demo_lora_path);
  g_autoptr(LkCharacter) rina = find_character (catalog, "Rina Suzuki");
  g_autofree char *dir = g_dir_make_tmp ("lk-strip-XXXXXX", NULL);
  g_autofree char *big = write_png (dir, "rina-big.png", 600);
  g_autofree char *small = write_png (dir, "rina-small.png", 100);
  g_autofree char *text = g_build_filename (dir, "notes.png", NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *strip = lk_reference_strip_new ();
  GSList *files = NULL;

  g_assert_true (g_file_set_contents (text, "hello", -1, NULL));
  gtk_window_set_child (GTK_WINDOW (window), strip);
  gtk_window_present (GTK_WINDOW (window));
  lk_reference_strip_set_catalog (LK_REFERENCE_STRIP (strip), catalog);
  lk_reference_strip_set_character (LK_REFERENCE_STRIP (strip), rina);
  g_assert_true (wait_until (window, GTK_TYPE_LABEL, "No reference images yet", 1, 10));

  files = g_slist_append (files, g_file_new_for_path (big));
  files = g_slist_append (files, g_file_new_for_path (small));
  files = g_slist_append (files, g_file_new_for_path (text));
  lk_reference_strip_add_files (LK_REFERENCE_STRIP (strip), files);
  g_slist_free_full (files, g_object_unref);

  /* Two tiles; the small one became a sheet, the text file is explained. */
  g_assert_true (wait_until (window, GTK_TYPE_PICTURE, NULL, 2, 20));
  g_assert_true (wait_until (window, GTK_TYPE_LABEL, "added as a reference sheet", 1, 10));
  g_assert_true (wait_until (window, GTK_TYPE_LABEL, "notes.png is not a PNG", 1, 10));
  g_assert_cmpuint (count (window, GTK_TYPE_PICTURE, NULL), ==, 2);

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
  GtkWidget *window;
  gint64 deadline;
  LkTestAsync wait = { 0 };

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("rina-%u.png", i);
      g_autofree char *path = write_png (dir, name, 512 + i);
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
  gtk_window_present (GTK_WINDOW (window));
  /* The command is shown before anything runs. */
  g_assert_true (wait_until (window, GTK_TYPE_LABEL, "--output_name=rina_suzuki_v1", 1, 20));
  g_assert_true (wait_until (window, GTK_TYPE_LABEL, "fake-sd-scripts/train_network.py", 1, 5));

  g_assert_true (gtk_widget_activate_action (window, "training.run", NULL));

  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (!g_file_test (lora_file, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_true (g_file_test (lora_file, G_FILE_TEST_EXISTS));
  g_assert_true (wait_until (window, GTK_TYPE_LABEL, "is now Rina Suzuki’s LoRA", 1, 30));

  lk_catalog_resolve_async (catalog, lk_character_get_id (rina), NULL, lk_test_async_cb, &wait);
  resolved = lk_test_async_wait (&wait, 30);
  resolution = lk_catalog_resolve_finish (catalog, resolved, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lk_resolution_get_lora (resolution));
  g_assert_cmpstr (lk_model_get_name (lk_resolution_get_lora (resolution)), ==, "rina_suzuki_v1");

  gtk_window_destroy (GTK_WINDOW (window));
  lk_catalog_close (catalog);
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
  if (!gtk_init_check ())
    {
      g_printerr ("No display; skipping.\n");
      return 77;
    }
  adw_init ();
  demo_lora_path = g_canonicalize_filename (argv[1], NULL);
  scripts_dir = g_test_build_filename (G_TEST_DIST, "fake-sd-scripts", NULL);
  lk_test_pg_require ();

  g_test_add_func ("/training/ui/strip-adds-dropped-files", test_strip_adds_dropped_files);
  g_test_add_func ("/training/ui/window-trains-and-assigns", test_window_trains_and_assigns);

  return g_test_run ();
}
