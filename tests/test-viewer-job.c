/* test-viewer-job.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The viewer's "Job" group: what it shows of a catalog job record, of a frame the catalog
 * does not know, and of nothing at all. The record is the one lk_catalog_check_frame_finish()
 * returns, whose query test-review checks against a real catalog. */

#include "config.h"

#include <adwaita.h>

#include "lk-test-widgets.h"
#include "lk-viewer-job.h"

static const char *screenshot_dir;

/* The row titled @title, shown or not. */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The subtitle of the shown row titled @title, or NULL when that row is hidden. */
static const char *
shown_subtitle (GtkWidget  *group,
                const char *title)
{
  GtkWidget *row = find_row (group, title);

  g_assert_nonnull (row);
  if (!gtk_widget_get_visible (row))
    return NULL;

  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static LkFrameCheck *
job_record (void)
{
  LkFrameCheck *check = g_new0 (LkFrameCheck, 1);

  check->job_id = 42;
  check->prompt_id = g_strdup ("lk-42");
  check->job_status = g_strdup ("failed");
  check->character_id = 7;
  check->character_name = g_strdup ("Mei & <Rina>");
  check->project_name = g_strdup ("Tokyo Debt Desire");
  check->character_loras = g_new0 (char *, 1);
  check->profile_name = g_strdup ("Portrait, 832×1216");
  check->server_url = g_strdup ("http://127.0.0.1:8188");
  check->created_by = g_strdup ("aiko");
  check->created_at = g_date_time_new_utc (2026, 12, 7, 9, 30, 0);
  check->finished_at = g_date_time_new_utc (2026, 12, 7, 9, 31, 5);
  check->job_error = g_strdup ("KSampler: CUDA out of memory");

  return check;
}

static void
test_shows_the_record (void)
{
  g_autoptr(LkFrameCheck) check = job_record ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *group = lk_viewer_job_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 360, -1);
  gtk_window_set_child (GTK_WINDOW (window), group);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_visible (group));

  lk_viewer_job_set_check (LK_VIEWER_JOB (group), check);
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_cmpstr (shown_subtitle (group, "Job"), ==, "No. 42, failed");
  /* Rows read markup: a name with '&' and '<' shows as it is (libadwaita 1.2 gives back the
   * text the label shows) */
  g_assert_cmpstr (shown_subtitle (group, "Character"), ==, "Mei & <Rina>, in Tokyo Debt Desire");
  g_assert_cmpstr (shown_subtitle (group, "Profile"), ==, "Portrait, 832×1216");
  g_assert_true (g_str_has_prefix (shown_subtitle (group, "Submitted"), "By aiko, "));
  g_assert_nonnull (shown_subtitle (group, "Ended"));
  g_assert_cmpstr (shown_subtitle (group, "ComfyUI Server"), ==, "http://127.0.0.1:8188");
  g_assert_cmpstr (shown_subtitle (group, "Error"), ==, "KSampler: CUDA out of memory");
  lk_test_save_screenshot (window, screenshot_dir, "viewer-job.png");

  /* A job still running has no end and no error; a deleted character is said so. */
  g_clear_pointer (&check->finished_at, g_date_time_unref);
  g_clear_pointer (&check->job_error, g_free);
  g_clear_pointer (&check->character_name, g_free);
  g_clear_pointer (&check->project_name, g_free);
  g_free (check->job_status);
  check->job_status = g_strdup ("running");
  lk_viewer_job_set_check (LK_VIEWER_JOB (group), check);
  g_assert_cmpstr (shown_subtitle (group, "Job"), ==, "No. 42, running");
  g_assert_cmpstr (shown_subtitle (group, "Character"), ==, "None: the character was deleted");
  g_assert_null (shown_subtitle (group, "Ended"));
  g_assert_null (shown_subtitle (group, "Error"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_unknown_frame_and_none (void)
{
  g_autoptr(LkFrameCheck) known = job_record ();
  LkFrameCheck unknown = { 0 };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *group = lk_viewer_job_new ();

  gtk_window_set_child (GTK_WINDOW (window), group);
  lk_viewer_job_set_check (LK_VIEWER_JOB (group), known);

  /* The next frame is not in the catalog: nothing of the last one stays. */
  lk_viewer_job_set_check (LK_VIEWER_JOB (group), &unknown);
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_true (g_str_has_prefix (shown_subtitle (group, "Job"), "Not recorded in the catalog"));
  g_assert_null (shown_subtitle (group, "Character"));
  g_assert_null (shown_subtitle (group, "Profile"));
  g_assert_null (shown_subtitle (group, "Submitted"));
  g_assert_null (shown_subtitle (group, "ComfyUI Server"));
  g_assert_null (shown_subtitle (group, "Error"));

  /* No catalog, or not asked yet */
  lk_viewer_job_set_check (LK_VIEWER_JOB (group), NULL);
  g_assert_false (gtk_widget_get_visible (group));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_status_words (void)
{
  g_assert_cmpstr (lk_viewer_job_describe_status ("succeeded"), ==, "finished");
  g_assert_cmpstr (lk_viewer_job_describe_status ("pending"), ==, "not sent yet");
  g_assert_cmpstr (lk_viewer_job_describe_status ("lost"), ==, "lost: the server forgot it");
  g_assert_cmpstr (lk_viewer_job_describe_status ("something-new"), ==, "something-new");
}

int
main (int   argc,
      char *argv[])
{
  lk_test_init_display (&argc, &argv, TRUE, 1, "DEMO-LORA [SCREENSHOT-DIR]");
  screenshot_dir = argc > 2 ? argv[2] : NULL;

  g_test_add_func ("/viewer-job/shows-the-record", test_shows_the_record);
  g_test_add_func ("/viewer-job/unknown-frame-and-none", test_unknown_frame_and_none);
  g_test_add_func ("/viewer-job/status-words", test_status_words);

  return g_test_run ();
}
