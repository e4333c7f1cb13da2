/* test-training-run.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The trainer boundary, against tests/fake-sd-scripts/train_network.py: a real subprocess
 * that prints sd-scripts' progress lines and writes a real .safetensors. */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "lk-catalog-training-runs.h"
#include "lk-catalog-training.h"
#include "lk-safetensors.h"
#include "lk-test-files.h"
#include "lk-test-pg.h"
#include "lk-trainer-process.h"
#include "lk-trainer-run.h"
#include "lk-training-set.h"

typedef struct
{
  char          *dir;
  char          *export_dir;
  char         **argv;
  char          *output;
  char          *log;
} Fixture;

static char *scripts_dir;

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

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("timed out");
  return G_SOURCE_REMOVE;
}

static void
wait_for (Wait *wait)
{
  guint id = g_timeout_add_seconds (60, timeout_cb, NULL);

  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(LkTrainingSet) set = lk_training_set_new ("Rina Suzuki", "rina_suzuki", "1girl");
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  Wait wait = { 0 };

  fixture->dir = g_dir_make_tmp ("lk-trainer-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->export_dir = g_build_filename (fixture->dir, "rina", NULL);

  for (guint i = 1; i <= 3; i++)
    {
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 32, 32);
      g_autofree char *name = g_strdup_printf ("r%u.png", i);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *caption = g_strdup_printf ("rina_suzuki, smile, view %u", i);
      g_autoptr(LkReferenceImage) image = NULL;

      gdk_pixbuf_fill (pixbuf, 0x80808000 + i);
      gdk_pixbuf_save (pixbuf, path, "png", NULL, NULL);
      image = lk_reference_image_new (i, 2, path, LK_REFERENCE_ROLE_TRAINING_IMAGE, caption, i,
                                      NULL, 32, 32);
      lk_training_set_add_image (set, image);
    }
  lk_training_set_set_repeats (set, 2);
  lk_training_set_set_epochs (set, 2);
  lk_training_set_set_network (set, 4, 2);
  lk_training_set_set_output_name (set, "rina_suzuki_v1");
  lk_training_set_set_base_checkpoint (set, "/models/anything-v5.safetensors", FALSE);

  lk_training_set_export_async (set, fixture->export_dir, "python3", scripts_dir, NULL, wait_cb,
                                &wait);
  wait_for (&wait);
  result = wait.result;
  fixture->argv = lk_training_set_export_finish (set, result, &error);
  g_assert_no_error (error);
  fixture->output = g_build_filename (fixture->export_dir, "model", "rina_suzuki_v1.safetensors",
                                      NULL);
  fixture->log = g_build_filename (fixture->export_dir, "log", "rina_suzuki_v1.log", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_unsetenv ("LORAKEET_FAKE_TRAINER_FAIL");
  g_unsetenv ("LORAKEET_FAKE_TRAINER_STEP_DELAY");
  g_unsetenv ("LORAKEET_FAKE_TRAINER_NO_OUTPUT");
  lk_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->export_dir);
  g_strfreev (fixture->argv);
  g_free (fixture->output);
  g_free (fixture->log);
}

typedef struct
{
  guint  lines;
  gint64 max_step;
  int    max_epoch;
  guint  fraction_notifies;
} Seen;

static void
line_cb (LkTrainerRun *run,
         const char   *line,
         Seen         *seen)
{
  seen->lines++;
  seen->max_step = MAX (seen->max_step, lk_trainer_run_get_step (run));
  seen->max_epoch = MAX (seen->max_epoch, lk_trainer_run_get_epoch (run));
}

static void
fraction_cb (LkTrainerRun *run,
             GParamSpec   *pspec,
             Seen         *seen)
{
  seen->fraction_notifies++;
}

static char *
run_trainer (Fixture       *fixture,
             LkTrainerRun  *run,
             GCancellable  *cancellable,
             Seen          *seen,
             GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  Wait wait = { 0 };

  g_signal_connect (run, "output-line", G_CALLBACK (line_cb), seen);
  g_signal_connect (run, "notify::fraction", G_CALLBACK (fraction_cb), seen);
  lk_trainer_run_start_async (run, cancellable, wait_cb, &wait);
  g_assert_cmpint (lk_trainer_run_get_state (run), ==, LK_TRAINER_STATE_RUNNING);
  wait_for (&wait);
  result = wait.result;
  return lk_trainer_run_start_finish (run, result, error);
}

