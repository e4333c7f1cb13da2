/* test-comfy-sim.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "lk-sim-output.h"
#include "lk-sim-video.h"
#include "lk-sim-test-fixture.h"

/*
 * The simulator as a client sees it, through plain libsoup calls: the simulator runs in its
 * own thread and context, the test drives HTTP and a WebSocket (opened with no Origin) from
 * the main thread. Every wait is bounded.
 */

static void
test_txt2img_message_order (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(LkSimTestSocket) socket = fixture_open_socket (f, "order");
  g_autofree char *body = lk_sim_test_txt2img ("order", 1234, 3, "mei.safetensors", "ComfyUI");
  g_autofree char *prompt_id = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *first, *entry, *image;
  guint start = 1;

  first = lk_sim_test_message_data (g_ptr_array_index (socket->messages, 0));
  g_assert_cmpstr (json_object_get_string_member (first, "sid"), ==, "order");

  prompt_id = fixture_submit (f, body);
  lk_sim_test_wait_ended (socket, prompt_id);

  /* the node order is the server's choice: read it from the executing messages */
  for (guint i = start; i < socket->messages->len; i++)
    {
      JsonObject *message = g_ptr_array_index (socket->messages, i);
      JsonObject *msg_data = lk_sim_test_message_data (message);

      if (g_strcmp0 (lk_sim_test_message_type (message), "executing") == 0
          && !json_object_get_null_member (msg_data, "node"))
        g_ptr_array_add (order, g_strdup (json_object_get_string_member (msg_data, "node")));
    }
  g_assert_cmpuint (order->len, ==, 8);
  lk_sim_test_assert_topological (body, order);

  g_ptr_array_add (expected, g_strdup ("status 1"));
  g_ptr_array_add (expected, g_strdup ("status 1"));
  g_ptr_array_add (expected, g_strdup ("execution_start"));
  g_ptr_array_add (expected, g_strdup ("execution_cached 0"));
  for (guint n = 0; n < order->len; n++)
    {
      const char *node = g_ptr_array_index (order, n);

      g_ptr_array_add (expected, g_strdup_printf ("progress_state %u running %s", n + 1, node));
      g_ptr_array_add (expected, g_strdup_printf ("executing %s", node));
      if (strcmp (node, "3") == 0)
        for (int k = 1; k <= 3; k++)
          {
            g_ptr_array_add (expected, g_strdup_printf ("progress_state %u running 3", n + 1));
            g_ptr_array_add (expected, g_strdup_printf ("progress 3 %d/3", k));
          }
      if (strcmp (node, "9") == 0)
        g_ptr_array_add (expected, g_strdup ("executed 9"));
      g_ptr_array_add (expected, g_strdup_printf ("progress_state %u", n + 1));
    }
  g_ptr_array_add (expected, g_strdup ("execution_success"));
  g_ptr_array_add (expected, g_strdup ("status 0"));
  g_ptr_array_add (expected, g_strdup ("executing null"));

  g_assert_cmpuint (socket->messages->len - start, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autofree char *line = lk_sim_test_trace (g_ptr_array_index (socket->messages, start + i));

      g_assert_cmpstr (line, ==, g_ptr_array_index (expected, i));
    }

  /* timestamps on execution_* and the raw Python-style JSON */
  g_assert_true (json_object_has_member (lk_sim_test_socket_data (socket, 3), "timestamp"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (socket->texts, 1),
                                   "{\"type\": \"status\", \"data\": "
                                   "{\"status\": {\"exec_info\": "));

  /* the history is there once the end marker has arrived */
  entry = fixture_history_entry (f, prompt_id, &root);
  g_assert_nonnull (entry);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "status"),
                                                  "status_str"), ==, "success");
  image = lk_sim_test_get_object (entry, "outputs/9/images/0");
  g_assert_cmpstr (json_object_get_string_member (image, "filename"), ==, "ComfyUI_00001_.png");
  g_assert_cmpstr (json_object_get_string_member (image, "subfolder"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (image, "type"), ==, "output");
  g_assert_true (json_object_has_member (entry, "meta"));

  /* a real PNG of the requested size, with the prompt and workflow text chunks */
  {
    g_autofree char *path = g_build_filename (f->base, "output", "ComfyUI_00001_.png", NULL);
    g_autoptr(GHashTable) chunks = lk_sim_test_png_text_chunks (path);
    g_autoptr(GError) error = NULL;
    g_autoptr(GdkPixbuf) pixbuf = lk_sim_load_image (path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 512);
    g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 768);
    g_assert_nonnull (g_hash_table_lookup (chunks, "prompt"));
    g_assert_true (strstr (g_hash_table_lookup (chunks, "prompt"), "\"seed\": 1234") != NULL);
    g_assert_cmpstr (g_hash_table_lookup (chunks, "workflow"), ==,
                     "{\"nodes\": [], \"extra\": {}}");
  }
}

