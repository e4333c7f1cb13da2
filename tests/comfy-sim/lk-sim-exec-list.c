/* lk-sim-exec-list.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sim-exec-list"

#include "config.h"

#include <string.h>

#include "lk-sim-exec-list.h"
#include "lk-sim-json.h"

struct _LkSimExecList
{
  JsonObject   *prompt;
  LkSimCatalog *catalog;     /* borrowed */
  GHashTable   *cached;      /* borrowed: ids whose outputs are cached */
  GPtrArray    *pending;     /* ids, in insertion order */
  GHashTable   *block_count; /* id → count */
  GHashTable   *blocking;    /* id → GPtrArray of ids it blocks, in link order */
};

LkSimExecList *
lk_sim_exec_list_new (JsonObject   *prompt,
                      LkSimCatalog *catalog,
                      GHashTable   *cached)
{
  LkSimExecList *self = g_new0 (LkSimExecList, 1);

  self->prompt = json_object_ref (prompt);
  self->catalog = catalog;
  self->cached = g_hash_table_ref (cached);
  self->pending = g_ptr_array_new_with_free_func (g_free);
  self->block_count = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->blocking = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify)g_ptr_array_unref);
  return self;
}

void
lk_sim_exec_list_free (LkSimExecList *self)
{
  if (self == NULL)
    return;

  json_object_unref (self->prompt);
  g_hash_table_unref (self->cached);
  g_ptr_array_unref (self->pending);
  g_hash_table_unref (self->block_count);
  g_hash_table_unref (self->blocking);
  g_free (self);
}

static gboolean
is_pending (LkSimExecList *self,
            const char    *id)
{
  return g_hash_table_contains (self->block_count, id);
}

static void
add_blocks (LkSimExecList *self,
            const char    *id,
            int            delta)
{
  int count = GPOINTER_TO_INT (g_hash_table_lookup (self->block_count, id));

  g_hash_table_insert (self->block_count, g_strdup (id), GINT_TO_POINTER (count + delta));
}

static const char *
link_source (LkSimExecList *self,
             JsonNode      *value)
{
  JsonArray *link;
  const char *id;

  if (!JSON_NODE_HOLDS_ARRAY (value))
    return NULL;
  link = json_node_get_array (value);
  if (json_array_get_length (link) != 2
      || !JSON_NODE_HOLDS_VALUE (json_array_get_element (link, 0))
      || json_node_get_value_type (json_array_get_element (link, 0)) != G_TYPE_STRING)
    return NULL;
  id = json_array_get_string_element (link, 0);
  return json_object_has_member (self->prompt, id) ? id : NULL;
}

/**
 * lk_sim_exec_list_add:
 * @self: the list
 * @node_id: an output node to execute
 *
 * Adds the node and every uncached node it needs, with their blocking links.
 */
void
lk_sim_exec_list_add (LkSimExecList *self,
                      const char    *node_id)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (stack, g_strdup (node_id));
  while (stack->len > 0)
    {
      g_autofree char *id = g_ptr_array_steal_index (stack, stack->len - 1);
      JsonObject *node, *inputs;
      GList *names;

      if (is_pending (self, id))
        continue;

      g_ptr_array_add (self->pending, g_strdup (id));
      g_hash_table_insert (self->block_count, g_strdup (id), GINT_TO_POINTER (0));
      if (!g_hash_table_contains (self->blocking, id))
        g_hash_table_insert (self->blocking, g_strdup (id),
                             g_ptr_array_new_with_free_func (g_free));

      node = json_object_get_object_member (self->prompt, id);
      inputs = json_object_get_object_member (node, "inputs");
      names = json_object_get_members (inputs);
      for (GList *l = names; l; l = l->next)
        {
          const char *from = link_source (self, json_object_get_member (inputs, l->data));

          if (from == NULL)
            continue;
          if (!g_hash_table_contains (self->cached, from))
            g_ptr_array_add (stack, g_strdup (from));
          g_ptr_array_add (links, g_strdup (from));
          g_ptr_array_add (links, g_strdup (id));
        }
      g_list_free (names);
    }

  for (guint i = 0; i < links->len; i += 2)
    {
      const char *from = g_ptr_array_index (links, i);
      const char *to = g_ptr_array_index (links, i + 1);
      GPtrArray *blocked;
      gboolean known = FALSE;

      if (g_hash_table_contains (self->cached, from))
        continue;

      lk_sim_exec_list_add (self, from);
      blocked = g_hash_table_lookup (self->blocking, from);
      for (guint j = 0; j < blocked->len && !known; j++)
        known = strcmp (g_ptr_array_index (blocked, j), to) == 0;
      if (!known)
        {
          g_ptr_array_add (blocked, g_strdup (to));
          add_blocks (self, to, 1);
        }
    }
}

static gboolean
is_output (LkSimExecList *self,
           const char    *id)
{
  JsonObject *node = json_object_get_object_member (self->prompt, id);

  return lk_sim_catalog_is_output_node (self->catalog, lk_sim_json_get_string (node, "class_type"));
}

static gboolean
blocks_output (LkSimExecList *self,
               const char    *id,
               guint          depth)
{
  GPtrArray *blocked = g_hash_table_lookup (self->blocking, id);

  for (guint i = 0; blocked && i < blocked->len; i++)
    {
      const char *next = g_ptr_array_index (blocked, i);

      if (depth == 1 ? is_output (self, next) : blocks_output (self, next, depth - 1))
        return TRUE;
    }
  return FALSE;
}

/**
 * lk_sim_exec_list_next:
 * @self: the list
 *
 * Picks the next node as ux_friendly_pick_node() does: an output first, then a node feeding an
 * output, then one two links away from an output, else the oldest ready node.
 *
 * Returns: (nullable): the node to run, or %NULL when none is ready
 */
const char *
lk_sim_exec_list_next (LkSimExecList *self)
{
  g_autoptr(GPtrArray) ready = g_ptr_array_new ();

  for (guint i = 0; i < self->pending->len; i++)
    {
      const char *id = g_ptr_array_index (self->pending, i);

      if (GPOINTER_TO_INT (g_hash_table_lookup (self->block_count, id)) == 0)
        g_ptr_array_add (ready, (gpointer)id);
    }
  if (ready->len == 0)
    return NULL;

  for (guint i = 0; i < ready->len; i++)
    if (is_output (self, g_ptr_array_index (ready, i)))
      return g_ptr_array_index (ready, i);
  for (guint depth = 1; depth <= 2; depth++)
    for (guint i = 0; i < ready->len; i++)
      if (blocks_output (self, g_ptr_array_index (ready, i), depth))
        return g_ptr_array_index (ready, i);
  return g_ptr_array_index (ready, 0);
}

void
lk_sim_exec_list_complete (LkSimExecList *self,
                           const char    *node_id)
{
  GPtrArray *blocked = g_hash_table_lookup (self->blocking, node_id);

  for (guint i = 0; blocked && i < blocked->len; i++)
    {
      const char *to = g_ptr_array_index (blocked, i);

      add_blocks (self, to, -1);
    }

  for (guint i = 0; i < self->pending->len; i++)
    if (strcmp (g_ptr_array_index (self->pending, i), node_id) == 0)
      {
        g_ptr_array_remove_index (self->pending, i);
        break;
      }
  g_hash_table_remove (self->blocking, node_id);
}

guint
lk_sim_exec_list_pending (LkSimExecList *self)
{
  return self->pending->len;
}
