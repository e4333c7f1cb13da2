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
#include <string.h>

#include "lk-safetensors.h"
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

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

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
  remove_tree (fixture->dir);
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
#undef ADD

  return g_test_run ();
}
