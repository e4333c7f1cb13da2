/* lk-sim-test-util.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sim-test"

#include "config.h"

#include <string.h>

#include "lk-sim-test-util.h"

#define WAIT_SLICE_MS 20

/**
 * lk_sim_test_http:
 * @session: a session
 * @method: "GET", "POST", …
 * @url: the full URL
 * @body: (nullable): a request body, sent without a Content-Type as ComfyUI's own scripts do
 * @origin: (nullable): an Origin header to send
 * @range: (nullable): a Range header to send
 *
 * Returns: (transfer full): the status and body, or the transport error
 */
LkSimTestReply *
lk_sim_test_http (SoupSession *session,
                  const char  *method,
                  const char  *url,
                  const char  *body,
                  const char  *origin,
                  const char  *range)
{
  LkSimTestReply *reply = g_new0 (LkSimTestReply, 1);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  if (body)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, NULL, bytes);
    }
  if (origin)
    soup_message_headers_replace (headers, "Origin", origin);
  if (range)
    soup_message_headers_replace (headers, "Range", range);

  reply->body = soup_session_send_and_read (session, msg, NULL, &reply->error);
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return reply;
}

void
lk_sim_test_reply_free (LkSimTestReply *reply)
{
  if (reply == NULL)
    return;

  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_error (&reply->error);
  g_free (reply);
}

/* The body as text; valid while @reply lives. */
const char *
lk_sim_test_reply_text (LkSimTestReply *reply)
{
  gsize size;
  const char *data;

  if (reply->body == NULL)
    return "";
  data = g_bytes_get_data (reply->body, &size);
  if (size == 0 || data[size - 1] != '\0')
    {
      GBytes *terminated;
      GByteArray *copy = g_byte_array_sized_new (size + 1);

      g_byte_array_append (copy, (const guint8 *)data, size);
      g_byte_array_append (copy, (const guint8 *)"", 1);
      terminated = g_byte_array_free_to_bytes (copy);
      g_bytes_unref (reply->body);
      reply->body = terminated;
      data = g_bytes_get_data (reply->body, NULL);
    }
  return data;
}

/* The body parsed as JSON, or NULL. */
JsonNode *
lk_sim_test_reply_json (LkSimTestReply *reply)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, lk_sim_test_reply_text (reply), -1, NULL))
    return NULL;
  return json_parser_steal_root (parser);
}

static void
message_cb (SoupWebsocketConnection *conn,
            SoupWebsocketDataType    type,
            GBytes                  *message,
            LkSimTestSocket         *socket)
{
  if (type == SOUP_WEBSOCKET_DATA_TEXT)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize size;
      const char *data = g_bytes_get_data (message, &size);

      g_ptr_array_add (socket->texts, g_strndup (data, size));
      if (json_parser_load_from_data (parser, data, (gssize)size, NULL)
          && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        g_ptr_array_add (socket->messages,
                         json_object_ref (json_node_get_object (json_parser_get_root (parser))));
    }
  else
    g_ptr_array_add (socket->binaries, g_bytes_ref (message));
}

static void
closed_cb (SoupWebsocketConnection *conn,
           LkSimTestSocket         *socket)
{
  socket->closed = TRUE;
}

typedef struct
{
  LkSimTestSocket *socket;
  gboolean         done;
} Connecting;

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Connecting *connecting = user_data;
  LkSimTestSocket *socket = connecting->socket;

  socket->conn = soup_session_websocket_connect_finish (SOUP_SESSION (source), result,
                                                        &socket->error);
  if (socket->conn)
    {
      g_signal_connect (socket->conn, "message", G_CALLBACK (message_cb), socket);
      g_signal_connect (socket->conn, "closed", G_CALLBACK (closed_cb), socket);
    }
  connecting->done = TRUE;
}

static gboolean
connecting_done (gpointer data)
{
  return ((Connecting *)data)->done;
}

static gboolean
has_messages (gpointer data)
{
  return ((LkSimTestSocket *)data)->messages->len > 0;
}

