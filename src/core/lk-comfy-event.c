/* lk-comfy-event.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Parsing of ComfyUI's WebSocket messages. Every field is optional: older servers lack
 * `prompt_id` in `progress`, `display_node`, timestamps; newer ones add fields. Unknown
 * fields are ignored, unknown types become LK_COMFY_EVENT_UNKNOWN, and ids may be numbers. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lk-comfy-error.h"
#include "lk-comfy-event.h"
#include "lk-comfy-json.h"
#include "lk-comfy-output.h"

G_DEFINE_ENUM_TYPE (LkComfyEventType, lk_comfy_event_type,
  G_DEFINE_ENUM_VALUE (LK_COMFY_EVENT_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (LK_COMFY_EVENT_STATUS, "status"),
  G_DEFINE_ENUM_VALUE (LK_COMFY_EVENT_EXECUTION_START, "execution_start"),
  G_DEFINE_ENUM_VALUE (LK_COMFY_EVENT_EXECUTION_CACHED, "execution_cached"),
  G_DEFINE_ENUM_VALUE (LK_COMFY_EVENT_EXECUTING, "executing"),
  G_DEFINE_ENUM_VALUE (LK_COMFY_EVENT_PROGRESS, "progress"),
  G_DEFINE_ENUM_VALUE (LK_COMFY_EVENT_PROGRESS_STATE, "progress_state"),
  G_DEFINE_ENUM_VALUE (LK_COMFY_EVENT_EXECUTED, "executed"),
  G_DEFINE_ENUM_VALUE (LK_COMFY_EVENT_EXECUTION_SUCCESS, "execution_success"),
  G_DEFINE_ENUM_VALUE (LK_COMFY_EVENT_EXECUTION_ERROR, "execution_error"),
  G_DEFINE_ENUM_VALUE (LK_COMFY_EVENT_EXECUTION_INTERRUPTED, "execution_interrupted"),
  G_DEFINE_ENUM_VALUE (LK_COMFY_EVENT_FEATURE_FLAGS, "feature_flags"),
  G_DEFINE_ENUM_VALUE (LK_COMFY_EVENT_PREVIEW, "preview"),
  G_DEFINE_ENUM_VALUE (LK_COMFY_EVENT_PROGRESS_TEXT, "progress_text"))

G_DEFINE_BOXED_TYPE (LkComfyEvent, lk_comfy_event, lk_comfy_event_ref, lk_comfy_event_unref)

#define BINARY_PREVIEW_IMAGE               1
#define BINARY_TEXT                        3
#define BINARY_PREVIEW_IMAGE_WITH_METADATA 4

static LkComfyEvent *
lk_comfy_event_new (LkComfyEventType type)
{
  LkComfyEvent *event = g_new0 (LkComfyEvent, 1);

  g_atomic_ref_count_init (&event->ref_count);
  event->type = type;
  event->queue_remaining = -1;
  event->received_us = g_get_monotonic_time ();

  return event;
}

static void
node_state_free (gpointer data)
{
  LkComfyNodeState *state = data;

  g_free (state->node);
  g_free (state);
}

/**
 * lk_comfy_event_ref:
 * @event: an event
 *
 * Returns: (transfer full): @event
 */
LkComfyEvent *
lk_comfy_event_ref (LkComfyEvent *event)
{
  g_return_val_if_fail (event != NULL, NULL);

  g_atomic_ref_count_inc (&event->ref_count);
  return event;
}

/**
 * lk_comfy_event_unref:
 * @event: (transfer full): an event
 */
void
lk_comfy_event_unref (LkComfyEvent *event)
{
  g_return_if_fail (event != NULL);

  if (!g_atomic_ref_count_dec (&event->ref_count))
    return;

  g_free (event->type_name);
  g_free (event->prompt_id);
  g_free (event->node);
  g_free (event->display_node);
  g_free (event->sid);
  g_strfreev (event->nodes);
  g_clear_pointer (&event->node_states, g_ptr_array_unref);
  g_clear_pointer (&event->outputs, g_ptr_array_unref);
  g_free (event->node_type);
  g_free (event->exception_type);
  g_free (event->exception_message);
  g_free (event->traceback);
  g_clear_pointer (&event->image, g_bytes_unref);
  g_free (event->image_mime);
  g_free (event->text);
  g_clear_pointer (&event->data, json_node_unref);
  g_free (event);
}

