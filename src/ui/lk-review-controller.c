/* lk-review-controller.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lk-catalog-outputs.h"
#include "lk-file-hash.h"
#include "lk-review-controller.h"

/* One review to store, in the order the artist made them. */
typedef struct
{
  LkOutputItem    *item;
  LkReviewVerdict  verdict;
  int              rating;
  char            *note;
  gint64           output_id;
  char            *hash;
  LkOutputReview  *previous;
} ReviewOp;

struct _LkReviewController
{
  GObject           parent_instance;

  LkGalleryView    *view;       /* weak */
  LkCatalogSession *session;
  LkCatalog        *catalog;    /* the readable catalog, or NULL */
  GCancellable     *cancellable;
  GHashTable       *loaded;     /* paths whose review was asked for */
  GHashTable       *undo;       /* hash → the LkOutputReview replaced last, or NULL */
  GQueue           *ops;        /* ReviewOp, the head being stored */
  gboolean          storing;
};

G_DEFINE_FINAL_TYPE (LkReviewController, lk_review_controller, G_TYPE_OBJECT)

static void lk_review_controller_next (LkReviewController *self);

static void
review_op_free (ReviewOp *op)
{
  g_clear_object (&op->item);
  g_clear_pointer (&op->hash, g_free);
  g_clear_pointer (&op->note, g_free);
  g_clear_pointer (&op->previous, lk_output_review_free);
  g_free (op);
}

static void
lk_review_controller_toast (LkReviewController *self,
                            const char         *title)
{
  GtkWidget *overlay;
  AdwToast *toast;

  if (self->view == NULL)
    return;
  if (!(overlay = gtk_widget_get_ancestor (GTK_WIDGET (self->view), ADW_TYPE_TOAST_OVERLAY)))
    return;

  toast = adw_toast_new (title);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
lk_review_controller_fail (LkReviewController *self,
                           LkOutputItem       *item,
                           const char         *message)
{
  g_autofree char *title = NULL;

  /* Translators: "Could not save the review of anime_image_00012_.png: <reason>" */
  title = g_strdup_printf (_("Could not save the review of %s: %s"),
                           lk_output_item_get_basename (item), message);
  lk_review_controller_toast (self, title);
}

static void
lk_review_controller_op_done (LkReviewController *self)
{
  review_op_free (g_queue_pop_head (self->ops));
  self->storing = FALSE;
  lk_review_controller_next (self);
}

static void
replace_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LkReviewController) self = user_data;
  ReviewOp *op = g_queue_peek_head (self->ops);
  LkOutputReview *previous = NULL;
  g_autoptr(GError) error = NULL;

  if (!lk_catalog_replace_review_finish (LK_CATALOG (object), result, &previous, &error))
    lk_review_controller_fail (self, op->item, error->message);
  else
    g_hash_table_insert (self->undo, g_strdup (op->hash), previous);

  lk_review_controller_op_done (self);
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LkReviewController) self = user_data;
  ReviewOp *op = g_queue_peek_head (self->ops);
  g_autoptr(GError) error = NULL;

  if (!lk_catalog_restore_review_finish (LK_CATALOG (object), result, &error))
    lk_review_controller_fail (self, op->item, error->message);

  lk_review_controller_op_done (self);
}

/* Whether @op puts back the review its file had before the last one stored: that is the
 * gallery's undo, and the earlier review comes back with its reviewer and time. */
static gboolean
review_op_is_undo (ReviewOp             *op,
                   const LkOutputReview *previous)
{
  if (previous == NULL)
    return op->verdict == LK_REVIEW_VERDICT_NONE && op->rating == 0 && op->note == NULL;

  return op->verdict == previous->verdict && op->rating == previous->rating
         && g_strcmp0 (op->note, previous->note) == 0;
}

static void
hash_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LkReviewController) self = user_data;
  ReviewOp *op = g_queue_peek_head (self->ops);
  g_autoptr(GError) error = NULL;
  gpointer key;
  gpointer previous;

  if (!(op->hash = lk_file_sha256_finish (result, &error)))
    {
      lk_review_controller_fail (self, op->item, error->message);
      lk_review_controller_op_done (self);
      return;
    }

  if (self->catalog == NULL)
    {
      lk_review_controller_fail (self, op->item, _("the catalog is not connected"));
      lk_review_controller_op_done (self);
      return;
    }

  if (g_hash_table_lookup_extended (self->undo, op->hash, &key, &previous)
      && review_op_is_undo (op, previous))
    {
      g_hash_table_steal (self->undo, op->hash);
      g_free (key);
      op->previous = previous;
      lk_catalog_restore_review_async (self->catalog, op->hash, op->previous, NULL,
                                       restore_cb, g_object_ref (self));
    }
  else
    lk_catalog_replace_review_async (self->catalog, op->hash, op->output_id, op->verdict,
                                     op->rating, op->note, NULL, NULL, replace_cb,
                                     g_object_ref (self));
}

static void
lk_review_controller_next (LkReviewController *self)
{
  ReviewOp *op;
  g_autoptr(GFile) file = NULL;

  if (self->storing || !(op = g_queue_peek_head (self->ops)))
    return;

  self->storing = TRUE;
  /* Saves are not cancelled: a review made just before the window closes is still kept. */
  file = g_file_new_for_path (lk_output_item_get_path (op->item));
  lk_file_sha256_async (file, NULL, hash_cb, g_object_ref (self));
}

