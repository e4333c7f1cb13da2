/* lk-sim-executor-events.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sim-executor"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include "lk-sim-executor-private.h"
#include "lk-sim-json.h"

/* What the executor tells: WebSocket messages and their routing, the progress registry,
 * preview frames, history entries, and the input signatures that key the cache. */

void
_lk_sim_ex_emit (LkSimExecutor *ex,
                 Routing        routing,
                 const char    *type,
                 JsonNode      *data)
{
  Run *run = ex->run;

  if (run->has_client && run->client_sid)
    lk_sim_hub_send (ex->sim->hub, run->client_sid, type, data);
  else if (!run->has_client && routing == TARGETED_OR_BROADCAST)
    lk_sim_hub_send (ex->sim->hub, NULL, type, data);
  else
    json_node_unref (data);
}

/* PromptExecutor.add_message(): timestamped, recorded for the history, then sent */
void
_lk_sim_ex_add_message (LkSimExecutor *ex,
                        const char    *event,
                        JsonObject    *data,
                        gboolean       broadcast)
{
  JsonArray *pair = json_array_new ();

  json_object_set_int_member (data, "timestamp", g_get_real_time () / 1000);
  json_array_add_string_element (pair, event);
  json_array_add_object_element (pair, json_object_ref (data));
  json_array_add_array_element (ex->run->messages, pair);
  _lk_sim_ex_emit (ex, broadcast ? TARGETED_OR_BROADCAST : TARGETED, event,
                   lk_sim_json_object_node (data));
}

JsonObject *
_lk_sim_ex_prompt_data (LkSimExecutor *ex)
{
  JsonObject *data = json_object_new ();

  json_object_set_string_member (data, "prompt_id", ex->run->item->prompt_id);
  return data;
}

static void
send_progress_state (LkSimExecutor *ex)
{
  Run *run = ex->run;
  JsonObject *data = _lk_sim_ex_prompt_data (ex);
  JsonObject *nodes = json_object_new ();

  for (guint i = 0; i < run->progress_order->len; i++)
    {
      const char *id = g_ptr_array_index (run->progress_order, i);
      Progress *progress = g_hash_table_lookup (run->progress, id);
      JsonObject *state = json_object_new ();

      json_object_set_member (state, "value", json_node_copy (progress->value));
      json_object_set_member (state, "max", json_node_copy (progress->max));
      json_object_set_string_member (state, "state", progress->state);
      json_object_set_string_member (state, "node_id", id);
      json_object_set_string_member (state, "prompt_id", run->item->prompt_id);
      json_object_set_string_member (state, "display_node_id", id);
      json_object_set_null_member (state, "parent_node_id");
      json_object_set_string_member (state, "real_node_id", id);
      json_object_set_object_member (nodes, id, state);
    }
  json_object_set_object_member (data, "nodes", nodes);
  _lk_sim_ex_emit (ex, TARGETED_OR_BROADCAST, "progress_state", lk_sim_json_object_node (data));
}

/* ProgressRegistry: value/max are 0.0/1.0 when a node starts, the sampler's ints while it
 * runs, and value = max once finished. */
void
_lk_sim_ex_set_progress (LkSimExecutor *ex,
                         const char    *id,
                         const char    *state,
                         JsonNode      *value,
                         JsonNode      *max)
{
  Run *run = ex->run;
  Progress *progress = g_hash_table_lookup (run->progress, id);
  JsonNode *old_value, *old_max;

  if (progress == NULL)
    {
      progress = g_new0 (Progress, 1);
      g_ptr_array_add (run->progress_order, g_strdup (id));
      g_hash_table_insert (run->progress, g_strdup (id), progress);
    }
  old_value = progress->value;
  old_max = progress->max;
  progress->state = state;
  progress->max = max ? max : (old_max ? json_node_ref (old_max) : lk_sim_json_double (1.0));
  progress->value = value ? value : json_node_ref (progress->max);
  g_clear_pointer (&old_value, json_node_unref);
  g_clear_pointer (&old_max, json_node_unref);
  send_progress_state (ex);
}