static LkComfyEventType
type_from_name (const char *name)
{
  static const struct { const char *name; LkComfyEventType type; } types[] = {
    { "status", LK_COMFY_EVENT_STATUS },
    { "execution_start", LK_COMFY_EVENT_EXECUTION_START },
    { "execution_cached", LK_COMFY_EVENT_EXECUTION_CACHED },
    { "executing", LK_COMFY_EVENT_EXECUTING },
    { "progress", LK_COMFY_EVENT_PROGRESS },
    { "progress_state", LK_COMFY_EVENT_PROGRESS_STATE },
    { "executed", LK_COMFY_EVENT_EXECUTED },
    { "execution_success", LK_COMFY_EVENT_EXECUTION_SUCCESS },
    { "execution_error", LK_COMFY_EVENT_EXECUTION_ERROR },
    { "execution_interrupted", LK_COMFY_EVENT_EXECUTION_INTERRUPTED },
    { "feature_flags", LK_COMFY_EVENT_FEATURE_FLAGS },
  };

  if (name == NULL)
    return LK_COMFY_EVENT_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      if (g_str_equal (name, types[i].name))
        return types[i].type;
    }

  return LK_COMFY_EVENT_UNKNOWN;
}

static GStrv
dup_id_list (JsonArray *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint len = array ? json_array_get_length (array) : 0;

  for (guint i = 0; i < len; i++)
    {
      g_autofree char *id = lk_comfy_json_node_dup_id (json_array_get_element (array, i));

      if (id != NULL)
        g_strv_builder_add (builder, id);
    }

  return g_strv_builder_end (builder);
}

static char *
join_traceback (JsonNode *node)
{
  g_autoptr(GString) out = NULL;
  JsonArray *lines;

  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  /* Python's format_tb(): each entry already ends in a newline */
  out = g_string_new (NULL);
  lines = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonNode *line = json_array_get_element (lines, i);

      if (JSON_NODE_HOLDS_VALUE (line) && json_node_get_value_type (line) == G_TYPE_STRING)
        g_string_append (out, json_node_get_string (line));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GPtrArray *
parse_node_states (JsonObject *nodes)
{
  GPtrArray *states = g_ptr_array_new_with_free_func (node_state_free);
  GList *members;

  if (nodes == NULL)
    return states;

  members = json_object_get_members (nodes);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonObject *entry = lk_comfy_json_get_object (nodes, l->data);
      LkComfyNodeState *state;
      const char *state_name;

      if (entry == NULL)
        continue;

      state = g_new0 (LkComfyNodeState, 1);
      state->node = g_strdup (l->data);
      lk_comfy_json_get_number (entry, "value", &state->value);
      lk_comfy_json_get_number (entry, "max", &state->max);
      state_name = lk_comfy_json_get_string (entry, "state");
      state->finished = g_strcmp0 (state_name, "finished") == 0;
      g_ptr_array_add (states, state);
    }
  g_list_free (members);

  return states;
}

/**
 * lk_comfy_event_parse_json:
 * @root: a parsed text message
 * @error: return location for a #GError
 *
 * Reads a `{"type": …, "data": {…}}` message. Unknown types are not an error.
 *
 * Returns: (transfer full) (nullable): the event, or %NULL if @root is not a message
 */
