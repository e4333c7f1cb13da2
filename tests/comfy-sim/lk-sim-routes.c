/* lk-sim-routes.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sim-routes"

#include "config.h"

#include <string.h>

#include "lk-sim-routes-private.h"
#include "lk-sim-json.h"
#include "lk-sim-validate.h"

/*
 * The HTTP routes of server.py, each served at /X and /api/X, behind ComfyUI's origin
 * middleware. Bodies are written as aiohttp writes them: JSON through json.dumps, errors as
 * empty bodies, unhandled exceptions as aiohttp's plain-text 500.
 */

void
_lk_sim_reply_json (SoupServerMessage *msg,
                    guint              status,
                    JsonNode          *body)
{
  g_autoptr(JsonNode) owned = body;
  g_autoptr(GBytes) bytes = lk_sim_json_dumps_bytes (owned);
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_COPY,
                                    data, size);
}

void
_lk_sim_reply_empty (SoupServerMessage *msg,
                     guint              status)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/octet-stream", SOUP_MEMORY_STATIC, "", 0);
}

void
_lk_sim_reply_text (SoupServerMessage *msg,
                    guint              status,
                    const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY, text,
                                    strlen (text));
}

/* What aiohttp answers when a handler raises */
void
_lk_sim_reply_server_error (SoupServerMessage *msg)
{
  _lk_sim_reply_text (msg, 500, "500 Internal Server Error\n\nServer got itself in trouble");
}

JsonNode *
_lk_sim_request_json (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return lk_sim_json_parse (data ? data : "", (gssize)size, NULL);
}

/* Does @host name only loopback addresses? (comfy's is_loopback) */
static gboolean
is_loopback (const char *host)
{
  g_autoptr(GInetAddress) literal = g_inet_address_new_from_string (host);
  g_autoptr(GResolver) resolver = NULL;
  GList *addresses;
  gboolean loopback = FALSE;

  if (literal)
    return g_inet_address_get_is_loopback (literal);

  resolver = g_resolver_get_default ();
  addresses = g_resolver_lookup_by_name (resolver, host, NULL, NULL);
  for (GList *l = addresses; l; l = l->next)
    {
      if (!g_inet_address_get_is_loopback (l->data))
        {
          loopback = FALSE;
          break;
        }
      loopback = TRUE;
    }
  g_resolver_free_addresses (addresses);
  return loopback;
}

/* create_origin_only_middleware(): compare Host and Origin when Host is loopback */
static gboolean
origin_refused (LkComfySim        *self,
                SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *host = soup_message_headers_get_one (headers, "Host");
  const char *origin = soup_message_headers_get_one (headers, "Origin");
  g_autofree char *host_lower = NULL;
  g_autofree char *host_uri_text = NULL;
  g_autoptr(GUri) host_uri = NULL;
  g_autoptr(GUri) origin_uri = NULL;
  g_autofree char *host_domain = NULL;
  g_autofree char *origin_domain = NULL;
  const char *host_name;

  if (self->origin_check == LK_COMFY_SIM_ORIGIN_OFF || origin == NULL)
    return FALSE;
  if (self->origin_check == LK_COMFY_SIM_ORIGIN_STRICT)
    return TRUE;
  if (host == NULL)
    return FALSE;

  host_lower = g_ascii_strdown (host, -1);
  host_uri_text = g_strconcat ("http://", host_lower, NULL);
  host_uri = g_uri_parse (host_uri_text, G_URI_FLAGS_NONE, NULL);
  origin_uri = g_uri_parse (origin, G_URI_FLAGS_NONE, NULL);
  if (host_uri == NULL || origin_uri == NULL || g_uri_get_host (origin_uri) == NULL)
    return FALSE;

  host_name = g_uri_get_host (host_uri);
  if (host_name == NULL || !is_loopback (host_name))
    return FALSE;

  /* netloc of the origin, or the bare names when either side has no port */
  if (g_uri_get_port (origin_uri) < 0 || g_uri_get_port (host_uri) < 0)
    {
      host_domain = g_ascii_strdown (host_name, -1);
      origin_domain = g_ascii_strdown (g_uri_get_host (origin_uri), -1);
    }
  else
    {
      const char *scheme_end = strstr (origin, "://");
      const char *netloc = scheme_end ? scheme_end + 3 : origin;

      host_domain = g_strdup (host_lower);
      origin_domain = g_ascii_strdown (netloc, strcspn (netloc, "/?#"));
    }

  return *host_domain != '\0' && *origin_domain != '\0' && strcmp (host_domain, origin_domain) != 0;
}