static void
test_cached_resubmit (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LkSimTestSocket) socket = fixture_open_socket (f, "cache");
  g_autofree char *body = lk_sim_test_txt2img ("cache", 7, 2, "mei.safetensors", "ComfyUI");
  g_autofree char *other = lk_sim_test_txt2img ("cache", 8, 2, "mei.safetensors", "ComfyUI");
  g_autofree char *output = g_build_filename (f->base, "output", NULL);
  g_autofree char *first = fixture_submit (f, body);
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  JsonObject *info, *image;
  int cached, executed;

  lk_sim_test_wait_ended (socket, first);
  g_assert_cmpuint (lk_sim_test_count_files (output), ==, 1);

  second = fixture_submit (f, body);
  lk_sim_test_wait_ended (socket, second);

  cached = lk_sim_test_socket_find (socket, "execution_cached", second, 0);
  info = lk_sim_test_message_data (g_ptr_array_index (socket->messages, cached));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (info, "nodes")), ==, 8);
  g_assert_cmpstr (lk_sim_test_get_string (info, "nodes/0"), ==, "4");

  /* no executing but the end marker, one executed with the old file, no new file */
  g_assert_true (lk_sim_test_socket_ended (socket, second));
  for (int i = lk_sim_test_socket_find (socket, "executing", second, 0); i >= 0;
       i = lk_sim_test_socket_find (socket, "executing", second, i + 1))
    g_assert_true (json_object_get_null_member (lk_sim_test_socket_data (socket, i), "node"));
  executed = lk_sim_test_socket_find (socket, "executed", second, 0);
  g_assert_cmpint (executed, >, cached);
  g_assert_cmpint (lk_sim_test_socket_find (socket, "executed", second, executed + 1), ==, -1);
  info = lk_sim_test_message_data (g_ptr_array_index (socket->messages, executed));
  image = lk_sim_test_get_object (info, "output/images/0");
  g_assert_cmpstr (json_object_get_string_member (image, "filename"), ==, "ComfyUI_00001_.png");
  g_assert_cmpuint (lk_sim_test_count_files (output), ==, 1);

  /* a new seed: the loaders stay cached, a new file with a new counter */
  third = fixture_submit (f, other);
  lk_sim_test_wait_ended (socket, third);
  cached = lk_sim_test_socket_find (socket, "execution_cached", third, 0);
  info = lk_sim_test_socket_data (socket, cached);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (info, "nodes")), ==, 5);
  g_assert_cmpuint (lk_sim_test_count_files (output), ==, 2);
  g_assert_false (lk_sim_test_images_equal (output, "ComfyUI_00001_.png", "ComfyUI_00002_.png"));
  {
    /* the cached loaders and latent still feed the sampler: same size, other pixels */
    g_autofree char *second_file = g_build_filename (output, "ComfyUI_00002_.png", NULL);
    g_autoptr(GdkPixbuf) pixbuf = lk_sim_load_image (second_file, NULL);

    g_assert_nonnull (pixbuf);
    g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 512);
    g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 768);
  }
}

static void
test_validation_bad_lora (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *body = lk_sim_test_txt2img ("v", 1, 2, "missing.safetensors", "ComfyUI");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *reply = fixture_post_rejected (f, body, &root);
  JsonObject *error = json_object_get_object_member (reply, "error");
  JsonObject *node_errors = json_object_get_object_member (reply, "node_errors");
  JsonObject *loader, *item;

  g_assert_cmpstr (lk_sim_test_get_string (error, "type"), ==, "prompt_outputs_failed_validation");
  g_assert_cmpstr (lk_sim_test_get_string (error, "details"), ==, "");
  g_assert_cmpuint (json_object_get_size (node_errors), ==, 1);
  loader = json_object_get_object_member (node_errors, "10");
  g_assert_nonnull (loader);
  g_assert_cmpstr (json_object_get_string_member (loader, "class_type"), ==, "LoraLoader");
  g_assert_cmpstr (lk_sim_test_get_string (loader, "dependent_outputs/0"), ==, "9");
  item = json_array_get_object_element (json_object_get_array_member (loader, "errors"), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "type"), ==, "value_not_in_list");
  g_assert_cmpstr (json_object_get_string_member (item, "details"), ==,
                   "lora_name: 'missing.safetensors' not in "
                   "['mei.safetensors', 'styles/ink.safetensors']");
  g_assert_cmpstr (lk_sim_test_get_string (item, "extra_info/input_name"), ==, "lora_name");
}

static void
test_validation_unknown_and_empty (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(JsonNode) unknown = NULL;
  g_autoptr(JsonNode) empty = NULL;
  g_autoptr(JsonNode) missing = NULL;
  g_autoptr(JsonNode) disabled = NULL;
  JsonObject *error;

  error = lk_sim_test_get_object (fixture_post_rejected (f, "{\"prompt\": {\"12\": {"
                                                            "\"class_type\": \"Foo\", "
                                                            "\"inputs\": {}}}}", &unknown),
                                  "error");
  g_assert_cmpstr (json_object_get_string_member (error, "type"), ==, "invalid_prompt");
  g_assert_cmpstr (json_object_get_string_member (error, "message"), ==,
                   "Cannot execute because node Foo does not exist.");
  g_assert_cmpstr (json_object_get_string_member (error, "details"), ==, "Node ID '#12'");

  error = lk_sim_test_get_object (fixture_post_rejected (f, "{\"prompt\": {\"5\": {\"class_type\": "
                                                            "\"EmptyLatentImage\", \"inputs\": {"
                                                            "\"width\": 64, \"height\": 64, "
                                                            "\"batch_size\": 1}}}}", &empty),
                                  "error");
  g_assert_cmpstr (json_object_get_string_member (error, "type"), ==, "prompt_no_outputs");

  error = lk_sim_test_get_object (fixture_post_rejected (f, "{\"client_id\": \"x\"}", &missing),
                                  "error");
  g_assert_cmpstr (json_object_get_string_member (error, "type"), ==, "no_prompt");

  /* VHS_VideoCombine removed with --disable-node: "node type not installed" */
  {
    g_autofree char *body = lk_sim_test_video_body ("v", 1, 2, "video/h264-mp4");

    error = json_object_get_object_member (fixture_post_rejected (f, body, &disabled), "error");
    g_assert_cmpstr (json_object_get_string_member (error, "message"), ==,
                     "Cannot execute because node VHS_VideoCombine does not exist.");
  }
}