static void
test_parse_lines (void)
{
  LkTrainerProgress p;

  g_assert_true (lk_trainer_parse_line ("epoch 3/10", &p));
  g_assert_cmpint (p.epoch, ==, 3);
  g_assert_cmpint (p.total_epochs, ==, 10);
  g_assert_cmpint (p.step, ==, -1);

  g_assert_true (lk_trainer_parse_line ("steps:  45%|████▌     | 45/100 [00:10<00:12,  "
                                        "4.50it/s, avr_loss=0.0812]", &p));
  g_assert_cmpint (p.step, ==, 45);
  g_assert_cmpint (p.total_steps, ==, 100);
  g_assert_cmpfloat_with_epsilon (p.loss, 0.0812, 1e-9);

  g_assert_true (lk_trainer_parse_line ("steps:   0%|          | 0/300 [00:00<?, ?it/s]", &p));
  g_assert_cmpint (p.total_steps, ==, 300);
  g_assert_cmpfloat (p.loss, <, 0);

  g_assert_true (lk_trainer_parse_line ("  total optimization steps / 学習ステップ数: 1200", &p));
  g_assert_cmpint (p.total_steps, ==, 1200);

  g_assert_false (lk_trainer_parse_line ("prepare tokenizer", &p));
  g_assert_false (lk_trainer_parse_line ("loading 12/40 images [cache]", &p));
}

static void
test_run_streams_progress_and_writes_lora (Fixture       *fixture,
                                           gconstpointer  user_data)
{
  g_autoptr(LkTrainerRun) run = lk_trainer_run_new ((const char * const *)fixture->argv,
                                                    fixture->log, fixture->output);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(LkSafetensors) header = NULL;
  g_autofree char *path = NULL;
  g_autofree char *log = NULL;
  Seen seen = { 0 };

  path = run_trainer (fixture, run, NULL, &seen, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, fixture->output);
  g_assert_cmpint (lk_trainer_run_get_state (run), ==, LK_TRAINER_STATE_SUCCEEDED);

  /* 3 images x 2 repeats x 2 epochs */
  g_assert_cmpint (lk_trainer_run_get_total_steps (run), ==, 12);
  g_assert_cmpint (lk_trainer_run_get_step (run), ==, 12);
  g_assert_cmpint (lk_trainer_run_get_total_epochs (run), ==, 2);
  g_assert_cmpint (seen.max_epoch, ==, 2);
  g_assert_cmpint (seen.max_step, ==, 12);
  g_assert_cmpuint (seen.fraction_notifies, >=, 12);
  g_assert_cmpfloat (lk_trainer_run_get_loss (run), >, 0);
  g_assert_cmpfloat (lk_trainer_run_get_fraction (run), ==, 1.0);

  g_assert_true (g_file_get_contents (fixture->log, &log, NULL, NULL));
  g_assert_nonnull (strstr (log, "epoch 2/2"));
  g_assert_nonnull (strstr (log, "12/12 ["));

  file = g_file_new_for_path (path);
  header = lk_safetensors_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_safetensors_get_output_name (header), ==, "rina_suzuki_v1");
}

static void
test_failing_trainer_reported (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(LkTrainerRun) run = lk_trainer_run_new ((const char * const *)fixture->argv,
                                                    fixture->log, fixture->output);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *log = NULL;
  Seen seen = { 0 };

  g_setenv ("LORAKEET_FAKE_TRAINER_FAIL", "1", TRUE);
  path = run_trainer (fixture, run, NULL, &seen, &error);
  g_assert_error (error, LK_TRAINING_ERROR, LK_TRAINING_ERROR_TRAINER_FAILED);
  g_assert_nonnull (strstr (error->message, "CUDA out of memory"));
  g_assert_nonnull (strstr (error->message, fixture->log));
  g_assert_null (path);
  g_assert_cmpint (lk_trainer_run_get_state (run), ==, LK_TRAINER_STATE_FAILED);
  /* The log is kept, with the traceback. */
  g_assert_true (g_file_get_contents (fixture->log, &log, NULL, NULL));
  g_assert_nonnull (strstr (log, "Traceback"));
  g_assert_false (g_file_test (fixture->output, G_FILE_TEST_EXISTS));
}