/**
 * lk_sim_test_socket_open:
 * @session: a session
 * @port: the simulator's port
 * @client_id: (nullable): the clientId
 * @origin: (nullable): an Origin for the handshake; %NULL sends none
 * @error: return location for the handshake error
 *
 * Connects to /ws and waits for the first frame (the status with the sid).
 *
 * Returns: (transfer full) (nullable): the socket
 */
LkSimTestSocket *
lk_sim_test_socket_open (SoupSession  *session,
                         guint16       port,
                         const char   *client_id,
                         const char   *origin,
                         GError      **error)
{
  g_autoptr(LkSimTestSocket) socket = g_new0 (LkSimTestSocket, 1);
  g_autofree char *url = client_id
                         ? g_strdup_printf ("ws://127.0.0.1:%u/ws?clientId=%s", port, client_id)
                         : g_strdup_printf ("ws://127.0.0.1:%u/ws", port);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  Connecting connecting = { socket, FALSE };

  socket->texts = g_ptr_array_new_with_free_func (g_free);
  socket->messages = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  socket->binaries = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);

  soup_session_websocket_connect_async (session, msg, origin, NULL, G_PRIORITY_DEFAULT, NULL,
                                        connected_cb, &connecting);
  if (!lk_sim_test_wait (connecting_done, &connecting, 10000))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "WebSocket handshake timed out");
      return NULL;
    }
  if (socket->conn == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&socket->error));
      return NULL;
    }
  if (!lk_sim_test_wait (has_messages, socket, 10000))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "No status frame after connecting");
      return NULL;
    }
  return g_steal_pointer (&socket);
}

static gboolean
socket_closed (gpointer data)
{
  return ((LkSimTestSocket *)data)->closed;
}

