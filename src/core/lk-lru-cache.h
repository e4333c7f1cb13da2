/* lk-lru-cache.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * LkLruCache:
 *
 * A cache of objects by string key, bounded by the total cost of its entries (usually
 * bytes): inserting past the bound evicts the least recently used entries. Every function
 * may be called from any thread.
 */
typedef struct _LkLruCache LkLruCache;

/**
 * lk_lru_cache_new:
 * @max_cost: the bound on the total cost
 *
 * Returns: (transfer full): a new, empty cache
 */
LkLruCache *lk_lru_cache_new          (gsize        max_cost);

/**
 * lk_lru_cache_ref:
 * @self: a cache
 *
 * Returns: (transfer full): @self
 */
LkLruCache *lk_lru_cache_ref          (LkLruCache  *self);

/**
 * lk_lru_cache_unref:
 * @self: (transfer full): a cache
 *
 * Drops a reference; the last one frees the cache and its entries.
 */
void        lk_lru_cache_unref        (LkLruCache  *self);

/**
 * lk_lru_cache_lookup:
 * @self: a cache
 * @key: the key
 *
 * Finds an entry and marks it as the most recently used.
 *
 * Returns: (transfer full) (nullable): a new reference to the object, or %NULL
 */
gpointer    lk_lru_cache_lookup       (LkLruCache  *self,
                                       const char  *key);

/**
 * lk_lru_cache_insert:
 * @self: a cache
 * @key: the key
 * @object: (type GObject): the object; the cache takes a reference
 * @cost: what the entry counts against the bound
 *
 * Adds or replaces an entry, then evicts the least recently used entries until the total
 * cost is within the bound. An entry costing more than the whole bound is not kept.
 */
void        lk_lru_cache_insert       (LkLruCache  *self,
                                       const char  *key,
                                       gpointer     object,
                                       gsize        cost);

/**
 * lk_lru_cache_set_max_cost:
 * @self: a cache
 * @max_cost: the new bound
 *
 * Changes the bound, evicting entries if the cache is now over it.
 */
void        lk_lru_cache_set_max_cost (LkLruCache  *self,
                                       gsize        max_cost);

/**
 * lk_lru_cache_get_cost:
 * @self: a cache
 *
 * Returns: the total cost of the entries
 */
gsize       lk_lru_cache_get_cost     (LkLruCache  *self);

/**
 * lk_lru_cache_get_n_entries:
 * @self: a cache
 *
 * Returns: how many entries the cache holds
 */
guint       lk_lru_cache_get_n_entries (LkLruCache *self);

/**
 * lk_lru_cache_clear:
 * @self: a cache
 *
 * Drops every entry.
 */
void        lk_lru_cache_clear        (LkLruCache  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkLruCache, lk_lru_cache_unref)

G_END_DECLS
