/* lk-lru-cache.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-lru-cache.h"

typedef struct
{
  GList     link;      /* in LkLruCache.order; data points back at the entry */
  char     *key;
  gpointer  object;
  gsize     cost;
} Entry;

struct _LkLruCache
{
  gatomicrefcount  ref_count;
  GMutex           mutex;
  GHashTable      *entries;    /* key (owned by the entry) → Entry */
  GQueue           order;      /* most recently used first */
  gsize            cost;
  gsize            max_cost;
};

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->key);
  g_object_unref (entry->object);
  g_free (entry);
}

LkLruCache *
lk_lru_cache_new (gsize max_cost)
{
  LkLruCache *self = g_new0 (LkLruCache, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->mutex);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
  g_queue_init (&self->order);
  self->max_cost = max_cost;

  return self;
}

LkLruCache *
lk_lru_cache_ref (LkLruCache *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
lk_lru_cache_unref (LkLruCache *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_hash_table_unref (self->entries);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

/* Called with the mutex held. */
static void
remove_entry (LkLruCache *self,
              Entry      *entry)
{
  g_queue_unlink (&self->order, &entry->link);
  self->cost -= entry->cost;
  g_hash_table_remove (self->entries, entry->key);
}

static void
evict (LkLruCache *self)
{
  while (self->cost > self->max_cost && self->order.tail != NULL)
    remove_entry (self, self->order.tail->data);
}

gpointer
lk_lru_cache_lookup (LkLruCache *self,
                     const char *key)
{
  gpointer object = NULL;
  Entry *entry;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  g_mutex_lock (&self->mutex);
  if ((entry = g_hash_table_lookup (self->entries, key)) != NULL)
    {
      g_queue_unlink (&self->order, &entry->link);
      g_queue_push_head_link (&self->order, &entry->link);
      object = g_object_ref (entry->object);
    }
  g_mutex_unlock (&self->mutex);

  return object;
}

void
lk_lru_cache_insert (LkLruCache *self,
                     const char *key,
                     gpointer    object,
                     gsize       cost)
{
  Entry *entry;

  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL);
  g_return_if_fail (G_IS_OBJECT (object));

  g_mutex_lock (&self->mutex);

  if ((entry = g_hash_table_lookup (self->entries, key)) != NULL)
    remove_entry (self, entry);

  if (cost <= self->max_cost)
    {
      entry = g_new0 (Entry, 1);
      entry->key = g_strdup (key);
      entry->object = g_object_ref (object);
      entry->cost = cost;
      entry->link.data = entry;
      g_hash_table_insert (self->entries, entry->key, entry);
      g_queue_push_head_link (&self->order, &entry->link);
      self->cost += cost;
      evict (self);
    }

  g_mutex_unlock (&self->mutex);
}

void
lk_lru_cache_set_max_cost (LkLruCache *self,
                           gsize       max_cost)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->max_cost = max_cost;
  evict (self);
  g_mutex_unlock (&self->mutex);
}

gsize
lk_lru_cache_get_cost (LkLruCache *self)
{
  gsize cost;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->mutex);
  cost = self->cost;
  g_mutex_unlock (&self->mutex);

  return cost;
}

guint
lk_lru_cache_get_n_entries (LkLruCache *self)
{
  guint n;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->mutex);
  n = g_hash_table_size (self->entries);
  g_mutex_unlock (&self->mutex);

  return n;
}

void
lk_lru_cache_clear (LkLruCache *self)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  g_queue_init (&self->order);
  g_hash_table_remove_all (self->entries);
  self->cost = 0;
  g_mutex_unlock (&self->mutex);
}
