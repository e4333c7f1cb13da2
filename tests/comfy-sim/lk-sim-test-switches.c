/* lk-sim-test-switches.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lk-sim-test-fixture.h"

/* The failure switches, through the C API and POST /__sim/control. */

static void
test_switch_drop_sockets (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(LkSimTestSocket) socket = fixture_open_socket (f, "drop");
  g_autofree char *body = lk_sim_test_txt2img ("drop", 5, 6, "mei.safetensors", "D");
  g_autofree char *prompt_id = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *entry = NULL;
  int last_progress = -1;

  lk_comfy_sim_set_drop_sockets_after_step (f->sim, 2);
  prompt_id = fixture_submit (f, body);
  g_assert_true (lk_sim_test_wait (lk_sim_test_socket_is_closed, socket, 10000));
  g_assert_false (lk_sim_test_socket_ended (socket, prompt_id));
  for (int i = lk_sim_test_socket_find (socket, "progress", prompt_id, 0); i >= 0;
       i = lk_sim_test_socket_find (socket, "progress", prompt_id, i + 1))
    last_progress = i;
  lk_sim_test_assert_trace (socket, last_progress, "progress 3 2/6");

  /* the job goes on: reconcile from the history */
  for (guint tries = 0; tries < 500 && entry == NULL; tries++)
    {
      g_clear_pointer (&root, json_node_unref);
      entry = fixture_history_entry (f, prompt_id, &root);
      if (entry == NULL)
        g_usleep (10000);
    }
  g_assert_nonnull (entry);
  g_assert_cmpstr (lk_sim_test_get_string (entry, "status/status_str"), ==, "success");
}

static void
test_switch_restart (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LkSimTestSocket) socket = fixture_open_socket (f, "restart");
  g_autofree char *body = lk_sim_test_txt2img ("restart", 5, 2, "mei.safetensors", "R");
  g_autofree char *prompt_id = NULL;
  g_autofree char *control = fixture_url (f, "/__sim/control");
  g_autofree char *queue = fixture_url (f, "/queue");
  g_autoptr(LkSimTestReply) restart = NULL;
  g_autoptr(LkSimTestReply) refused = NULL;
  g_autoptr(JsonNode) history = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonObject) state = NULL;

  lk_comfy_sim_set_stalled (f->sim, TRUE);
  prompt_id = fixture_submit (f, body);

  restart = lk_sim_test_http (f->session, "POST", control,
                              "{\"restart\": {\"refuse_ms\": 1500}, \"stall\": false}", NULL, NULL);
  g_assert_cmpuint (restart->status, ==, 200);
  g_assert_true (lk_sim_test_wait (lk_sim_test_socket_is_closed, socket, 10000));

  /* while it is down the port refuses connections (the 1.5 s window is far longer than the
   * time to get here, and the check is made only once) */
  refused = lk_sim_test_http (f->session, "GET", queue, NULL, NULL, NULL);
  g_assert_nonnull (refused->error);

  for (guint tries = 0; tries < 500; tries++)
    {
      g_autoptr(LkSimTestReply) probe = lk_sim_test_http (f->session, "GET", queue, NULL, NULL,
                                                          NULL);

      if (probe->error == NULL)
        break;
      g_usleep (10000);
    }
  history = fixture_call_json (f, "GET", "/history", NULL, 200);
  g_assert_cmpuint (json_object_get_size (json_node_get_object (history)), ==, 0);
  state = lk_comfy_sim_dup_state (f->sim);
  g_assert_cmpint (json_object_get_int_member (state, "queue_remaining"), ==, 0);

  /* the prompt counter starts over */
  again = fixture_call_json (f, "POST", "/prompt", body, 200);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (again), "number"), ==, 0);
}

static void
test_switch_stall_and_release (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(LkSimTestSocket) socket = fixture_open_socket (f, "stall");
  g_autofree char *body = lk_sim_test_txt2img ("stall", 5, 2, "mei.safetensors", "S");
  g_autofree char *prompt_id = NULL;
  g_autoptr(JsonNode) queue = NULL;
  g_autoptr(JsonNode) control = NULL;

  control = fixture_call_json (f, "POST", "/__sim/control", "{\"stall\": true}", 200);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (control), "stall"));
  prompt_id = fixture_submit (f, body);
  queue = fixture_call_json (f, "GET", "/queue", NULL, 200);
  g_assert_cmpuint (json_array_get_length (lk_sim_test_get_array (json_node_get_object (queue),
                                                                  "queue_pending")), ==, 1);
  g_assert_false (lk_sim_test_socket_ended (socket, prompt_id));

  g_clear_pointer (&control, json_node_unref);
  control = fixture_call_json (f, "POST", "/__sim/control", "{\"release\": true}", 200);
  lk_sim_test_wait_ended (socket, prompt_id);
}

