/* test-comfy-job.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The parts of talking to ComfyUI that need no server: a job's state machine fed with the
 * server's messages, where downloads may land whatever the server names its files, and the
 * reconnect schedule. */

#include "config.h"

#include <string.h>

#include "lk-backoff.h"
#include "lk-comfy-error.h"
#include "lk-comfy-output.h"
#include "lk-download.h"
#include "lk-job-private.h"
#include "lk-paths.h"

#define ROOT "/home/artist/.cache/lorakeet/downloads"

static JsonObject *
txt2img_graph (void)
{
  const char *text =
    "{\"4\": {\"class_type\": \"CheckpointLoaderSimple\", \"inputs\": {}},"
    " \"10\": {\"class_type\": \"LoraLoader\", \"inputs\": {}},"
    " \"6\": {\"class_type\": \"CLIPTextEncode\", \"inputs\": {}},"
    " \"7\": {\"class_type\": \"CLIPTextEncode\", \"inputs\": {}},"
    " \"5\": {\"class_type\": \"EmptyLatentImage\", \"inputs\": {}},"
    " \"3\": {\"class_type\": \"KSampler\", \"inputs\": {}},"
    " \"8\": {\"class_type\": \"VAEDecode\", \"inputs\": {}},"
    " \"9\": {\"class_type\": \"SaveImage\", \"inputs\": {}}}";
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
feed (LkJob      *job,
      const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkComfyEvent) event = lk_comfy_event_parse_text (text, strlen (text), &error);

  g_assert_no_error (error);
  _lk_job_handle_event (job, event);
}

