/* lk-sim-hub.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sim-hub"

#include "config.h"

#include "lk-comfy-sim-private.h"
#include "lk-sim-json.h"

/*
 * The WebSocket side of server.py: one routing table sid → socket, where a new socket with a
 * known clientId takes the entry over; a first "feature_flags" message is answered; messages
 * go to one sid or to every routed socket. With the reconnect hazard switched on, a closing
 * socket removes its sid's entry even when a newer socket owns it, as v0.3.64 does.
 */

typedef struct
{
  LkSimHub                *hub;
  SoupWebsocketConnection *conn;
  GSocket                 *socket;
  char                    *sid;
  gboolean                 first_message_seen;
} Peer;

struct _LkSimHub
{
  LkComfySim *sim;        /* borrowed: the simulator owns the hub */
  GHashTable *routes;     /* sid → Peer (borrowed) */
  GHashTable *flags;      /* sid → JsonObject, the client's feature flags */
  GPtrArray  *peers;      /* every open Peer (owned) */
};

static void
peer_free (gpointer data)
{
  Peer *peer = data;

  g_signal_handlers_disconnect_by_data (peer->conn, peer);
  if (soup_websocket_connection_get_state (peer->conn) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (peer->conn, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  g_clear_object (&peer->conn);
  g_clear_object (&peer->socket);
  g_free (peer->sid);
  g_free (peer);
}

LkSimHub *
lk_sim_hub_new (LkComfySim *sim)
{
  LkSimHub *hub = g_new0 (LkSimHub, 1);

  hub->sim = sim;
  hub->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  hub->flags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify)json_object_unref);
  hub->peers = g_ptr_array_new_with_free_func (peer_free);
  return hub;
}

void
lk_sim_hub_free (LkSimHub *hub)
{
  if (hub == NULL)
    return;

  g_hash_table_remove_all (hub->routes);
  g_ptr_array_unref (hub->peers);
  g_hash_table_unref (hub->routes);
  g_hash_table_unref (hub->flags);
  g_free (hub);
}

static void
send_to_peer (Peer       *peer,
              const char *text)
{
  if (soup_websocket_connection_get_state (peer->conn) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_text (peer->conn, text);
}

static char *
message_text (const char *type,
              JsonNode   *data)
{
  g_autoptr(JsonObject) message = json_object_new ();

  json_object_set_string_member (message, "type", type);
  json_object_set_member (message, "data", json_node_ref (data));
  return lk_sim_json_dumps_object (message);
}

/**
 * lk_sim_hub_send:
 * @hub: the hub
 * @sid: (nullable): the client id, or %NULL to broadcast to every routed socket
 * @type: the message type
 * @data: (transfer full): the message data
 *
 * Sends `{"type": type, "data": data}`. A sid without a socket drops the message silently.
 */
void
lk_sim_hub_send (LkSimHub   *hub,
                 const char *sid,
                 const char *type,
                 JsonNode   *data)
{
  g_autoptr(JsonNode) owned = data;
  g_autofree char *text = message_text (type, owned);

  if (sid == NULL)
    {
      GHashTableIter iter;
      gpointer peer;

      g_hash_table_iter_init (&iter, hub->routes);
      while (g_hash_table_iter_next (&iter, NULL, &peer))
        send_to_peer (peer, text);
    }
  else
    {
      Peer *peer = g_hash_table_lookup (hub->routes, sid);

      if (peer)
        send_to_peer (peer, text);
    }
}

/**
 * lk_sim_hub_send_binary:
 * @hub: the hub
 * @sid: (nullable): the client id, or %NULL to broadcast
 * @frame: a binary frame (preview image)
 */
void
lk_sim_hub_send_binary (LkSimHub   *hub,
                        const char *sid,
                        GBytes     *frame)
{
  GHashTableIter iter;
  gpointer value;
  gsize size;
  gconstpointer data = g_bytes_get_data (frame, &size);

  g_hash_table_iter_init (&iter, hub->routes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Peer *peer = value;

      if ((sid == NULL || g_strcmp0 (sid, peer->sid) == 0)
          && soup_websocket_connection_get_state (peer->conn) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_send_binary (peer->conn, data, size);
    }
}

/**
 * lk_sim_hub_wants_metadata:
 * @hub: the hub
 * @sid: (nullable): a client id
 *
 * Returns: whether that client declared `supports_preview_metadata`
 */
gboolean
lk_sim_hub_wants_metadata (LkSimHub   *hub,
                           const char *sid)
{
  JsonObject *flags = sid ? g_hash_table_lookup (hub->flags, sid) : NULL;

  return flags != NULL
         && lk_sim_py_truth (json_object_get_member (flags, "supports_preview_metadata"));
}

guint
lk_sim_hub_count (LkSimHub *hub)
{
  return hub->peers->len;
}

/* Sockets that still receive messages (the routing table's size) */
guint
lk_sim_hub_count_routed (LkSimHub *hub)
{
  return g_hash_table_size (hub->routes);
}

static JsonNode *
server_features (LkSimHub *hub)
{
  JsonObject *features = json_object_new ();

  json_object_set_boolean_member (features, "supports_preview_metadata", TRUE);
  json_object_set_int_member (features, "max_upload_size", (gint64)hub->sim->max_upload_size);
  return lk_sim_json_object_node (features);
}

static void
message_cb (SoupWebsocketConnection *conn,
            SoupWebsocketDataType    type,
            GBytes                  *message,
            Peer                    *peer)
{
  g_autoptr(JsonNode) root = NULL;
  gsize size;
  const char *text;
  JsonObject *object;

  if (type != SOUP_WEBSOCKET_DATA_TEXT || peer->first_message_seen)
    return;

  text = g_bytes_get_data (message, &size);
  if (!(root = lk_sim_json_parse (text, (gssize)size, NULL)) || !JSON_NODE_HOLDS_OBJECT (root))
    return;

  peer->first_message_seen = TRUE;
  object = json_node_get_object (root);
  if (g_strcmp0 (lk_sim_json_get_string (object, "type"), "feature_flags") != 0)
    return;

  if (g_hash_table_lookup (peer->hub->routes, peer->sid) == peer)
    {
      JsonNode *data = json_object_get_member (object, "data");

      g_hash_table_replace (peer->hub->flags, g_strdup (peer->sid),
                            data && JSON_NODE_HOLDS_OBJECT (data)
                            ? json_object_ref (json_node_get_object (data))
                            : json_object_new ());
    }
  lk_sim_hub_send (peer->hub, peer->sid, "feature_flags", server_features (peer->hub));
}

static void
forget_route (LkSimHub *hub,
              Peer     *peer)
{
  Peer *routed = g_hash_table_lookup (hub->routes, peer->sid);

  /* v0.3.64 pops sockets[sid] whoever holds it now: the hazard a client must avoid */
  if (routed == peer || (routed != NULL && hub->sim->reconnect_hazard))
    {
      g_hash_table_remove (hub->routes, peer->sid);
      g_hash_table_remove (hub->flags, peer->sid);
    }
}

static void
closed_cb (SoupWebsocketConnection *conn,
           Peer                    *peer)
{
  LkSimHub *hub = peer->hub;

  g_debug ("socket of %s closed", peer->sid);
  forget_route (hub, peer);
  g_ptr_array_remove (hub->peers, peer);
}

static char *
query_client_id (SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);
  g_autoptr(GHashTable) params = query ? soup_form_decode (query) : NULL;
  const char *sid = params ? g_hash_table_lookup (params, "clientId") : NULL;

  if (sid != NULL && *sid != '\0')
    return g_strdup (sid);
  else
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_auto(GStrv) parts = g_strsplit (uuid, "-", -1);

      return g_strjoinv (NULL, parts);
    }
}