static void
review_func (LkOutputItem    *item,
             LkReviewVerdict  verdict,
             int              rating,
             const char      *note,
             gint64           output_id,
             gpointer         user_data)
{
  LkReviewController *self = user_data;
  ReviewOp *op = g_new0 (ReviewOp, 1);

  op->item = g_object_ref (item);
  op->verdict = verdict;
  op->rating = rating;
  op->note = g_strdup (note);
  op->output_id = output_id;
  g_queue_push_tail (self->ops, op);
  lk_review_controller_next (self);
}

/* Loading the stored review of a shown output */

typedef struct
{
  LkReviewController *self;
  LkCatalog          *catalog;
  char               *path;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->catalog);
  g_clear_pointer (&data->path, g_free);
  g_free (data);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

static gboolean
lk_review_controller_is_storing (LkReviewController *self,
                                 const char         *path)
{
  GList *l;

  for (l = self->ops->head; l != NULL; l = l->next)
    {
      ReviewOp *op = l->data;

      if (g_str_equal (lk_output_item_get_path (op->item), path))
        return TRUE;
    }

  return FALSE;
}

static void
get_review_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  LkReviewController *self = data->self;
  g_autoptr(LkOutputReview) review = NULL;
  g_autoptr(GError) error = NULL;

  if (!lk_catalog_get_review_finish (LK_CATALOG (object), result, &review, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Could not read the review of %s: %s", data->path, error->message);
      g_hash_table_remove (self->loaded, data->path);
      return;
    }

  /* A review the artist is making now wins over the one read before it. */
  if (review == NULL || self->view == NULL || lk_review_controller_is_storing (self, data->path))
    return;

  lk_gallery_view_set_review (self->view, data->path, review->verdict,
                              CLAMP (review->rating, 0, 5), review->note, review->reviewed_by,
                              review->reviewed_at);
}

static void
load_hash_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autofree char *hash = NULL;
  g_autoptr(GError) error = NULL;
  LkCatalog *catalog;
  GCancellable *cancellable;

  if (!(hash = lk_file_sha256_finish (result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not hash %s: %s", data->path, error->message);
      return;
    }

  /* The arguments are read before @data is handed over: C leaves their order open. */
  catalog = data->catalog;
  cancellable = data->self->cancellable;
  lk_catalog_get_review_async (catalog, hash, cancellable, get_review_cb,
                               g_steal_pointer (&data));
}

static void
item_shown_cb (LkReviewController *self,
               LkOutputItem       *item)
{
  g_autoptr(GFile) file = NULL;
  LoadData *data;
  const char *path = lk_output_item_get_path (item);

  if (self->catalog == NULL || g_hash_table_contains (self->loaded, path))
    return;

  g_hash_table_add (self->loaded, g_strdup (path));
  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->catalog = g_object_ref (self->catalog);
  data->path = g_strdup (path);
  file = g_file_new_for_path (path);
  lk_file_sha256_async (file, self->cancellable, load_hash_cb, data);
}

static void
lk_review_controller_update (LkReviewController *self)
{
  LkCatalogSessionState state = lk_catalog_session_get_state (self->session);
  LkCatalog *catalog = NULL;
  gboolean writable = state == LK_CATALOG_SESSION_STATE_CONNECTED;

  if (writable || state == LK_CATALOG_SESSION_STATE_READ_ONLY)
    catalog = lk_catalog_session_get_catalog (self->session);

  if (g_set_object (&self->catalog, catalog))
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      g_hash_table_remove_all (self->loaded);
      g_hash_table_remove_all (self->undo);
    }

  if (self->view == NULL)
    return;

  lk_gallery_view_set_review_handler (self->view, writable && catalog ? review_func : NULL,
                                      self, NULL);
  lk_gallery_view_set_catalog (self->view, catalog);
}

static void
lk_review_controller_dispose (GObject *object)
{
  LkReviewController *self = (LkReviewController *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->view, self);
      lk_gallery_view_set_review_handler (self->view, NULL, NULL, NULL);
    }
  g_clear_weak_pointer (&self->view);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lk_review_controller_parent_class)->dispose (object);
}

static void
lk_review_controller_finalize (GObject *object)
{
  LkReviewController *self = (LkReviewController *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->loaded, g_hash_table_unref);
  g_clear_pointer (&self->undo, g_hash_table_unref);
  g_queue_free_full (self->ops, (GDestroyNotify)review_op_free);

  G_OBJECT_CLASS (lk_review_controller_parent_class)->finalize (object);
}

static void
lk_review_controller_class_init (LkReviewControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lk_review_controller_dispose;
  object_class->finalize = lk_review_controller_finalize;
}

static void
lk_review_controller_init (LkReviewController *self)
{
  self->cancellable = g_cancellable_new ();
  self->loaded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->undo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify)lk_output_review_free);
  self->ops = g_queue_new ();
}

LkReviewController *
lk_review_controller_new (LkGalleryView    *view,
                          LkCatalogSession *session)
{
  LkReviewController *self;

  g_return_val_if_fail (LK_IS_GALLERY_VIEW (view), NULL);
  g_return_val_if_fail (LK_IS_CATALOG_SESSION (session), NULL);

  self = g_object_new (LK_TYPE_REVIEW_CONTROLLER, NULL);
  g_set_weak_pointer (&self->view, view);
  self->session = g_object_ref (session);

  g_signal_connect_object (view, "item-shown", G_CALLBACK (item_shown_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::state",
                           G_CALLBACK (lk_review_controller_update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::catalog",
                           G_CALLBACK (lk_review_controller_update), self, G_CONNECT_SWAPPED);
  lk_review_controller_update (self);

  return self;
}