static void
feed_printf (LkJob      *job,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
feed_printf (LkJob      *job,
             const char *format,
             ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  feed (job, text);
}

static LkComfyHistoryEntry *
history_for (const char *text,
             const char *prompt_id)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) entries = NULL;
  LkComfyHistoryEntry *entry;

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  entries = lk_comfy_history_parse (json_parser_get_root (parser), NULL);
  entry = lk_comfy_history_find (entries, prompt_id, NULL);
  g_assert_nonnull (entry);

  g_ptr_array_set_free_func (entries, NULL);
  g_ptr_array_remove (entries, entry);
  g_ptr_array_set_free_func (entries, (GDestroyNotify) lk_comfy_history_entry_free);

  return entry;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_job_runs_the_documented_sequence (void)
{
  g_autoptr(JsonObject) graph = txt2img_graph ();
  g_autoptr(LkJob) job = lk_job_new (graph, NULL);
  g_autoptr(LkComfyHistoryEntry) entry = NULL;
  g_autofree char *history = NULL;
  const char *id = lk_job_get_id (job);
  const char *order[] = { "4", "10", "6", "7", "5", "3", "8", "9" };
  guint state_changes = 0;
  double last = 0;
  LkComfyOutput *output;

  g_signal_connect (job, "notify::state", G_CALLBACK (count_notify), &state_changes);
  g_assert_cmpint (lk_job_get_state (job), ==, LK_JOB_PENDING);
  g_assert_cmpstr (lk_job_get_prompt_id (job), ==, id);

  _lk_job_set_server_url (job, "http://127.0.0.1:8188");
  _lk_job_mark_submitted (job);
  g_assert_cmpint (lk_job_get_state (job), ==, LK_JOB_QUEUED);
  g_assert_nonnull (lk_job_get_submitted_at (job));

  feed_printf (job, "{\"type\": \"execution_start\", \"data\": {\"prompt_id\": \"%s\"}}", id);
  g_assert_cmpint (lk_job_get_state (job), ==, LK_JOB_RUNNING);
  feed_printf (job, "{\"type\": \"execution_cached\", \"data\": {\"nodes\": [], \"prompt_id\": \"%s\"}}", id);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      feed_printf (job, "{\"type\": \"executing\", \"data\": {\"node\": \"%s\", \"display_node\": "
                   "\"%s\", \"prompt_id\": \"%s\"}}", order[i], order[i], id);
      g_assert_cmpstr (lk_job_get_node (job), ==, order[i]);

      if (g_str_equal (order[i], "3"))
        for (int step = 1; step <= 20; step++)
          {
            feed_printf (job, "{\"type\": \"progress\", \"data\": {\"value\": %d, \"max\": 20, "
                         "\"prompt_id\": \"%s\", \"node\": \"3\"}}", step, id);
            g_assert_cmpfloat (lk_job_get_node_value (job), ==, step);
            g_assert_cmpfloat (lk_job_get_node_max (job), ==, 20);
            g_assert_cmpfloat (lk_job_get_progress (job), >=, last);
            last = lk_job_get_progress (job);
          }

      g_assert_cmpfloat (lk_job_get_progress (job), >=, last);
      last = lk_job_get_progress (job);
    }

  feed_printf (job, "{\"type\": \"executed\", \"data\": {\"node\": \"9\", \"display_node\": \"9\", "
               "\"output\": {\"images\": [{\"filename\": \"mei_00001_.png\", \"subfolder\": \"\", "
               "\"type\": \"output\"}]}, \"prompt_id\": \"%s\"}}", id);
  g_assert_cmpuint (g_list_model_get_n_items (lk_job_get_outputs (job)), ==, 1);
  output = g_list_model_get_item (lk_job_get_outputs (job), 0);
  g_assert_cmpstr (lk_comfy_output_get_url (output), ==,
                   "http://127.0.0.1:8188/view?filename=mei_00001_.png&subfolder=&type=output");
  g_object_unref (output);

  feed_printf (job, "{\"type\": \"execution_success\", \"data\": {\"prompt_id\": \"%s\"}}", id);
  g_assert_cmpint (lk_job_get_state (job), ==, LK_JOB_RUNNING);
  g_assert_cmpfloat (lk_job_get_progress (job), <, 1.0);
  feed_printf (job, "{\"type\": \"executing\", \"data\": {\"node\": null, \"prompt_id\": \"%s\"}}", id);
  g_assert_true (_lk_job_get_saw_end (job));
  g_assert_null (lk_job_get_node (job));

  /* the history repeats the file and adds one the socket missed */
  history = g_strdup_printf ("{\"%s\": {\"prompt\": [1, \"%s\", {}, {}, [\"9\"]], \"outputs\": "
                             "{\"9\": {\"images\": [{\"filename\": \"mei_00001_.png\", \"subfolder\": "
                             "\"\", \"type\": \"output\"}, {\"filename\": \"mei_00002_.png\", "
                             "\"subfolder\": \"\", \"type\": \"output\"}]}}, \"status\": "
                             "{\"status_str\": \"success\", \"completed\": true, \"messages\": []}}}",
                             id, id);
  entry = history_for (history, id);
  _lk_job_apply_history (job, entry);

  g_assert_cmpint (lk_job_get_state (job), ==, LK_JOB_SUCCEEDED);
  g_assert_true (lk_job_is_finished (job));
  g_assert_cmpfloat (lk_job_get_progress (job), ==, 1.0);
  g_assert_cmpuint (g_list_model_get_n_items (lk_job_get_outputs (job)), ==, 2);
  g_assert_null (lk_job_get_error (job));
  g_assert_nonnull (lk_job_get_finished_at (job));
  g_assert_cmpuint (state_changes, ==, 3);   /* queued, running, succeeded */
}

static void
test_job_never_leaves_a_final_state (void)
{
  g_autoptr(JsonObject) graph = txt2img_graph ();
  g_autoptr(LkJob) job = lk_job_new (graph, NULL);
  const char *id = lk_job_get_id (job);

  _lk_job_mark_submitted (job);
  feed_printf (job, "{\"type\": \"executing\", \"data\": {\"node\": \"3\", \"prompt_id\": \"%s\"}}", id);
  g_assert_cmpint (lk_job_get_state (job), ==, LK_JOB_RUNNING);

  /* a late /queue answer does not send it back */
  _lk_job_set_queue_position (job, 2);
  g_assert_cmpint (lk_job_get_state (job), ==, LK_JOB_RUNNING);
  g_assert_cmpint (lk_job_get_queue_position (job), ==, 0);

  _lk_job_finish_with_error (job, LK_JOB_LOST,
                             g_error_new_literal (LK_COMFY_ERROR, LK_COMFY_ERROR_LOST, "gone"), NULL);
  g_assert_cmpint (lk_job_get_state (job), ==, LK_JOB_LOST);

  feed_printf (job, "{\"type\": \"execution_start\", \"data\": {\"prompt_id\": \"%s\"}}", id);
  _lk_job_set_state (job, LK_JOB_SUCCEEDED);
  _lk_job_finish_with_error (job, LK_JOB_FAILED, NULL, NULL);
  g_assert_cmpint (lk_job_get_state (job), ==, LK_JOB_LOST);
  g_assert_error (lk_job_get_error (job), LK_COMFY_ERROR, LK_COMFY_ERROR_LOST);
}