LkComfyEvent *
lk_comfy_event_parse_json (JsonNode  *root,
                           GError   **error)
{
  g_autoptr(LkComfyEvent) event = NULL;
  JsonObject *message;
  JsonObject *data;
  JsonNode *data_node;
  const char *type_name;
  double number;

  g_return_val_if_fail (root != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root)
      || !(type_name = lk_comfy_json_get_string (json_node_get_object (root), "type")))
    {
      g_set_error_literal (error, LK_COMFY_ERROR, LK_COMFY_ERROR_INVALID_RESPONSE,
                           _("The server sent a message without a type"));
      return NULL;
    }

  message = json_node_get_object (root);
  event = lk_comfy_event_new (type_from_name (type_name));
  event->type_name = g_strdup (type_name);

  data_node = json_object_get_member (message, "data");
  if (data_node != NULL && JSON_NODE_HOLDS_OBJECT (data_node))
    event->data = json_node_ref (data_node);
  else
    event->data = json_node_init_object (json_node_alloc (), json_object_new ());
  data = json_node_get_object (event->data);

  event->prompt_id = lk_comfy_json_dup_id (data, "prompt_id");
  event->timestamp = lk_comfy_json_get_int (data, "timestamp", 0);

  switch (event->type)
    {
    case LK_COMFY_EVENT_STATUS:
      {
        JsonObject *status = lk_comfy_json_get_object (data, "status");
        JsonObject *exec_info = lk_comfy_json_get_object (status, "exec_info");

        event->queue_remaining = (int) CLAMP (lk_comfy_json_get_int (exec_info, "queue_remaining", -1),
                                              -1, G_MAXINT);
        event->sid = lk_comfy_json_dup_id (data, "sid");
      }
      break;

    case LK_COMFY_EVENT_EXECUTION_CACHED:
      event->nodes = dup_id_list (lk_comfy_json_get_array (data, "nodes"));
      break;

    case LK_COMFY_EVENT_EXECUTING:
      event->node = lk_comfy_json_dup_id (data, "node");
      event->display_node = lk_comfy_json_dup_id (data, "display_node");
      break;

    case LK_COMFY_EVENT_PROGRESS:
      event->node = lk_comfy_json_dup_id (data, "node");
      if (lk_comfy_json_get_number (data, "value", &number))
        event->value = number;
      if (lk_comfy_json_get_number (data, "max", &number))
        event->max = number;
      break;

    case LK_COMFY_EVENT_PROGRESS_STATE:
      event->node_states = parse_node_states (lk_comfy_json_get_object (data, "nodes"));
      break;

    case LK_COMFY_EVENT_EXECUTED:
      event->node = lk_comfy_json_dup_id (data, "node");
      event->display_node = lk_comfy_json_dup_id (data, "display_node");
      event->outputs = lk_comfy_outputs_from_ui (event->node,
                                                 lk_comfy_json_get_object (data, "output"));
      break;

    case LK_COMFY_EVENT_EXECUTION_ERROR:
      event->traceback = join_traceback (json_object_get_member (data, "traceback"));
      event->exception_type = g_strdup (lk_comfy_json_get_string (data, "exception_type"));
      event->exception_message = g_strdup (lk_comfy_json_get_string (data, "exception_message"));
      G_GNUC_FALLTHROUGH;
    case LK_COMFY_EVENT_EXECUTION_INTERRUPTED:
      event->node = lk_comfy_json_dup_id (data, "node_id");
      event->node_type = g_strdup (lk_comfy_json_get_string (data, "node_type"));
      break;

    case LK_COMFY_EVENT_UNKNOWN:
    case LK_COMFY_EVENT_EXECUTION_START:
    case LK_COMFY_EVENT_EXECUTION_SUCCESS:
    case LK_COMFY_EVENT_FEATURE_FLAGS:
    case LK_COMFY_EVENT_PREVIEW:
    case LK_COMFY_EVENT_PROGRESS_TEXT:
    default:
      break;
    }

  return g_steal_pointer (&event);
}

/**
 * lk_comfy_event_parse_text:
 * @text: a text frame
 * @length: its length in bytes
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the event, or %NULL with @error set
 */