static void
test_validation_partial_and_numbers (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(LkSimTestSocket) socket = fixture_open_socket (f, "partial");
  g_autofree char *bad = lk_sim_test_txt2img ("partial", 1, 2, "missing.safetensors", "A");
  g_autofree char *partial = lk_sim_test_txt2img_extra_output ("partial", 2);
  g_autoptr(JsonNode) rejected = NULL;
  g_autoptr(JsonNode) accepted = NULL;
  JsonObject *reply, *node_errors, *saver, *item;

  fixture_post_rejected (f, bad, &rejected);
  accepted = fixture_call_json (f, "POST", "/prompt", partial, 200);
  reply = json_node_get_object (accepted);

  /* the counter moved for the rejected prompt too */
  g_assert_cmpint (json_object_get_int_member (reply, "number"), ==, 1);
  node_errors = json_object_get_object_member (reply, "node_errors");
  g_assert_cmpuint (json_object_get_size (node_errors), ==, 1);
  saver = json_object_get_object_member (node_errors, "12");
  g_assert_cmpstr (lk_sim_test_get_string (saver, "dependent_outputs/0"), ==, "12");
  item = json_array_get_object_element (json_object_get_array_member (saver, "errors"), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "type"), ==, "return_type_mismatch");
  g_assert_cmpstr (json_object_get_string_member (item, "details"), ==,
                   "images, received_type(LATENT) mismatch input_type(IMAGE)");

  lk_sim_test_wait_ended (socket, json_object_get_string_member (reply, "prompt_id"));
  g_assert_cmpint (lk_sim_test_socket_find (socket, "executed",
                                            json_object_get_string_member (reply, "prompt_id"), 0),
                   >=, 0);
}

static void
assert_pending_numbers (Fixture            *f,
                        const char * const *expected)
{
  g_autoptr(LkSimTestReply) reply = fixture_call (f, "GET", "/queue", NULL);
  g_autoptr(JsonNode) root = lk_sim_test_reply_json (reply);
  JsonArray *pending = json_object_get_array_member (json_node_get_object (root), "queue_pending");
  guint n = g_strv_length ((char **)expected);

  g_assert_cmpuint (json_array_get_length (pending), ==, n);
  for (guint i = 0; i < n; i++)
    {
      JsonArray *tuple = json_array_get_array_element (pending, i);
      g_autofree char *number = g_strdup_printf ("%.1f", json_array_get_double_element (tuple, 0));

      g_assert_cmpuint (json_array_get_length (tuple), ==, 5);
      g_assert_cmpstr (number, ==, expected[i]);
    }
}

static void
test_queue_heap_order_and_delete (Fixture       *f,
                                  gconstpointer  data)
{
  static const double numbers[] = { 1, 5, 3, 4 };
  g_auto(GStrv) ids = g_new0 (char *, G_N_ELEMENTS (numbers) + 1);
  g_autoptr(LkSimTestReply) raw = NULL;
  g_autoptr(LkSimTestSocket) socket = fixture_open_socket (f, "heap");

  lk_comfy_sim_set_stalled (f->sim, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *body = lk_sim_test_txt2img_numbered ("heap", 100 + i, numbers[i]);

      if (i == 1)
        {
          g_autofree char *full = fixture_url (f, "/prompt");
          g_autoptr(JsonNode) reply = NULL;

          raw = lk_sim_test_http (f->session, "POST", full, body, NULL, NULL);
          g_assert_true (strstr (lk_sim_test_reply_text (raw), "\"number\": 5.0") != NULL);
          reply = lk_sim_test_reply_json (raw);
          ids[i] = g_strdup (lk_sim_test_get_string (json_node_get_object (reply), "prompt_id"));
        }
      else
        ids[i] = fixture_submit (f, body);
    }

  /* heapq order, not sorted */
  assert_pending_numbers (f, (const char * const[]){ "1.0", "4.0", "3.0", "5.0", NULL });

  {
    g_autofree char *body = g_strdup_printf ("{\"delete\": [\"%s\", \"no-such-id\"]}", ids[0]);
    g_autoptr(LkSimTestReply) deleted = fixture_call (f, "POST", "/queue", body);

    g_assert_cmpuint (deleted->status, ==, 200);
  }
  assert_pending_numbers (f, (const char * const[]){ "3.0", "4.0", "5.0", NULL });

  lk_comfy_sim_set_stalled (f->sim, FALSE);
  lk_sim_test_wait_ended (socket, ids[1]);
  g_assert_true (lk_sim_test_socket_ended (socket, ids[2]));
  g_assert_true (lk_sim_test_socket_ended (socket, ids[3]));
  g_assert_false (lk_sim_test_socket_ended (socket, ids[0]));
  /* run in priority order: 3, 4, 5 */
  g_assert_cmpint (lk_sim_test_socket_find (socket, "execution_start", ids[2], 0), <,
                   lk_sim_test_socket_find (socket, "execution_start", ids[3], 0));
  g_assert_cmpint (lk_sim_test_socket_find (socket, "execution_start", ids[3], 0), <,
                   lk_sim_test_socket_find (socket, "execution_start", ids[1], 0));
}

typedef struct
{
  LkSimTestSocket *socket;
  const char      *prompt_id;
} Progressing;

static gboolean
progress_seen (gpointer data)
{
  Progressing *p = data;

  return lk_sim_test_socket_find (p->socket, "progress", p->prompt_id, 0) >= 0;
}