static void
test_job_fails_in_plain_words (void)
{
  g_autoptr(JsonObject) graph = txt2img_graph ();
  g_autoptr(LkJob) job = lk_job_new (graph, NULL);
  g_autoptr(LkComfyHistoryEntry) entry = NULL;
  g_autofree char *history = NULL;
  const char *id = lk_job_get_id (job);

  _lk_job_mark_submitted (job);
  history = g_strdup_printf ("{\"%s\": {\"prompt\": [1, \"%s\", {}, {}, []], \"outputs\": {}, "
                             "\"status\": {\"status_str\": \"error\", \"completed\": false, "
                             "\"messages\": [[\"execution_error\", {\"prompt_id\": \"%s\", "
                             "\"node_id\": \"9\", \"node_type\": \"SaveImage\", \"exception_type\": "
                             "\"FileNotFoundError\", \"exception_message\": \"No such file: "
                             "x.png\", \"traceback\": [\"  File \\\"nodes.py\\\"\\n\"]}]]}}}",
                             id, id, id);
  entry = history_for (history, id);
  _lk_job_apply_history (job, entry);

  g_assert_cmpint (lk_job_get_state (job), ==, LK_JOB_FAILED);
  g_assert_error (lk_job_get_error (job), LK_COMFY_ERROR, LK_COMFY_ERROR_EXECUTION);
  g_assert_cmpstr (lk_job_get_error (job)->message, ==,
                   "Node 9 (SaveImage) needs a file that is missing on the server: No such file: x.png");
  g_assert_nonnull (strstr (lk_job_get_error_detail (job), "nodes.py"));
}

static void
test_job_interrupt_is_a_cancel (void)
{
  g_autoptr(JsonObject) graph = txt2img_graph ();
  g_autoptr(LkJob) asked = lk_job_new (graph, NULL);
  g_autoptr(LkJob) stopped = lk_job_new (graph, NULL);

  _lk_job_mark_submitted (asked);
  _lk_job_set_cancel_requested (asked, TRUE);
  feed_printf (asked, "{\"type\": \"execution_interrupted\", \"data\": {\"prompt_id\": \"%s\", "
               "\"node_id\": \"3\", \"node_type\": \"KSampler\"}}", lk_job_get_id (asked));
  _lk_job_finish_from_events (asked);
  g_assert_cmpint (lk_job_get_state (asked), ==, LK_JOB_CANCELLED);
  g_assert_null (lk_job_get_error (asked));

  /* stopped by someone else: still cancelled, and the artist is told */
  _lk_job_mark_submitted (stopped);
  feed_printf (stopped, "{\"type\": \"execution_interrupted\", \"data\": {\"prompt_id\": \"%s\"}}",
               lk_job_get_id (stopped));
  _lk_job_finish_from_events (stopped);
  g_assert_cmpint (lk_job_get_state (stopped), ==, LK_JOB_CANCELLED);
  g_assert_error (lk_job_get_error (stopped), LK_COMFY_ERROR, LK_COMFY_ERROR_INTERRUPTED);
}

static void
test_job_previews_and_retry (void)
{
  g_autoptr(JsonObject) graph = txt2img_graph ();
  g_autoptr(LkJob) job = lk_job_new (graph, NULL);
  g_autoptr(LkJob) retry = NULL;
  g_autoptr(GBytes) frame = NULL;
  g_autoptr(LkComfyEvent) preview = NULL;
  guint8 data[] = { 0, 0, 0, 1, 0, 0, 0, 1, 0xff, 0xd8 };
  LkJobState state;

  frame = g_bytes_new (data, sizeof data);
  preview = lk_comfy_event_parse_binary (frame, NULL);
  _lk_job_handle_event (job, preview);
  g_assert_cmpuint (g_bytes_get_size (lk_job_get_preview (job)), ==, 2);
  g_assert_cmpstr (lk_job_get_preview_mime (job), ==, "image/jpeg");

  lk_job_set_seed (job, 4242);
  _lk_job_finish_with_error (job, LK_JOB_LOST, NULL, NULL);
  retry = lk_job_dup_for_retry (job);
  g_assert_cmpint (lk_job_get_state (retry), ==, LK_JOB_PENDING);
  g_assert_cmpstr (lk_job_get_id (retry), !=, lk_job_get_id (job));
  g_assert_true (lk_job_get_graph (retry) == graph);
  g_assert_cmpint (lk_job_get_seed (retry), ==, 4242);

  g_assert_cmpstr (lk_job_state_to_string (LK_JOB_CANCELLED), ==, "cancelled");
  g_assert_true (lk_job_state_from_string ("lost", &state));
  g_assert_cmpint (state, ==, LK_JOB_LOST);
  g_assert_false (lk_job_state_from_string ("done", &state));
}

