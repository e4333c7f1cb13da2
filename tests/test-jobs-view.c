/* test-jobs-view.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LkJobsView in a real window under Xvfb, over a real LkGenerator: a scratch database with the
 * demo studio on the harness's PostgreSQL and the ComfyUI simulator on 127.0.0.1. The tests
 * look at what the window shows (mapped labels, the progress bar, the Cancel button) and save a
 * screenshot of each final state. */

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "lk-job-row.h"
#include "lk-jobs-view.h"
#include "lk-test-generator.h"
#include "lk-test-widgets.h"

static char *screenshot_dir;

typedef struct
{
  Fixture     base;
  GtkWidget  *window;
  LkJobsView *view;
  GPtrArray  *finished;   /* LkGeneratorJob, once per job-finished */
} ViewFixture;

/* ---- finding widgets, waiting, screenshots --------------------------------------------- */

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
job_finished_cb (LkJobsView     *view,
                 LkGeneratorJob *job,
                 ViewFixture    *f)
{
  g_ptr_array_add (f->finished, g_object_ref (job));
}

static void
view_setup (ViewFixture   *f,
            gconstpointer  data)
{
  lk_test_generator_setup (&f->base, data);
  f->finished = g_ptr_array_new_with_free_func (g_object_unref);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 640, 420);
  f->view = LK_JOBS_VIEW (lk_jobs_view_new ());
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  g_signal_connect (f->view, "job-finished", G_CALLBACK (job_finished_cb), f);
  lk_jobs_view_set_generator (f->view, f->base.generator);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
view_teardown (ViewFixture   *f,
               gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE));
  g_ptr_array_unref (f->finished);
  lk_test_generator_teardown (&f->base, data);
}

static gint64
character_id (Fixture    *f,
              const char *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LkCharacter) character = NULL;
  g_autoptr(GError) error = NULL;

  lk_catalog_find_character_async (f->catalog, name, NULL, wait_cb, &result);
  character = lk_catalog_find_character_finish (f->catalog, lk_test_comfy_wait_result (&result),
                                                &error);
  g_assert_no_error (error);
  return lk_character_get_id (character);
}

static GPtrArray *
generate (Fixture    *f,
          const char *name,
          guint       count)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  LkGenerateRequest request;

  lk_generate_request_init (&request);
  request.count = count;
  lk_generator_generate_async (f->generator, character_id (f, name), &request, NULL, wait_cb,
                               &result);
  jobs = lk_generator_generate_finish (f->generator, lk_test_comfy_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, count);

  return g_steal_pointer (&jobs);
}

static LkGeneratorJob *
generate_one (Fixture    *f,
              const char *name)
{
  g_autoptr(GPtrArray) jobs = generate (f, name, 1);

  return g_object_ref (g_ptr_array_index (jobs, 0));
}

/* The first mapped widget of @type under @root (depth first), or NULL. */
static GtkWidget *
find_mapped (GtkWidget *root,
             GType      type)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The mapped label or inscription under @root whose text contains @text, or NULL. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL)
    return root;
  if (GTK_IS_INSCRIPTION (root) && gtk_inscription_get_text (GTK_INSCRIPTION (root)) != NULL
      && strstr (gtk_inscription_get_text (GTK_INSCRIPTION (root)), text) != NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_shown_cb (gpointer data)
{
  LabelWait *wait = data;

  return find_label (wait->root, wait->text) != NULL;
}

static void
wait_for_label (GtkWidget  *root,
                const char *text)
{
  LabelWait wait = { root, text };
  g_autofree char *what = g_strdup_printf ("“%s” to be shown", text);

  lk_test_comfy_wait_until (label_shown_cb, &wait, what);
}

static gboolean
row_shows_progress_cb (gpointer data)
{
  ViewFixture *f = data;
  GtkWidget *row = find_mapped (GTK_WIDGET (f->view), LK_TYPE_JOB_ROW);
  GtkWidget *bar = row ? find_mapped (row, GTK_TYPE_PROGRESS_BAR) : NULL;
  double fraction = bar ? gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)) : 0;

  return fraction > 0 && fraction < 1 && find_label (row, "Running") != NULL;
}

static gboolean
job_finished_state_cb (gpointer data)
{
  return lk_generator_job_is_finished (data);
}

static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + G_TIME_SPAN_SECOND / 2;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* ---- tests ---------------------------------------------------------------------------- */

static gboolean
row_shows_preview_cb (gpointer data)
{
  ViewFixture *f = data;
  GtkWidget *row = find_mapped (GTK_WIDGET (f->view), LK_TYPE_JOB_ROW);
  GtkWidget *picture = row ? find_mapped (row, GTK_TYPE_PICTURE) : NULL;

  return picture != NULL && gtk_picture_get_paintable (GTK_PICTURE (picture)) != NULL;
}