LkComfyEvent *
lk_comfy_event_parse_text (const char  *text,
                           gsize        length,
                           GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  gint64 received = g_get_monotonic_time ();
  LkComfyEvent *event;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (!(root = lk_comfy_json_parse (text, length, error)))
    return NULL;

  if ((event = lk_comfy_event_parse_json (root, error)))
    event->received_us = received;

  return event;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static gboolean
fail_binary (GError     **error,
             const char  *why)
{
  g_set_error (error, LK_COMFY_ERROR, LK_COMFY_ERROR_INVALID_RESPONSE,
               _("The server sent a broken binary message (%s)"), why);
  return FALSE;
}

static gboolean
parse_preview_metadata (LkComfyEvent  *event,
                        const guint8  *json,
                        gsize          json_len,
                        GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *meta;
  const char *mime;

  if (!(root = lk_comfy_json_parse ((const char *) json, json_len, error)))
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return fail_binary (error, "metadata is not an object");

  meta = json_node_get_object (root);
  event->prompt_id = lk_comfy_json_dup_id (meta, "prompt_id");
  event->node = lk_comfy_json_dup_id (meta, "node_id");
  event->display_node = lk_comfy_json_dup_id (meta, "display_node_id");
  mime = lk_comfy_json_get_string (meta, "image_type");
  event->image_mime = g_strdup (mime ? mime : "image/jpeg");
  event->data = g_steal_pointer (&root);

  return TRUE;
}

/**
 * lk_comfy_event_parse_binary:
 * @frame: a binary frame
 * @error: return location for a #GError
 *
 * Reads a binary frame: a preview image (type 1, or type 4 with its JSON metadata naming the
 * prompt and node) or a progress text (type 3). Other types are %LK_COMFY_EVENT_UNKNOWN.
 * The image bytes share @frame's memory.
 *
 * Returns: (transfer full) (nullable): the event, or %NULL with @error set
 */
LkComfyEvent *
lk_comfy_event_parse_binary (GBytes  *frame,
                             GError **error)
{
  g_autoptr(LkComfyEvent) event = NULL;
  const guint8 *data;
  gsize len = 0;
  guint32 type;

  g_return_val_if_fail (frame != NULL, NULL);

  data = g_bytes_get_data (frame, &len);
  if (len < 8)
    {
      fail_binary (error, "too short");
      return NULL;
    }

  type = read_be32 (data);
  switch (type)
    {
    case BINARY_PREVIEW_IMAGE:
      {
        guint32 format = read_be32 (data + 4);

        event = lk_comfy_event_new (LK_COMFY_EVENT_PREVIEW);
        event->image_mime = g_strdup (format == 2 ? "image/png" : "image/jpeg");
        event->image = g_bytes_new_from_bytes (frame, 8, len - 8);
      }
      break;

    case BINARY_PREVIEW_IMAGE_WITH_METADATA:
      {
        guint32 meta_len = read_be32 (data + 4);

        if (meta_len > len - 8)
          {
            fail_binary (error, "metadata longer than the frame");
            return NULL;
          }

        event = lk_comfy_event_new (LK_COMFY_EVENT_PREVIEW);
        if (!parse_preview_metadata (event, data + 8, meta_len, error))
          return NULL;
        event->image = g_bytes_new_from_bytes (frame, 8 + meta_len, len - 8 - meta_len);
      }
      break;

    case BINARY_TEXT:
      {
        guint32 id_len = read_be32 (data + 4);

        if (id_len > len - 8)
          {
            fail_binary (error, "node id longer than the frame");
            return NULL;
          }

        event = lk_comfy_event_new (LK_COMFY_EVENT_PROGRESS_TEXT);
        event->node = g_utf8_make_valid ((const char *) data + 8, id_len);
        event->text = g_utf8_make_valid ((const char *) data + 8 + id_len, len - 8 - id_len);
      }
      break;

    default:
      event = lk_comfy_event_new (LK_COMFY_EVENT_UNKNOWN);
      break;
    }

  event->type_name = g_strdup_printf ("binary-%u", type);

  return g_steal_pointer (&event);
}

/**
 * lk_comfy_event_is_end_marker:
 * @event: an event
 *
 * The end marker is `executing` with `node: null`: after it (and only then) the prompt's
 * history entry is guaranteed to exist.
 *
 * Returns: whether @event is the end marker of a prompt
 */
gboolean
lk_comfy_event_is_end_marker (const LkComfyEvent *event)
{
  g_return_val_if_fail (event != NULL, FALSE);

  return event->type == LK_COMFY_EVENT_EXECUTING && event->node == NULL;
}

/**
 * lk_comfy_event_build_feature_flags:
 *
 * The first message a client sends: it asks for previews with metadata (binary type 4), so a
 * preview names its prompt. Servers before mid-2025 ignore it.
 *
 * Returns: (transfer full): the message text
 */
char *
lk_comfy_event_build_feature_flags (void)
{
  return g_strdup ("{\"type\": \"feature_flags\", \"data\": {\"supports_preview_metadata\": true}}");
}