static void
test_switch_fail_route_and_delay (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(LkSimTestReply) failing = NULL;
  g_autoptr(LkSimTestReply) failing_id = NULL;
  g_autoptr(LkSimTestReply) unavailable = NULL;
  g_autoptr(LkSimTestReply) fine = NULL;
  g_autoptr(LkSimTestReply) bad_switch = NULL;
  g_autoptr(JsonNode) delayed = NULL;

  lk_comfy_sim_set_route_failure (f->sim, "/history", 500);
  failing = fixture_call (f, "GET", "/api/history", NULL);
  g_assert_cmpuint (failing->status, ==, 500);
  g_assert_cmpstr (lk_sim_test_reply_text (failing), ==,
                   "500 Internal Server Error\n\nServer got itself in trouble");
  failing_id = fixture_call (f, "GET", "/history/abc", NULL);
  g_assert_cmpuint (failing_id->status, ==, 500);
  fine = fixture_call (f, "GET", "/queue", NULL);
  g_assert_cmpuint (fine->status, ==, 200);

  lk_comfy_sim_set_route_failure (f->sim, "/api/prompt", 503);
  unavailable = fixture_call (f, "POST", "/prompt", "{}");
  g_assert_cmpuint (unavailable->status, ==, 503);
  g_assert_cmpuint (g_bytes_get_size (unavailable->body), ==, 0);

  lk_comfy_sim_set_route_failure (f->sim, "/history", 0);
  lk_comfy_sim_set_history_delay (f->sim, 150);
  delayed = fixture_call_json (f, "GET", "/history", NULL, 200);
  g_assert_cmpuint (json_object_get_size (json_node_get_object (delayed)), ==, 0);

  bad_switch = fixture_call (f, "POST", "/__sim/control", "{\"no_such_switch\": 1}");
  g_assert_cmpuint (bad_switch->status, ==, 400);
}

static void
test_switch_hostile_names (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(LkSimTestSocket) socket = fixture_open_socket (f, "evil");
  g_autofree char *body = lk_sim_test_txt2img ("evil", 5, 1, "mei.safetensors", "E");
  g_autofree char *prompt_id = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *images;
  const char *text;
  int executed;

  lk_comfy_sim_set_hostile_names (f->sim, LK_COMFY_SIM_HOSTILE_ALL);
  prompt_id = fixture_submit (f, body);
  lk_sim_test_wait_ended (socket, prompt_id);

  executed = lk_sim_test_socket_find (socket, "executed", prompt_id, 0);
  text = g_ptr_array_index (socket->texts, executed);
  g_assert_true (strstr (text, "\"filename\": \"../../evil.png\"") != NULL);
  g_assert_true (strstr (text, "\"filename\": \"/etc/passwd\"") != NULL);
  g_assert_true (strstr (text, "\"filename\": \"evil\\u0000.png\"") != NULL);
  g_assert_true (strstr (text, "\"subfolder\": \"..\"") != NULL);
  g_assert_true (strstr (text, "..\\\\..\\\\evil.png") != NULL);

  images = lk_sim_test_get_array (fixture_history_entry (f, prompt_id, &root), "outputs/9/images");
  g_assert_cmpuint (json_array_get_length (images), ==, 6);
}

static void
test_switch_reject_prompts (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *body = lk_sim_test_txt2img ("rej", 5, 1, "mei.safetensors", "J");
  g_autoptr(JsonNode) rejected = NULL;
  g_autoptr(JsonNode) accepted = NULL;
  JsonObject *reply;

  lk_comfy_sim_set_reject_prompts (f->sim, "prompt_outputs_failed_validation");
  reply = fixture_post_rejected (f, body, &rejected);
  g_assert_cmpstr (lk_sim_test_get_string (reply, "error/type"),
                   ==, "prompt_outputs_failed_validation");
  lk_comfy_sim_set_reject_prompts (f->sim, NULL);
  accepted = fixture_call_json (f, "POST", "/prompt", body, 200);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (accepted), "number"), ==, 1);
}

