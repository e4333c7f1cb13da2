/* lk-gallery-view-review.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The review half of the gallery: approve, reject, rate and undo, on the viewer's output or
 * the selected tiles, handed to whoever stores reviews. */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-gallery-tile.h"
#include "lk-gallery-view-private.h"

ReviewAuthor *
_lk_review_author_new (const char *by,
                       GDateTime  *at)
{
  ReviewAuthor *author = g_new0 (ReviewAuthor, 1);

  author->by = g_strdup (by);
  author->at = at ? g_date_time_ref (at) : NULL;
  return author;
}

ReviewAuthor *
_lk_review_author_copy (const ReviewAuthor *author)
{
  return author ? _lk_review_author_new (author->by, author->at) : NULL;
}

void
_lk_review_author_free (ReviewAuthor *author)
{
  if (author == NULL)
    return;
  g_free (author->by);
  g_clear_pointer (&author->at, g_date_time_unref);
  g_free (author);
}

/* The author the catalog will record for a review made here now (it stores the login name
 * when no one else is given), or NULL when nothing stores reviews. */
static ReviewAuthor *
lk_gallery_view_dup_local_author (LkGalleryView *self)
{
  g_autoptr(GDateTime) now = NULL;

  if (self->review_func == NULL)
    return NULL;

  now = g_date_time_new_now_utc ();
  return _lk_review_author_new (g_get_user_name (), now);
}

void
_lk_gallery_view_show_review (LkGalleryView *self,
                              LkOutputItem  *item)
{
  gpointer review = g_hash_table_lookup (self->reviews, lk_output_item_get_path (item));
  ReviewAuthor *author = g_hash_table_lookup (self->authors, lk_output_item_get_path (item));
  LkReviewVerdict verdict = review ? REVIEW_VERDICT (review) : LK_REVIEW_VERDICT_NONE;
  int rating = review ? REVIEW_RATING (review) : 0;
  GHashTableIter iter;
  gpointer tile;

  g_hash_table_iter_init (&iter, self->bound_tiles);
  while (g_hash_table_iter_next (&iter, &tile, NULL))
    if (lk_gallery_tile_get_item (tile) == item)
      lk_gallery_tile_set_review (tile, verdict, rating);

  if (_lk_gallery_view_get_shown_item (self) == item)
    {
      lk_viewer_set_review (self->viewer, verdict, rating,
                            author ? author->by : NULL, author ? author->at : NULL);
      lk_viewer_set_note (self->viewer,
                          g_hash_table_lookup (self->notes, lk_output_item_get_path (item)));
    }

  if (self->output_filter != NULL)
    lk_output_filter_note_review (self->output_filter, lk_output_item_get_path (item),
                                  verdict);
}

/* The outputs a review applies to: the one in the viewer, else the selected tiles. */
static GPtrArray *
lk_gallery_view_dup_review_targets (LkGalleryView *self)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  if (_lk_gallery_view_is_viewing (self))
    {
      if (_lk_gallery_view_get_shown_item (self) != NULL)
        g_ptr_array_add (items, g_object_ref (_lk_gallery_view_get_shown_item (self)));
      return items;
    }

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_iter_init_first (&iter, selected, &position))
    do
      g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (self->sorted), position));
    while (gtk_bitset_iter_next (&iter, &position));

  return items;
}

void
_lk_gallery_view_clear_review_change (gpointer data)
{
  ReviewChange *change = data;

  g_clear_object (&change->item);
  g_clear_pointer (&change->before_note, g_free);
  g_clear_pointer (&change->before_author, _lk_review_author_free);
}