static void
test_progress_then_finished (ViewFixture   *f,
                             gconstpointer  data)
{
  g_autoptr(JsonObject) previews = lk_test_comfy_parse_object ("{\"preview_method\": \"auto\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(LkGeneratorJob) job = NULL;
  g_autofree char *toast = NULL;
  GtkWidget *row;
  GtkWidget *bar;
  GtkWidget *cancel;

  wait_for_label (GTK_WIDGET (f->view), "No jobs yet");

  g_assert_true (lk_comfy_sim_control (f->base.sim, previews, &error));
  g_assert_no_error (error);
  lk_comfy_sim_set_step_ms (f->base.sim, 120);
  job = generate_one (&f->base, "Mei Kobayashi");
  wait_for_label (GTK_WIDGET (f->view), "Mei Kobayashi");
  lk_test_comfy_wait_until (row_shows_progress_cb, f, "the row to show progress while running");
  lk_test_comfy_wait_until (row_shows_preview_cb, f, "the row to show the live preview");
  lk_test_save_screenshot (f->window, screenshot_dir, "jobs-view-running.png");

  lk_test_comfy_wait_until (job_finished_state_cb, job, "the job's outcome to be recorded");
  settle ();

  g_assert_cmpint (lk_generator_job_get_state (job), ==, LK_JOB_SUCCEEDED);
  row = find_mapped (GTK_WIDGET (f->view), LK_TYPE_JOB_ROW);
  g_assert_nonnull (row);
  g_assert_nonnull (find_label (row, "Finished"));
  g_assert_nonnull (find_label (row, "elapsed"));
  bar = find_mapped (row, GTK_TYPE_PROGRESS_BAR);
  g_assert_nonnull (bar);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)), ==, 1.0);
  cancel = find_mapped (row, GTK_TYPE_BUTTON);
  g_assert_null (cancel);   /* nothing to cancel any more */

  /* the job left the generator's list but stays in the view, announced exactly once */
  g_assert_cmpuint (g_list_model_get_n_items (lk_generator_get_jobs (f->base.generator)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (lk_jobs_view_get_jobs (f->view)), ==, 1);
  g_assert_cmpuint (f->finished->len, ==, 1);
  g_assert_true (g_ptr_array_index (f->finished, 0) == job);
  toast = lk_jobs_view_describe_finished (job);
  g_assert_cmpstr (toast, ==, "Finished generating Mei Kobayashi");
  lk_test_save_screenshot (f->window, screenshot_dir, "jobs-view-finished.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "jobs.clear-finished", NULL));
  wait_for_label (GTK_WIDGET (f->view), "No jobs yet");
  g_assert_cmpuint (g_list_model_get_n_items (lk_jobs_view_get_jobs (f->view)), ==, 0);
  g_assert_cmpuint (f->finished->len, ==, 1);
}

static void
test_refusal_in_plain_words (ViewFixture   *f,
                             gconstpointer  data)
{
  g_autoptr(JsonObject) control = lk_test_comfy_parse_object (
    "{\"reject_prompts\": \"prompt_outputs_failed_validation\"}");
  g_autoptr(LkGeneratorJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;
  const GError *job_error;
  GtkWidget *row;
  GtkWidget *expander;
  GtkWidget *message;

  /* the switch POST /__sim/control sets */
  g_assert_true (lk_comfy_sim_control (f->base.sim, control, &error));
  g_assert_no_error (error);

  job = generate_one (&f->base, "Mei Kobayashi");
  lk_test_comfy_wait_until (job_finished_state_cb, job, "the refusal to be recorded");
  settle ();

  g_assert_cmpint (lk_generator_job_get_state (job), ==, LK_JOB_FAILED);
  job_error = lk_generator_job_get_error (job);
  g_assert_nonnull (job_error);
  row = find_mapped (GTK_WIDGET (f->view), LK_TYPE_JOB_ROW);
  g_assert_nonnull (row);
  g_assert_nonnull (find_label (row, "Failed"));
  message = find_label (row, job_error->message);
  g_assert_nonnull (message);
  g_assert_true (gtk_widget_has_css_class (message, "error"));

  expander = find_mapped (row, GTK_TYPE_EXPANDER);
  g_assert_nonnull (expander);
  g_assert_cmpstr (gtk_expander_get_label (GTK_EXPANDER (expander)), ==, "Details");
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  settle ();
  g_assert_nonnull (find_mapped (gtk_expander_get_child (GTK_EXPANDER (expander)),
                                 GTK_TYPE_LABEL));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_expander_get_child (GTK_EXPANDER (expander)))),
                   !=, "");

  g_assert_cmpuint (f->finished->len, ==, 1);
  toast = lk_jobs_view_describe_finished (job);
  g_assert_true (g_str_has_prefix (toast, "Generating Mei Kobayashi failed: "));
  lk_test_save_screenshot (f->window, screenshot_dir, "jobs-view-failed.png");
}