static void
test_missing_output_reported (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(LkTrainerRun) run = lk_trainer_run_new ((const char * const *)fixture->argv,
                                                    fixture->log, fixture->output);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  Seen seen = { 0 };

  g_setenv ("LORAKEET_FAKE_TRAINER_NO_OUTPUT", "1", TRUE);
  path = run_trainer (fixture, run, NULL, &seen, &error);
  g_assert_error (error, LK_TRAINING_ERROR, LK_TRAINING_ERROR_NO_OUTPUT);
  g_assert_nonnull (strstr (error->message, "rina_suzuki_v1.safetensors"));
}

static void
cancel_on_first_step_cb (LkTrainerRun *run,
                         GParamSpec   *pspec,
                         GCancellable *cancellable)
{
  if (lk_trainer_run_get_step (run) >= 1)
    g_cancellable_cancel (cancellable);
}

static void
test_cancel_stops_trainer (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(LkTrainerRun) run = lk_trainer_run_new ((const char * const *)fixture->argv,
                                                    fixture->log, fixture->output);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  Seen seen = { 0 };

  g_setenv ("LORAKEET_FAKE_TRAINER_STEP_DELAY", "2", TRUE);
  g_signal_connect (run, "notify::step", G_CALLBACK (cancel_on_first_step_cb), cancellable);
  path = run_trainer (fixture, run, cancellable, &seen, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (lk_trainer_run_get_state (run), ==, LK_TRAINER_STATE_CANCELLED);
  g_assert_cmpint (lk_trainer_run_get_step (run), <, 12);
  g_assert_true (g_file_test (fixture->log, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (fixture->output, G_FILE_TEST_EXISTS));
}

static void
test_trainer_killed_reported (Fixture       *fixture,
                              gconstpointer  user_data)
{
  const char *argv[] = { "sh", "-c", "echo 'epoch 1/3'; kill -9 $$", NULL };
  g_autoptr(LkTrainerRun) run = lk_trainer_run_new (argv, fixture->log, fixture->output);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  Seen seen = { 0 };

  path = run_trainer (fixture, run, NULL, &seen, &error);
  g_assert_error (error, LK_TRAINING_ERROR, LK_TRAINING_ERROR_TRAINER_KILLED);
  g_assert_nonnull (strstr (error->message, "9"));
  g_assert_cmpint (lk_trainer_run_get_epoch (run), ==, 1);
}

static void
test_missing_program_reported (Fixture       *fixture,
                               gconstpointer  user_data)
{
  const char *argv[] = { "/nonexistent/venv/bin/python", "train_network.py", NULL };
  g_autoptr(LkTrainerRun) run = lk_trainer_run_new (argv, fixture->log, fixture->output);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  Wait wait = { 0 };

  lk_trainer_run_start_async (run, NULL, wait_cb, &wait);
  wait_for (&wait);
  result = wait.result;
  path = lk_trainer_run_start_finish (run, result, &error);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent/venv/bin/python"));
  g_assert_cmpint (lk_trainer_run_get_state (run), ==, LK_TRAINER_STATE_FAILED);
}


/* A trainer outlives whoever started it ----------------------------------------------------- */

static void
step_seen_cb (LkTrainerRun *run,
              GParamSpec   *pspec,
              gboolean     *seen)
{
  if (lk_trainer_run_get_step (run) >= 1)
    *seen = TRUE;
}

/* Starts the stand-in trainer slowly (0.3 s a step) and returns once it is at its first
 * step; @wait receives the starter's outcome later. */
static LkTrainerRun *
start_slow_run (Fixture *fixture,
                Wait    *wait)
{
  LkTrainerRun *run = lk_trainer_run_new ((const char * const *)fixture->argv, fixture->log,
                                          fixture->output);
  gboolean stepped = FALSE;
  gulong handler;

  g_setenv ("LORAKEET_FAKE_TRAINER_STEP_DELAY", "0.3", TRUE);
  handler = g_signal_connect (run, "notify::step", G_CALLBACK (step_seen_cb), &stepped);
  lk_trainer_run_start_async (run, NULL, wait_cb, wait);
  g_assert_cmpint (lk_trainer_run_get_state (run), ==, LK_TRAINER_STATE_RUNNING);
  g_assert_cmpint (lk_trainer_run_get_pid (run), >, 0);
  lk_test_wait_for (&stepped, 60);
  g_signal_handler_disconnect (run, handler);

  return run;
}

static void
test_run_outlives_its_observer (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(LkTrainerRun) attached = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status_path = NULL;
  g_autofree char *path = NULL;
  Wait started = { 0 };
  Wait wait = { 0 };
  LkTrainerRun *run;
  int pid;

  run = start_slow_run (fixture, &started);
  pid = lk_trainer_run_get_pid (run);
  status_path = g_strdup (lk_trainer_run_get_status_path (run));
  g_assert_true (g_str_has_prefix (status_path, fixture->export_dir));

  /* The starter lets go without cancelling: the trainer goes on. */
  g_object_unref (run);
  g_assert_true (lk_trainer_process_is_running (pid, status_path));

  attached = lk_trainer_run_new_for_process (pid, fixture->log, status_path, fixture->output);
  lk_trainer_run_attach_async (attached, NULL, wait_cb, &wait);
  g_assert_cmpint (lk_trainer_run_get_state (attached), ==, LK_TRAINER_STATE_RUNNING);
  wait_for (&wait);
  result = wait.result;
  path = lk_trainer_run_attach_finish (attached, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, fixture->output);
  g_assert_cmpint (lk_trainer_run_get_state (attached), ==, LK_TRAINER_STATE_SUCCEEDED);
  /* progress from the log so far, and onwards */
  g_assert_cmpint (lk_trainer_run_get_total_steps (attached), ==, 12);
  g_assert_cmpint (lk_trainer_run_get_step (attached), ==, 12);
  g_assert_cmpint (lk_trainer_run_get_epoch (attached), ==, 2);
  g_assert_cmpint (lk_trainer_process_read_exit_status (status_path), ==, 0);
  g_assert_false (lk_trainer_process_is_running (pid, status_path));

  wait_for (&started);
  g_clear_object (&started.result);
}

static void
test_attach_to_ended_run (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(LkTrainerRun) run = lk_trainer_run_new ((const char * const *)fixture->argv,
                                                    fixture->log, fixture->output);
  g_autoptr(LkTrainerRun) attached = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *again = NULL;
  Seen seen = { 0 };
  Wait wait = { 0 };

  g_setenv ("LORAKEET_FAKE_TRAINER_FAIL", "1", TRUE);
  path = run_trainer (fixture, run, NULL, &seen, &error);
  g_assert_error (error, LK_TRAINING_ERROR, LK_TRAINING_ERROR_TRAINER_FAILED);
  g_clear_error (&error);

  /* found again later: the outcome comes from the status file, the progress from the log */
  attached = lk_trainer_run_new_for_process (lk_trainer_run_get_pid (run), fixture->log,
                                             lk_trainer_run_get_status_path (run),
                                             fixture->output);
  lk_trainer_run_attach_async (attached, NULL, wait_cb, &wait);
  wait_for (&wait);
  result = wait.result;
  again = lk_trainer_run_attach_finish (attached, result, &error);
  g_assert_error (error, LK_TRAINING_ERROR, LK_TRAINING_ERROR_TRAINER_FAILED);
  g_assert_nonnull (strstr (error->message, "CUDA out of memory"));
  g_assert_null (again);
  g_assert_cmpint (lk_trainer_run_get_state (attached), ==, LK_TRAINER_STATE_FAILED);
  g_assert_cmpint (lk_trainer_run_get_epoch (attached), ==, 1);
}

static void
test_killed_by_pid_is_interrupted (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autoptr(LkTrainerRun) attached = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) started_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) started_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *started_path = NULL;
  Wait started = { 0 };
  Wait wait = { 0 };
  g_autoptr(LkTrainerRun) run = start_slow_run (fixture, &started);
  int pid = lk_trainer_run_get_pid (run);

  attached = lk_trainer_run_new_for_process (pid, fixture->log,
                                             lk_trainer_run_get_status_path (run),
                                             fixture->output);
  lk_trainer_run_attach_async (attached, NULL, wait_cb, &wait);

  /* the whole process group, wrapper included: nothing is left to write a status */
  g_assert_cmpint (kill (-pid, SIGKILL), ==, 0);

  wait_for (&wait);
  result = wait.result;
  path = lk_trainer_run_attach_finish (attached, result, &error);
  g_assert_error (error, LK_TRAINING_ERROR, LK_TRAINING_ERROR_TRAINER_KILLED);
  g_assert_nonnull (strstr (error->message, fixture->log));
  g_assert_cmpint (lk_trainer_run_get_state (attached), ==, LK_TRAINER_STATE_INTERRUPTED);

  wait_for (&started);
  started_result = started.result;
  started_path = lk_trainer_run_start_finish (run, started_result, &started_error);
  g_assert_error (started_error, LK_TRAINING_ERROR, LK_TRAINING_ERROR_TRAINER_KILLED);
  g_assert_cmpint (lk_trainer_run_get_state (run), ==, LK_TRAINER_STATE_INTERRUPTED);
  g_assert_true (g_file_test (fixture->log, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (fixture->output, G_FILE_TEST_EXISTS));
}

static void
test_cancel_kills_process_group (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *status_path = NULL;
  Wait wait = { 0 };
  g_autoptr(LkTrainerRun) run = start_slow_run (fixture, &wait);
  int pid = lk_trainer_run_get_pid (run);

  status_path = g_strdup (lk_trainer_run_get_status_path (run));
  lk_trainer_run_cancel (run);
  wait_for (&wait);
  result = wait.result;
  path = lk_trainer_run_start_finish (run, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (lk_trainer_run_get_state (run), ==, LK_TRAINER_STATE_CANCELLED);
  /* the trainer and its wrapper are gone, and nothing else of the group is left */
  g_assert_false (lk_trainer_process_is_running (pid, status_path));
  g_assert_cmpint (kill (-pid, 0), !=, 0);
  /* the wrapper outlived the trainer's SIGTERM to record it */
  g_assert_cmpint (lk_trainer_process_read_exit_status (status_path), ==, 128 + SIGTERM);
}

/* The catalog's view of runs ---------------------------------------------------------------- */

typedef struct
{
  LkTestDb  *db;
  LkCatalog *catalog;
  gint64     character_id;
  char      *dir;
} CatalogFixture;

static void
catalog_setup (CatalogFixture *fixture,
               gconstpointer   user_data)
{
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  LkTestAsync async = { 0 };

  if (!lk_test_pg_available ())
    return;

  fixture->db = lk_test_db_new ();
  fixture->catalog = lk_catalog_new (fixture->db->conninfo);
  lk_catalog_open_async (fixture->catalog, LK_CATALOG_OPEN_MIGRATE, NULL, lk_test_async_cb,
                         &async);
  opened = lk_test_async_wait (&async, 30);
  lk_catalog_open_finish (fixture->catalog, opened, &error);
  g_assert_no_error (error);
  id = lk_test_db_query_value (fixture->db,
                               "INSERT INTO characters (name) VALUES ('Rina Suzuki') "
                               "RETURNING id");
  fixture->character_id = g_ascii_strtoll (id, NULL, 10);
  fixture->dir = g_dir_make_tmp ("lk-runs-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
catalog_teardown (CatalogFixture *fixture,
                  gconstpointer   user_data)
{
  if (fixture->dir != NULL)
    lk_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_clear_object (&fixture->catalog);
  g_clear_pointer (&fixture->db, lk_test_db_free);
}

/* A run recorded as started on this computer by a process @pid, with its files in a
 * folder of its own named @name. */
static gint64
add_running_row (CatalogFixture *fixture,
                 const char     *name,
                 int             pid)
{
  g_autofree char *export_dir = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *log = g_build_filename (export_dir, "log", "run.log", NULL);
  g_autofree char *status = g_strconcat (log, ".status", NULL);
  g_autoptr(GAsyncResult) added = NULL;
  g_autoptr(GAsyncResult) set = NULL;
  g_autoptr(GError) error = NULL;
  const char *command[] = { "python3", "train_network.py", NULL };
  LkTestAsync a1 = { 0 }, a2 = { 0 };
  gint64 run_id;

  lk_catalog_add_training_run_async (fixture->catalog, fixture->character_id, name, export_dir,
                                     command, "artist", NULL, lk_test_async_cb, &a1);
  added = lk_test_async_wait (&a1, 30);
  run_id = lk_catalog_add_training_run_finish (fixture->catalog, added, &error);
  g_assert_no_error (error);

  lk_catalog_set_training_run_process_async (fixture->catalog, run_id, log, g_get_host_name (),
                                             pid, status, NULL, lk_test_async_cb, &a2);
  set = lk_test_async_wait (&a2, 30);
  lk_catalog_set_training_run_process_finish (fixture->catalog, set, &error);
  g_assert_no_error (error);

  return run_id;
}

static char *
run_value (CatalogFixture *fixture,
           gint64          run_id,
           const char     *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM training_runs WHERE id = %"
                                          G_GINT64_FORMAT, column, run_id);

  return lk_test_db_query_value (fixture->db, sql);
}

static void
write_file (CatalogFixture *fixture,
            const char     *name,
            const char     *relative,
            const char     *contents)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0755);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
test_reconcile_running_rows (CatalogFixture *fixture,
                             gconstpointer   user_data)
{
  g_autoptr(GSubprocess) gone = NULL;
  g_autoptr(GSubprocess) alive = NULL;
  g_autoptr(GAsyncResult) reconciled = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *alive_status = NULL;
  g_autofree char *elsewhere_sql = NULL;
  g_autofree char *stale_error = NULL;
  g_autofree char *stale_status = NULL;
  g_autofree char *elsewhere_status = NULL;
  g_autofree char *alive_row_status = NULL;
  g_autofree char *done_status = NULL;
  g_autofree char *failed_status = NULL;
  g_autofree char *failed_error = NULL;
  LkTestAsync a1 = { 0 }, a2 = { 0 };
  gint64 stale, elsewhere, running, done, failed;
  int dead_pid;

  if (fixture->db == NULL)
    {
      g_test_skip ("no PostgreSQL server (run under pg_virtualenv)");
      return;
    }

  /* a pid that has certainly ended */
  gone = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "true", NULL);
  g_assert_no_error (error);
  dead_pid = (int)g_ascii_strtoll (g_subprocess_get_identifier (gone), NULL, 10);
  g_subprocess_wait (gone, NULL, &error);
  g_assert_no_error (error);

  /* a live process that names the status file, as a trainer's wrapper does */
  alive_status = g_build_filename (fixture->dir, "alive", "log", "run.log.status", NULL);
  alive = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "sh", "-c", "sleep 30",
                            "lorakeet-trainer", alive_status, NULL);
  g_assert_no_error (error);

  stale = add_running_row (fixture, "stale", dead_pid);
  elsewhere = add_running_row (fixture, "elsewhere", dead_pid);
  elsewhere_sql = g_strdup_printf ("UPDATE training_runs SET host = 'another-workstation' "
                                   "WHERE id = %" G_GINT64_FORMAT, elsewhere);
  lk_test_db_exec (fixture->db, elsewhere_sql);
  running = add_running_row (fixture, "alive",
                             (int)g_ascii_strtoll (g_subprocess_get_identifier (alive), NULL,
                                                   10));
  done = add_running_row (fixture, "done", dead_pid);
  write_file (fixture, "done", "log/run.log.status", "0\n");
  write_file (fixture, "done", "model/done.safetensors", "lora");
  failed = add_running_row (fixture, "failed", dead_pid);
  write_file (fixture, "failed", "log/run.log.status", "1\n");

  lk_catalog_reconcile_training_runs_async (fixture->catalog, fixture->character_id, NULL,
                                            lk_test_async_cb, &a1);
  reconciled = lk_test_async_wait (&a1, 30);
  g_assert_cmpint (lk_catalog_reconcile_training_runs_finish (fixture->catalog, reconciled,
                                                              &error), ==, 3);
  g_assert_no_error (error);

  stale_status = run_value (fixture, stale, "status");
  stale_error = run_value (fixture, stale, "error");
  g_assert_cmpstr (stale_status, ==, "interrupted");
  g_assert_nonnull (strstr (stale_error, "run.log"));
  elsewhere_status = run_value (fixture, elsewhere, "status");
  g_assert_cmpstr (elsewhere_status, ==, "running");
  alive_row_status = run_value (fixture, running, "status");
  g_assert_cmpstr (alive_row_status, ==, "running");
  done_status = run_value (fixture, done, "status");
  g_assert_cmpstr (done_status, ==, "succeeded");
  failed_status = run_value (fixture, failed, "status");
  failed_error = run_value (fixture, failed, "error");
  g_assert_cmpstr (failed_status, ==, "failed");
  g_assert_nonnull (strstr (failed_error, "exit status 1"));

  lk_catalog_list_training_runs_async (fixture->catalog, fixture->character_id, 0, NULL,
                                       lk_test_async_cb, &a2);
  listed = lk_test_async_wait (&a2, 30);
  runs = lk_catalog_list_training_runs_finish (fixture->catalog, listed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 5);
  {
    LkTrainingRunRecord *newest = g_ptr_array_index (runs, 0);
    LkTrainingRunRecord *alive_record = g_ptr_array_index (runs, 2);
    g_autofree char *output = lk_training_run_record_dup_output_path (newest);

    g_assert_cmpint (newest->id, ==, failed);
    g_assert_cmpstr (newest->status, ==, "failed");
    g_assert_true (g_str_has_suffix (output, "/failed/model/failed.safetensors"));
    g_assert_nonnull (newest->finished_at);
    g_assert_cmpint (alive_record->id, ==, running);
    g_assert_true (lk_training_run_record_is_here (alive_record));
    g_assert_cmpstr (alive_record->status_path, ==, alive_status);
    g_assert_cmpint (alive_record->pid, >, 0);
    g_assert_null (alive_record->finished_at);
  }

  g_subprocess_force_exit (alive);
  g_subprocess_wait (alive, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  scripts_dir = g_test_build_filename (G_TEST_DIST, "fake-sd-scripts", NULL);

  g_test_add_func ("/training/trainer/parse-lines", test_parse_lines);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/training/trainer/streams-progress-and-writes-lora",
       test_run_streams_progress_and_writes_lora);
  ADD ("/training/trainer/failure-reported-with-log", test_failing_trainer_reported);
  ADD ("/training/trainer/missing-output-reported", test_missing_output_reported);
  ADD ("/training/trainer/cancel-stops-trainer", test_cancel_stops_trainer);
  ADD ("/training/trainer/killed-reported", test_trainer_killed_reported);
  ADD ("/training/trainer/missing-program-reported", test_missing_program_reported);
  ADD ("/training/trainer/outlives-its-observer-and-is-attached-again",
       test_run_outlives_its_observer);
  ADD ("/training/trainer/attach-to-ended-run-reads-its-status", test_attach_to_ended_run);
  ADD ("/training/trainer/killed-by-pid-is-interrupted", test_killed_by_pid_is_interrupted);
  ADD ("/training/trainer/cancel-kills-the-process-group", test_cancel_kills_process_group);
#undef ADD
  g_test_add ("/training/runs/reconcile-running-rows-of-this-host", CatalogFixture, NULL,
              catalog_setup, test_reconcile_running_rows, catalog_teardown);

  return g_test_run ();
}