/* Takes @author, the review's author to show (NULL for none). */
static void
lk_gallery_view_store_review (LkGalleryView *self,
                              LkOutputItem  *item,
                              gpointer       review,
                              const char    *note,
                              ReviewAuthor  *author)
{
  const char *path = lk_output_item_get_path (item);
  const LkOutputFacts *facts = NULL;

  if (self->output_filter != NULL)
    facts = lk_output_filter_lookup_facts (self->output_filter, path);

  if (review != NULL)
    g_hash_table_insert (self->reviews, g_strdup (path), review);
  else
    g_hash_table_remove (self->reviews, path);
  if (note != NULL)
    g_hash_table_insert (self->notes, g_strdup (path), g_strdup (note));
  else
    g_hash_table_remove (self->notes, path);
  if (author != NULL && (review != NULL || note != NULL))
    g_hash_table_insert (self->authors, g_strdup (path), author);
  else
    {
      g_hash_table_remove (self->authors, path);
      _lk_review_author_free (author);
    }

  _lk_gallery_view_show_review (self, item);

  if (self->review_func != NULL)
    self->review_func (item,
                       review ? REVIEW_VERDICT (review) : LK_REVIEW_VERDICT_NONE,
                       review ? REVIEW_RATING (review) : 0,
                       note,
                       facts ? facts->output_id : 0,
                       self->review_data);
}

/* The note is part of the review: a verdict keeps the note, a note keeps the verdict, and
 * undo puts back both as they were. */
void
_lk_gallery_view_note_changed (LkGalleryView *self,
                               const char    *note)
{
  LkOutputItem *item = _lk_gallery_view_get_shown_item (self);
  const char *path;
  ReviewChange change = { 0, };

  if (item == NULL)
    return;

  path = lk_output_item_get_path (item);
  change.item = g_object_ref (item);
  change.before = g_hash_table_lookup (self->reviews, path);
  change.before_note = g_strdup (g_hash_table_lookup (self->notes, path));
  change.before_author = _lk_review_author_copy (g_hash_table_lookup (self->authors, path));
  g_array_set_size (self->undo, 0);
  g_array_append_val (self->undo, change);

  lk_gallery_view_store_review (self, item, change.before, note,
                                lk_gallery_view_dup_local_author (self));
  _lk_gallery_view_update_actions (self);
}

static void
toast_undo_cb (LkGalleryView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "review.undo", NULL);
}

static void
lk_gallery_view_toast (LkGalleryView *self,
                       const char    *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    return;

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  /* The overlay is an ancestor, so the view's own actions are out of its reach. */
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_undo_cb), self,
                           G_CONNECT_SWAPPED);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
_lk_gallery_view_review_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  LkGalleryView *self = LK_GALLERY_VIEW (widget);
  g_autoptr(GPtrArray) items = lk_gallery_view_dup_review_targets (self);
  g_autofree char *title = NULL;
  const char *what;
  guint i;

  if (items->len == 0)
    return;

  g_array_set_size (self->undo, 0);

  for (i = 0; i < items->len; i++)
    {
      LkOutputItem *item = g_ptr_array_index (items, i);
      gpointer before = g_hash_table_lookup (self->reviews, lk_output_item_get_path (item));
      LkReviewVerdict verdict = before ? REVIEW_VERDICT (before) : LK_REVIEW_VERDICT_NONE;
      int rating = before ? REVIEW_RATING (before) : 0;
      const char *note = g_hash_table_lookup (self->notes, lk_output_item_get_path (item));
      ReviewAuthor *author = g_hash_table_lookup (self->authors, lk_output_item_get_path (item));
      ReviewChange change = { g_object_ref (item), before, g_strdup (note),
                              _lk_review_author_copy (author) };

      if (g_str_equal (action_name, "review.approve"))
        verdict = verdict == LK_REVIEW_VERDICT_APPROVED ? LK_REVIEW_VERDICT_NONE
                                                        : LK_REVIEW_VERDICT_APPROVED;
      else if (g_str_equal (action_name, "review.reject"))
        verdict = verdict == LK_REVIEW_VERDICT_REJECTED ? LK_REVIEW_VERDICT_NONE
                                                        : LK_REVIEW_VERDICT_REJECTED;
      else
        rating = CLAMP (g_variant_get_int32 (parameter), 0, 5);

      g_array_append_val (self->undo, change);
      /* A note alone is a review too: the packed value then says "no verdict, no rating". */
      lk_gallery_view_store_review (self, item,
                                    verdict == LK_REVIEW_VERDICT_NONE && rating == 0
                                    && note == NULL ? NULL : REVIEW_PACK (verdict, rating),
                                    note, lk_gallery_view_dup_local_author (self));
    }

  if (g_str_equal (action_name, "review.approve"))
    what = _("Approved");
  else if (g_str_equal (action_name, "review.reject"))
    what = _("Rejected");
  else
    what = _("Rated");

  if (items->len == 1)
    {
      const char *name = lk_output_item_get_basename (g_ptr_array_index (items, 0));

      if (self->review_func == NULL)
        /* Translators: "Approved anime_image_00012_.png — not saved, no catalog connected" */
        title = g_strdup_printf (_("%s %s — not saved, no catalog connected"), what, name);
      else
        /* Translators: "Approved anime_image_00012_.png" */
        title = g_strdup_printf (C_("review toast", "%s %s"), what, name);
    }
  else if (self->review_func == NULL)
    /* Translators: "Approved 3 outputs — not saved, no catalog connected" */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s %u output — not saved, no catalog connected",
                                          "%s %u outputs — not saved, no catalog connected",
                                          items->len),
                             what, items->len);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s %u output", "%s %u outputs",
                                          items->len),
                             what, items->len);
  lk_gallery_view_toast (self, title);
  _lk_gallery_view_update_actions (self);
}

