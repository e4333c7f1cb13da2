/* test-validation-window.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The validation window in a real GTK window (under Xvfb): the demo studio on the harness's
 * PostgreSQL, the ComfyUI simulator on 127.0.0.1, the grid generated frame by frame with its
 * progress, the sheet shown and approved, the review stored by the sheet's content hash; a
 * character without a LoRA and mistyped seeds explained. */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "lk-file-hash.h"
#include "lk-test-generator.h"
#include "lk-test-widgets.h"
#include "lk-validation-grid.h"
#include "lk-validation-window.h"

static LkCharacter *
find_character (Fixture    *f,
                const char *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LkCharacter *character;
  LkTestAsync wait = { 0 };

  lk_catalog_find_character_async (f->catalog, name, NULL, lk_test_async_cb, &wait);
  result = lk_test_async_wait (&wait, 30);
  character = lk_catalog_find_character_finish (f->catalog, result, &error);
  g_assert_no_error (error);
  return character;
}

static GtkWidget *
open_window (Fixture    *f,
             const char *name)
{
  g_autoptr(LkCharacter) character = find_character (f, name);
  GtkWidget *window = lk_validation_window_new (NULL, f->generator, character);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static char *screenshot_dir;

static void
set_row (GtkWidget  *window,
         const char *title,
         const char *text)
{
  GtkWidget *row = lk_test_find_widget (window, ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
test_grid_generated_shown_and_approved (Fixture       *f,
                                        gconstpointer  data)
{
  GtkWidget *window = open_window (f, "Mei Kobayashi");
  g_autofree char *path = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *verdict = NULL;
  g_autofree char *count = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *picture;
  GFile *shown;

  /* the defaults are shown; two seeds by two strengths is quicker */
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "9 frames: 3 seeds × 3 strengths",
                                       1, 10));
  set_row (window, "Seeds", "7, 11");
  set_row (window, "LoRA Strengths", "0.6, 1.0");
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "4 frames: 2 seeds × 2 strengths",
                                       1, 5));

  g_assert_true (gtk_widget_activate_action (window, "validation.generate", NULL));
  /* progress names the frame being made and counts the frames */
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "seed 7 at strength 0.60", 1, 10));
  g_assert_cmpuint (lk_test_count_widgets (window, GTK_TYPE_PROGRESS_BAR, NULL), ==, 1);

  /* then the sheet, large, with where it is in the gallery */
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL,
                                       "The sheet is in the gallery as “validation_grid_", 1, 120));
  picture = lk_test_find_widget (window, GTK_TYPE_PICTURE, NULL);
  g_assert_nonnull (picture);
  shown = gtk_picture_get_file (GTK_PICTURE (picture));
  g_assert_nonnull (shown);
  path = g_file_get_path (shown);
  g_assert_true (g_str_has_prefix (strrchr (path, '/') + 1, "validation_grid_"));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  lk_test_save_screenshot (window, screenshot_dir, "validation-sheet.png");
  g_assert_cmpuint (lk_test_count_widgets (window, GTK_TYPE_LABEL, " failed: "), ==, 0);

  /* four jobs on Mei's LoRA, and the sheet recorded as an output */
  count = lk_test_db_query_value (f->db, "SELECT count (*) FROM generation_jobs");
  g_assert_cmpstr (count, ==, "4");
  g_clear_pointer (&count, g_free);
  count = lk_test_db_query_value (f->db, "SELECT count (*) FROM generation_outputs WHERE "
                                         "node_id = '" LK_VALIDATION_GRID_NODE_ID "'");
  g_assert_cmpstr (count, ==, "1");

  /* approved here is approved in the catalog, keyed by the sheet's content */
  g_assert_true (gtk_widget_activate_action (window, "validation.approve", NULL));
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "Approved: the review is stored",
                                       1, 20));
  file = g_file_new_for_path (path);
  hash = lk_file_sha256 (file, NULL, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT verdict FROM output_reviews WHERE content_hash = '%s'", hash);
  verdict = lk_test_db_query_value (f->db, sql);
  g_assert_cmpstr (verdict, ==, "approved");

  /* and changed like any review */
  g_assert_true (gtk_widget_activate_action (window, "validation.reject", NULL));
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "Rejected: the review is stored",
                                       1, 20));
  g_clear_pointer (&verdict, g_free);
  verdict = lk_test_db_query_value (f->db, sql);
  g_assert_cmpstr (verdict, ==, "rejected");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_stop_takes_frames_off_the_server (Fixture       *f,
                                       gconstpointer  data)
{
  GtkWidget *window = open_window (f, "Mei Kobayashi");
  g_autofree char *unfinished = NULL;
  g_autofree char *cancelled = NULL;
  g_autofree char *reviews = NULL;
  gint64 deadline;

  /* slow frames, so the stop comes while they run */
  lk_comfy_sim_set_step_ms (f->sim, 150);
  g_assert_true (gtk_widget_activate_action (window, "validation.generate", NULL));
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "Generating seed 1 at strength "
                                       "0.60", 1, 30));
  g_assert_true (gtk_widget_activate_action (window, "validation.cancel", NULL));
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "The validation grid was stopped",
                                       1, 60));
  /* back to the seeds and strengths, and nothing left running */
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "9 frames", 1, 5));
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  do
    {
      g_free (unfinished);
      unfinished = lk_test_db_query_value (f->db, "SELECT count (*) FROM generation_jobs WHERE "
                                                  "status IN ('pending', 'queued', 'running')");
      g_main_context_iteration (NULL, FALSE);
    }
  while (g_strcmp0 (unfinished, "0") != 0 && g_get_monotonic_time () < deadline);
  g_assert_cmpstr (unfinished, ==, "0");
  cancelled = lk_test_db_query_value (f->db, "SELECT count (*) FROM generation_jobs WHERE "
                                             "status = 'cancelled'");
  g_assert_cmpint (atoi (cancelled), >=, 1);
  /* there is no sheet to approve */
  gtk_widget_activate_action (window, "validation.approve", NULL);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  reviews = lk_test_db_query_value (f->db, "SELECT count (*) FROM output_reviews");
  g_assert_cmpstr (reviews, ==, "0");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_without_lora_explained (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *window = open_window (f, "Rina Suzuki");
  g_autofree char *count = NULL;

  g_assert_true (gtk_widget_activate_action (window, "validation.generate", NULL));
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "Rina Suzuki has no LoRA", 1, 30));
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "No Validation Sheet", 1, 5));
  count = lk_test_db_query_value (f->db, "SELECT count (*) FROM generation_jobs");
  g_assert_cmpstr (count, ==, "0");

  /* back to the seeds and strengths */
  g_assert_true (gtk_widget_activate_action (window, "validation.setup", NULL));
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "9 frames", 1, 5));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_mistyped_seeds_explained (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *window = open_window (f, "Mei Kobayashi");
  g_autofree char *count = NULL;

  set_row (window, "Seeds", "1, two");
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "“two” is not a seed", 1, 5));
  set_row (window, "Seeds", "1, 2");
  set_row (window, "LoRA Strengths", "0.8, 20");
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "between -10 and 10", 1, 5));

  /* nothing is generated from a list that cannot be read */
  g_assert_true (gtk_widget_activate_action (window, "validation.generate", NULL));
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  count = lk_test_db_query_value (f->db, "SELECT count (*) FROM generation_jobs");
  g_assert_cmpstr (count, ==, "0");
  g_assert_cmpuint (lk_test_count_widgets (window, GTK_TYPE_PROGRESS_BAR, NULL), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  lk_test_init_display (&argc, &argv, TRUE, 1, "DEMO-LORA [SCREENSHOT-DIR]");
  lk_test_generator_demo_lora = g_canonicalize_filename (argv[1], NULL);
  if (argc > 2)
    screenshot_dir = g_canonicalize_filename (argv[2], NULL);
  lk_test_pg_require ();

  g_test_add ("/validation-window/mei/grid-generated-shown-and-approved", Fixture, NULL,
              lk_test_generator_setup, test_grid_generated_shown_and_approved,
              lk_test_generator_teardown);
  g_test_add ("/validation-window/mei/stop-takes-frames-off-the-server", Fixture, NULL,
              lk_test_generator_setup, test_stop_takes_frames_off_the_server,
              lk_test_generator_teardown);
  g_test_add ("/validation-window/rina/without-lora-explained", Fixture, NULL,
              lk_test_generator_setup, test_without_lora_explained, lk_test_generator_teardown);
  g_test_add ("/validation-window/mistyped-seeds-explained", Fixture, NULL,
              lk_test_generator_setup, test_mistyped_seeds_explained, lk_test_generator_teardown);

  return g_test_run ();
}