static void
test_interrupt_running_only (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(LkSimTestSocket) socket = fixture_open_socket (f, "stop");
  g_autofree char *long_body = lk_sim_test_txt2img ("stop", 1, 400, "mei.safetensors", "A");
  g_autofree char *short_body = lk_sim_test_txt2img ("stop", 2, 2, "mei.safetensors", "B");
  g_autofree char *running = NULL;
  g_autofree char *waiting = NULL;
  g_autofree char *other = NULL;
  g_autofree char *self_body = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(LkSimTestReply) global = NULL;
  Progressing progressing;
  JsonObject *entry, *status;
  JsonArray *messages, *last;
  int interrupted;

  lk_comfy_sim_set_step_ms (f->sim, 10);
  running = fixture_submit (f, long_body);
  waiting = fixture_submit (f, short_body);
  progressing = (Progressing){ socket, running };
  g_assert_true (lk_sim_test_wait (progress_seen, &progressing, 10000));

  /* a pending prompt's id interrupts nothing */
  other = g_strdup_printf ("{\"prompt_id\": \"%s\"}", waiting);
  g_clear_pointer (&global, lk_sim_test_reply_free);
  global = fixture_call (f, "POST", "/interrupt", other);
  g_assert_cmpuint (global->status, ==, 200);

  self_body = g_strdup_printf ("{\"prompt_id\": \"%s\"}", running);
  g_clear_pointer (&global, lk_sim_test_reply_free);
  global = fixture_call (f, "POST", "/interrupt", self_body);
  lk_sim_test_wait_ended (socket, running);
  lk_sim_test_wait_ended (socket, waiting);

  interrupted = lk_sim_test_socket_find (socket, "execution_interrupted", running, 0);
  g_assert_cmpint (interrupted, >=, 0);
  g_assert_cmpstr (lk_sim_test_get_string (lk_sim_test_socket_data (socket, interrupted),
                                           "node_id"), ==, "3");
  lk_sim_test_assert_trace (socket, interrupted + 1, "status 1");
  g_assert_cmpint (lk_sim_test_socket_find (socket, "execution_success", running, 0), ==, -1);
  g_assert_cmpint (lk_sim_test_socket_find (socket, "execution_success", waiting, 0), >=, 0);

  entry = fixture_history_entry (f, running, &root);
  status = json_object_get_object_member (entry, "status");
  g_assert_cmpstr (json_object_get_string_member (status, "status_str"), ==, "error");
  g_assert_false (json_object_get_boolean_member (status, "completed"));
  messages = json_object_get_array_member (status, "messages");
  last = json_array_get_array_element (messages, json_array_get_length (messages) - 1);
  g_assert_cmpstr (json_array_get_string_element (last, 0), ==, "execution_interrupted");

  /* a global interrupt with nothing running does not kill the next prompt */
  g_clear_pointer (&global, lk_sim_test_reply_free);
  global = fixture_call (f, "POST", "/interrupt", NULL);
  g_clear_pointer (&waiting, g_free);
  waiting = fixture_submit (f, short_body);
  lk_sim_test_wait_ended (socket, waiting);
  g_assert_cmpint (lk_sim_test_socket_find (socket, "execution_success", waiting, 0), >=, 0);
}

static void
test_history_paging (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LkSimTestSocket) socket = fixture_open_socket (f, "hist");
  g_auto(GStrv) ids = g_new0 (char *, 4);
  g_autoptr(JsonNode) newest = NULL;
  g_autoptr(JsonNode) oldest = NULL;
  g_autoptr(JsonNode) unknown = NULL;
  g_autoptr(LkSimTestReply) bad = NULL;
  g_autoptr(LkSimTestReply) cleared = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *body = lk_sim_test_txt2img ("hist", 50 + i, 1, "mei.safetensors", "H");

      ids[i] = fixture_submit (f, body);
      lk_sim_test_wait_ended (socket, ids[i]);
    }

  newest = fixture_call_json (f, "GET", "/history?max_items=1", NULL, 200);
  g_assert_cmpuint (json_object_get_size (json_node_get_object (newest)), ==, 1);
  g_assert_true (json_object_has_member (json_node_get_object (newest), ids[2]));
  oldest = fixture_call_json (f, "GET", "/api/history?max_items=1&offset=0", NULL, 200);
  g_assert_true (json_object_has_member (json_node_get_object (oldest), ids[0]));
  unknown = fixture_call_json (f, "GET", "/history/not-a-prompt", NULL, 200);
  g_assert_cmpuint (json_object_get_size (json_node_get_object (unknown)), ==, 0);
  bad = fixture_call (f, "GET", "/history?max_items=two", NULL);
  g_assert_cmpuint (bad->status, ==, 500);

  cleared = fixture_call (f, "POST", "/history", "{\"clear\": true}");
  g_assert_cmpuint (cleared->status, ==, 200);
  g_clear_pointer (&newest, json_node_unref);
  newest = fixture_call_json (f, "GET", "/history", NULL, 200);
  g_assert_cmpuint (json_object_get_size (json_node_get_object (newest)), ==, 0);
}

static guint
view_status (Fixture    *f,
             const char *query)
{
  g_autofree char *path = g_strdup_printf ("/view?%s", query);
  g_autoptr(LkSimTestReply) reply = fixture_call (f, "GET", path, NULL);

  return reply->status;
}