void
_lk_gallery_view_undo_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  LkGalleryView *self = LK_GALLERY_VIEW (widget);
  g_autoptr(GArray) undo = NULL;
  guint i;

  undo = g_steal_pointer (&self->undo);
  self->undo = g_array_new (FALSE, FALSE, sizeof (ReviewChange));
  g_array_set_clear_func (self->undo, _lk_gallery_view_clear_review_change);

  for (i = 0; i < undo->len; i++)
    {
      ReviewChange *change = &g_array_index (undo, ReviewChange, i);

      /* The catalog puts back the earlier review with its own author; so does the view. */
      lk_gallery_view_store_review (self, change->item, change->before, change->before_note,
                                    g_steal_pointer (&change->before_author));
    }

  _lk_gallery_view_update_actions (self);
}

void
lk_gallery_view_set_review (LkGalleryView   *self,
                            const char      *path,
                            LkReviewVerdict  verdict,
                            int              rating,
                            const char      *note,
                            const char      *reviewed_by,
                            GDateTime       *reviewed_at)
{
  LkOutputItem *item = NULL;

  g_return_if_fail (LK_IS_GALLERY_VIEW (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (rating >= 0 && rating <= 5);

  if (note != NULL && *note == '\0')
    note = NULL;
  if (verdict == LK_REVIEW_VERDICT_NONE && rating == 0 && note == NULL)
    g_hash_table_remove (self->reviews, path);
  else
    g_hash_table_insert (self->reviews, g_strdup (path), REVIEW_PACK (verdict, rating));
  if (note != NULL)
    g_hash_table_insert (self->notes, g_strdup (path), g_strdup (note));
  else
    g_hash_table_remove (self->notes, path);
  if (reviewed_by != NULL && g_hash_table_contains (self->reviews, path))
    g_hash_table_insert (self->authors, g_strdup (path),
                         _lk_review_author_new (reviewed_by, reviewed_at));
  else
    g_hash_table_remove (self->authors, path);

  if (self->store != NULL && (item = lk_output_store_find (self->store, path, NULL)))
    _lk_gallery_view_show_review (self, item);
}

void
lk_gallery_view_set_review_handler (LkGalleryView       *self,
                                    LkGalleryReviewFunc  func,
                                    gpointer             user_data,
                                    GDestroyNotify       destroy)
{
  g_return_if_fail (LK_IS_GALLERY_VIEW (self));

  if (self->review_destroy != NULL)
    self->review_destroy (self->review_data);

  self->review_func = func;
  self->review_data = user_data;
  self->review_destroy = destroy;
}

