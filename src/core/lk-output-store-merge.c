/* lk-output-store-merge.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How LkOutputStore takes in a batch of changes: one merge pass over the sorted items and
 * one items-changed, and the first-frame PNG of VideoHelperSuite kept in step with its
 * clip.
 */

#include "config.h"

#include <string.h>

#include "lk-output-store-private.h"

/* Extensions VideoHelperSuite may give the clip beside a first-frame PNG. */
static const char * const video_sibling_extensions[] = {
  ".mp4", ".webm", ".mkv", ".mov", ".m4v", ".gif", ".webp",
  "-audio.mp4", "-audio.webm", "-audio.mkv", "-audio.mov", "-audio.m4v", NULL
};

/* The index of an item known to be in the array. */
guint
_lk_output_store_find_index (LkOutputStore *self,
                             LkOutputItem  *item)
{
  guint low = 0;
  guint high = self->items->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      int cmp = lk_output_item_compare (g_ptr_array_index (self->items, middle), item);

      if (cmp == 0)
        return middle;
      if (cmp < 0)
        low = middle + 1;
      else
        high = middle;
    }

  g_assert_not_reached ();
  return 0;
}

/* Where @item would go among the current items. */
static guint
insertion_point (LkOutputStore *self,
                 LkOutputItem  *item)
{
  guint low = 0;
  guint high = self->items->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (lk_output_item_compare (g_ptr_array_index (self->items, middle), item) < 0)
        low = middle + 1;
      else
        high = middle;
    }

  return low;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  return lk_output_item_compare (*(LkOutputItem **)a, *(LkOutputItem **)b);
}