static void
test_view_paths_and_range (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(LkSimTestSocket) socket = fixture_open_socket (f, "view");
  g_autofree char *body = lk_sim_test_txt2img ("view", 3, 1, "mei.safetensors", "sub/dir/Pic");
  g_autofree char *prompt_id = fixture_submit (f, body);
  g_autofree char *path = g_build_filename (f->base, "output", "sub", "dir", "Pic_00001_.png",
                                           NULL);
  g_autofree char *contents = NULL;
  g_autofree char *full = NULL;
  g_autofree char *tail_range = NULL;
  gsize length;

  lk_sim_test_wait_ended (socket, prompt_id);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  g_assert_cmpuint (view_status (f, "filename=Pic_00001_.png&subfolder=sub/dir&type=output"),
                    ==, 200);
  /* the annotation wins over type= */
  g_assert_cmpuint (view_status (f, "filename=Pic_00001_.png%20%5Boutput%5D&subfolder=sub/dir"
                                    "&type=input"), ==, 200);
  g_assert_cmpuint (view_status (f, "filename=a..b.png"), ==, 400);
  g_assert_cmpuint (view_status (f, "filename=/etc/passwd"), ==, 400);
  g_assert_cmpuint (view_status (f, "filename="), ==, 400);
  g_assert_cmpuint (view_status (f, "filename=x.png&type=models"), ==, 400);
  g_assert_cmpuint (view_status (f, "filename=passwd&subfolder=../../../etc"), ==, 403);
  g_assert_cmpuint (view_status (f, "filename=passwd&subfolder=/etc"), ==, 403);
  g_assert_cmpuint (view_status (f, "filename=missing.png"), ==, 404);
  g_assert_cmpuint (view_status (f, "type=output"), ==, 404);

  full = fixture_url (f, "/api/view?filename=Pic_00001_.png&subfolder=sub/dir");
  {
    g_autoptr(LkSimTestReply) partial = lk_sim_test_http (f->session, "GET", full, NULL, NULL,
                                                          "bytes=0-9");
    gsize size;
    const guint8 *bytes = g_bytes_get_data (partial->body, &size);
    g_autofree char *expected_range = g_strdup_printf ("bytes 0-9/%" G_GSIZE_FORMAT, length);

    g_assert_cmpuint (partial->status, ==, 206);
    g_assert_cmpuint (size, ==, 10);
    g_assert_cmpmem (bytes, 10, contents, 10);
    g_assert_cmpstr (soup_message_headers_get_one (partial->headers, "Content-Range"), ==,
                     expected_range);
    g_assert_cmpstr (soup_message_headers_get_content_type (partial->headers, NULL), ==,
                     "image/png");
  }
  {
    g_autoptr(LkSimTestReply) suffix = lk_sim_test_http (f->session, "GET", full, NULL, NULL,
                                                         "bytes=-4");

    g_assert_cmpuint (suffix->status, ==, 206);
    g_assert_cmpmem (g_bytes_get_data (suffix->body, NULL), g_bytes_get_size (suffix->body),
                     contents + length - 4, 4);
  }
  tail_range = g_strdup_printf ("bytes=%" G_GSIZE_FORMAT "-", length);
  {
    g_autoptr(LkSimTestReply) beyond = lk_sim_test_http (f->session, "GET", full, NULL, NULL,
                                                         tail_range);

    g_assert_cmpuint (beyond->status, ==, 416);
  }
}

static JsonObject *
input_spec (JsonObject *info,
            const char *node,
            const char *input,
            JsonArray **spec)
{
  g_autofree char *path = g_strdup_printf ("%s/input/required", node);
  JsonObject *required = lk_sim_test_get_object (info, path);

  *spec = json_object_get_array_member (required, input);
  return required;
}

static void
test_object_info_shapes (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(LkSimTestReply) reply = fixture_call (f, "GET", "/api/object_info", NULL);
  g_autoptr(JsonNode) root = lk_sim_test_reply_json (reply);
  g_autoptr(JsonNode) unknown = fixture_call_json (f, "GET", "/object_info/NoSuchNode", NULL, 200);
  g_autoptr(JsonNode) loras = NULL;
  g_autoptr(JsonNode) models = fixture_call_json (f, "GET", "/models", NULL, 200);
  g_autoptr(LkSimTestReply) no_folder = fixture_call (f, "GET", "/models/nope", NULL);
  g_autofree char *new_lora = g_build_filename (f->base, "models", "loras", "aoi.safetensors",
                                               NULL);
  JsonObject *info = json_node_get_object (root);
  JsonArray *spec, *options;

  g_assert_cmpuint (reply->status, ==, 200);
  input_spec (info, "LoraLoader", "lora_name", &spec);
  g_assert_cmpuint (json_array_get_length (spec), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (spec, 0), 1), ==,
                   "styles/ink.safetensors");

  input_spec (info, "LoraLoaderModelOnly", "lora_name", &spec);
  g_assert_cmpuint (json_array_get_length (spec), ==, 1);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_array_get_element (spec, 0)));

  input_spec (info, "SaveAnimatedWEBP", "method", &spec);
  g_assert_cmpstr (json_array_get_string_element (spec, 0), ==, "COMBO");
  options = lk_sim_test_get_array (json_array_get_object_element (spec, 1), "options");
  g_assert_cmpuint (json_array_get_length (options), ==, 3);

  g_assert_true (strstr (lk_sim_test_reply_text (reply), "\"max\": 18446744073709551615") != NULL);
  g_assert_true (strstr (lk_sim_test_reply_text (reply), "\\ud83c\\udfad") != NULL);
  g_assert_true (json_node_get_boolean (lk_sim_test_get (info, "SaveImage/output_node")));
  g_assert_cmpuint (json_object_get_size (json_node_get_object (unknown)), ==, 0);

  g_assert_true (lk_sim_test_array_contains (json_node_get_array (models), "animatediff_models"));
  g_assert_cmpuint (no_folder->status, ==, 404);

  /* a new file is picked up without a restart */
  g_assert_true (g_file_set_contents (new_lora, "lora", -1, NULL));
  loras = fixture_call_json (f, "GET", "/api/models/loras", NULL, 200);
  g_assert_cmpstr (json_array_get_string_element (json_node_get_array (loras), 0), ==,
                   "aoi.safetensors");
}

