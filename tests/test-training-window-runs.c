/* test-training-window-runs.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A training run outlives its window, in a real GTK window (under Xvfb) on a real catalog
 * with the stand-in trainer: closing the window leaves the trainer going, a window opened
 * later follows it again (progress, log, Cancel), and the LoRA is still registered and
 * assigned when it succeeds. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lk-catalog.h"
#include "lk-catalog-references.h"
#include "lk-test-pg.h"
#include "lk-test-files.h"
#include "lk-test-widgets.h"
#include "lk-trainer-process.h"
#include "lk-trainer-run.h"
#include "lk-training-window-private.h"

static char *demo_lora_path;
static char *scripts_dir;

typedef struct
{
  LkTestDb    *db;
  LkCatalog   *catalog;
  LkCharacter *rina;
  GSettings   *settings;
  char        *dir;
  char        *lora_file;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *loras = NULL;
  LkTestAsync wait = { 0 };

  fixture->db = lk_test_db_new ();
  fixture->catalog = lk_test_open_demo_catalog (fixture->db->conninfo, demo_lora_path);
  lk_catalog_find_character_async (fixture->catalog, "Rina Suzuki", NULL, lk_test_async_cb,
                                   &wait);
  found = lk_test_async_wait (&wait, 30);
  fixture->rina = lk_catalog_find_character_finish (fixture->catalog, found, &error);
  g_assert_no_error (error);

  fixture->dir = g_dir_make_tmp ("lk-window-runs-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("rina-%u.png", i);
      g_autofree char *path = lk_test_write_image (fixture->dir, name, "png",
                                                   512 + i, 512 + i, 0x204060ff);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(LkReferenceImage) image = NULL;
      LkTestAsync added = { 0 };

      lk_catalog_add_reference_image_async (fixture->catalog, lk_character_get_id (fixture->rina),
                                            path, LK_REFERENCE_ROLE_TRAINING_IMAGE,
                                            "rina_suzuki, smile", NULL, lk_test_async_cb, &added);
      result = lk_test_async_wait (&added, 30);
      image = lk_catalog_add_reference_image_finish (fixture->catalog, result, &error);
      g_assert_no_error (error);
    }

  loras = g_build_filename (fixture->dir, "loras", NULL);
  fixture->lora_file = g_build_filename (loras, "rina_suzuki_v1.safetensors", NULL);
  fixture->settings = g_settings_new (APP_ID);
  g_settings_set_string (fixture->settings, "sd-scripts-folder", scripts_dir);
  g_settings_set_string (fixture->settings, "sd-scripts-python", "python3");
  g_settings_set_string (fixture->settings, "lora-folder", loras);
  /* 2 images x 10 repeats x 10 epochs at 0.02 s a step: a few seconds of training */
  g_setenv ("LORAKEET_FAKE_TRAINER_STEP_DELAY", "0.02", TRUE);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_unsetenv ("LORAKEET_FAKE_TRAINER_STEP_DELAY");
  lk_catalog_close (fixture->catalog);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->rina);
  g_clear_object (&fixture->catalog);
  g_clear_pointer (&fixture->db, lk_test_db_free);
  g_free (fixture->dir);
  g_free (fixture->lora_file);
}

/* Iterates the main context until @sql gives @expected, for at most @seconds. */
static gboolean
wait_for_value (Fixture    *fixture,
                const char *sql,
                const char *expected,
                guint       seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *value = lk_test_db_query_value (fixture->db, sql);

      if (g_strcmp0 (value, expected) == 0)
        return TRUE;
      for (guint i = 0; i < 10; i++)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (10000);
        }
    }
  return FALSE;
}

/* Starts a run in a window, waits until the trainer is at work, and closes the window. */
static int
start_and_close (Fixture  *fixture,
                 char    **status_path)
{
  GtkWidget *window = lk_training_window_new (fixture->catalog, fixture->rina);
  g_autofree char *pid = NULL;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "--output_name=rina_suzuki_v1", 1,
                                       20));
  g_assert_true (gtk_widget_activate_action (window, "training.run", NULL));
  g_assert_true (wait_for_value (fixture,
                                 "SELECT status FROM training_runs WHERE pid IS NOT NULL",
                                 "running", 30));
  gtk_window_close (GTK_WINDOW (window));

  pid = lk_test_db_query_value (fixture->db, "SELECT pid FROM training_runs");
  *status_path = lk_test_db_query_value (fixture->db, "SELECT status_path FROM training_runs");
  return (int)g_ascii_strtoll (pid, NULL, 10);
}