void
_lk_sim_ex_finish_progress (LkSimExecutor *ex,
                            const char    *id)
{
  Progress *progress = g_hash_table_lookup (ex->run->progress, id);
  JsonNode *max = progress ? json_node_copy (progress->max) : lk_sim_json_double (1.0);

  _lk_sim_ex_set_progress (ex, id, "finished", json_node_copy (max), max);
}

void
_lk_sim_ex_send_executed (LkSimExecutor *ex,
                          const char    *id,
                          JsonNode      *ui)
{
  JsonObject *data;

  if (!ex->run->has_client)
    return;

  data = json_object_new ();
  json_object_set_string_member (data, "node", id);
  json_object_set_string_member (data, "display_node", id);
  json_object_set_member (data, "output", ui ? json_node_ref (ui) : lk_sim_json_null ());
  json_object_set_string_member (data, "prompt_id", ex->run->item->prompt_id);
  _lk_sim_ex_emit (ex, TARGETED, "executed", lk_sim_json_object_node (data));
}

JsonObject *
_lk_sim_ex_history_entry (LkSimExecutor *ex,
                          gboolean       success)
{
  Run *run = ex->run;
  JsonObject *entry = json_object_new ();
  JsonObject *outputs = json_object_new ();
  JsonObject *meta = json_object_new ();
  JsonObject *status = json_object_new ();
  GList *ids = json_object_get_members (run->item->prompt);

  for (GList *l = ids; l; l = l->next)
    {
      const char *signature = g_hash_table_lookup (run->signatures, l->data);
      CacheEntry *cached = signature ? g_hash_table_lookup (ex->cache, signature) : NULL;
      JsonObject *node_meta;

      if (cached == NULL || cached->ui == NULL)
        continue;
      json_object_set_member (outputs, l->data, json_node_ref (cached->ui));
      node_meta = json_object_new ();
      json_object_set_string_member (node_meta, "node_id", l->data);
      json_object_set_string_member (node_meta, "display_node", l->data);
      json_object_set_null_member (node_meta, "parent_node");
      json_object_set_string_member (node_meta, "real_node_id", l->data);
      json_object_set_object_member (meta, l->data, node_meta);
    }
  g_list_free (ids);

  json_object_set_string_member (status, "status_str", success ? "success" : "error");
  json_object_set_boolean_member (status, "completed", success);
  json_object_set_array_member (status, "messages", json_array_ref (run->messages));

  json_object_set_member (entry, "prompt", lk_sim_queue_item_to_json (run->item, TRUE));
  json_object_set_object_member (entry, "outputs", outputs);
  json_object_set_object_member (entry, "status", status);
  json_object_set_object_member (entry, "meta", meta);
  return entry;
}

void
_lk_sim_ex_send_preview (LkSimExecutor *ex)
{
  Run *run = ex->run;
  g_autoptr(GBytes) jpeg = lk_sim_render_preview (run->result.preview_hash,
                                                  run->result.preview_width,
                                                  run->result.preview_height, run->step,
                                                  run->result.n_steps);
  gboolean with_metadata = lk_sim_hub_wants_metadata (ex->sim->hub, run->client_sid);
  g_autoptr(GByteArray) frame = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  guint32 header[2];
  gsize size;
  gconstpointer data;

  if (jpeg == NULL || (run->has_client && run->client_sid == NULL))
    return;

  data = g_bytes_get_data (jpeg, &size);
  if (with_metadata)
    {
      g_autoptr(JsonObject) meta = json_object_new ();
      g_autofree char *text = NULL;

      json_object_set_string_member (meta, "node_id", run->node_id);
      json_object_set_string_member (meta, "prompt_id", run->item->prompt_id);
      json_object_set_string_member (meta, "display_node_id", run->node_id);
      json_object_set_null_member (meta, "parent_node_id");
      json_object_set_string_member (meta, "real_node_id", run->node_id);
      json_object_set_string_member (meta, "image_type", "image/jpeg");
      text = lk_sim_json_dumps_object (meta);
      header[0] = GUINT32_TO_BE (4);
      header[1] = GUINT32_TO_BE ((guint32)strlen (text));
      g_byte_array_append (frame, (const guint8 *)header, sizeof header);
      g_byte_array_append (frame, (const guint8 *)text, strlen (text));
    }
  else
    {
      header[0] = GUINT32_TO_BE (1);
      header[1] = GUINT32_TO_BE (1);
      g_byte_array_append (frame, (const guint8 *)header, sizeof header);
    }
  g_byte_array_append (frame, data, size);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&frame));
  lk_sim_hub_send_binary (ex->sim->hub, run->has_client ? run->client_sid : NULL, bytes);
}