static void
test_video_combine_mp4 (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LkSimTestSocket) socket = fixture_open_socket (f, "vhs");
  g_autofree char *body = lk_sim_test_video_body ("vhs", 99, 4, "video/h264-mp4");
  g_autofree char *prompt_id = NULL;
  g_autofree char *mp4 = g_build_filename (f->base, "output", "AnimateDiff_00001.mp4", NULL);
  g_autofree char *png = g_build_filename (f->base, "output", "AnimateDiff_00001.png", NULL);
  g_autoptr(GError) error = NULL;
  JsonObject *output, *item;
  int executed, frames = 0, width = 0, height = 0;

  if (!g_strv_contains (lk_sim_video_formats (), "video/h264-mp4"))
    {
      g_test_skip ("No MP4 encoder here: install gstreamer1.0-plugins-ugly or gstreamer1.0-libav");
      return;
    }
  prompt_id = fixture_submit (f, body);
  lk_sim_test_wait_ended (socket, prompt_id);
  executed = lk_sim_test_socket_find (socket, "executed", prompt_id, 0);
  g_assert_cmpint (executed, >=, 0);
  g_assert_true (strstr (g_ptr_array_index (socket->texts, executed), "\"frame_rate\": 8.0"));
  output = lk_sim_test_get_object (lk_sim_test_socket_data (socket, executed), "output");
  g_assert_false (json_object_has_member (output, "images"));
  item = json_array_get_object_element (json_object_get_array_member (output, "gifs"), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "filename"), ==, "AnimateDiff_00001.mp4");
  g_assert_cmpstr (json_object_get_string_member (item, "format"), ==, "video/h264-mp4");
  g_assert_cmpstr (json_object_get_string_member (item, "workflow"), ==, "AnimateDiff_00001.png");
  g_assert_cmpstr (json_object_get_string_member (item, "fullpath"), ==, mp4);

  /* progress per frame */
  g_assert_cmpint (lk_sim_test_socket_find (socket, "progress", prompt_id, 0), >=, 0);
  {
    int last = -1;

    for (int i = lk_sim_test_socket_find (socket, "progress", prompt_id, 0); i >= 0;
         i = lk_sim_test_socket_find (socket, "progress", prompt_id, i + 1))
      last = i;
    lk_sim_test_assert_trace (socket, last, "progress 30 4/4");
  }

  g_assert_nonnull (lk_sim_test_png_text_chunks (png));
  g_assert_true (lk_sim_test_decode_video (mp4, &frames, &width, &height, &error));
  g_assert_no_error (error);
  g_assert_cmpint (frames, ==, 4);
  g_assert_cmpint (width, ==, 256);
  g_assert_cmpint (height, ==, 192);
}

static guint32
read_be32 (const guint8 *bytes)
{
  guint32 value;

  memcpy (&value, bytes, sizeof value);
  return GUINT32_FROM_BE (value);
}

static void
test_preview_frames (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LkSimTestSocket) plain = fixture_open_socket (f, "p1");
  g_autoptr(LkSimTestSocket) meta = fixture_open_socket (f, "p2");
  g_autofree char *first = lk_sim_test_txt2img ("p1", 5, 3, "mei.safetensors", "P");
  g_autofree char *second = lk_sim_test_txt2img ("p2", 6, 3, "mei.safetensors", "P");
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  gsize size;
  const guint8 *frame;

  lk_comfy_sim_set_preview_method (f->sim, "auto");
  soup_websocket_connection_send_text (meta->conn, "{\"type\": \"feature_flags\", \"data\": "
                                                   "{\"supports_preview_metadata\": true}}");
  id1 = fixture_submit (f, first);
  lk_sim_test_wait_ended (plain, id1);
  id2 = fixture_submit (f, second);
  lk_sim_test_wait_ended (meta, id2);

  g_assert_cmpint (lk_sim_test_socket_find (meta, "feature_flags", NULL, 0), >=, 0);
  g_assert_cmpuint (plain->binaries->len, ==, 3);
  frame = g_bytes_get_data (g_ptr_array_index (plain->binaries, 0), &size);
  g_assert_cmpuint (size, >, 10);
  g_assert_cmpuint (read_be32 (frame), ==, 1);
  g_assert_cmpuint (read_be32 (frame + 4), ==, 1);
  g_assert_cmpuint (frame[8], ==, 0xFF);
  g_assert_cmpuint (frame[9], ==, 0xD8);

  g_assert_cmpuint (meta->binaries->len, ==, 3);
  frame = g_bytes_get_data (g_ptr_array_index (meta->binaries, 0), &size);
  g_assert_cmpuint (read_be32 (frame), ==, 4);
  {
    guint32 length = read_be32 (frame + 4);
    g_autofree char *json = g_strndup ((const char *)frame + 8, length);

    g_assert_true (strstr (json, "\"image_type\": \"image/jpeg\"") != NULL);
    g_assert_true (strstr (json, id2) != NULL);
    g_assert_cmpuint (frame[8 + length], ==, 0xFF);
  }
}