/* ---- hostile names --------------------------------------------------------------------- */

static void
assert_refused (const char *subfolder,
                const char *filename)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = lk_download_build_path (ROOT, "127.0.0.1_8188", "output", subfolder,
                                                  filename, &error);

  if (path != NULL)
    g_error ("accepted “%s” / “%s” as %s", subfolder, filename, path);
  g_assert_error (error, LK_COMFY_ERROR, LK_COMFY_ERROR_UNSAFE_NAME);
}

static char *
accepted (const char *folder_type,
          const char *subfolder,
          const char *filename)
{
  g_autoptr(GError) error = NULL;
  char *path = lk_download_build_path (ROOT, "127.0.0.1_8188", folder_type, subfolder, filename,
                                       &error);

  g_assert_no_error (error);
  g_assert_true (lk_paths_is_inside (ROOT, path));
  return path;
}

static void
test_download_refuses_hostile_names (void)
{
  assert_refused ("", "../../evil.png");
  assert_refused ("", "a..b.png");
  assert_refused ("", "/etc/passwd");
  assert_refused ("", "..\\..\\evil.png");
  assert_refused ("", "C:\\Windows\\evil.png");
  assert_refused ("", "evil\xef\xbf\xbd.png");   /* a NUL, as the JSON reader marks it */
  assert_refused ("", "bell\x07.png");
  assert_refused ("", "");
  assert_refused ("", ".");
  assert_refused ("..", "x.png");
  assert_refused ("a/../../b", "x.png");
  assert_refused ("/etc", "x.png");
  assert_refused ("\\\\server\\share", "x.png");
  assert_refused ("sub\x01", "x.png");
  assert_refused ("", "\xff\xfe.png");
}

static void
test_download_cleans_what_it_can (void)
{
  g_autofree char *huge = g_strnfill (4096, 'a');
  g_autofree char *huge_name = g_strconcat (huge, ".png", NULL);
  g_autofree char *plain = accepted ("output", "", "mei_00001_.png");
  g_autofree char *nested = accepted ("output", "characters\\mei", "mei_00001_.png");
  g_autofree char *temp = accepted ("temp", "a//./b/", "ComfyUI_temp_abcde_00001_.png");
  g_autofree char *hidden = accepted ("output", "", ".bashrc");
  g_autofree char *long_name = accepted ("output", "", huge_name);
  g_autofree char *sub_path = accepted ("output", "", "sub/x.png");
  g_autofree char *base = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_type = NULL;

  g_assert_cmpstr (plain, ==, ROOT "/127.0.0.1_8188/output/mei_00001_.png");
  g_assert_cmpstr (nested, ==, ROOT "/127.0.0.1_8188/output/characters/mei/mei_00001_.png");
  g_assert_cmpstr (temp, ==, ROOT "/127.0.0.1_8188/temp/a/b/ComfyUI_temp_abcde_00001_.png");
  g_assert_cmpstr (hidden, ==, ROOT "/127.0.0.1_8188/output/_bashrc");
  g_assert_cmpstr (sub_path, ==, ROOT "/127.0.0.1_8188/output/x.png");

  base = g_path_get_basename (long_name);
  g_assert_cmpuint (strlen (base), <=, LK_DOWNLOAD_MAX_NAME);
  g_assert_true (g_str_has_suffix (base, ".png"));

  bad_type = lk_download_build_path (ROOT, "k", "../output", "", "x.png", &error);
  g_assert_null (bad_type);
  g_assert_error (error, LK_COMFY_ERROR, LK_COMFY_ERROR_UNSAFE_NAME);
}