/* Closes and waits for the close handshake, so the server has let go of the sid. */
void
lk_sim_test_socket_close (LkSimTestSocket *socket)
{
  if (socket->conn && !socket->closed)
    {
      soup_websocket_connection_close (socket->conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      lk_sim_test_wait (socket_closed, socket, 10000);
    }
}

void
lk_sim_test_socket_free (LkSimTestSocket *socket)
{
  if (socket == NULL)
    return;

  if (socket->conn)
    {
      g_signal_handlers_disconnect_by_data (socket->conn, socket);
      if (soup_websocket_connection_get_state (socket->conn) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (socket->conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_clear_object (&socket->conn);
    }
  g_clear_pointer (&socket->texts, g_ptr_array_unref);
  g_clear_pointer (&socket->messages, g_ptr_array_unref);
  g_clear_pointer (&socket->binaries, g_ptr_array_unref);
  g_clear_error (&socket->error);
  g_free (socket);
}

const char *
lk_sim_test_message_type (JsonObject *message)
{
  return json_object_get_string_member_with_default (message, "type", "");
}

JsonObject *
lk_sim_test_message_data (JsonObject *message)
{
  JsonNode *data = json_object_get_member (message, "data");

  return data && JSON_NODE_HOLDS_OBJECT (data) ? json_node_get_object (data) : NULL;
}

/**
 * lk_sim_test_socket_find:
 * @socket: a socket
 * @type: a message type
 * @prompt_id: (nullable): the prompt_id the data must carry
 * @from: the first index to look at
 *
 * Returns: the index of the first such message, or -1
 */
int
lk_sim_test_socket_find (LkSimTestSocket *socket,
                         const char      *type,
                         const char      *prompt_id,
                         int              from)
{
  for (guint i = MAX (from, 0); i < socket->messages->len; i++)
    {
      JsonObject *message = g_ptr_array_index (socket->messages, i);
      JsonObject *data = lk_sim_test_message_data (message);

      if (g_strcmp0 (lk_sim_test_message_type (message), type) != 0)
        continue;
      if (prompt_id && g_strcmp0 (data ? lk_sim_test_get_string (data, "prompt_id") : NULL,
                                  prompt_id) != 0)
        continue;
      return (int)i;
    }
  return -1;
}

/* Has the end marker {"node": null, "prompt_id": …} arrived? */
gboolean
lk_sim_test_socket_ended (LkSimTestSocket *socket,
                          const char      *prompt_id)
{
  for (int i = lk_sim_test_socket_find (socket, "executing", prompt_id, 0); i >= 0;
       i = lk_sim_test_socket_find (socket, "executing", prompt_id, i + 1))
    {
      JsonObject *data = lk_sim_test_message_data (g_ptr_array_index (socket->messages, i));

      if (json_object_has_member (data, "node") && json_object_get_null_member (data, "node"))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  LkSimTestSocket *socket;
  const char      *prompt_id;
} EndWait;

static gboolean
end_arrived (gpointer data)
{
  EndWait *wait = data;

  return lk_sim_test_socket_ended (wait->socket, wait->prompt_id);
}

/* Waits (bounded) for the end marker of @prompt_id; fails the test on timeout. */
void
lk_sim_test_wait_ended (LkSimTestSocket *socket,
                        const char      *prompt_id)
{
  EndWait wait = { socket, prompt_id };

  if (!lk_sim_test_wait (end_arrived, &wait, 20000))
    g_error ("No end marker for prompt %s", prompt_id);
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * lk_sim_test_wait:
 * @condition: what to wait for
 * @data: its argument
 * @timeout_ms: the bound
 *
 * Iterates the thread-default main context until @condition holds or the time is up.
 *
 * Returns: %TRUE if @condition holds
 */
gboolean
lk_sim_test_wait (LkSimTestCondition condition,
                  gpointer           data,
                  guint              timeout_ms)
{
  gboolean timed_out = FALSE;
  GMainContext *context = g_main_context_get_thread_default ();
  GSource *timeout = g_timeout_source_new (timeout_ms);
  GSource *tick = g_timeout_source_new (WAIT_SLICE_MS);

  /* a periodic wake-up, so conditions that change in another thread are seen */
  g_source_set_callback (timeout, timed_out_cb, &timed_out, NULL);
  g_source_set_callback (tick, tick_cb, NULL, NULL);
  g_source_attach (timeout, context);
  g_source_attach (tick, context);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (timeout);
  g_source_destroy (tick);
  g_source_unref (timeout);
  g_source_unref (tick);
  return condition (data);
}

/**
 * lk_sim_test_get:
 * @root: a JSON object
 * @path: members and array indexes separated by '/', e.g. "outputs/9/images/0/filename"
 *
 * Returns: (transfer none) (nullable): the node at @path, or %NULL if any step is missing
 */
JsonNode *
lk_sim_test_get (JsonObject *root,
                 const char *path)
{
  g_auto(GStrv) steps = g_strsplit (path, "/", -1);
  g_autoptr(JsonNode) start = json_node_init_object (json_node_alloc (), root);
  JsonNode *node = start;

  for (guint i = 0; steps[i] && node; i++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), steps[i]);
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint64 index = g_ascii_strtoull (steps[i], NULL, 10);

          node = index < json_array_get_length (array) ? json_array_get_element (array, index)
                                                       : NULL;
        }
      else
        node = NULL;
    }
  return node == start ? NULL : node;
}

const char *
lk_sim_test_get_string (JsonObject *root,
                        const char *path)
{
  JsonNode *node = lk_sim_test_get (root, path);

  return node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

JsonObject *
lk_sim_test_get_object (JsonObject *root,
                        const char *path)
{
  JsonNode *node = lk_sim_test_get (root, path);

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
lk_sim_test_get_array (JsonObject *root,
                       const char *path)
{
  JsonNode *node = lk_sim_test_get (root, path);

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* The integer at @path, or -1 when it is missing. */
gint64
lk_sim_test_get_int (JsonObject *root,
                     const char *path)
{
  JsonNode *node = lk_sim_test_get (root, path);

  return node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : -1;
}

/* The data object of the message at @index. */
JsonObject *
lk_sim_test_socket_data (LkSimTestSocket *socket,
                         int              index)
{
  g_assert_cmpint (index, >=, 0);
  g_assert_cmpint (index, <, (int)socket->messages->len);
  return lk_sim_test_message_data (g_ptr_array_index (socket->messages, index));
}