static const char *
route_of (const char *path)
{
  return g_str_has_prefix (path, "/api/") ? path + 4 : path;
}

/* Runs before any handler, the WebSocket handshake included. */
static void
request_read_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 LkComfySim        *self)
{
  const char *route = route_of (g_uri_get_path (soup_server_message_get_uri (msg)));
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  guint failure;

  if (origin_refused (self, msg))
    {
      g_debug ("Origin refused for %s", route);
      _lk_sim_reply_empty (msg, 403);
      return;
    }

  if ((guint64)body->length > self->max_upload_size)
    {
      g_autofree char *text = g_strdup_printf ("Maximum request body size %" G_GUINT64_FORMAT
                                               " exceeded, actual body size %" G_GINT64_FORMAT,
                                               self->max_upload_size, (gint64)body->length);
      _lk_sim_reply_text (msg, 413, text);
      return;
    }

  if (!g_str_has_prefix (route, "/__sim/") && (failure = _lk_comfy_sim_route_failure (self, route)))
    {
      if (failure == 500)
        _lk_sim_reply_server_error (msg);
      else
        _lk_sim_reply_empty (msg, failure);
    }
}

static JsonObject *
error_object (const char *type,
              const char *message,
              const char *details)
{
  return lk_sim_validation_error (type, message, details);
}

static void
reply_prompt_error (SoupServerMessage *msg,
                    JsonObject        *error,
                    JsonObject        *node_errors)
{
  JsonObject *body = json_object_new ();

  json_object_set_object_member (body, "error", error);
  json_object_set_object_member (body, "node_errors", node_errors);
  _lk_sim_reply_json (msg, 400, lk_sim_json_object_node (body));
}

static const char *
rejection_message (const char *type)
{
  static const char * const messages[] = {
    "prompt_outputs_failed_validation", "Prompt outputs failed validation",
    "invalid_prompt", "Cannot execute because a node is missing the class_type property.",
    "prompt_no_outputs", "Prompt has no outputs",
    "no_prompt", "No prompt provided",
    "invalid_prompt_id", "Invalid prompt_id format. prompt_id must be a valid UUID string.",
    NULL
  };

  for (guint i = 0; messages[i]; i += 2)
    if (strcmp (messages[i], type) == 0)
      return messages[i + 1];
  return "Prompt rejected";
}