static void
test_download_shared_folder_needs_exact_names (void)
{
  g_autoptr(GError) hidden_error = NULL;
  g_autoptr(GError) temp_error = NULL;
  g_autoptr(GError) escape_error = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *hidden = NULL;
  g_autofree char *temp = NULL;
  g_autofree char *escape = NULL;

  plain = lk_download_resolve_shared ("/mnt/comfy/output", NULL, "characters\\mei",
                                      "mei_00001_.png", NULL);
  g_assert_cmpstr (plain, ==, "/mnt/comfy/output/characters/mei/mei_00001_.png");

  /* cleaning would name another file: refused instead */
  hidden = lk_download_resolve_shared ("/mnt/comfy/output", "output", "", ".bashrc", &hidden_error);
  g_assert_null (hidden);
  g_assert_error (hidden_error, LK_COMFY_ERROR, LK_COMFY_ERROR_UNSAFE_NAME);

  escape = lk_download_resolve_shared ("/mnt/comfy/output", "output", "..", "x.png", &escape_error);
  g_assert_null (escape);
  g_assert_error (escape_error, LK_COMFY_ERROR, LK_COMFY_ERROR_UNSAFE_NAME);

  temp = lk_download_resolve_shared ("/mnt/comfy/output", "temp", "", "x.png", &temp_error);
  g_assert_null (temp);
  g_assert_error (temp_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static void
test_download_server_keys (void)
{
  const struct { const char *url; const char *key; } cases[] = {
    { "http://127.0.0.1:8188", "127.0.0.1_8188" },
    { "https://gpu.studio.example/comfy", "gpu.studio.example_443" },
    { "http://[::1]:8188", "__1_8188" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GUri) uri = g_uri_parse (cases[i].url, G_URI_FLAGS_NONE, NULL);
      g_autofree char *key = lk_download_server_key (uri);

      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

/* ---- reconnect schedule ---------------------------------------------------------------- */

static void
test_backoff_doubles_up_to_the_cap (void)
{
  const guint expected[] = { 250, 500, 1000, 2000, 4000, 8000, 16000, 30000, 30000 };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpuint (lk_backoff_delay_for_attempt (250, 30000, i), ==, expected[i]);

  g_assert_cmpuint (lk_backoff_delay_for_attempt (250, 30000, G_MAXUINT), ==, 30000);
  g_assert_cmpuint (lk_backoff_delay_for_attempt (0, 0, 3), ==, 1);
}

static void
test_backoff_jitter_stays_in_bounds (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  LkBackoff backoff;

  lk_backoff_init (&backoff, 250, 30000);
  for (guint i = 0; i < 12; i++)
    {
      guint base = lk_backoff_delay_for_attempt (250, 30000, i);
      guint delay = lk_backoff_next (&backoff, rand);

      g_assert_cmpuint (delay, >=, base * 8 / 10);
      g_assert_cmpuint (delay, <=, MIN (base * 12 / 10, 30000));
    }

  lk_backoff_reset (&backoff);
  g_assert_cmpuint (lk_backoff_next (&backoff, rand), <=, 300);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/comfy/job/runs-the-documented-sequence", test_job_runs_the_documented_sequence);
  g_test_add_func ("/comfy/job/never-leaves-a-final-state", test_job_never_leaves_a_final_state);
  g_test_add_func ("/comfy/job/fails-in-plain-words", test_job_fails_in_plain_words);
  g_test_add_func ("/comfy/job/interrupt-is-a-cancel", test_job_interrupt_is_a_cancel);
  g_test_add_func ("/comfy/job/previews-and-retry", test_job_previews_and_retry);

  g_test_add_func ("/comfy/download/refuses-hostile-names", test_download_refuses_hostile_names);
  g_test_add_func ("/comfy/download/cleans-what-it-can", test_download_cleans_what_it_can);
  g_test_add_func ("/comfy/download/shared-folder-needs-exact-names",
                   test_download_shared_folder_needs_exact_names);
  g_test_add_func ("/comfy/download/server-keys", test_download_server_keys);

  g_test_add_func ("/comfy/backoff/doubles-up-to-the-cap", test_backoff_doubles_up_to_the_cap);
  g_test_add_func ("/comfy/backoff/jitter-stays-in-bounds", test_backoff_jitter_stays_in_bounds);

  return g_test_run ();
}