gboolean
_lk_sim_ex_previews_enabled (LkSimExecutor *ex)
{
  return ex->sim->preview_method != NULL && strcmp (ex->sim->preview_method, "none") != 0;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (a, b);
}

/* The input signature (classic cache key): class, widget values, and the signatures of the
 * linked nodes; LoadImage also hashes its file's size and time, as its IS_CHANGED does. */
const char *
_lk_sim_ex_signature_of (LkSimExecutor *ex,
                         const char    *id,
                         GHashTable    *visiting)
{
  Run *run = ex->run;
  const char *known = g_hash_table_lookup (run->signatures, id);
  g_autoptr(GString) text = NULL;
  JsonNode *node_node = json_object_get_member (run->item->prompt, id);
  JsonObject *node, *inputs = NULL;
  GList *names;
  char *hex;

  if (known)
    return known;
  if (node_node == NULL || !JSON_NODE_HOLDS_OBJECT (node_node)
      || g_hash_table_contains (visiting, id))
    return "0000000000000000";

  g_hash_table_add (visiting, (gpointer)id);
  node = json_node_get_object (node_node);
  text = g_string_new (lk_sim_json_get_string (node, "class_type"));
  if (json_object_has_member (node, "inputs")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (node, "inputs")))
    inputs = json_object_get_object_member (node, "inputs");

  names = inputs ? g_list_sort (json_object_get_members (inputs), compare_strings) : NULL;
  for (GList *l = names; l; l = l->next)
    {
      JsonNode *value = json_object_get_member (inputs, l->data);
      g_autofree char *dumped = lk_sim_json_dumps (value);
      JsonArray *link = JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;

      g_string_append_printf (text, "\n%s=", (char *)l->data);
      if (link && json_array_get_length (link) == 2
          && JSON_NODE_HOLDS_VALUE (json_array_get_element (link, 0))
          && json_node_get_value_type (json_array_get_element (link, 0)) == G_TYPE_STRING)
        {
          g_autofree char *slot = lk_sim_json_dumps (json_array_get_element (link, 1));

          g_string_append_printf (text, "link:%s:%s",
                                  _lk_sim_ex_signature_of (ex,
                                                           json_array_get_string_element (link, 0),
                                                           visiting),
                                  slot);
        }
      else
        g_string_append_printf (text, "value:%s", dumped);

      if (g_strcmp0 (lk_sim_json_get_string (node, "class_type"), "LoadImage") == 0
          && strcmp (l->data, "image") == 0 && JSON_NODE_HOLDS_VALUE (value)
          && json_node_get_value_type (value) == G_TYPE_STRING)
        {
          const char *base = NULL;
          g_autofree char *name = lk_sim_annotated_path (&ex->sim->dirs,
                                                         json_node_get_string (value), &base);
          g_autofree char *path = g_build_filename (base ? base : ex->sim->dirs.input, name, NULL);
          struct stat st;

          if (stat (path, &st) == 0)
            g_string_append_printf (text, ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                    (gint64)st.st_size, (gint64)st.st_mtime);
        }
    }
  g_list_free (names);
  g_hash_table_remove (visiting, id);

  hex = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, text->len);
  g_hash_table_insert (run->signatures, g_strdup (id), hex);
  return hex;
}