static void
post_prompt (LkComfySim        *self,
             SoupServerMessage *msg)
{
  g_autoptr(JsonNode) root = _lk_sim_request_json (msg);
  g_autoptr(LkSimValidation) validation = NULL;
  g_autofree char *prompt_id = NULL;
  JsonObject *body, *prompt, *extra_data, *reply;
  JsonNode *number, *node;
  double value;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      _lk_sim_reply_server_error (msg);
      return;
    }
  body = json_node_get_object (root);

  /* the counter moves before anything is checked */
  if ((node = json_object_get_member (body, "number")))
    {
      GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

      if (type == G_TYPE_INT64)
        value = (double)json_node_get_int (node);
      else if (type == G_TYPE_DOUBLE)
        value = json_node_get_double (node);
      else if (type == G_TYPE_BOOLEAN)
        value = json_node_get_boolean (node) ? 1 : 0;
      else if (type != G_TYPE_STRING
               || !lk_sim_py_parse_float (json_node_get_string (node), &value))
        {
          _lk_sim_reply_server_error (msg);
          return;
        }
      number = lk_sim_json_double (value);
    }
  else
    {
      gboolean front = lk_sim_py_truth (json_object_get_member (body, "front"));

      number = lk_sim_json_int (front ? -self->number : self->number);
      self->number++;
    }

  if (self->reject_prompts)
    {
      json_node_unref (number);
      reply_prompt_error (msg, error_object (self->reject_prompts,
                                             rejection_message (self->reject_prompts), ""),
                          json_object_new ());
      return;
    }

  if (!json_object_has_member (body, "prompt"))
    {
      json_node_unref (number);
      reply_prompt_error (msg,
                          error_object ("no_prompt", "No prompt provided", "No prompt provided"),
                          json_object_new ());
      return;
    }

  node = json_object_get_member (body, "extra_data");
  if (!JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "prompt"))
      || (node && !JSON_NODE_HOLDS_OBJECT (node)))
    {
      json_node_unref (number);
      _lk_sim_reply_server_error (msg);
      return;
    }

  prompt = json_object_get_object_member (body, "prompt");
  prompt_id = json_object_has_member (body, "prompt_id")
              ? lk_sim_py_str (json_object_get_member (body, "prompt_id"))
              : g_uuid_string_random ();
  validation = lk_sim_validate_prompt (self->catalog, &self->dirs, prompt,
                                       json_object_get_member (body, "partial_execution_targets"));

  extra_data = node ? json_object_ref (json_node_get_object (node)) : json_object_new ();
  if (json_object_has_member (body, "client_id"))
    json_object_set_member (extra_data, "client_id",
                            json_node_copy (json_object_get_member (body, "client_id")));

  if (!validation->ok)
    {
      json_node_unref (number);
      json_object_unref (extra_data);
      reply_prompt_error (msg, g_steal_pointer (&validation->error),
                          g_steal_pointer (&validation->node_errors));
      return;
    }

  reply = json_object_new ();
  json_object_set_string_member (reply, "prompt_id", prompt_id);
  json_object_set_member (reply, "number", json_node_ref (number));
  json_object_set_object_member (reply, "node_errors", json_object_ref (validation->node_errors));

  lk_sim_queue_push (self->queue,
                     lk_sim_queue_item_new (number, prompt_id, json_object_ref (prompt), extra_data,
                                            g_steal_pointer (&validation->good_outputs)));
  _lk_comfy_sim_queue_updated (self);
  lk_sim_executor_kick (self->executor);

  _lk_sim_reply_json (msg, 200, lk_sim_json_object_node (reply));
}

static void
post_queue (LkComfySim        *self,
            SoupServerMessage *msg)
{
  g_autoptr(JsonNode) root = _lk_sim_request_json (msg);
  JsonObject *body;
  JsonNode *ids;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      _lk_sim_reply_server_error (msg);
      return;
    }
  body = json_node_get_object (root);

  if (lk_sim_py_truth (json_object_get_member (body, "clear")))
    {
      lk_sim_queue_clear (self->queue);
      _lk_comfy_sim_queue_updated (self);
    }

  ids = json_object_get_member (body, "delete");
  if (ids && JSON_NODE_HOLDS_ARRAY (ids))
    {
      JsonArray *list = json_node_get_array (ids);

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonNode *id = json_array_get_element (list, i);
          gboolean wiped;

          if (!JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING
              || !lk_sim_queue_delete (self->queue, json_node_get_string (id), &wiped))
            continue;
          if (wiped)
            _lk_comfy_sim_queue_updated (self);
          _lk_comfy_sim_queue_updated (self);
        }
    }

  _lk_sim_reply_empty (msg, 200);
}

static void
post_interrupt (LkComfySim        *self,
                SoupServerMessage *msg)
{
  g_autoptr(JsonNode) root = _lk_sim_request_json (msg);
  JsonNode *prompt_id = NULL;

  if (root && JSON_NODE_HOLDS_OBJECT (root))
    prompt_id = json_object_get_member (json_node_get_object (root), "prompt_id");

  if (prompt_id && lk_sim_py_truth (prompt_id))
    {
      LkSimQueueItem *running = lk_sim_queue_get_running (self->queue);

      if (running && JSON_NODE_HOLDS_VALUE (prompt_id)
          && json_node_get_value_type (prompt_id) == G_TYPE_STRING
          && strcmp (running->prompt_id, json_node_get_string (prompt_id)) == 0)
        lk_sim_executor_interrupt (self->executor);
    }
  else
    lk_sim_executor_interrupt (self->executor);

  _lk_sim_reply_empty (msg, 200);
}

static gboolean
query_int (GHashTable  *query,
           const char  *name,
           gint64      *out)
{
  const char *text = query ? g_hash_table_lookup (query, name) : NULL;

  return text == NULL || lk_sim_py_parse_int (text, out);
}

