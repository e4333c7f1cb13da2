/* lk-sim-test-fixture.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lk-sim-test-fixture.h"

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *disabled = data;

  f->base = g_dir_make_tmp ("lk-comfy-sim-XXXXXX", &error);
  g_assert_no_error (error);
  lk_sim_test_make_install (f->base);

  f->sim = lk_comfy_sim_new (f->base);
  lk_comfy_sim_set_step_ms (f->sim, 2);
  if (disabled)
    lk_comfy_sim_disable_node (f->sim, disabled);
  g_assert_true (lk_comfy_sim_start_in_thread (f->sim, &f->port, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->port, >, 0);

  f->session = soup_session_new_with_options ("timeout", 30, "proxy-resolver", NULL, NULL);
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->session);
  lk_comfy_sim_stop (f->sim);
  g_clear_object (&f->sim);
  lk_sim_test_remove_tree (f->base);
  g_free (f->base);
}

char *
fixture_url (Fixture    *f,
             const char *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", f->port, path);
}

LkSimTestReply *
fixture_call (Fixture    *f,
              const char *method,
              const char *path,
              const char *body)
{
  g_autofree char *full = fixture_url (f, path);
  LkSimTestReply *reply = lk_sim_test_http (f->session, method, full, body, NULL, NULL);

  g_assert_no_error (reply->error);
  return reply;
}

JsonNode *
fixture_call_json (Fixture    *f,
                   const char *method,
                   const char *path,
                   const char *body,
                   guint       expected_status)
{
  g_autoptr(LkSimTestReply) reply = fixture_call (f, method, path, body);
  JsonNode *root;

  g_assert_cmpuint (reply->status, ==, expected_status);
  root = lk_sim_test_reply_json (reply);
  g_assert_nonnull (root);
  return root;
}

/* POSTs a graph that must be accepted; returns its prompt id. */
char *
fixture_submit (Fixture    *f,
                const char *body)
{
  g_autoptr(JsonNode) root = fixture_call_json (f, "POST", "/prompt", body, 200);

  return g_strdup (json_object_get_string_member (json_node_get_object (root), "prompt_id"));
}

LkSimTestSocket *
fixture_open_socket (Fixture    *f,
                     const char *client_id)
{
  g_autoptr(GError) error = NULL;
  LkSimTestSocket *socket = lk_sim_test_socket_open (f->session, f->port, client_id, NULL, &error);

  g_assert_no_error (error);
  return socket;
}

JsonObject *
fixture_history_entry (Fixture    *f,
                       const char *prompt_id,
                       JsonNode  **root)
{
  g_autofree char *path = g_strdup_printf ("/history/%s", prompt_id);

  JsonObject *all;

  *root = fixture_call_json (f, "GET", path, NULL, 200);
  all = json_node_get_object (*root);
  return json_object_has_member (all, prompt_id) ? json_object_get_object_member (all, prompt_id)
                                                 : NULL;
}

gint64
lk_sim_test_queue_remaining (JsonObject *message)
{
  JsonObject *data = lk_sim_test_message_data (message);

  return lk_sim_test_get_int (data, "status/exec_info/queue_remaining");
}

/* One line per message: what protocol §3.3 orders. */
char *
lk_sim_test_trace (JsonObject *message)
{
  const char *type = lk_sim_test_message_type (message);
  JsonObject *data = lk_sim_test_message_data (message);

  if (strcmp (type, "status") == 0)
    return g_strdup_printf ("status %" G_GINT64_FORMAT, lk_sim_test_queue_remaining (message));
  if (strcmp (type, "executing") == 0)
    return json_object_get_null_member (data, "node")
           ? g_strdup ("executing null")
           : g_strdup_printf ("executing %s", json_object_get_string_member (data, "node"));
  if (strcmp (type, "executed") == 0)
    return g_strdup_printf ("executed %s", json_object_get_string_member (data, "node"));
  if (strcmp (type, "progress") == 0)
    return g_strdup_printf ("progress %s %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                            json_object_get_string_member (data, "node"),
                            json_object_get_int_member (data, "value"),
                            json_object_get_int_member (data, "max"));
  if (strcmp (type, "progress_state") == 0)
    {
      JsonObject *nodes = json_object_get_object_member (data, "nodes");
      g_autoptr(GList) ids = json_object_get_members (nodes);
      GString *line = g_string_new ("progress_state");

      g_string_append_printf (line, " %u", g_list_length (ids));
      for (GList *l = ids; l; l = l->next)
        {
          JsonObject *node = json_object_get_object_member (nodes, l->data);

          if (g_strcmp0 (json_object_get_string_member (node, "state"), "running") == 0)
            g_string_append_printf (line, " running %s", (char *)l->data);
        }
      return g_string_free (line, FALSE);
    }
  if (strcmp (type, "execution_cached") == 0)
    return g_strdup_printf ("execution_cached %u",
                            json_array_get_length (json_object_get_array_member (data, "nodes")));
  return g_strdup (type);
}

void
lk_sim_test_assert_trace (LkSimTestSocket *socket,
                          int              index,
                          const char      *expected)
{
  g_autofree char *line = NULL;

  g_assert_cmpint (index, >=, 0);
  g_assert_cmpint (index, <, (int)socket->messages->len);
  line = lk_sim_test_trace (g_ptr_array_index (socket->messages, index));
  g_assert_cmpstr (line, ==, expected);
}

guint
lk_sim_test_count_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (listing && g_dir_read_name (listing))
    n++;
  return n;
}

JsonObject *
fixture_post_rejected (Fixture    *f,
                       const char *body,
                       JsonNode  **root)
{
  *root = fixture_call_json (f, "POST", "/prompt", body, 400);
  return json_node_get_object (*root);
}

gboolean
lk_sim_test_socket_is_closed (gpointer data)
{
  return ((LkSimTestSocket *)data)->closed;
}