static gboolean
job_running_cb (gpointer data)
{
  return lk_generator_job_get_state (data) == LK_JOB_RUNNING;
}

static void
test_cancel_button (ViewFixture   *f,
                    gconstpointer  data)
{
  g_autoptr(LkGeneratorJob) job = NULL;
  g_autofree char *label = NULL;
  GtkWidget *row;
  GtkWidget *cancel;

  lk_comfy_sim_set_step_ms (f->base.sim, 200);
  job = generate_one (&f->base, "Mei Kobayashi");
  lk_test_comfy_wait_until (job_running_cb, job, "the job to run");
  settle ();

  row = find_mapped (GTK_WIDGET (f->view), LK_TYPE_JOB_ROW);
  g_assert_nonnull (row);
  cancel = find_mapped (row, GTK_TYPE_BUTTON);
  g_assert_nonnull (cancel);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (cancel)), ==, "jobs.cancel");
  g_assert_true (gtk_widget_is_sensitive (cancel));
  g_signal_emit_by_name (cancel, "clicked");

  lk_test_comfy_wait_until (job_finished_state_cb, job, "the cancellation to be recorded");
  settle ();
  g_assert_cmpint (lk_generator_job_get_state (job), ==, LK_JOB_CANCELLED);
  g_assert_nonnull (find_label (row, "Cancelled"));
  g_assert_null (find_mapped (row, GTK_TYPE_BUTTON));
  g_assert_cmpuint (f->finished->len, ==, 1);
  lk_test_save_screenshot (f->window, screenshot_dir, "jobs-view-cancelled.png");
}

static void
test_queued_place_and_cancel_action (ViewFixture   *f,
                                     gconstpointer  data)
{
  g_autoptr(GPtrArray) jobs = NULL;
  LkGeneratorJob *running;
  LkGeneratorJob *waiting;
  GListModel *listed;
  g_autoptr(LkGeneratorJob) first = NULL;

  lk_comfy_sim_set_step_ms (f->base.sim, 200);
  jobs = generate (&f->base, "Mei Kobayashi", 2);
  running = g_ptr_array_index (jobs, 0);
  waiting = g_ptr_array_index (jobs, 1);
  lk_test_comfy_wait_until (job_running_cb, running, "the first job to run");
  wait_for_label (GTK_WIDGET (f->view), "Queued");

  /* newest first */
  listed = lk_jobs_view_get_jobs (f->view);
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 2);
  first = g_list_model_get_item (listed, 0);
  g_assert_true (first == waiting);
  lk_test_save_screenshot (f->window, screenshot_dir, "jobs-view-queued.png");

  /* what the rows' Cancel buttons do, for the waiting job and then the running one */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "jobs.cancel", "x",
                                             lk_generator_job_get_id (waiting)));
  lk_test_comfy_wait_until (job_finished_state_cb, waiting, "the queued job to be cancelled");
  g_assert_cmpint (lk_generator_job_get_state (running), ==, LK_JOB_RUNNING);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "jobs.cancel", "x",
                                             lk_generator_job_get_id (running)));
  lk_test_comfy_wait_until (job_finished_state_cb, running, "the running job to be cancelled");
  settle ();

  g_assert_cmpint (lk_generator_job_get_state (waiting), ==, LK_JOB_CANCELLED);
  g_assert_cmpint (lk_generator_job_get_state (running), ==, LK_JOB_CANCELLED);
  g_assert_cmpuint (f->finished->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: the window needs the icon theme found through
   * XDG_DATA_DIRS, and these tests write only in their own temporary folder. */
  lk_test_init_display (&argc, &argv, FALSE, 1, "DEMO-LORA [SCREENSHOT-DIR]");
  lk_test_generator_demo_lora = g_canonicalize_filename (argv[1], NULL);
  if (argc > 2)
    screenshot_dir = g_canonicalize_filename (argv[2], NULL);
  lk_test_pg_require ();

#define ADD(path, func) \
  g_test_add ("/jobs-view/" path, ViewFixture, NULL, view_setup, func, view_teardown)

  ADD ("job/row-shows-progress-then-finished-announced-once", test_progress_then_finished);
  ADD ("job/server-refusal-in-plain-words-with-details", test_refusal_in_plain_words);
  ADD ("job/cancel-button-cancels-the-running-job", test_cancel_button);
  ADD ("queue/newest-first-with-place-in-line-and-cancel-action",
       test_queued_place_and_cancel_action);

#undef ADD

  return g_test_run ();
}