static void
test_run_found_again_and_assigned (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autofree char *status_path = NULL;
  g_autoptr(GAsyncResult) resolved = NULL;
  g_autoptr(LkResolution) resolution = NULL;
  g_autoptr(GError) error = NULL;
  LkTestAsync wait = { 0 };
  LkTrainingWindow *again;
  GtkWidget *window;
  int pid;

  pid = start_and_close (fixture, &status_path);
  /* the window is gone; the trainer is not */
  g_assert_null (lk_test_find_toplevel (LK_TYPE_TRAINING_WINDOW));
  g_assert_true (lk_trainer_process_is_running (pid, status_path));

  window = lk_training_window_new (fixture->catalog, fixture->rina);
  again = LK_TRAINING_WINDOW (window);
  gtk_window_present (GTK_WINDOW (window));
  _lk_training_window_follow_runs (again);

  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "Training succeeded", 1, 60));
  g_assert_nonnull (again->run);
  g_assert_cmpint (lk_trainer_run_get_state (again->run), ==, LK_TRAINER_STATE_SUCCEEDED);
  /* the log so far and onwards, and the progress read from it */
  g_assert_cmpfloat (lk_trainer_run_get_fraction (again->run), ==, 1.0);
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (again->log_view);
    g_autofree char *text = NULL;
    GtkTextIter start, end;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_nonnull (strstr (text, "prepare tokenizer"));
    g_assert_nonnull (strstr (text, "model saved."));
  }

  /* the LoRA is registered, assigned and recorded once */
  g_assert_true (wait_for_value (fixture,
                                 "SELECT status || ':' || (model_id IS NOT NULL)::text "
                                 "FROM training_runs", "succeeded:true", 30));
  g_assert_true (g_file_test (fixture->lora_file, G_FILE_TEST_EXISTS));
  lk_catalog_resolve_async (fixture->catalog, lk_character_get_id (fixture->rina), NULL,
                            lk_test_async_cb, &wait);
  resolved = lk_test_async_wait (&wait, 30);
  resolution = lk_catalog_resolve_finish (fixture->catalog, resolved, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lk_resolution_get_lora (resolution));
  g_assert_cmpstr (lk_model_get_name (lk_resolution_get_lora (resolution)), ==, "rina_suzuki_v1");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_cancel_after_reopening (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *status_path = NULL;
  LkTrainingWindow *again;
  GtkWidget *window;
  gint64 deadline;
  int pid;

  g_setenv ("LORAKEET_FAKE_TRAINER_STEP_DELAY", "0.5", TRUE);
  pid = start_and_close (fixture, &status_path);

  window = lk_training_window_new (fixture->catalog, fixture->rina);
  again = LK_TRAINING_WINDOW (window);
  gtk_window_present (GTK_WINDOW (window));
  _lk_training_window_follow_runs (again);

  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while ((again->run == NULL || lk_trainer_run_get_step (again->run) < 1)
         && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_nonnull (again->run);
  g_assert_cmpint (lk_trainer_run_get_state (again->run), ==, LK_TRAINER_STATE_RUNNING);

  g_assert_true (gtk_widget_activate_action (window, "training.cancel", NULL));
  g_assert_true (lk_test_wait_widgets (window, GTK_TYPE_LABEL, "Training was cancelled", 1, 30));
  g_assert_true (wait_for_value (fixture, "SELECT status FROM training_runs", "cancelled", 30));
  g_assert_false (lk_trainer_process_is_running (pid, status_path));
  g_assert_false (g_file_test (fixture->lora_file, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  lk_test_init_display (&argc, &argv, TRUE, 1, "DEMO-LORA");
  demo_lora_path = g_canonicalize_filename (argv[1], NULL);
  scripts_dir = g_test_build_filename (G_TEST_DIST, "fake-sd-scripts", NULL);
  lk_test_pg_require ();

  g_test_add ("/training/window/run-outlives-window-and-is-found-again", Fixture, NULL,
              fixture_setup, test_run_found_again_and_assigned, fixture_teardown);
  g_test_add ("/training/window/cancel-works-after-reopening", Fixture, NULL, fixture_setup,
              test_cancel_after_reopening, fixture_teardown);

  return g_test_run ();
}