static void
test_origin_check (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *prompt = fixture_url (f, "/prompt");
  g_autofree char *matching = g_strdup_printf ("http://127.0.0.1:%u", f->port);
  g_autofree char *other = g_strdup_printf ("http://localhost:%u", f->port);
  g_autoptr(LkSimTestReply) same = lk_sim_test_http (f->session, "GET", prompt, NULL, matching,
                                                     NULL);
  g_autoptr(LkSimTestReply) mismatched = lk_sim_test_http (f->session, "GET", prompt, NULL, other,
                                                           NULL);
  g_autoptr(LkSimTestReply) strict = NULL;
  g_autoptr(LkSimTestSocket) refused = NULL;
  g_autoptr(LkSimTestSocket) plain = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (same->status, ==, 200);
  g_assert_cmpuint (mismatched->status, ==, 403);
  g_assert_cmpuint (g_bytes_get_size (mismatched->body), ==, 0);

  refused = lk_sim_test_socket_open (f->session, f->port, "o", other, &error);
  g_assert_null (refused);
  g_assert_nonnull (error);
  g_clear_error (&error);

  lk_comfy_sim_set_origin_check (f->sim, LK_COMFY_SIM_ORIGIN_STRICT);
  strict = lk_sim_test_http (f->session, "GET", prompt, NULL, matching, NULL);
  g_assert_cmpuint (strict->status, ==, 403);
  plain = lk_sim_test_socket_open (f->session, f->port, "o", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plain);
}

typedef struct
{
  LkComfySim *sim;
  gint64      sockets;
} SocketCount;


static gboolean
sockets_at (gpointer data)
{
  SocketCount *count = data;
  g_autoptr(JsonObject) state = lk_comfy_sim_dup_state (count->sim);

  return json_object_get_int_member (state, "sockets") == count->sockets;
}

static gint64
routed_after_reconnect (Fixture  *f,
                        gboolean  hazard)
{
  g_autoptr(LkSimTestSocket) old_socket = fixture_open_socket (f, "same");
  g_autoptr(LkSimTestSocket) new_socket = fixture_open_socket (f, "same");
  g_autoptr(JsonObject) state = NULL;
  SocketCount count = { f->sim, 1 };

  lk_comfy_sim_set_reconnect_hazard (f->sim, hazard);
  lk_sim_test_socket_close (old_socket);
  g_assert_true (lk_sim_test_wait (sockets_at, &count, 10000));
  g_assert_false (new_socket->closed);
  state = lk_comfy_sim_dup_state (f->sim);
  return json_object_get_int_member (state, "routed_sockets");
}

static void
test_reconnect_hazard (Fixture       *f,
                       gconstpointer  data)
{
  /* fixed behaviour: the newer socket keeps its route; v0.3.64's: it loses it */
  g_assert_cmpint (routed_after_reconnect (f, FALSE), ==, 1);
  g_assert_cmpint (routed_after_reconnect (f, TRUE), ==, 0);
}

typedef struct
{
  GBytes   *body;
  gboolean  done;
} AsyncRead;


static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncRead *read = user_data;

  read->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  read->done = TRUE;
}

static gboolean
read_finished (gpointer data)
{
  return ((AsyncRead *)data)->done;
}

static void
test_switch_slow_history (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(LkSimTestSocket) socket = fixture_open_socket (f, "slow");
  g_autofree char *body = lk_sim_test_txt2img ("slow", 5, 1, "mei.safetensors", "W");
  g_autofree char *history = fixture_url (f, "/history");
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", history);
  g_autofree char *prompt_id = NULL;
  g_autofree char *text = NULL;
  AsyncRead read = { NULL, FALSE };

  /* the answer is computed when the delay is over: a prompt that starts and ends meanwhile is
   * in it, although it did not exist when the request was sent */
  lk_comfy_sim_set_history_delay (f->sim, 3000);
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, read_done_cb, &read);
  prompt_id = fixture_submit (f, body);
  lk_sim_test_wait_ended (socket, prompt_id);
  g_assert_false (read.done);
  g_assert_true (lk_sim_test_wait (read_finished, &read, 20000));
  g_assert_nonnull (read.body);
  text = g_strndup (g_bytes_get_data (read.body, NULL), g_bytes_get_size (read.body));
  g_assert_true (strstr (text, prompt_id) != NULL);
  g_bytes_unref (read.body);
}

/**
 * lk_sim_test_add_switch_tests:
 *
 * Registers the tests of the failure switches.
 */
void
lk_sim_test_add_switch_tests (void)
{
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/comfy-sim/switch/drop-sockets-mid-job", test_switch_drop_sockets);
  ADD ("/comfy-sim/switch/restart-forgets-and-refuses", test_switch_restart);
  ADD ("/comfy-sim/switch/stall-until-released", test_switch_stall_and_release);
  ADD ("/comfy-sim/switch/failing-route-and-slow-history", test_switch_fail_route_and_delay);
  ADD ("/comfy-sim/switch/hostile-output-names", test_switch_hostile_names);
  ADD ("/comfy-sim/switch/reject-every-prompt", test_switch_reject_prompts);
  ADD ("/comfy-sim/switch/origin-check", test_origin_check);
  ADD ("/comfy-sim/ws/reconnect-hazard-drops-new-route", test_reconnect_hazard);
  ADD ("/comfy-sim/switch/slow-history-answers-late", test_switch_slow_history);
#undef ADD
}