/* Whether a clip with @stem will be shown once the batch is applied. */
static gboolean
video_sibling_present (LkOutputStore *self,
                       const char    *stem,
                       GHashTable    *inserted,
                       GHashTable    *removed)
{
  for (guint i = 0; video_sibling_extensions[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (stem, video_sibling_extensions[i], NULL);
      LkOutputItem *item;

      if ((item = g_hash_table_lookup (inserted, path)) != NULL &&
          lk_output_item_get_kind (item) == LK_MEDIA_KIND_VIDEO)
        return TRUE;

      if ((item = g_hash_table_lookup (self->by_path, path)) != NULL &&
          !g_hash_table_contains (removed, item) &&
          lk_output_item_get_kind (item) == LK_MEDIA_KIND_VIDEO)
        return TRUE;
    }

  return FALSE;
}

static gboolean
could_be_first_frame (LkOutputItem *item)
{
  const char *base = lk_output_item_get_basename (item);
  gsize length = strlen (base);

  /* VideoHelperSuite's `x_00001.png`, never SaveImage's `x_00001_.png`. */
  return lk_output_item_get_counter (item) >= 0 &&
         length > 5 &&
         g_ascii_strcasecmp (base + length - 4, ".png") == 0 &&
         base[length - 5] != '_';
}

static LkOutputItem *
copy_with_first_frame (LkOutputItem *item,
                       gboolean      first_frame)
{
  return lk_output_item_new (lk_output_item_get_path (item),
                             lk_output_item_get_mtime (item),
                             lk_output_item_get_size (item),
                             lk_output_item_get_kind (item),
                             first_frame);
}

static gboolean
same_file (LkOutputItem *a,
           LkOutputItem *b)
{
  return lk_output_item_get_mtime (a) == lk_output_item_get_mtime (b) &&
         lk_output_item_get_size (a) == lk_output_item_get_size (b) &&
         lk_output_item_get_kind (a) == lk_output_item_get_kind (b) &&
         lk_output_item_get_first_frame (a) == lk_output_item_get_first_frame (b);
}

/* Marks the PNG beside a clip (added or removed in this batch) for a fresh first-frame
 * check. */
static void
recheck_png_sibling (LkOutputStore *self,
                     LkOutputItem  *video,
                     GHashTable    *inserted,
                     GHashTable    *removed,
                     GPtrArray     *recheck)
{
  g_autofree char *stem = lk_output_item_dup_video_stem (video);
  g_autofree char *png_path = g_strconcat (stem, ".png", NULL);
  LkOutputItem *png;

  if ((png = g_hash_table_lookup (inserted, png_path)) == NULL &&
      ((png = g_hash_table_lookup (self->by_path, png_path)) == NULL ||
       g_hash_table_contains (removed, png)))
    return;

  g_ptr_array_add (recheck, g_object_ref (png));
}

/*
 * Applies one batch: @adds (new or changed files) and @removals (paths). Emits a single
 * items-changed covering the span from the first to the last position touched. Returns
 * whether the number of items changed, for the caller to notify.
 */
gboolean
_lk_output_store_apply_changes (LkOutputStore *self,
                                GPtrArray     *adds,
                                GPtrArray     *removals)
{
  g_autoptr(GHashTable) inserted = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                          NULL, g_object_unref);
  g_autoptr(GHashTable) removed = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) recheck = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint old_length = self->items->len;
  guint min_pos = G_MAXUINT;
  guint max_pos = 0;
  guint next_new = 0;

  for (guint i = 0; adds != NULL && i < adds->len; i++)
    {
      LkOutputItem *item = g_ptr_array_index (adds, i);

      g_hash_table_replace (inserted, (gpointer)lk_output_item_get_path (item),
                            g_object_ref (item));
    }

  for (guint i = 0; removals != NULL && i < removals->len; i++)
    {
      LkOutputItem *old = g_hash_table_lookup (self->by_path, g_ptr_array_index (removals, i));

      if (old != NULL && !g_hash_table_contains (inserted, lk_output_item_get_path (old)))
        g_hash_table_add (removed, old);
    }

  /* Unchanged files are dropped; changed ones replace their old item. */
  g_hash_table_iter_init (&iter, inserted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      LkOutputItem *old = g_hash_table_lookup (self->by_path, key);

      if (old == NULL)
        continue;

      if (same_file (old, value))
        g_hash_table_iter_remove (&iter);
      else
        g_hash_table_add (removed, old);
    }

  /* A first-frame PNG depends on its clip: check every PNG added, and the PNG beside
   * every clip added or removed. */
  g_hash_table_iter_init (&iter, inserted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (lk_output_item_get_kind (value) == LK_MEDIA_KIND_VIDEO)
        recheck_png_sibling (self, value, inserted, removed, recheck);
      else if (could_be_first_frame (value))
        g_ptr_array_add (recheck, g_object_ref (value));
    }
  g_hash_table_iter_init (&iter, removed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (lk_output_item_get_kind (key) == LK_MEDIA_KIND_VIDEO)
        recheck_png_sibling (self, key, inserted, removed, recheck);
    }

  for (guint i = 0; i < recheck->len; i++)
    {
      LkOutputItem *png = g_ptr_array_index (recheck, i);
      const char *path = lk_output_item_get_path (png);
      g_autofree char *stem = NULL;
      LkOutputItem *current;
      LkOutputItem *copy;
      gboolean first_frame;

      /* Skip entries superseded earlier in this loop. */
      if ((current = g_hash_table_lookup (inserted, path)) == NULL &&
          (current = g_hash_table_lookup (self->by_path, path)) != NULL &&
          g_hash_table_contains (removed, current))
        current = NULL;
      if (current != png || !could_be_first_frame (png))
        continue;

      stem = lk_output_item_dup_video_stem (png);
      first_frame = video_sibling_present (self, stem, inserted, removed);
      if (first_frame == lk_output_item_get_first_frame (png))
        continue;

      if (g_hash_table_lookup (self->by_path, path) == png)
        g_hash_table_add (removed, png);
      copy = copy_with_first_frame (png, first_frame);
      g_hash_table_replace (inserted, (gpointer)lk_output_item_get_path (copy), copy);
    }

  if (g_hash_table_size (inserted) == 0 && g_hash_table_size (removed) == 0)
    return FALSE;

  sorted = g_ptr_array_new_full (g_hash_table_size (inserted), NULL);
  g_hash_table_iter_init (&iter, inserted);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (sorted, value);
  g_ptr_array_sort (sorted, compare_items);

  g_hash_table_iter_init (&iter, removed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint index = _lk_output_store_find_index (self, key);

      min_pos = MIN (min_pos, index);
      max_pos = MAX (max_pos, index + 1);
    }
  /* The new items are sorted: the first and the last bound where they go. */
  if (sorted->len > 0)
    {
      min_pos = MIN (min_pos, insertion_point (self, g_ptr_array_index (sorted, 0)));
      max_pos = MAX (max_pos, insertion_point (self, g_ptr_array_index (sorted, sorted->len - 1)));
    }

  /* Rebuild: the untouched head, the merged span, the untouched tail. */
  items = g_ptr_array_new_full (old_length + sorted->len, g_object_unref);
  for (guint i = 0; i < min_pos; i++)
    g_ptr_array_add (items, g_object_ref (g_ptr_array_index (self->items, i)));
  for (guint i = min_pos; i < max_pos || next_new < sorted->len;)
    {
      LkOutputItem *old = i < max_pos ? g_ptr_array_index (self->items, i) : NULL;
      LkOutputItem *new = next_new < sorted->len ? g_ptr_array_index (sorted, next_new) : NULL;

      if (old != NULL && g_hash_table_contains (removed, old))
        i++;
      else if (new != NULL && (old == NULL || lk_output_item_compare (new, old) <= 0))
        {
          g_ptr_array_add (items, g_object_ref (new));
          next_new++;
        }
      else
        {
          g_ptr_array_add (items, g_object_ref (old));
          i++;
        }
    }
  for (guint i = max_pos; i < old_length; i++)
    g_ptr_array_add (items, g_object_ref (g_ptr_array_index (self->items, i)));

  g_hash_table_iter_init (&iter, removed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_remove (self->by_path, lk_output_item_get_path (key));
  for (guint i = 0; i < sorted->len; i++)
    {
      LkOutputItem *item = g_ptr_array_index (sorted, i);

      g_hash_table_insert (self->by_path, (gpointer)lk_output_item_get_path (item), item);
    }

  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&items);

  g_list_model_items_changed (G_LIST_MODEL (self), min_pos, max_pos - min_pos,
                              max_pos - min_pos + self->items->len - old_length);

  return self->items->len != old_length;
}