static void
test_execution_error (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LkSimTestSocket) socket = fixture_open_socket (f, "err");
  g_autofree char *body = lk_sim_test_txt2img ("err", 5, 1, "mei.safetensors", "../outside/X");
  g_autofree char *prompt_id = fixture_submit (f, body);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *error;
  int at;

  lk_sim_test_wait_ended (socket, prompt_id);
  at = lk_sim_test_socket_find (socket, "execution_error", prompt_id, 0);
  g_assert_cmpint (at, >=, 0);
  error = lk_sim_test_message_data (g_ptr_array_index (socket->messages, at));
  g_assert_cmpstr (json_object_get_string_member (error, "node_id"), ==, "9");
  g_assert_cmpstr (json_object_get_string_member (error, "exception_type"), ==, "Exception");
  g_assert_true (strstr (json_object_get_string_member (error, "exception_message"),
                         "Saving image outside the output folder is not allowed") != NULL);
  lk_sim_test_assert_trace (socket, at + 1, "status 0");
  g_assert_cmpstr (lk_sim_test_get_string (fixture_history_entry (f, prompt_id, &root),
                                           "status/status_str"), ==, "error");
}

typedef struct
{
  LkSimTestSocket *socket;
  const char      *prompt_id;
} Settled;

/* The last status broadcast (0 left) has arrived after every message of the prompt. */
static gboolean
queue_settled (gpointer data)
{
  Settled *settled = data;
  GPtrArray *messages = settled->socket->messages;
  int last = lk_sim_test_socket_find (settled->socket, "progress", settled->prompt_id, 0);

  for (guint i = MAX (last, 0); i < messages->len; i++)
    if (g_strcmp0 (lk_sim_test_message_type (g_ptr_array_index (messages, i)), "status") == 0
        && lk_sim_test_queue_remaining (g_ptr_array_index (messages, i)) == 0)
      return last >= 0 || settled->prompt_id == NULL;
  return FALSE;
}

static void
test_routing_targeted_or_broadcast (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(LkSimTestSocket) watcher = fixture_open_socket (f, "watcher");
  g_autoptr(LkSimTestSocket) other = fixture_open_socket (f, "other");
  g_autofree char *anonymous_body = lk_sim_test_txt2img ("unused", 5, 2, "mei.safetensors", "N");
  g_autofree char *targeted_body = lk_sim_test_txt2img ("other", 6, 2, "mei.safetensors", "N");
  g_autoptr(GString) without_client = g_string_new (anonymous_body);
  g_autofree char *anonymous = NULL;
  g_autofree char *targeted = NULL;
  Settled settled;

  /* no client_id: progress and progress_state for everyone, nothing else */
  g_string_erase (without_client, 0, strlen ("{\"client_id\": \"unused\", "));
  g_string_prepend_c (without_client, '{');
  anonymous = fixture_submit (f, without_client->str);
  settled = (Settled){ watcher, anonymous };
  g_assert_true (lk_sim_test_wait (queue_settled, &settled, 20000));
  g_assert_cmpint (lk_sim_test_socket_find (watcher, "progress_state", anonymous, 0), >=, 0);
  g_assert_cmpint (lk_sim_test_socket_find (watcher, "execution_start", anonymous, 0), ==, -1);
  g_assert_cmpint (lk_sim_test_socket_find (watcher, "executing", anonymous, 0), ==, -1);
  g_assert_cmpint (lk_sim_test_socket_find (watcher, "executed", anonymous, 0), ==, -1);

  /* another client's prompt: only the status broadcasts reach the watcher */
  g_ptr_array_set_size (watcher->messages, 0);
  targeted = fixture_submit (f, targeted_body);
  lk_sim_test_wait_ended (other, targeted);
  settled = (Settled){ watcher, NULL };
  g_assert_true (lk_sim_test_wait (queue_settled, &settled, 20000));
  for (guint i = 0; i < watcher->messages->len; i++)
    g_assert_cmpstr (lk_sim_test_message_type (g_ptr_array_index (watcher->messages, i)), ==,
                     "status");
  g_assert_cmpint (lk_sim_test_socket_find (other, "progress", targeted, 0), >=, 0);
}

static char *
upload (Fixture    *f,
        GBytes     *image)
{
  g_autoptr(SoupMultipart) form = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autofree char *target = fixture_url (f, "/upload/image");
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  soup_multipart_append_form_file (form, "image", "cat.png", "image/png", image);
  soup_multipart_append_form_string (form, "type", "input");
  msg = soup_message_new_from_multipart (target, form);
  reply = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                             (gssize)g_bytes_get_size (reply), NULL));
  return g_strdup (lk_sim_test_get_string (json_node_get_object (json_parser_get_root (parser)),
                                           "name"));
}

static void
test_upload_and_load_image (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(LkSimTestSocket) socket = fixture_open_socket (f, "load");
  g_autofree char *cat_path = g_build_filename (f->base, "input", "cat.png", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *same = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *graph = NULL;
  g_autofree char *prompt_id = NULL;
  g_autofree char *saved = g_build_filename (f->base, "output", "up_00001_.png", NULL);
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) changed = NULL;
  g_autoptr(JsonNode) rejected = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  JsonObject *item;
  gsize length;

  g_assert_true (g_file_get_contents (cat_path, &contents, &length, NULL));
  original = g_bytes_new (contents, length);
  changed = g_bytes_new (contents, length - 1);
  same = upload (f, original);
  g_assert_cmpstr (same, ==, "cat.png");
  renamed = upload (f, changed);
  g_assert_cmpstr (renamed, ==, "cat (1).png");

  graph = g_strdup_printf ("{\"client_id\": \"load\", \"prompt\": {"
                           "\"1\": {\"class_type\": \"LoadImage\", \"inputs\": "
                           "{\"image\": \"%s\"}}, "
                           "\"2\": {\"class_type\": \"SaveImage\", \"inputs\": "
                           "{\"images\": [\"1\", 0], \"filename_prefix\": \"up\"}}}}",
                           same);
  prompt_id = fixture_submit (f, graph);
  lk_sim_test_wait_ended (socket, prompt_id);
  pixbuf = lk_sim_load_image (saved, NULL);
  g_assert_nonnull (pixbuf);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 64);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 48);

  {
    JsonObject *reply = fixture_post_rejected (f, "{\"prompt\": {"
                                                  "\"1\": {\"class_type\": \"LoadImage\", "
                                                  "\"inputs\": {\"image\": \"dog.png\"}}, "
                                                  "\"2\": {\"class_type\": \"PreviewImage\", "
                                                  "\"inputs\": {\"images\": [\"1\", 0]}}}}",
                                               &rejected);
    JsonObject *node_errors = json_object_get_object_member (reply, "node_errors");

    g_assert_true (json_object_has_member (node_errors, "1"));
    item = lk_sim_test_get_object (node_errors, "1/errors/0");
  }
  g_assert_cmpstr (json_object_get_string_member (item, "type"), ==, "custom_validation_failed");
  g_assert_cmpstr (json_object_get_string_member (item, "details"), ==,
                   "image - Invalid image file: dog.png");
}