typedef struct
{
  LkComfySim        *self;
  SoupServerMessage *msg;
  char              *prompt_id;
  gint64             max_items;
  gint64             offset;
  GSource           *source;
  gulong             disconnected_id;
} HistoryReply;

static void
history_reply_free (HistoryReply *reply)
{
  g_clear_signal_handler (&reply->disconnected_id, reply->msg);
  if (reply->source)
    {
      g_source_destroy (reply->source);
      g_source_unref (reply->source);
    }
  g_object_unref (reply->msg);
  g_free (reply->prompt_id);
  g_free (reply);
}

static void
send_history (HistoryReply *reply)
{
  _lk_sim_reply_json (reply->msg, 200,
                      lk_sim_queue_history (reply->self->queue, reply->prompt_id,
                                            reply->max_items, reply->offset));
}

static gboolean
history_delay_cb (gpointer data)
{
  HistoryReply *reply = data;

  g_clear_pointer (&reply->source, g_source_unref);
  send_history (reply);
  soup_server_message_unpause (reply->msg);
  history_reply_free (reply);
  return G_SOURCE_REMOVE;
}

static void
history_disconnected_cb (SoupServerMessage *msg,
                         HistoryReply      *reply)
{
  history_reply_free (reply);
}

static void
get_history (LkComfySim        *self,
             SoupServerMessage *msg,
             const char        *prompt_id,
             GHashTable        *query)
{
  HistoryReply *reply;
  gint64 max_items = -1, offset = -1;

  if (!query_int (query, "max_items", &max_items) || !query_int (query, "offset", &offset))
    {
      _lk_sim_reply_server_error (msg);
      return;
    }

  reply = g_new0 (HistoryReply, 1);
  reply->self = self;
  reply->msg = g_object_ref (msg);
  reply->prompt_id = g_strdup (prompt_id);
  reply->max_items = max_items;
  reply->offset = offset;

  if (self->history_delay_ms == 0)
    {
      send_history (reply);
      history_reply_free (reply);
      return;
    }

  soup_server_message_pause (msg);
  reply->disconnected_id = g_signal_connect (msg, "disconnected",
                                             G_CALLBACK (history_disconnected_cb), reply);
  reply->source = _lk_comfy_sim_timeout (self, self->history_delay_ms, history_delay_cb, reply,
                                         NULL);
}

static void
post_history (LkComfySim        *self,
              SoupServerMessage *msg)
{
  g_autoptr(JsonNode) root = _lk_sim_request_json (msg);
  JsonObject *body;
  JsonNode *ids;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      _lk_sim_reply_server_error (msg);
      return;
    }
  body = json_node_get_object (root);

  if (lk_sim_py_truth (json_object_get_member (body, "clear")))
    lk_sim_queue_clear_history (self->queue);

  ids = json_object_get_member (body, "delete");
  if (ids && JSON_NODE_HOLDS_ARRAY (ids))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (ids)); i++)
      {
        JsonNode *id = json_array_get_element (json_node_get_array (ids), i);

        if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
          lk_sim_queue_delete_history (self->queue, json_node_get_string (id));
      }

  _lk_sim_reply_empty (msg, 200);
}

static void
get_prompt (LkComfySim        *self,
            SoupServerMessage *msg,
            const char        *tail,
            GHashTable        *query)
{
  _lk_sim_reply_json (msg, 200, _lk_comfy_sim_queue_info (self));
}

static void
post_prompt_route (LkComfySim        *self,
                   SoupServerMessage *msg,
                   const char        *tail,
                   GHashTable        *query)
{
  post_prompt (self, msg);
}

static void
get_queue (LkComfySim        *self,
           SoupServerMessage *msg,
           const char        *tail,
           GHashTable        *query)
{
  _lk_sim_reply_json (msg, 200, lk_sim_queue_to_json (self->queue));
}

static void
post_queue_route (LkComfySim        *self,
                  SoupServerMessage *msg,
                  const char        *tail,
                  GHashTable        *query)
{
  post_queue (self, msg);
}

static void
post_interrupt_route (LkComfySim        *self,
                      SoupServerMessage *msg,
                      const char        *tail,
                      GHashTable        *query)
{
  post_interrupt (self, msg);
}