static void
websocket_cb (SoupServer              *server,
              SoupServerMessage       *msg,
              const char              *path,
              SoupWebsocketConnection *conn,
              gpointer                 user_data)
{
  LkSimHub *hub = user_data;
  Peer *peer = g_new0 (Peer, 1);
  JsonObject *status;
  const char *client, *last_node;
  GIOStream *stream;

  peer->hub = hub;
  peer->conn = g_object_ref (conn);
  peer->sid = query_client_id (msg);
  stream = soup_websocket_connection_get_io_stream (conn);
  if (G_IS_SOCKET_CONNECTION (stream))
    peer->socket = g_object_ref (g_socket_connection_get_socket (G_SOCKET_CONNECTION (stream)));
  else if (soup_server_message_get_socket (msg))
    peer->socket = g_object_ref (soup_server_message_get_socket (msg));

  g_ptr_array_add (hub->peers, peer);
  g_hash_table_replace (hub->routes, g_strdup (peer->sid), peer);
  g_hash_table_remove (hub->flags, peer->sid);
  g_signal_connect (conn, "message", G_CALLBACK (message_cb), peer);
  g_signal_connect (conn, "closed", G_CALLBACK (closed_cb), peer);

  status = json_object_new ();
  json_object_set_member (status, "status", _lk_comfy_sim_queue_info (hub->sim));
  json_object_set_string_member (status, "sid", peer->sid);
  lk_sim_hub_send (hub, peer->sid, "status", lk_sim_json_object_node (status));

  client = lk_sim_executor_get_client (hub->sim->executor);
  last_node = lk_sim_executor_get_last_node (hub->sim->executor);
  if (last_node != NULL && g_strcmp0 (client, peer->sid) == 0)
    {
      JsonObject *executing = json_object_new ();

      json_object_set_string_member (executing, "node", last_node);
      lk_sim_hub_send (hub, peer->sid, "executing", lk_sim_json_object_node (executing));
    }
}

/**
 * lk_sim_hub_install:
 * @hub: the hub
 * @server: the HTTP server
 *
 * Serves the WebSocket at /ws and /api/ws, with no Origin check of libsoup's own (the
 * simulator applies ComfyUI's rule before the handshake).
 */
void
lk_sim_hub_install (LkSimHub   *hub,
                    SoupServer *server)
{
  soup_server_add_websocket_handler (server, "/ws", NULL, NULL, websocket_cb, hub, NULL);
  soup_server_add_websocket_handler (server, "/api/ws", NULL, NULL, websocket_cb, hub, NULL);
}

/**
 * lk_sim_hub_drop_all:
 * @hub: the hub
 * @abrupt: %TRUE to cut the TCP connections without a close frame (a network failure),
 *   %FALSE to close them with 1001 "going away" (a server shutting down)
 */
void
lk_sim_hub_drop_all (LkSimHub *hub,
                     gboolean  abrupt)
{
  g_hash_table_remove_all (hub->routes);
  g_hash_table_remove_all (hub->flags);

  for (guint i = 0; i < hub->peers->len; i++)
    {
      Peer *peer = g_ptr_array_index (hub->peers, i);

      if (abrupt && peer->socket)
        g_socket_shutdown (peer->socket, TRUE, TRUE, NULL);
      else if (soup_websocket_connection_get_state (peer->conn) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (peer->conn, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
    }
}