static void
test_animated_webp_and_preview (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(LkSimTestSocket) socket = fixture_open_socket (f, "webp");
  g_autofree char *graph = NULL;
  g_autofree char *prompt_id = NULL;
  g_autofree char *webp = g_build_filename (f->base, "output", "anim_00001_.webp", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *contents = NULL;
  JsonObject *entry, *preview;
  gsize length;

  if (!lk_sim_webp_available ())
    {
      g_test_skip ("Built without libwebpmux");
      return;
    }

  graph = g_strdup_printf ("{\"client_id\": \"webp\", \"prompt\": {"
                           "\"5\": {\"class_type\": \"EmptyLatentImage\", \"inputs\": "
                           "{\"width\": 64, \"height\": 48, \"batch_size\": 3}}, "
                           "\"4\": {\"class_type\": \"VAELoader\", \"inputs\": "
                           "{\"vae_name\": \"vae-ft-mse.safetensors\"}}, "
                           "\"8\": {\"class_type\": \"VAEDecode\", \"inputs\": "
                           "{\"samples\": [\"5\", 0], \"vae\": [\"4\", 0]}}, "
                           "\"20\": {\"class_type\": \"SaveAnimatedWEBP\", \"inputs\": "
                           "{\"images\": [\"8\", 0], \"filename_prefix\": \"anim\", \"fps\": 6, "
                           "\"lossless\": false, \"quality\": 80, \"method\": \"default\"}}, "
                           "\"21\": {\"class_type\": \"PreviewImage\", \"inputs\": "
                           "{\"images\": [\"8\", 0]}}}}");
  prompt_id = fixture_submit (f, graph);
  lk_sim_test_wait_ended (socket, prompt_id);

  entry = fixture_history_entry (f, prompt_id, &root);
  g_assert_cmpstr (lk_sim_test_get_string (entry, "outputs/20/images/0/filename"), ==,
                   "anim_00001_.webp");
  g_assert_true (json_node_get_boolean (lk_sim_test_get (entry, "outputs/20/animated/0")));
  g_assert_true (g_file_get_contents (webp, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 12);
  g_assert_cmpmem (contents, 4, "RIFF", 4);
  g_assert_cmpmem (contents + 8, 4, "WEBP", 4);

  /* PreviewImage: temp folder, "ComfyUI_temp_" and five letters, one file per batch image */
  g_assert_cmpuint (json_array_get_length (lk_sim_test_get_array (entry, "outputs/21/images")), ==, 3);
  preview = lk_sim_test_get_object (entry, "outputs/21/images/0");
  g_assert_cmpstr (json_object_get_string_member (preview, "type"), ==, "temp");
  g_assert_true (g_regex_match_simple ("^ComfyUI_temp_[a-z]{5}_00001_\\.png$",
                                       json_object_get_string_member (preview, "filename"), 0, 0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/comfy-sim/ws/txt2img-follows-message-order", test_txt2img_message_order);
  ADD ("/comfy-sim/ws/identical-resubmit-is-cached", test_cached_resubmit);
  ADD ("/comfy-sim/ws/previews-binary-type-1-or-4", test_preview_frames);
  ADD ("/comfy-sim/validate/bad-lora-only-in-node-errors", test_validation_bad_lora);
  ADD ("/comfy-sim/validate/partial-outputs-and-counter", test_validation_partial_and_numbers);
  ADD ("/comfy-sim/queue/heap-order-and-delete", test_queue_heap_order_and_delete);
  ADD ("/comfy-sim/interrupt/stops-only-the-running-prompt", test_interrupt_running_only);
  ADD ("/comfy-sim/execution/error-ends-with-marker", test_execution_error);
  ADD ("/comfy-sim/history/paging-and-clear", test_history_paging);
  ADD ("/comfy-sim/view/path-checks-and-range", test_view_paths_and_range);
  ADD ("/comfy-sim/object-info/combo-shapes-and-rescan", test_object_info_shapes);
  ADD ("/comfy-sim/vhs/writes-playable-mp4-and-png", test_video_combine_mp4);
  ADD ("/comfy-sim/outputs/animated-webp-and-temp-previews", test_animated_webp_and_preview);
  ADD ("/comfy-sim/ws/routing-targeted-or-broadcast", test_routing_targeted_or_broadcast);
  ADD ("/comfy-sim/upload/dedupes-renames-and-loads", test_upload_and_load_image);
#undef ADD
  lk_sim_test_add_switch_tests ();
  g_test_add ("/comfy-sim/validate/unknown-class-and-no-outputs", Fixture, "VHS_VideoCombine",
              fixture_setup, test_validation_unknown_and_empty, fixture_teardown);

  return g_test_run ();
}