static void
post_free (LkComfySim        *self,
           SoupServerMessage *msg,
           const char        *tail,
           GHashTable        *query)
{
  g_autoptr(JsonNode) root = _lk_sim_request_json (msg);

  if (root == NULL)
    _lk_sim_reply_server_error (msg);
  else
    _lk_sim_reply_empty (msg, 200);
}

static void
get_history_route (LkComfySim        *self,
                   SoupServerMessage *msg,
                   const char        *tail,
                   GHashTable        *query)
{
  get_history (self, msg, tail, query);
}

static void
post_history_route (LkComfySim        *self,
                    SoupServerMessage *msg,
                    const char        *tail,
                    GHashTable        *query)
{
  post_history (self, msg);
}

static void
get_view (LkComfySim        *self,
          SoupServerMessage *msg,
          const char        *tail,
          GHashTable        *query)
{
  _lk_sim_handle_view (self, msg, query);
}

static void
post_upload (LkComfySim        *self,
             SoupServerMessage *msg,
             const char        *tail,
             GHashTable        *query)
{
  _lk_sim_handle_upload (self, msg);
}

/* A path ending in '/' takes one more segment ({prompt_id}, {node_class}, {folder}). */
static const struct
{
  const char        *path;
  const char        *method;
  LkSimRouteHandler  handler;
} routes[] = {
  { "/prompt", "GET", get_prompt },
  { "/prompt", "POST", post_prompt_route },
  { "/queue", "GET", get_queue },
  { "/queue", "POST", post_queue_route },
  { "/interrupt", "POST", post_interrupt_route },
  { "/free", "POST", post_free },
  { "/history", "GET", get_history_route },
  { "/history", "POST", post_history_route },
  { "/history/", "GET", get_history_route },
  { "/view", "GET", get_view },
  { "/upload/image", "POST", post_upload },
  { "/object_info", "GET", _lk_sim_route_get_object_info },
  { "/object_info/", "GET", _lk_sim_route_get_object_info },
  { "/models", "GET", _lk_sim_route_get_models },
  { "/models/", "GET", _lk_sim_route_get_models },
  { "/embeddings", "GET", _lk_sim_route_get_embeddings },
  { "/system_stats", "GET", _lk_sim_route_get_system_stats },
  { "/features", "GET", _lk_sim_route_get_features },
  { "/extensions", "GET", _lk_sim_route_get_extensions },
  { "/__sim/control", "GET", _lk_sim_route_get_control },
  { "/__sim/control", "POST", _lk_sim_route_post_control },
};

/* Does @route match @pattern? Sets @tail to the decoded last segment for "/x/" patterns. */
static gboolean
route_matches (const char  *pattern,
               const char  *route,
               char       **tail)
{
  gsize len = strlen (pattern);

  *tail = NULL;
  if (pattern[len - 1] != '/')
    return strcmp (pattern, route) == 0;
  if (strncmp (pattern, route, len) != 0 || route[len] == '\0' || strchr (route + len, '/'))
    return FALSE;
  *tail = g_uri_unescape_string (route + len, NULL);
  return *tail != NULL;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  LkComfySim *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *route = route_of (path);
  g_autoptr(GString) allow = g_string_new (NULL);

  if (strcmp (method, "OPTIONS") == 0)
    {
      _lk_sim_reply_empty (msg, 200);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      g_autofree char *tail = NULL;

      if (!route_matches (routes[i].path, route, &tail))
        continue;
      if (strcmp (routes[i].method, method) == 0
          || (strcmp (method, "HEAD") == 0 && strcmp (routes[i].method, "GET") == 0))
        {
          routes[i].handler (self, msg, tail, query);
          return;
        }
      g_string_append_printf (allow, "%s%s", allow->len ? "," : "", routes[i].method);
    }

  if (allow->len == 0)
    {
      _lk_sim_reply_text (msg, 404, "404: Not Found");
      return;
    }
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                allow->str);
  _lk_sim_reply_text (msg, 405, "405: Method Not Allowed");
}

/**
 * _lk_sim_routes_install:
 * @self: a simulator whose server exists
 *
 * Registers the handlers and the checks that run before them.
 */
void
_lk_sim_routes_install (LkComfySim *self)
{
  g_signal_connect (self->server, "request-read", G_CALLBACK (request_read_cb), self);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
}
